package org.interphase.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.interphase.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NanoScope v9-style files written by the test: 32-bit samples, a modulus channel, force-only headers. */
class NanoscopeSyntheticTest {

	@TempDir
	Path dir;

	private static String header(int offset, String extra) {
		return "\\*File list\r\n\\Version: 0x09300201\r\n\\Data length: " + offset + "\r\n"
			+ "\\*Scanner list\r\n\\@Sens. ZsensSens: V 25.0 nm/V\r\n"
			+ "\\*Ciao scan list\r\n\\@Sens. DMTModulus: V 2.0 MPa/V\r\n" + extra + "\\*File list end\r\n";
	}

	private static String image(int offset, String quoted, String sens, double hard, String hardUnit) {
		return "\\*Ciao image list\r\n\\Data offset: " + offset + "\r\n\\Data length: " + (4 * 3 * 2) + "\r\n\\Bytes/pixel: 4\r\n"
			+ "\\Samps/line: 3\r\n\\Number of lines: 2\r\n\\Scan Size: 300 200 nm\r\n"
			+ "\\@2:Image Data: S [X] \"" + quoted + "\"\r\n\\@2:Z scale: V [" + sens + "] (1e-9 V/LSB) " + hard + " " + hardUnit + "\r\n";
	}

	private Path write(String header, int offset, int[][] channels) throws IOException {
		ByteBuffer b = ByteBuffer.allocate(offset + channels.length * 24).order(ByteOrder.LITTLE_ENDIAN);
		byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
		b.put(h);
		for (int c = 0; c < channels.length; c++) {
			b.position(offset + 24 * c);
			for (int v : channels[c])
				b.putInt(v);
		}
		Path f = dir.resolve("synthetic.spm");
		Files.write(f, b.array());
		return f;
	}

	/** 32-bit: value = raw × hard / 2^32 × sens; rows stored bottom-first; modulus MPa/V → MPa. */
	@Test
	void thirtyTwoBitHeightAndModulus() throws IOException {
		int off = 4096;
		String hdr = header(off, image(off, "Height Sensor", "Sens. ZsensSens", 4.294967296, "V") + image(off + 24, "DMTModulus", "Sens. DMTModulus", 42.94967296, "V"));
		int[] raw = { 1_000_000, 2_000_000, 3_000_000, -1_000_000, -2_000_000, -3_000_000 };
		Path f = write(hdr, off, new int[][] { raw, raw });
		assertTrue(AfmImporter.accepts(f));
		AfmImage im = AfmImporter.read(f);
		AfmImage.Channel h = im.channel("Height Sensor"), m = im.channel("DMTModulus");
		assertEquals("nm", h.unit);
		assertEquals("MPa", m.unit);
		assertEquals(3, h.width);
		assertEquals(2, h.height);
		assertEquals(0.1, h.pixelWidth, 1e-12, "300 nm / 3 px = 0.1 µm");
		assertEquals(0.1, h.pixelHeight, 1e-12, "200 nm / 2 lines");
		double perLsb = 4.294967296 / Math.pow(2, 32) * 25.0; // 2.5e-8 nm
		// stored first row (raw[0..2]) is the bottom row
		assertEquals(raw[0] * perLsb, h.data[3], 1e-6 * Math.abs(raw[0] * perLsb));
		assertEquals(raw[3] * perLsb, h.data[0], 1e-6 * Math.abs(raw[3] * perLsb));
		assertEquals(raw[2] * 42.94967296 / Math.pow(2, 32) * 2.0, m.data[5], 1e-6);
	}

	/** A force-only header (no \*Ciao image list) is not an image file. */
	@Test
	void forceOnlyRefused() throws IOException {
		String hdr = "\\*Force file list\r\n\\Version: 0x09300201\r\n\\Data length: 1024\r\n\\*Ciao force image list\r\n\\Data offset: 1024\r\n\\*File list end\r\n";
		Path f = dir.resolve("curve.001");
		Files.write(f, java.util.Arrays.copyOf(hdr.getBytes(StandardCharsets.ISO_8859_1), 2048));
		assertFalse(AfmImporter.accepts(f));
		assertThrows(InvalidInputException.class, () -> AfmImporter.read(f));
	}

	/** A truncated file ends with a one-line message naming the file. */
	@Test
	void truncated() throws IOException {
		int off = 4096;
		String hdr = header(off, image(off, "Height", "Sens. ZsensSens", 4.294967296, "V"));
		Path f = dir.resolve("short.spm");
		Files.write(f, hdr.getBytes(StandardCharsets.ISO_8859_1));
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> AfmImporter.read(f));
		assertTrue(e.getMessage().contains("short.spm") && e.getMessage().contains("truncated"), e.getMessage());
	}
}
