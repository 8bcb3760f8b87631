package org.interphase.cli.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes NumPy {@code .npy} files (format 1.0, little-endian, C order), so that bench/peers.py
 * reads the bench inputs and our results with {@code numpy.load} and nothing else.
 */
final class Npy {

	private Npy() {}

	private static OutputStream open(Path file, String descr, int... shape) throws IOException {
		String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
		String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + (shape.length == 1 ? "," : "") + "), }";
		int total = 10 + dict.length() + 1;
		int pad = (64 - total % 64) % 64;
		StringBuilder header = new StringBuilder(dict);
		for (int i = 0; i < pad; i++)
			header.append(' ');
		header.append('\n');
		OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
		out.write(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0 });
		int len = header.length();
		out.write(new byte[] { (byte) (len & 0xFF), (byte) (len >>> 8) });
		out.write(header.toString().getBytes(StandardCharsets.US_ASCII));
		return out;
	}

	/** Float32 slices of equal length as an array of shape (slices, height, width). */
	static void float32(Path file, float[][] slices, int height, int width) throws IOException {
		try (OutputStream out = open(file, "<f4", slices.length, height, width)) {
			ByteBuffer b = ByteBuffer.allocate(4 * width * height).order(ByteOrder.LITTLE_ENDIAN);
			for (float[] s : slices) {
				b.clear();
				b.asFloatBuffer().put(s, 0, width * height);
				out.write(b.array());
			}
		}
	}

	/** Float64 values as an array of the given shape (row-major). */
	static void float64(Path file, double[] values, int... shape) throws IOException {
		try (OutputStream out = open(file, "<f8", shape)) {
			ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
			b.asDoubleBuffer().put(values);
			out.write(b.array());
		}
	}

	/** Int32 values as a 1-D array. */
	static void int32(Path file, int[] values) throws IOException {
		try (OutputStream out = open(file, "<i4", values.length)) {
			ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
			b.asIntBuffer().put(values);
			out.write(b.array());
		}
	}
}
