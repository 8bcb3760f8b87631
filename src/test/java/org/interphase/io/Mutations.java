package org.interphase.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Byte-level edits of test files: truncation, flips, header text, TIFF tags, zip properties, HDF5 shapes. Inputs are never modified. */
final class Mutations {

	private Mutations() {}

	static byte[] truncate(byte[] b, double fraction) {
		int n = (int) Math.max(0, Math.min(b.length - 1, Math.floor(b.length * fraction)));
		byte[] out = new byte[n];
		System.arraycopy(b, 0, out, 0, n);
		return out;
	}

	static byte[] flip(byte[] b, int at, int value) {
		byte[] out = b.clone();
		out[at] = (byte) (value == (b[at] & 0xff) ? value ^ 0xff : value);
		return out;
	}

	/** Replaces the first occurrence of {@code regex} group 1 (Latin-1 text) with {@code value}; null when absent. */
	static byte[] replaceText(byte[] b, String regex, String value) {
		String s = new String(b, StandardCharsets.ISO_8859_1);
		Matcher m = Pattern.compile(regex).matcher(s);
		if (!m.find()) return null;
		String out = s.substring(0, m.start(1)) + value + s.substring(m.end(1));
		return out.getBytes(StandardCharsets.ISO_8859_1);
	}

	/** As {@link #replaceText} but keeps the file length: the value is padded with spaces (or the edit refused when longer). */
	static byte[] replaceTextSameLength(byte[] b, String regex, String value) {
		String s = new String(b, StandardCharsets.ISO_8859_1);
		Matcher m = Pattern.compile(regex).matcher(s);
		if (!m.find()) return null;
		int len = m.end(1) - m.start(1);
		if (value.length() > len) return replaceText(b, regex, value);
		StringBuilder v = new StringBuilder(value);
		while (v.length() < len)
			v.append(' ');
		byte[] out = b.clone();
		byte[] vb = v.toString().getBytes(StandardCharsets.ISO_8859_1);
		System.arraycopy(vb, 0, out, m.start(1), vb.length);
		return out;
	}

	/** Start and end of the numbers in the first {@code limit} bytes (a text header). */
	static List<int[]> numbers(byte[] b, int limit) {
		String s = new String(b, 0, Math.min(limit, b.length), StandardCharsets.ISO_8859_1);
		Matcher m = Pattern.compile("(?<![\\w.])[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?(?![\\w.])").matcher(s);
		List<int[]> out = new ArrayList<>();
		while (m.find())
			out.add(new int[] { m.start(), m.end() });
		return out;
	}

	static byte[] replaceRange(byte[] b, int start, int end, String value) {
		byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
		byte[] out = new byte[b.length - (end - start) + v.length];
		System.arraycopy(b, 0, out, 0, start);
		System.arraycopy(v, 0, out, start, v.length);
		System.arraycopy(b, end, out, start + v.length, b.length - end);
		return out;
	}

	// ---------------------------------------------------------------- TIFF

	/** Sets the (inline) value of {@code tag} in the first IFD; null when the tag is absent or not inline. */
	static byte[] tiffTag(byte[] b, int tag, long value) {
		ByteBuffer bb = ByteBuffer.wrap(b.clone());
		bb.order(b[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
		int ifd = bb.getInt(4);
		int n = bb.getShort(ifd) & 0xffff;
		for (int e = 0; e < n; e++) {
			int at = ifd + 2 + 12 * e;
			if ((bb.getShort(at) & 0xffff) != tag) continue;
			int type = bb.getShort(at + 2) & 0xffff;
			long count = bb.getInt(at + 4) & 0xffffffffL;
			if (type == 3 && count <= 2) {
				if (value > 0xffff) {
					bb.putShort(at + 2, (short) 4); // widen to LONG
					bb.putInt(at + 8, (int) value);
				} else bb.putShort(at + 8, (short) value);
			} else if (type == 4 && count == 1) bb.putInt(at + 8, (int) value);
			else return null;
			return bb.array();
		}
		return null;
	}

	// ---------------------------------------------------------------- zip (JPK)

	/** Rewrites a zip, passing every .properties entry's text through {@code edit}. */
	static byte[] zipProperties(Path zip, UnaryOperator<String> edit, String onlyEntry) throws IOException {
		ByteArrayOutputStream bos = new ByteArrayOutputStream();
		try (ZipFile z = new ZipFile(zip.toFile()); ZipOutputStream out = new ZipOutputStream(bos)) {
			Enumeration<? extends ZipEntry> en = z.entries();
			while (en.hasMoreElements()) {
				ZipEntry e = en.nextElement();
				byte[] data;
				try (InputStream in = z.getInputStream(e)) {
					data = in.readAllBytes();
				}
				if (e.getName().endsWith(".properties") && (onlyEntry == null || e.getName().equals(onlyEntry)))
					data = edit.apply(new String(data, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
				out.putNextEntry(new ZipEntry(e.getName()));
				out.write(data);
				out.closeEntry();
			}
		}
		return bos.toByteArray();
	}

	/** Sets every property whose key ends with {@code keySuffix} to {@code value}. */
	static UnaryOperator<String> setProperty(String keySuffix, String value) {
		return text -> text.replaceAll("(?m)^([^#=\\r\\n]*" + Pattern.quote(keySuffix) + ")=.*$", "$1=" + Matcher.quoteReplacement(value));
	}

	// ---------------------------------------------------------------- HDF5

	/** Replaces the first occurrence of {@code dims} stored as 8-byte little-endian numbers; null when absent. */
	static byte[] hdf5Dims(byte[] b, long[] dims, long[] replacement) {
		ByteBuffer find = ByteBuffer.allocate(8 * dims.length).order(ByteOrder.LITTLE_ENDIAN);
		for (long d : dims)
			find.putLong(d);
		byte[] pattern = find.array();
		outer: for (int i = 0; i + pattern.length <= b.length; i++) {
			for (int j = 0; j < pattern.length; j++)
				if (b[i + j] != pattern[j]) continue outer;
			byte[] out = b.clone();
			ByteBuffer w = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
			for (int k = 0; k < replacement.length; k++)
				w.putLong(i + 8 * k, replacement[k]);
			return out;
		}
		return null;
	}

	static Path write(Path dir, String name, byte[] content) throws IOException {
		Files.createDirectories(dir);
		Path f = dir.resolve(name);
		Files.write(f, content);
		return f;
	}
}
