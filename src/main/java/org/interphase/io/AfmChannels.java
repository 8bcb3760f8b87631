package org.interphase.io;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the AFM image readers of issue 16 share: a channel built from values in a base unit (metres,
 * volts, …) and a lateral size in metres, converted to the suite's units by {@link AfmImage#toPreferred};
 * the row-order changes Gwyddion applies; and the "{@code key = value}" text headers several formats use.
 */
final class AfmChannels {

	private AfmChannels() {}

	/**
	 * A channel from {@code values} (row-major, row 0 at the top) in {@code unit}, over {@code xrealM}
	 * × {@code yrealM} metres; {@code how} says in a few words how raw values became {@code unit}.
	 */
	static AfmImage.Channel of(String name, String unit, double[] values, int w, int h, double xrealM, double yrealM, String how) {
		String[] pref = { unit };
		// "A" is the ampere in these formats (SI, as Gwyddion reads them); AfmImage.toPreferred would take it for ångström
		double f = unit.equals("A") ? 1 : AfmImage.toPreferred(unit, pref);
		float[] out = new float[values.length];
		for (int i = 0; i < out.length; i++)
			out[i] = (float) (values[i] * f);
		String scaling = String.format(Locale.ROOT, "%s: %s; %s × %g = %s; %g × %g µm", name, how, unit.isEmpty() ? "(no unit)" : unit, f,
			pref[0].isEmpty() ? "(no unit)" : pref[0], xrealM * 1e6, yrealM * 1e6);
		return new AfmImage.Channel(name, pref[0], out, w, h, xrealM * 1e6 / w, yrealM * 1e6 / h, scaling);
	}

	/** Rows reversed in place (first stored row at the bottom). */
	static void flipRows(double[] d, int w, int h) {
		double[] row = new double[w];
		for (int y = 0; y < h / 2; y++) {
			System.arraycopy(d, y * w, row, 0, w);
			System.arraycopy(d, (h - 1 - y) * w, d, y * w, w);
			System.arraycopy(row, 0, d, (h - 1 - y) * w, w);
		}
	}

	/** Rotated by 180° in place (stored last pixel first). */
	static void rotate180(double[] d) {
		for (int i = 0, j = d.length - 1; i < j; i++, j--) {
			double t = d[i];
			d[i] = d[j];
			d[j] = t;
		}
	}

	/** Reads {@code n} values of a sample type ("int8", "int16", "int32", "uint16", "float32", "float64") from {@code b} at its position. */
	static double[] samples(ByteBuffer b, String type, int n) {
		double[] d = new double[n];
		switch (type) {
			case "int8": for (int i = 0; i < n; i++) d[i] = b.get(); break;
			case "int16": for (int i = 0; i < n; i++) d[i] = b.getShort(); break;
			case "uint16": for (int i = 0; i < n; i++) d[i] = b.getShort() & 0xffff; break;
			case "int32": for (int i = 0; i < n; i++) d[i] = b.getInt(); break;
			case "uint32": for (int i = 0; i < n; i++) d[i] = b.getInt() & 0xffffffffL; break;
			case "float32": for (int i = 0; i < n; i++) d[i] = b.getFloat(); break;
			case "float64": for (int i = 0; i < n; i++) d[i] = b.getDouble(); break;
			default: throw new IllegalArgumentException(type);
		}
		return d;
	}

	/** Bytes per sample of a {@link #samples} type. */
	static int bytes(String type) {
		switch (type) {
			case "int8": return 1;
			case "int16": case "uint16": return 2;
			case "int32": case "uint32": case "float32": return 4;
			default: return 8;
		}
	}

	/**
	 * "{@code key<sep>value}" lines of a text header, keys and values trimmed; later keys replace
	 * earlier ones; lines without the separator are skipped.
	 */
	static Map<String, String> keyValues(String text, char sep) {
		Map<String, String> m = new LinkedHashMap<>();
		for (String line : text.split("\r\n|\r|\n")) {
			int at = line.indexOf(sep);
			if (at <= 0) continue;
			String k = line.substring(0, at).trim();
			if (!k.isEmpty()) m.put(k, line.substring(at + 1).trim());
		}
		return m;
	}

	/** A length with its unit ("10µm", "500 nm", "1e-005" with {@code defaultUnit}) in metres; NaN when the unit is not a length. */
	static double metres(String text, String defaultUnit) {
		String t = text.trim();
		int i = 0;
		while (i < t.length() && "0123456789+-.eE".indexOf(t.charAt(i)) >= 0) i++;
		double v;
		try {
			v = Double.parseDouble(t.substring(0, i));
		} catch (NumberFormatException e) {
			return Double.NaN;
		}
		String u = t.substring(i).trim();
		double nm = AfmImage.lengthInNm(u.isEmpty() ? defaultUnit : u);
		return v * nm * 1e-9;
	}
}
