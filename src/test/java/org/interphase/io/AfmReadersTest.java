package org.interphase.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.interphase.core.InvalidInputException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The AFM image readers on the real files (test-images/real/afm, else ../shared/data/afm; skipped when absent). */
class AfmReadersTest {

	private static Path file(String name) {
		return RealData.require("afm/" + name);
	}

	private static double[] range(float[] d) {
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (float v : d) {
			lo = Math.min(lo, v);
			hi = Math.max(hi, v);
		}
		return new double[] { lo, hi };
	}

	private static short rawInt16(Path f, long offset) throws IOException {
		byte[] b = Files.readAllBytes(f);
		return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort((int) offset);
	}

	/**
	 * NanoScope v5.12, 512², 2 µm, Height + Amplitude. The header says
	 * {@code \@2:Z scale: V [Sens. Zscan] (0.006693481 V/LSB) 438.6572 V} and
	 * {@code \@Sens. Zscan: V 12.95302 nm/V}: 438.6572 / 65536 × 12.95302 = 0.086700 nm per LSB.
	 * Why that is the right scale: the soft scale's unit is nm/V, and the full int16 range (65536
	 * LSB) then spans 438.66 V × 12.953 nm/V = 5.68 µm, which is the scanner's Z travel the header
	 * itself gives as {@code \@1:Z limit: 438.6677 V} of Sens. Zscan; a topography recorded on a
	 * 2 µm scan uses a small part of that travel, so its span must lie between tens of nm and a few
	 * µm (it is ≈ 332 nm here, mostly tilt: the header's Plane fit is non-zero).
	 */
	@Test
	void nanoscope512() throws IOException {
		Path f = file("nanoscope-v512-512px.spm");
		assertTrue(AfmImporter.accepts(f));
		AfmImage im = AfmImporter.read(f);
		assertEquals(2, im.channels.size());
		AfmImage.Channel h = im.channel("Height"), a = im.channel("Amplitude");
		assertNotNull(h);
		assertNotNull(a);
		assertEquals("nm", h.unit);
		assertEquals("V", a.unit, "Sens. Amplitude has no unit: the hard-scale unit V remains");
		assertEquals(512, h.width);
		assertEquals(512, h.height);
		assertEquals(2.0 / 512, h.pixelWidth, 1e-12);
		assertEquals(2.0 / 512, h.pixelHeight, 1e-12);
		double perLsb = 438.6572 / 65536 * 12.95302;
		assertEquals(65536 * perLsb, 438.6677 * 12.95302, 0.001 * 65536 * perLsb, "full scale = Z limit × Zsens");
		// rows bottom-first: the first stored sample is the bottom-left pixel
		short first = rawInt16(f, 40960);
		assertEquals(first * perLsb, h.data[511 * 512], 1e-4 * Math.abs(first * perLsb) + 1e-6);
		double[] r = range(h.data);
		double span = r[1] - r[0];
		assertTrue(span > 20 && span < 3000, "height span " + span + " nm");
		assertTrue(h.scaling.contains("12.95302") && h.scaling.contains("438.6572"), h.scaling);
		double[] ra = range(a.data);
		assertTrue(ra[1] - ra[0] < 0.2166748, "amplitude within its full scale of 0.217 V");
	}

	/** NanoScope v5.31 (TopoStats test file): one Height channel, 256², 15 µm; 439.9866/65536 × 15.068 nm/V = 0.10116 nm/LSB. */
	@Test
	void nanoscopeTopostats() throws IOException {
		Path f = file("topostats-old_bruker.002");
		AfmImage im = AfmImporter.read(f);
		assertEquals(1, im.channels.size());
		AfmImage.Channel h = im.channels.get(0);
		assertEquals("Height", h.name);
		assertEquals("nm", h.unit);
		assertEquals(256, h.width);
		assertEquals(256, h.height);
		assertEquals(15.0 / 256, h.pixelWidth, 1e-12);
		double perLsb = 439.9866 / 65536 * 15.068;
		short first = rawInt16(f, 40960);
		assertEquals(first * perLsb, h.data[255 * 256], 1e-4 * Math.abs(first * perLsb) + 1e-6);
		double[] r = range(h.data);
		// full scale 65536 LSB = 6.63 µm of Z travel; a 15 µm scan of deposited material spans hundreds of nm
		assertTrue(r[1] - r[0] > 50 && r[1] - r[0] < 6630, "span " + (r[1] - r[0]));
	}

	/** Veeco NanoScope: Height and Amplitude, 512², 1.76908 µm; Height 41.60368/65536 × 7 nm/V = 0.004444 nm/LSB, so ≤ 291 nm full scale. */
	@Test
	void nanoscopeVeeco() {
		AfmImage im = AfmImporter.read(file("veeco-20160622.003"));
		assertEquals(2, im.channels.size());
		AfmImage.Channel h = im.channel("Height");
		assertEquals("nm", h.unit);
		assertEquals(512, h.width);
		assertEquals(1.76908 / 512, h.pixelWidth, 1e-12);
		double[] r = range(h.data);
		assertTrue(r[1] - r[0] > 5 && r[1] - r[0] <= 41.60368 * 7 + 1e-3, "span " + (r[1] - r[0]) + " nm within the 291 nm full scale");
		assertEquals("V", im.channel("Amplitude").unit);
	}

	/** A Bruker force-curve file shares the numbered extension but lists no image: refused by the image importer. */
	@Test
	void forceFileIsNotAnImage() {
		Path f = RealData.path("force/bruker-forcecurve-sapphire-tap525.001");
		Assumptions.assumeTrue(Files.exists(f), "shared data absent: " + f);
		assertFalse(AfmImporter.accepts(f));
		assertThrows(InvalidInputException.class, () -> AfmImporter.read(f));
	}

	/**
	 * Gwyddion file in the old GWYO serialization: one 300×300 data field, xreal 80 µm. Its unit
	 * strings carry prefixes ("nm", "µm") that Gwyddion drops (values are in metres: xreal is
	 * 8.0e-5), so heights are converted from m; the chip's topography then spans a few µm.
	 */
	@Test
	void gwyddion() {
		AfmImage im = AfmImporter.read(file("gwyddion-chip.gwy"));
		assertEquals(1, im.channels.size());
		AfmImage.Channel c = im.channels.get(0);
		assertEquals(300, c.width);
		assertEquals(300, c.height);
		assertEquals("nm", c.unit);
		assertEquals(80.0, c.pixelWidth * c.width, 0.5, "scan size in µm");
		double[] r = range(c.data);
		assertTrue(r[1] - r[0] > 100 && r[1] - r[0] < 50000, "span " + (r[1] - r[0]) + " nm");
	}

	/** Asylum AR file: 4 channels 128², sfA 3.1496e-8 m (4.03 µm image); heights m → nm; phase in degrees; rows flipped. */
	@Test
	void asylumAr() throws IOException {
		Path f = file("asylum-AR_20211011.ibw");
		AfmImage im = AfmImporter.read(f);
		assertEquals("HeightRetrace, AmplitudeRetrace, PhaseRetrace, ZSensorRetrace", im.names());
		AfmImage.Channel h = im.channel("HeightRetrace");
		assertEquals(128, h.width);
		assertEquals(128, h.height);
		assertEquals("nm", h.unit);
		assertEquals(4.03, h.pixelWidth * h.width, 0.005);
		float first = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN).getFloat(384);
		assertEquals(first * 1e9, h.data[127 * 128], 1e-3 * Math.abs(first * 1e9), "first stored value = bottom-left pixel, in nm");
		double[] r = range(h.data);
		assertTrue(r[1] - r[0] > 5 && r[1] - r[0] < 1000, "height span " + (r[1] - r[0]) + " nm");
		assertEquals("deg", im.channel("PhaseRetrace").unit);
	}

	/** Asylum PFM file: 5 channels 256², 2 µm scan (sfA 7.843e-9 m). */
	@Test
	void asylumPfm() {
		AfmImage im = AfmImporter.read(file("asylum-P0089OP0027.ibw"));
		assertEquals(5, im.channels.size());
		assertEquals("HeightRetrace, AmplitudeRetrace, DeflectionRetrace, PhaseRetrace, UserIn0Retrace", im.names());
		AfmImage.Channel h = im.channels.get(0);
		assertEquals(256, h.width);
		assertEquals(7.843137254901961e-3, h.pixelWidth, 1e-9);
		assertEquals("V", im.channel("UserIn0Retrace").unit);
	}
}
