package org.interphase.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.interphase.core.Progress;
import org.interphase.core.afm.ForceCurve;
import org.interphase.core.afm.ForceMap;
import org.interphase.core.afm.IndentationFit;
import org.interphase.core.afm.IndentationModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NanoScope force reader on the real sapphire curve and on a force volume written here. */
class NanoscopeForceReaderTest {

	static final Path SAPPHIRE = RealData.path("force/bruker-forcecurve-sapphire-tap525.001");

	@Test
	void sapphireCurveScaling() {
		Assumptions.assumeTrue(Files.exists(SAPPHIRE), "shared data absent: " + SAPPHIRE);
		ForceMap m = ForceFiles.read(SAPPHIRE);
		ForceCurve c = m.curves[0];
		assertEquals(512, c.approachZ.length);
		assertEquals(512, c.retractZ.length);
		// header: Spring Constant 90 N/m, \@Sens. DeflSens 72.76923 nm/V, ramp 16.72241 V × 35.88 nm/V
		assertEquals(90, c.springConstant, 0);
		assertEquals(72.76923, c.deflectionSensitivity, 1e-9);
		assertEquals(16.72241 * 35.88, c.approachZ[511], 1e-6);
		// first stored sample (the turning point) is raw 537: 537 × 0.000375 V × 72.76923 nm/V × 90 N/m
		assertEquals(537 * 0.000375 * 72.76923 * 90, c.approachForce[511], 1e-6);
		assertEquals(c.approachForce[511], c.approachForce[511], 0);
		assertTrue(c.approachForce[511] > 1000 && c.approachForce[0] < 0, "approach ends in contact at > 1 µN");
		assertEquals("8", m.metadata.get("tip radius (file) nm"));
	}

	/**
	 * Sapphire (E ≈ 345 GPa) is far stiffer than a 90 N/m lever can indent: the indentation is within
	 * the noise, so the modulus is only "at the top of the range": finite and above 1 GPa.
	 */
	@Test
	void sapphireIsAtTheTopOfTheRange() {
		Assumptions.assumeTrue(Files.exists(SAPPHIRE), "shared data absent: " + SAPPHIRE);
		ForceMap m = ForceFiles.read(SAPPHIRE);
		IndentationFit.Settings s = new IndentationFit.Settings();
		s.model = IndentationModel.HERTZ_SPHERE;
		s.tipRadius = 8;
		s.poisson = 0.3;
		IndentationFit.MapResult r = IndentationFit.fitMap(m, s, Progress.NONE);
		assertEquals(IndentationFit.Status.OK, r.status[0]);
		assertTrue(r.modulus[0] > 1e9 && Double.isFinite(r.modulus[0]), "E = " + r.modulus[0]);
		assertTrue(r.contact[0] > 0.9 * 600, "contact in the last 10 % of the ramp: " + r.contact[0]);
	}

	/** A 3×2 force volume (int16, 8 + 8 samples) written in the header layout the reader expects. */
	@Test
	void forceVolumeLayout(@TempDir Path tmp) throws IOException {
		int w = 3, h = 2, n = 8, headerSize = 4096;
		String header = "\\*Force file list\r\n\\Version: 0x08150308\r\n\\*Ciao scan list\r\n\\Operating mode: Force Volume\r\n"
			+ "\\@Sens. Zsens: V 20.0 nm/V\r\n\\@Sens. DeflSens: V 50.0 nm/V\r\n"
			+ "\\*Ciao image list\r\n\\Samps/line: 3\r\n\\Number of lines: 2\r\n\\Scan Size: 3 3 ~m\r\n"
			+ "\\*Ciao force image list\r\n\\Data offset: " + headerSize + "\r\n\\Data length: " + (w * h * 2 * n * 2) + "\r\n\\Bytes/pixel: 2\r\n"
			+ "\\Samps/line: 8 8\r\n\\Spring Constant: 0.5\r\n\\@4:Image Data: S [DeflectionError] \"Deflection Error\"\r\n"
			+ "\\@4:Z scale: V [Sens. DeflSens] (0.001 V/LSB) 2.5 V\r\n\\@4:Ramp size: V [Sens. Zsens] (0.004 V/LSB) 7.0 V\r\n"
			+ "\\*File list end\r\n";
		ByteBuffer b = ByteBuffer.allocate(headerSize + w * h * 2 * n * 2).order(ByteOrder.LITTLE_ENDIAN);
		b.put(header.getBytes(StandardCharsets.ISO_8859_1));
		for (int c = 0; c < w * h; c++)
			for (int i = 0; i < 2 * n; i++)
				b.putShort(headerSize + (c * 2 * n + i) * 2, (short) (c * 100 + i));
		Path f = tmp.resolve("fv.001");
		Files.write(f, b.array());
		ForceMap m = ForceFiles.read(f);
		assertEquals(3, m.width);
		assertEquals(2, m.height);
		assertEquals(1.0, m.pixelSize, 1e-12);
		double lsb = 0.001 * 50 * 0.5;
		// stored curve 0 is the bottom-left cell (rows bottom-first): approach reversed in time
		ForceCurve c0 = m.curves[(h - 1) * w];
		assertEquals(7 * lsb, c0.approachForce[0], 1e-12);
		assertEquals(0, c0.approachForce[7], 1e-12);
		assertEquals(8 * lsb, c0.retractForce[0], 1e-12);
		assertEquals(140, c0.approachZ[7], 1e-9);
		assertEquals(140, c0.retractZ[0], 1e-9);
		ForceCurve c4 = m.curves[1];
		assertEquals(400 * lsb, c4.approachForce[7], 1e-12);
	}
}
