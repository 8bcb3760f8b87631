package org.interphase.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.interphase.core.InvalidInputException;
import org.interphase.core.afm.ForceCurve;
import org.interphase.core.afm.ForceMap;

/**
 * Bruker/Veeco NanoScope force files: a single curve ({@code .001}, …) or a Force Volume
 * (SCIENCE.md §4). Text header of {@code \Key: value} lines up to {@code \*File list end}; the
 * force data of each {@code \*Ciao force image list} channel at {@code Data offset}, little-endian
 * int16 (int32 when Bytes/pixel = 4), approach then retract ({@code Samps/line} gives both counts),
 * each curve stored from the turning point outwards (the approach reversed in time).
 * F (nN) = raw × hard scale (V/LSB) × {@code \@Sens. DeflSens} (nm/V) × {@code Spring Constant} (N/m);
 * z from {@code \@4:Ramp size} (V) × {@code \@Sens. Zsens} (nm/V) spread over the samples.
 */
public final class NanoscopeForceReader {

	/** One {@code \*Section} of the header: its keys (without the backslash) in file order. */
	static final class Section {
		final String name;
		final Map<String, String> values = new LinkedHashMap<>();

		Section(String name) {
			this.name = name;
		}

		/** Value of a key, ignoring a {@code @N:} prefix; null when absent. */
		String get(String key) {
			String v = values.get(key);
			if (v != null) return v;
			for (Map.Entry<String, String> e : values.entrySet()) {
				String k = e.getKey();
				if (k.startsWith("@") && k.indexOf(':') > 0 && k.substring(k.indexOf(':') + 1).equals(key)) return e.getValue();
			}
			return null;
		}
	}

	private static final Pattern HARD = Pattern.compile("\\[([^\\]]*)\\]\\s*\\(([-+0-9.eE]+)\\s*[^)]*\\)\\s*([-+0-9.eE]+)");

	private NanoscopeForceReader() {}

	/** True when the file starts like a NanoScope force file. */
	public static boolean accepts(Path file) {
		String s = new String(InputFiles.head(file, 64), StandardCharsets.ISO_8859_1);
		return s.startsWith("\\*Force file list") || s.startsWith("\\*File list");
	}

	static List<Section> header(byte[] bytes, String name) {
		int end = indexOf(bytes, "\\*File list end".getBytes(StandardCharsets.ISO_8859_1));
		if (end < 0) throw new InvalidInputException(name + ": no \\*File list end: not a NanoScope file");
		String text = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
		List<Section> sections = new ArrayList<>();
		Section cur = new Section("");
		sections.add(cur);
		for (String raw : text.split("\r?\n|\r")) {
			String line = raw.trim();
			if (!line.startsWith("\\")) continue;
			line = line.substring(1);
			if (line.startsWith("*")) {
				cur = new Section(line.substring(1).trim());
				sections.add(cur);
				continue;
			}
			int c = line.indexOf(": ");
			String key, value;
			if (c < 0) {
				key = line.endsWith(":") ? line.substring(0, line.length() - 1) : line;
				value = "";
			} else {
				key = line.substring(0, c);
				value = line.substring(c + 2);
			}
			cur.values.putIfAbsent(key.trim(), value.trim());
		}
		return sections;
	}

	public static ForceMap read(Path file) {
		String name = file.getFileName().toString();
		byte[] bytes = InputFiles.readAllBytes(file);
		List<Section> sections = header(bytes, name);
		int headerEnd = indexOf(bytes, "\\*File list end".getBytes(StandardCharsets.ISO_8859_1));
		String headerLength = sections.get(0).get("Data length") != null ? sections.get(0).get("Data length") : null;
		for (Section s : sections)
			if (s.name.toLowerCase(Locale.ROOT).contains("file list") && s.get("Data length") != null) {
				headerLength = s.get("Data length");
				break;
			}
		if (headerLength != null) // in the file list: the length of the text header, where the data begin
			InputFiles.region(name, bytes.length, 0, InputFiles.count(name, "\\Data length of the file list (the header length)", headerLength, headerEnd,
				Integer.MAX_VALUE), "the text header");
		Section channel = null;
		for (Section s : sections) {
			if (!s.name.equalsIgnoreCase("Ciao force image list")) continue;
			String scale = s.get("Z scale");
			String data = s.get("Image Data");
			if (scale != null && scale.contains("DeflSens") && (data == null || data.toLowerCase(Locale.ROOT).contains("deflection"))) {
				channel = s;
				break;
			}
		}
		if (channel == null) throw new InvalidInputException(name + ": no deflection channel (\\*Ciao force image list with [Sens. DeflSens])");
		// every channel's data must lie in the file, not only the one read: a cut file is refused, not half-read
		for (Section s : sections) {
			String o = s.get("Data offset"), l = s.get("Data length");
			if (o == null || l == null || !(s.name.toLowerCase(Locale.ROOT).startsWith("ciao"))) continue;
			long so = InputFiles.count(name, "\\Data offset of " + InputFiles.quote(s.name), o, headerEnd, Integer.MAX_VALUE);
			long sl = InputFiles.count(name, "\\Data length of " + InputFiles.quote(s.name), l, 0, Integer.MAX_VALUE);
			InputFiles.region(name, bytes.length, so, sl, "the data of a " + InputFiles.quote(s.name) + " channel");
		}
		// the data lie after the text header: an offset inside it would read header text as forces
		int offset = InputFiles.count(name, "\\Data offset", require(channel, "Data offset", name), headerEnd, Integer.MAX_VALUE);
		int length = InputFiles.count(name, "\\Data length", require(channel, "Data length", name), 1, Integer.MAX_VALUE);
		int bpp = InputFiles.count(name, "\\Bytes/pixel", require(channel, "Bytes/pixel", name), 1, 8);
		String[] samps = require(channel, "Samps/line", name).trim().split("\\s+");
		int nApp = InputFiles.count(name, "\\Samps/line", samps[0], 1, bytes.length);
		int nRet = samps.length > 1 ? InputFiles.count(name, "\\Samps/line (retract)", samps[1], 1, bytes.length) : nApp;
		double k = InputFiles.number(name, "\\Spring Constant", require(channel, "Spring Constant", name), InputFiles.Rule.POSITIVE);
		Matcher m = HARD.matcher(require(channel, "Z scale", name));
		if (!m.find()) throw new InvalidInputException(name + ": cannot parse the deflection Z scale \"" + InputFiles.quote(channel.get("Z scale")) + "\"");
		double vPerLsb = InputFiles.number(name, "the deflection Z scale", m.group(2), InputFiles.Rule.NON_ZERO);
		if (bpp == 4) vPerLsb /= 65536; // the hard scale is quoted per 16-bit LSB
		double deflSens = sensitivity(sections, m.group(1), name);
		String ramp = channel.get("Ramp size");
		if (ramp == null) ramp = find(sections, "Ramp size Zsweep");
		if (ramp == null) throw new InvalidInputException(name + ": no Ramp size in the header");
		Matcher rm = HARD.matcher(ramp);
		if (!rm.find()) throw new InvalidInputException(name + ": cannot parse Ramp size \"" + InputFiles.quote(ramp) + "\"");
		double rampNm = InputFiles.number(name, "\\Ramp size", rm.group(3), InputFiles.Rule.NON_ZERO) * sensitivity(sections, rm.group(1), name);
		if (bpp != 2 && bpp != 4) throw new InvalidInputException(name + ": Bytes/pixel " + bpp + " is not 2 or 4");
		if (offset < 0 || (long) offset + length > bytes.length)
			throw new InvalidInputException(name + ": force data at " + offset + "+" + length + " lies beyond the end of the file (" + bytes.length + " bytes)");
		long perCurveL = ((long) nApp + nRet) * bpp;
		if (perCurveL > length)
			throw new InvalidInputException(name + ": data length " + length + " is shorter than one curve (" + perCurveL + " bytes)");
		int perCurve = (int) perCurveL;
		int curves = length / perCurve;
		if (curves < 1) throw new InvalidInputException(name + ": data length " + length + " is shorter than one curve (" + perCurve + " bytes)");
		String mode = find(sections, "Operating mode");
		boolean volume = mode != null && mode.toLowerCase(Locale.ROOT).contains("force volume");
		int w = 1, h = 1;
		double pixel = Double.NaN;
		if (volume || curves > 1) {
			Section img = null;
			for (Section s : sections)
				if (s.name.equalsIgnoreCase("Ciao image list")) {
					img = s;
					break;
				}
			if (img != null && img.get("Samps/line") != null && img.get("Number of lines") != null) {
				w = InputFiles.count(name, "\\Samps/line of the image", img.get("Samps/line"), 1, bytes.length);
				h = InputFiles.count(name, "\\Number of lines of the image", img.get("Number of lines"), 1, bytes.length);
				pixel = scanSize(img.get("Scan Size"), w);
			}
			if ((long) w * h != curves) {
				int side = (int) Math.round(Math.sqrt(curves));
				if (side * side == curves) w = h = side;
				else {
					w = curves;
					h = 1;
				}
				pixel = Double.NaN;
			}
		}
		double fScale = vPerLsb * deflSens * k;
		double zStepApp = nApp > 1 ? rampNm / (nApp - 1) : 0, zStepRet = nRet > 1 ? rampNm / (nRet - 1) : 0;
		ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		ForceCurve[] out = new ForceCurve[w * h];
		for (int c = 0; c < w * h; c++) {
			int base = offset + c * perCurve;
			double[] za = new double[nApp], fa = new double[nApp], zr = new double[nRet], fr = new double[nRet];
			for (int i = 0; i < nApp; i++) { // stored from the turning point: time order is reversed
				int p = base + (nApp - 1 - i) * bpp;
				za[i] = i * zStepApp;
				fa[i] = (bpp == 2 ? b.getShort(p) : b.getInt(p)) * fScale;
			}
			for (int i = 0; i < nRet; i++) {
				int p = base + (nApp + i) * bpp;
				zr[i] = (nRet - 1 - i) * zStepRet;
				fr[i] = (bpp == 2 ? b.getShort(p) : b.getInt(p)) * fScale;
			}
			int x = c % w, y = h - 1 - c / w; // rows stored bottom-first, as the images
			out[y * w + x] = new ForceCurve(za, fa, zr, fr, k, deflSens);
		}
		ForceMap map = new ForceMap(w, h, out, pixel);
		map.metadata.put("format", volume ? "Bruker NanoScope force volume" : "Bruker NanoScope force curve");
		map.metadata.put("spring constant (file) N/m", JpkForceReader.fmt(k));
		map.metadata.put("deflection sensitivity (file) nm/V", JpkForceReader.fmt(deflSens));
		map.metadata.put("ramp size nm", JpkForceReader.fmt(rampNm));
		String tip = find(sections, "Tip Radius");
		if (tip != null) map.metadata.put("tip radius (file) nm", tip);
		String nu = find(sections, "Sample Poisson's Ratio");
		if (nu != null) map.metadata.put("Poisson ratio (file)", nu);
		return map;
	}

	/** Scan size "15 15 ~m" / "500 nm" → µm per pixel. */
	private static double scanSize(String v, int w) {
		if (v == null) return Double.NaN;
		String[] t = v.trim().split("\\s+");
		try {
			double size = Double.parseDouble(t[0]);
			String unit = t[t.length - 1];
			double um = unit.equals("nm") ? size / 1000 : unit.equals("~m") || unit.equals("um") || unit.equals("µm") ? size : Double.NaN;
			return um / w;
		} catch (NumberFormatException e) {
			return Double.NaN;
		}
	}

	/** Value (first number) of {@code \@Sens. NAME} anywhere in the header. */
	private static double sensitivity(List<Section> sections, String bracket, String name) {
		String key = "@" + bracket.trim();
		for (Section s : sections) {
			String v = s.values.get(key);
			if (v != null) {
				Matcher m = Pattern.compile("([-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)").matcher(v);
				if (m.find()) return InputFiles.number(name, "\\" + InputFiles.quote(key), m.group(1), InputFiles.Rule.NON_ZERO);
			}
		}
		throw new InvalidInputException(name + ": the header has no \\" + key + " value");
	}

	private static String find(List<Section> sections, String key) {
		for (Section s : sections) {
			String v = s.get(key);
			if (v != null) return v;
		}
		return null;
	}

	private static String require(Section s, String key, String name) {
		String v = s.get(key);
		if (v == null) throw new InvalidInputException(name + ": \\" + key + " missing in the force channel header");
		return v;
	}

	private static double number(Section s, String key, String name) {
		String v = require(s, key, name).trim().split("\\s+")[0];
		try {
			return Double.parseDouble(v);
		} catch (NumberFormatException e) {
			throw new InvalidInputException(name + ": \\" + key + " is not a number: " + InputFiles.quote(v));
		}
	}

	private static int indexOf(byte[] hay, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= hay.length; i++) {
			for (int j = 0; j < needle.length; j++)
				if (hay[i + j] != needle[j]) continue outer;
			return i;
		}
		return -1;
	}
}
