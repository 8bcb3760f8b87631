package org.interphase.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WSxM images (.top, .stp and other WSxM channel files): a Latin-1 text header that starts
 * {@code WSxM file copyright} and states {@code Image header size: N}, made of {@code [Section]} blocks
 * of {@code Key: value} lines up to {@code [Header end]}; then rows × columns little-endian values of
 * {@code General Info::Image Data Type} (short = int16, float, double). {@code Control::X/Y Amplitude}
 * give the scan size with a unit, {@code General Info::Z Amplitude} the height range: floating-point
 * data is already in that unit; int16 data spans the Z Amplitude over its own minimum-to-maximum (no
 * offset). The pixels are stored last-first: the image is rotated by 180° to show it as Gwyddion does.
 */
public final class WsxmReader {

	static final String MAGIC = "WSxM file copyright";
	private static final Pattern HEADER_SIZE = Pattern.compile("Image header size:\\s*(\\S+)");
	private static final Pattern SECTION = Pattern.compile("^\\[(.*)\\]$");

	private WsxmReader() {}

	public static AfmImage read(Path file) {
		byte[] b = InputFiles.readAllBytes(file);
		String start = new String(b, 0, Math.min(b.length, 200), StandardCharsets.ISO_8859_1);
		if (!start.startsWith(MAGIC)) throw InputFiles.invalid(file, "is not a WSxM file (it must start \"" + MAGIC + "\")");
		Matcher m = HEADER_SIZE.matcher(start);
		if (!m.find()) throw InputFiles.invalid(file, "has no \"Image header size\" line");
		int headerSize = InputFiles.count(file, "Image header size", m.group(1), MAGIC.length(), b.length);
		Map<String, String> h = new HashMap<>();
		String section = null;
		for (String line : new String(b, 0, headerSize, StandardCharsets.ISO_8859_1).split("\r\n|\r|\n")) {
			String t = line.trim();
			Matcher s = SECTION.matcher(t);
			if (s.matches()) {
				section = s.group(1);
				continue;
			}
			int c = t.indexOf(':');
			if (section == null || c <= 0) continue;
			h.put(section + "::" + t.substring(0, c).trim(), t.substring(c + 1).trim());
		}
		if (!"Header end".equals(section)) throw InputFiles.invalid(file, "is truncated or damaged: the header has no [Header end] within its " + headerSize + " bytes");
		int w = InputFiles.count(file, "Number of columns", need(file, h, "General Info::Number of columns"), 1, Integer.MAX_VALUE);
		int ht = InputFiles.count(file, "Number of rows", need(file, h, "General Info::Number of rows"), 1, Integer.MAX_VALUE);
		String typeName = h.getOrDefault("General Info::Image Data Type", "short");
		String type;
		switch (typeName) {
			case "short": type = "int16"; break;
			case "float": type = "float32"; break;
			case "double": type = "float64"; break;
			default: throw InputFiles.invalid(file, "Image Data Type is \"" + InputFiles.quote(typeName) + "\"; known: short, float, double");
		}
		int n = InputFiles.elements(file, "the image", 8, w, ht);
		InputFiles.region(file, b.length, headerSize, (long) AfmChannels.bytes(type) * n, "the " + w + "×" + ht + " " + typeName + " data");
		ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		bb.position(headerSize);
		double[] v = AfmChannels.samples(bb, type, n);
		String zText = need(file, h, "General Info::Z Amplitude");
		double z = InputFiles.number(file, "Z Amplitude", zText, InputFiles.Rule.POSITIVE);
		String zUnitText = unitOf(zText);
		String zUnit;
		double zFactor;
		if (zUnitText.equals("a.u.") || zUnitText.isEmpty()) {
			zUnit = "";
			zFactor = 1;
		} else if (!Double.isNaN(AfmImage.lengthInNm(zUnitText))) {
			zUnit = "m";
			zFactor = AfmImage.lengthInNm(zUnitText) * 1e-9;
		} else {
			zUnit = zUnitText;
			zFactor = 1;
		}
		String how;
		if (type.equals("int16")) {
			double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
			for (double x : v) {
				lo = Math.min(lo, x);
				hi = Math.max(hi, x);
			}
			double perCount = hi > lo ? z * zFactor / (hi - lo) : 0;
			for (int i = 0; i < n; i++)
				v[i] *= perCount;
			how = "int16 counts × Z Amplitude " + zText + " / (max − min " + (long) (hi - lo) + " counts)";
		} else {
			for (int i = 0; i < n; i++)
				v[i] *= zFactor;
			how = typeName + " values in " + (zUnitText.isEmpty() ? "arbitrary units" : zUnitText);
		}
		AfmChannels.rotate180(v);
		double xreal = amplitude(file, h, "Control::X Amplitude"), yreal = h.containsKey("Control::Y Amplitude") ? amplitude(file, h, "Control::Y Amplitude") : xreal;
		String title = h.getOrDefault("General Info::Acquisition channel", "Topography");
		AfmImage.Channel c = AfmChannels.of(InputFiles.quote(title), zUnit, v, w, ht, xreal, yreal, how + ", stored last pixel first (rotated 180°)");
		return new AfmImage(file, "WSxM", Collections.singletonList(c));
	}

	private static String need(Path file, Map<String, String> h, String key) {
		String v = h.get(key);
		if (v == null) throw InputFiles.invalid(file, "header key \"" + key + "\" is missing");
		return v;
	}

	private static String unitOf(String text) {
		String t = text.trim();
		int sp = t.indexOf(' ');
		return sp < 0 ? "" : t.substring(sp + 1).trim();
	}

	private static double amplitude(Path file, Map<String, String> h, String key) {
		String t = need(file, h, key);
		double v = InputFiles.number(file, key, t, InputFiles.Rule.POSITIVE);
		String u = unitOf(t);
		double nm = AfmImage.lengthInNm(u.isEmpty() ? "nm" : u);
		if (Double.isNaN(nm)) throw InputFiles.invalid(file, key + " is \"" + InputFiles.quote(t) + "\", not a length");
		return v * nm * 1e-9;
	}
}
