package org.interphase.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .npy files bench --compare hands to NumPy: header as numpy.load expects it, data in C order. */
class NpyTest {

	@TempDir
	Path tmp;

	private static String header(byte[] b) {
		int len = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
		return new String(b, 10, len, StandardCharsets.US_ASCII);
	}

	@Test
	void float32StackHasShapeSlicesHeightWidth() throws IOException {
		Path f = tmp.resolve("s.npy");
		Npy.float32(f, new float[][] { { 1, 2, 3, 4, 5, 6 }, { 7, 8, 9, 10, 11, 12 } }, 2, 3);
		byte[] b = Files.readAllBytes(f);
		assertEquals((byte) 0x93, b[0]);
		assertEquals("NUMPY", new String(b, 1, 5, StandardCharsets.US_ASCII));
		assertEquals(1, b[6], "format 1.0");
		String h = header(b);
		assertTrue(h.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2, 3), }"), h);
		assertTrue(h.endsWith("\n"));
		int data = 10 + h.length();
		assertEquals(0, data % 64, "data starts on a 64-byte boundary");
		assertEquals(data + 12 * 4, b.length);
		ByteBuffer bb = ByteBuffer.wrap(b, data, 12 * 4).order(ByteOrder.LITTLE_ENDIAN);
		for (int i = 1; i <= 12; i++)
			assertEquals(i, bb.getFloat(), 0);
	}

	@Test
	void oneDimensionalShapeHasATrailingComma() throws IOException {
		Path f = tmp.resolve("v.npy");
		Npy.int32(f, new int[] { -1, 2, 3 });
		String h = header(Files.readAllBytes(f));
		assertTrue(h.contains("'descr': '<i4'") && h.contains("'shape': (3,)"), h);
		Npy.float64(f, new double[] { 0.5, 1.5 }, 1, 2);
		byte[] b = Files.readAllBytes(f);
		h = header(b);
		assertTrue(h.contains("'descr': '<f8'") && h.contains("'shape': (1, 2)"), h);
		assertEquals(1.5, ByteBuffer.wrap(b, 10 + h.length() + 8, 8).order(ByteOrder.LITTLE_ENDIAN).getDouble(), 0);
	}
}
