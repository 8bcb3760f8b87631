package org.interphase.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.interphase.core.InvalidInputException;
import org.interphase.core.afm.ForceCurve;
import org.interphase.core.afm.ForceMap;

/**
 * JPK {@code .jpk-force} (one curve) and {@code .jpk-force-map} (a grid) files: zip archives with
 * {@code [index/N/]segments/S/segment-header.properties} and big-endian {@code channels/*.dat}
 * samples (SCIENCE.md §4). A channel's value is raw × encoder multiplier + offset (the conversion
 * set's base slot), then each conversion on the way to the wanted slot applies its own multiplier
 * and offset ({@code base-calibration-slot} chain). Maps keep the channel descriptions in
 * {@code shared-data/header.properties} ({@code lcd-info.N}), referenced from each segment.
 * Height: a measured sensor channel when there is one (strain gauge / capacitive sensor), else the
 * piezo height; z is oriented so it increases during the approach.
 */
public final class JpkForceReader {

	private static final String[] MEASURED_HEIGHT = { "strainGaugeHeight", "capacitiveSensorHeight", "measuredHeight" };

	private JpkForceReader() {}

	public static boolean accepts(Path file) {
		String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return n.endsWith(".jpk-force") || n.endsWith(".jpk-force-map") || n.endsWith(".jpk-qi-data") || n.endsWith(".jpk-qi-series");
	}

	public static ForceMap read(Path file) {
		return read(file, Double.NaN, Double.NaN);
	}

	/**
	 * As {@link #read(Path)}, with the calibration the user gives (NaN = none) for files whose
	 * {@code vDeflection} has no force conversion (files saved during calibration, or edited ones):
	 * their deflection is known only in volts (or, with a distance conversion, in metres), and the
	 * force is then volts × {@code sensitivity} (nm/V; else the file's distance conversion) ×
	 * {@code springConstant} (N/m). Files with a force conversion are read as without overrides (the
	 * caller recalibrates them, {@link ForceMap#recalibrated}).
	 */
	public static ForceMap read(Path file, double springConstant, double sensitivity) {
		String name = file.getFileName().toString();
		Calibration cal = new Calibration(springConstant, sensitivity);
		try (ZipFile zip = new ZipFile(file.toFile())) {
			Properties root = props(zip, "header.properties", name);
			Properties shared = zip.getEntry("shared-data/header.properties") != null ? props(zip, "shared-data/header.properties", name) : null;
			TreeSet<Integer> indexes = new TreeSet<>();
			Enumeration<? extends ZipEntry> en = zip.entries();
			while (en.hasMoreElements()) {
				String e = en.nextElement().getName();
				if (e.startsWith("index/")) {
					String rest = e.substring(6);
					int slash = rest.indexOf('/');
					if (slash > 0) {
						try {
							indexes.add(Integer.parseInt(rest.substring(0, slash)));
						} catch (NumberFormatException ignored) {
							// not a curve folder
						}
					}
				}
			}
			if (indexes.isEmpty()) {
				ForceCurve c = curve(zip, "", root, shared, name, cal);
				ForceMap m = new ForceMap(1, 1, new ForceCurve[] { c }, Double.NaN);
				describe(m, c, name.toLowerCase(Locale.ROOT).endsWith(".jpk-qi-series") ? "JPK QI series (one QI curve)" : "JPK force curve");
				return m;
			}
			return map(zip, root, shared, indexes, name, cal);
		} catch (IOException e) {
			throw InputFiles.invalid(name, "not a readable JPK zip archive (" + InputFiles.quote(String.valueOf(e.getMessage())) + ")");
		}
	}

	private static void describe(ForceMap m, ForceCurve c, String format) {
		m.metadata.put("format", format);
		if (c != null) {
			m.metadata.put("spring constant (file) N/m", fmt(c.springConstant));
			m.metadata.put("deflection sensitivity (file) nm/V", fmt(c.deflectionSensitivity));
		}
	}

	/** Spring constant (N/m) and deflection sensitivity (nm/V) given by the user; NaN = not given. */
	private static final class Calibration {
		final double k, sens;

		Calibration(double k, double sens) {
			this.k = k;
			this.sens = sens;
		}
	}

	private static ForceMap map(ZipFile zip, Properties root, Properties shared, TreeSet<Integer> indexes, String name, Calibration cal) throws IOException {
		int ilen = intKey(root, "force-scan-map.position-pattern.grid.ilength", 0, 1, name);
		int jlen = intKey(root, "force-scan-map.position-pattern.grid.jlength", 0, 1, name);
		boolean backAndForth = Boolean.parseBoolean(root.getProperty("force-scan-map.position-pattern.grid.back-and-forth", "false"));
		double ulen = doubleKey(root, "force-scan-map.position-pattern.grid.ulength", Double.NaN, InputFiles.Rule.POSITIVE, name);
		double vlen = doubleKey(root, "force-scan-map.position-pattern.grid.vlength", Double.NaN, InputFiles.Rule.POSITIVE, name);
		if ((ilen == 0) != (jlen == 0))
			throw InputFiles.invalid(name, "the grid gives ilength " + ilen + " but jlength " + jlen + " (both or neither)");
		if (ilen <= 0 || jlen <= 0) { // no grid: a row of curves
			ilen = indexes.last() + 1;
			jlen = 1;
		}
		int cells = InputFiles.elements(name, "the " + ilen + "×" + jlen + " grid", 64, ilen, jlen);
		TreeMap<Integer, ForceCurve> byCell = new TreeMap<>();
		TreeSet<Integer> cols = new TreeSet<>(), rows = new TreeSet<>();
		ForceCurve first = null;
		for (int idx : indexes) {
			String prefix = "index/" + idx + "/";
			Properties h = zip.getEntry(prefix + "header.properties") != null ? props(zip, prefix + "header.properties", name) : new Properties();
			int pos = intKey(h, "force-scan-series.header.position-index", idx, 0, name);
			if (pos >= cells)
				throw InputFiles.invalid(name, "curve " + idx + " has position-index " + pos + ", outside the " + ilen + "×" + jlen + " grid");
			int j = pos / ilen, i = pos % ilen;
			if (backAndForth && (j & 1) == 1) i = ilen - 1 - i;
			ForceCurve c = curve(zip, prefix, h, shared, name, cal);
			if (first == null) first = c;
			if (byCell.put(j * ilen + i, c) != null)
				throw InputFiles.invalid(name, "two curves (the second is index " + idx + ") share grid position " + i + "," + j);
			cols.add(i);
			rows.add(j);
		}
		double pitch = ulen / ilen * 1e6, pitchV = vlen / jlen * 1e6;
		boolean full = byCell.size() == ilen * jlen;
		ForceMap m;
		if (!full && cols.size() * rows.size() == byCell.size()) {
			// sparse map whose curves form a full sub-grid (e.g. the four corners): keep only those
			List<Integer> cl = new ArrayList<>(cols), rl = new ArrayList<>(rows);
			ForceCurve[] curves = new ForceCurve[cl.size() * rl.size()];
			for (var e : byCell.entrySet()) {
				int x = cl.indexOf(e.getKey() % ilen), y = rl.indexOf(e.getKey() / ilen);
				curves[y * cl.size() + x] = e.getValue();
			}
			double px = even(cl) * pitch, py = even(rl) * pitchV;
			boolean square = Double.isFinite(px) && Double.isFinite(py) && Math.abs(px - py) < 1e-6 * Math.max(px, py);
			m = new ForceMap(cl.size(), rl.size(), curves, square ? px : Double.NaN);
			m.metadata.put("grid", "sparse " + ilen + "×" + jlen + " map: kept the " + cl.size() + "×" + rl.size() + " occupied rows and columns");
		} else {
			ForceCurve[] curves = new ForceCurve[ilen * jlen];
			for (var e : byCell.entrySet())
				curves[e.getKey()] = e.getValue();
			boolean square = Double.isFinite(pitch) && Math.abs(pitch - pitchV) < 1e-6 * pitch;
			m = new ForceMap(ilen, jlen, curves, square ? pitch : Double.NaN);
			m.metadata.put("grid", ilen + "×" + jlen + (full ? "" : " (" + byCell.size() + " curves; empty cells are NaN)"));
		}
		describe(m, first, name.toLowerCase(Locale.ROOT).endsWith(".jpk-qi-data") ? "JPK QI map" : "JPK force map");
		return m;
	}

	/** Spacing of evenly spaced indices (1 for a single one), NaN when uneven. */
	private static double even(List<Integer> v) {
		if (v.size() < 2) return 1;
		int d = v.get(1) - v.get(0);
		for (int i = 2; i < v.size(); i++)
			if (v.get(i) - v.get(i - 1) != d) return Double.NaN;
		return d;
	}

	/** One curve: the extend segment as approach and the retract segment (pauses skipped). */
	private static ForceCurve curve(ZipFile zip, String prefix, Properties header, Properties shared, String name, Calibration cal) throws IOException {
		double[][] approach = null, retract = null;
		double k = Double.NaN, sens = Double.NaN;
		for (int s = 0; s < 16; s++) {
			String seg = prefix + "segments/" + s + "/";
			if (zip.getEntry(seg + "segment-header.properties") == null) continue;
			Properties sp = props(zip, seg + "segment-header.properties", name);
			String style = sp.getProperty("force-segment-header.settings.style");
			String info = sp.getProperty("force-segment-header.force-segment-header-info.*");
			if (style == null && info != null && shared != null)
				style = shared.getProperty("force-segment-header-info." + info.trim() + ".settings.style");
			if (style == null) style = s == 0 ? "extend" : s == 1 ? "retract" : "pause";
			if (!style.equals("extend") && !style.equals("retract")) continue;
			int n = intKey(sp, "force-segment-header.num-points", -1, 0, name);
			String list = sp.getProperty("channels.list", "");
			List<String> channels = List.of(list.trim().split("\\s+"));
			String heightChannel = null;
			for (String h : MEASURED_HEIGHT)
				if (channels.contains(h)) {
					heightChannel = h;
					break;
				}
			if (heightChannel == null && channels.contains("height")) heightChannel = "height";
			if (heightChannel == null || !channels.contains("vDeflection"))
				throw new InvalidInputException(name + ": segment " + seg + " has no height or vDeflection channel (channels: " + InputFiles.quote(list) + ")");
			if (n == 0) continue;
			Properties hc = channel(sp, shared, heightChannel, name);
			Properties dc = channel(sp, shared, "vDeflection", name);
			double[] height = convert(hc, raw(zip, seg, sp, hc, heightChannel, n, name), hc.getProperty("conversion-set.conversions.default"), name);
			double[] volts = raw(zip, seg, sp, dc, "vDeflection", n, name);
			double[] force;
			if (linear(dc, "force")) {
				force = convert(dc, volts, "force", name);
				k = multiplier(dc, "force");
				sens = multiplier(dc, "distance") * 1e9;
			} else { // deflection in volts (or metres) only: the user's calibration makes the force
				boolean distance = linear(dc, "distance");
				if (!(cal.k > 0) || !(cal.sens > 0 || distance))
					throw new InvalidInputException(name + ": conversion \"force\" has no linear scaling (the file holds the deflection in "
						+ (distance ? "metres but no spring constant); set spring_constant (N/m)" : "volts only); set spring_constant (N/m) and deflection_sensitivity (nm/V)"));
				k = cal.k;
				sens = cal.sens > 0 ? cal.sens : multiplier(dc, "distance") * 1e9;
				double[] defl = cal.sens > 0 ? volts : convert(dc, volts, "distance", name); // V, or m
				double f = cal.sens > 0 ? cal.sens * k : 1e9 * k; // nm/V × N/m = nN/V; m → nm × N/m = nN
				force = new double[defl.length];
				for (int i = 0; i < defl.length; i++)
					force[i] = defl[i] * f * 1e-9; // in N, as the force conversion gives it (× 1e9 below)
			}
			for (int i = 0; i < height.length; i++) {
				height[i] *= 1e9;
				force[i] *= 1e9;
			}
			if (style.equals("extend")) approach = new double[][] { height, force };
			else if (retract == null) retract = new double[][] { height, force };
		}
		if (approach == null) throw new InvalidInputException(name + ": no extend segment in " + (prefix.isEmpty() ? "the file" : prefix));
		// z increases towards the sample during the approach
		int n = approach[0].length, w = Math.max(1, n / 10);
		double head = 0, tail = 0;
		for (int i = 0; i < w; i++) {
			head += approach[0][i];
			tail += approach[0][n - 1 - i];
		}
		double sign = tail >= head ? 1 : -1;
		for (double[] a : retract == null ? new double[][] { approach[0] } : new double[][] { approach[0], retract[0] })
			for (int i = 0; i < a.length; i++)
				a[i] *= sign;
		return new ForceCurve(approach[0], approach[1], retract == null ? null : retract[0], retract == null ? null : retract[1], k, sens);
	}

	/** The channel's description with keys {@code data.type}, {@code encoder.*}, {@code conversion-set.*}. */
	private static Properties channel(Properties segment, Properties shared, String channel, String name) {
		Properties p = new Properties();
		String lcd = segment.getProperty("channel." + channel + ".lcd-info.*");
		if (lcd != null) {
			if (shared == null) throw new InvalidInputException(name + ": channel " + channel + " refers to shared data, which is missing");
			String pre = "lcd-info." + lcd.trim() + ".";
			for (String key : shared.stringPropertyNames())
				if (key.startsWith(pre)) {
					String rest = key.substring(pre.length());
					p.setProperty(rest.equals("type") ? "data.type" : rest, shared.getProperty(key));
				}
		}
		String pre = "channel." + channel + ".";
		for (String key : segment.stringPropertyNames())
			if (key.startsWith(pre)) {
				String rest = key.substring(pre.length());
				if (rest.startsWith("data.encoder.")) rest = rest.substring(5);
				p.setProperty(rest, segment.getProperty(key));
			}
		return p;
	}

	/** Encoded samples → values of the conversion set's base slot (raw × multiplier + offset). */
	private static double[] raw(ZipFile zip, String seg, Properties segment, Properties ch, String channel, int n, String name) throws IOException {
		String file = ch.getProperty("data.file.name", "channels/" + channel + ".dat");
		ZipEntry e = zip.getEntry(seg + file);
		if (e == null) throw new InvalidInputException(name + ": " + InputFiles.quote(seg + file) + " is missing");
		byte[] bytes = entryBytes(zip, e, name);
		if (n < 0) n = intKey(ch, "data.num-points", -1, 0, name);
		String enc = ch.getProperty("encoder.type", "").toLowerCase(Locale.ROOT);
		String type = ch.getProperty("data.type", "").toLowerCase(Locale.ROOT);
		int size;
		if (enc.contains("short") || type.startsWith("short")) size = 2;
		else if (enc.contains("integer") || type.startsWith("integer")) size = 4;
		else if (type.startsWith("float")) size = 4;
		else if (type.startsWith("double") || enc.contains("long")) size = 8;
		else size = n > 0 ? bytes.length / n : 0;
		if (n < 0) n = size > 0 ? bytes.length / size : 0;
		if (size == 0 || bytes.length < (long) n * size)
			throw new InvalidInputException(name + ": " + seg + file + " holds " + bytes.length + " bytes, too few for " + n + " samples");
		ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
		boolean floating = type.startsWith("float") || type.startsWith("double");
		boolean unsigned = enc.startsWith("unsigned");
		double mul = doubleKey(ch, "encoder.scaling.multiplier", 1, InputFiles.Rule.NON_ZERO, name + " " + channel);
		double off = doubleKey(ch, "encoder.scaling.offset", 0, InputFiles.Rule.FINITE, name + " " + channel);
		if (floating) {
			mul = 1;
			off = 0;
		}
		double[] v = new double[n];
		for (int i = 0; i < n; i++) {
			double r;
			if (size == 2) r = unsigned ? b.getShort(2 * i) & 0xffff : b.getShort(2 * i);
			else if (size == 4) r = floating ? b.getFloat(4 * i) : unsigned ? b.getInt(4 * i) & 0xffffffffL : b.getInt(4 * i);
			else r = floating ? b.getDouble(8 * i) : b.getLong(8 * i);
			v[i] = r * mul + off;
		}
		return v;
	}

	/** An entry's bytes, its declared size checked against the memory Java may use (a damaged size cannot inflate without end). */
	private static byte[] entryBytes(ZipFile zip, ZipEntry e, String name) throws IOException {
		long size = e.getSize();
		InputFiles.requireMemory(name, size < 0 ? 0 : size, e.getName());
		try (InputStream in = zip.getInputStream(e)) {
			byte[] b = in.readNBytes(size < 0 ? Integer.MAX_VALUE - 8 : (int) Math.min(size, Integer.MAX_VALUE - 8));
			if (size >= 0 && b.length != size) throw InputFiles.invalid(name, "is damaged: " + e.getName() + " holds " + b.length + " of " + size + " bytes");
			return b;
		}
	}

	/** Applies the conversions from the base slot to {@code slot}, following base-calibration-slot. */
	private static double[] convert(Properties ch, double[] v, String slot, String name) {
		List<double[]> steps = new ArrayList<>();
		String base = ch.getProperty("conversion-set.conversions.base", "volts");
		String s = slot;
		for (int guard = 0; s != null && !s.equals(base) && guard < 10; guard++) {
			String pre = "conversion-set.conversion." + s + ".";
			if (ch.getProperty(pre + "scaling.multiplier") == null)
				throw new InvalidInputException(name + ": conversion \"" + InputFiles.quote(s) + "\" has no linear scaling");
			steps.add(0, new double[] { doubleKey(ch, pre + "scaling.multiplier", 1, InputFiles.Rule.NON_ZERO, name),
				doubleKey(ch, pre + "scaling.offset", 0, InputFiles.Rule.FINITE, name) });
			s = ch.getProperty(pre + "base-calibration-slot");
		}
		for (double[] st : steps)
			for (int i = 0; i < v.length; i++)
				v[i] = v[i] * st[0] + st[1];
		return v;
	}

	/** True when the conversion chain from the base slot to {@code slot} has a linear scaling at every step. */
	private static boolean linear(Properties ch, String slot) {
		String base = ch.getProperty("conversion-set.conversions.base", "volts");
		String s = slot;
		for (int guard = 0; s != null && !s.equals(base) && guard < 10; guard++) {
			String pre = "conversion-set.conversion." + s + ".";
			if (ch.getProperty(pre + "scaling.multiplier") == null) return false;
			s = ch.getProperty(pre + "base-calibration-slot");
		}
		return true;
	}

	private static double multiplier(Properties ch, String slot) {
		return doubleOr(ch, "conversion-set.conversion." + slot + ".scaling.multiplier", Double.NaN);
	}

	private static Properties props(ZipFile zip, String entry, String name) throws IOException {
		ZipEntry e = zip.getEntry(entry);
		if (e == null) throw new InvalidInputException(name + ": " + entry + " is missing: not a JPK force file");
		Properties p = new Properties();
		p.load(new java.io.ByteArrayInputStream(entryBytes(zip, e, name)));
		return p;
	}

	/** An integer property ≥ {@code min}; {@code dflt} when absent; a clean error when present but not such a number. */
	private static int intKey(Properties p, String key, int dflt, int min, String name) {
		String v = p.getProperty(key);
		return v == null ? dflt : InputFiles.count(name, key, v, min, Integer.MAX_VALUE);
	}

	/** A number property following {@code rule}; {@code dflt} when absent. */
	private static double doubleKey(Properties p, String key, double dflt, InputFiles.Rule rule, String name) {
		String v = p.getProperty(key);
		return v == null ? dflt : InputFiles.number(name, key, v, rule);
	}

	private static double doubleOr(Properties p, String key, double dflt) {
		String v = p.getProperty(key);
		if (v == null) return dflt;
		try {
			return Double.parseDouble(v.trim());
		} catch (NumberFormatException e) {
			return dflt;
		}
	}

	static String fmt(double v) {
		return Double.isNaN(v) ? "unknown" : String.format(Locale.ROOT, "%.6g", v);
	}
}
