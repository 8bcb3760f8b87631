package org.interphase.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nanosurf (.nid, easyScan 2): an INI-like Latin-1 header of {@code [Section]} blocks of
 * {@code Key=Value} lines, then {@code #!}, then the binary data blocks in the order the
 * {@code [DataSet]} section lists them ({@code GrG-ChC=<section>} for every group G, channel C).
 * Each data section gives Points × Lines, {@code SaveBits} (8, 16 or 32, signed, Intel order) and the
 * value range {@code Dim2Min}…{@code Dim2Min + Dim2Range} in {@code Dim2Unit}: value = Dim2Min +
 * Dim2Range × (raw + 2^(bits−1)) / 2^bits. {@code Dim0Range}/{@code Dim1Range} are the scan size.
 * The first stored line is the bottom of the image (rows flipped, as in Gwyddion). Channels are named
 * "{@code Dim2Name} forward/backward" after the section's Frame; 1-D sections (Lines &lt; 2) are skipped.
 */
public final class NidReader {

	private NidReader() {}

	public static AfmImage read(Path file) {
		byte[] b = InputFiles.readAllBytes(file);
		int mark = -1;
		for (int i = 0; i + 1 < b.length; i++)
			if (b[i] == '#' && b[i + 1] == '!') {
				mark = i;
				break;
			}
		String head = new String(b, 0, mark < 0 ? Math.min(b.length, 65536) : mark, StandardCharsets.ISO_8859_1);
		if (!head.startsWith("[DataSet]")) throw InputFiles.invalid(file, "is not a Nanosurf .nid file (it must start with [DataSet])");
		if (mark < 0) throw InputFiles.invalid(file, "is truncated: no \"#!\" marks the start of the data");
		Map<String, Map<String, String>> sections = new HashMap<>();
		Map<String, String> cur = null;
		for (String line : head.split("\r\n|\r|\n")) {
			String t = line.trim();
			if (t.startsWith("[") && t.endsWith("]")) {
				cur = new LinkedHashMap<>();
				sections.put(t.substring(1, t.length() - 1), cur);
				continue;
			}
			int eq = t.indexOf('=');
			if (cur != null && eq > 0) cur.put(t.substring(0, eq).trim(), t.substring(eq + 1).trim());
		}
		Map<String, String> ds = sections.get("DataSet");
		int groups = InputFiles.count(file, "DataSet GroupCount", ds.get("GroupCount"), 1, 10000);
		long offset = mark + 2;
		ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		List<AfmImage.Channel> channels = new ArrayList<>();
		for (int g = 0; g < groups; g++) {
			String cnt = ds.get("Gr" + g + "-Count");
			if (cnt == null) continue;
			int count = InputFiles.count(file, "Gr" + g + "-Count", cnt, 0, 100000);
			for (int c = 0; c < count; c++) {
				String ref = ds.get("Gr" + g + "-Ch" + c);
				if (ref == null) continue;
				Map<String, String> s = sections.get(ref);
				if (s == null) throw InputFiles.invalid(file, "Gr" + g + "-Ch" + c + " names section [" + InputFiles.quote(ref) + "], which the header lacks");
				String key = "[" + ref + "] ";
				int w = InputFiles.count(file, key + "Points", s.get("Points"), 1, Integer.MAX_VALUE);
				int h = InputFiles.count(file, key + "Lines", s.get("Lines"), 1, Integer.MAX_VALUE);
				int bits = InputFiles.count(file, key + "SaveBits", s.getOrDefault("SaveBits", "16"), 8, 32);
				if (bits != 8 && bits != 16 && bits != 32) throw InputFiles.invalid(file, key + "SaveBits is " + bits + "; known: 8, 16, 32");
				if (!"Binary".equals(s.getOrDefault("SaveMode", "Binary")) || !"Signed".equals(s.getOrDefault("SaveSign", "Signed"))
					|| !"Intel".equals(s.getOrDefault("SaveOrder", "Intel")))
					throw InputFiles.invalid(file, key + "is saved as " + InputFiles.quote(s.get("SaveMode") + " " + s.get("SaveSign") + " " + s.get("SaveOrder"))
						+ "; only Binary Signed Intel data is known");
				int n = InputFiles.elements(file, ref, 8, w, h);
				long len = (long) n * bits / 8;
				if (h < 2) { // a line or a spectrum: not an image, but its bytes come first
					offset += len;
					continue;
				}
				InputFiles.region(file, b.length, offset, len, ref + " (" + w + "×" + h + ", " + bits + " bit)");
				bb.position((int) offset);
				offset += len;
				double[] v = AfmChannels.samples(bb, bits == 8 ? "int8" : bits == 16 ? "int16" : "int32", n);
				double range = InputFiles.number(file, key + "Dim2Range", s.get("Dim2Range"), InputFiles.Rule.FINITE);
				double min = InputFiles.number(file, key + "Dim2Min", s.get("Dim2Min"), InputFiles.Rule.FINITE);
				double q = Math.pow(2, bits);
				for (int i = 0; i < n; i++)
					v[i] = min + range * (v[i] + q / 2) / q;
				AfmChannels.flipRows(v, w, h);
				double xreal = lateral(file, s, key, "Dim0"), yreal = lateral(file, s, key, "Dim1");
				String unit = s.getOrDefault("Dim2Unit", "");
				String frame = s.getOrDefault("Frame", "");
				String dir = frame.equals("Scan forward") ? " forward" : frame.equals("Scan backward") ? " backward" : "";
				String name = InputFiles.quote(s.getOrDefault("Dim2Name", ref)) + dir;
				channels.add(AfmChannels.of(name, unit, v, w, h, xreal, yreal,
					bits + "-bit counts → Dim2Min " + min + " + Dim2Range " + range + " × (raw + 2^" + (bits - 1) + ")/2^" + bits + ", first line at the bottom"));
			}
		}
		if (channels.isEmpty()) throw InputFiles.invalid(file, "holds no image (no data section with at least 2 lines)");
		return new AfmImage(file, "Nanosurf NID", channels);
	}

	private static double lateral(Path file, Map<String, String> s, String key, String dim) {
		double r = InputFiles.number(file, key + dim + "Range", s.get(dim + "Range"), InputFiles.Rule.POSITIVE);
		String u = s.getOrDefault(dim + "Unit", "m");
		double nm = AfmImage.lengthInNm(u);
		if (Double.isNaN(nm)) throw InputFiles.invalid(file, key + dim + "Unit is \"" + InputFiles.quote(u) + "\", not a length");
		return r * nm * 1e-9;
	}
}
