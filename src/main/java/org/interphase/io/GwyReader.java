package org.interphase.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.interphase.core.InvalidInputException;

/**
 * Gwyddion native files (.gwy, magic GWYP or the older GWYO): little-endian serialized objects
 * (SCIENCE.md §4). Channels are the {@code GwyDataField}s under {@code /N/data}, titled by
 * {@code /N/data/title}. Units: Gwyddion keeps values in base SI units and drops any prefix in a
 * stored unit string (old files write e.g. "µm" for metres), so the base unit is used and heights are
 * converted from m to nm, lateral sizes to µm.
 */
public final class GwyReader {

	private static final Pattern DATA_KEY = Pattern.compile("^/(\\d+)/data$");

	private GwyReader() {}

	/** A deserialized object: its type name and components in file order. */
	static final class Obj {
		final String type;
		final Map<String, Object> items = new LinkedHashMap<>();

		Obj(String type) {
			this.type = type;
		}
	}

	public static AfmImage read(Path file) {
		String name = file.getFileName().toString();
		byte[] bytes = InputFiles.readAllBytes(file);
		if (bytes.length < 4) throw new InvalidInputException("file: " + name + " is not a Gwyddion file (too short)");
		String magic = new String(bytes, 0, 4, StandardCharsets.ISO_8859_1);
		if (!magic.equals("GWYP") && !magic.equals("GWYO"))
			throw new InvalidInputException("file: " + name + " is not a Gwyddion .gwy file (magic \"" + InputFiles.quote(magic) + "\", expected GWYP or GWYO)");
		ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		b.position(4);
		Obj top;
		try {
			top = magic.equals("GWYO") ? oldContainer(b) : object(b);
		} catch (RuntimeException e) {
			if (e instanceof InvalidInputException) throw e;
			throw new InvalidInputException("file: " + name + " is damaged or truncated (at byte " + b.position() + ": " + InputFiles.quote(e.getMessage()) + ")", e);
		}
		TreeMap<Integer, Obj> fields = new TreeMap<>();
		for (Map.Entry<String, Object> e : top.items.entrySet()) {
			Matcher m = DATA_KEY.matcher(e.getKey());
			if (m.matches() && e.getValue() instanceof Obj && ((Obj) e.getValue()).type.equals("GwyDataField"))
				fields.put(Integer.parseInt(m.group(1)), (Obj) e.getValue());
		}
		if (fields.isEmpty()) throw new InvalidInputException("file: " + name + " holds no image channel (no /N/data GwyDataField)");
		List<AfmImage.Channel> channels = new ArrayList<>();
		for (Map.Entry<Integer, Obj> e : fields.entrySet()) {
			Obj f = e.getValue();
			Object t = top.items.get("/" + e.getKey() + "/data/title");
			String title = t instanceof String ? InputFiles.quote((String) t) : "Channel " + e.getKey();
			String src = "file: " + name;
			int w = InputFiles.count(src, title + " xres", num(f, "xres", name).doubleValue(), 1, Integer.MAX_VALUE);
			int h = InputFiles.count(src, title + " yres", num(f, "yres", name).doubleValue(), 1, Integer.MAX_VALUE);
			double xreal = InputFiles.check(src, title + " xreal (width)", num(f, "xreal", name).doubleValue(), InputFiles.Rule.POSITIVE);
			double yreal = InputFiles.check(src, title + " yreal (height)", num(f, "yreal", name).doubleValue(), InputFiles.Rule.POSITIVE);
			Object d = f.items.get("data");
			if (!(d instanceof double[]) || ((double[]) d).length != (long) w * h)
				throw new InvalidInputException("file: " + name + ": channel " + title + " has no " + w + "×" + h + " data array");
			double[] data = (double[]) d;
			String zStored = unit(f.items.get("si_unit_z")), xyStored = unit(f.items.get("si_unit_xy"));
			String zBase = baseUnit(zStored), xyBase = baseUnit(xyStored);
			String[] pref = new String[1];
			double conv = AfmImage.toPreferred(zBase, pref);
			double xyNm = AfmImage.lengthInNm(xyBase.isEmpty() ? "m" : xyBase);
			if (Double.isNaN(xyNm)) xyNm = 1e9;
			float[] out = new float[data.length];
			for (int i = 0; i < out.length; i++)
				out[i] = (float) (data[i] * conv);
			String scaling = String.format(Locale.ROOT, "%s: stored doubles in %s%s × %g = %s; lateral %s (stored unit \"%s\") → µm",
				title, zBase.isEmpty() ? "(no unit)" : zBase, zStored.equals(zBase) ? "" : " (stored unit string \"" + zStored + "\", prefix not applied as in Gwyddion)",
				conv, pref[0].isEmpty() ? "(no unit)" : pref[0], xyBase.isEmpty() ? "m" : xyBase, xyStored);
			channels.add(new AfmImage.Channel(title, pref[0], out, w, h, xreal / w * xyNm / 1000, yreal / h * xyNm / 1000, scaling));
		}
		return new AfmImage(file, "Gwyddion " + magic, channels);
	}

	private static Number num(Obj f, String key, String file) {
		Object v = f.items.get(key);
		if (!(v instanceof Number)) throw new InvalidInputException("file: " + file + ": a data field lacks " + key);
		return (Number) v;
	}

	private static String unit(Object o) {
		if (o instanceof Obj) {
			Object s = ((Obj) o).items.get("unitstr");
			if (s instanceof String) return ((String) s).trim();
		}
		return "";
	}

	private static final String[] BASES = { "m", "Pa", "V", "A", "N", "Hz", "s", "deg", "rad", "W", "F", "S", "K", "Ohm" };
	private static final String[] PREFIXES = { "Y", "Z", "E", "P", "T", "G", "M", "k", "h", "da", "d", "c", "m", "µ", "u", "n", "p", "f", "a", "z", "y" };

	/** The unit without an SI prefix ("µm" → "m", "mV" → "V", "m" → "m", "deg" → "deg"). */
	static String baseUnit(String u) {
		for (String b : BASES)
			if (u.equals(b)) return b;
		for (String p : PREFIXES)
			if (u.startsWith(p))
				for (String b : BASES)
					if (u.substring(p.length()).equals(b)) return b;
		return u;
	}

	private static String cstring(ByteBuffer b) {
		int start = b.position();
		while (b.get() != 0) {
			// scan to the NUL
		}
		int len = b.position() - 1 - start;
		byte[] s = new byte[len];
		System.arraycopy(b.array(), start, s, 0, len);
		try {
			return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(s)).toString();
		} catch (CharacterCodingException e) {
			return new String(s, StandardCharsets.ISO_8859_1); // GWYO files wrote Latin-1
		}
	}

	private static Obj object(ByteBuffer b) {
		Obj o = new Obj(cstring(b));
		long size = b.getInt() & 0xffffffffL;
		long end = b.position() + size;
		if (end > b.limit()) throw new IllegalStateException("object " + o.type + " runs past the end");
		while (b.position() < end) {
			String key = cstring(b);
			char type = (char) b.get();
			o.items.put(key, value(b, type));
		}
		return o;
	}

	/**
	 * The top GwyContainer of a GWYO file: its items are (GType as uint32, key, value) with the
	 * value encoded by its GLib fundamental type; the objects inside are serialized as in GWYP.
	 */
	private static Obj oldContainer(ByteBuffer b) {
		Obj o = new Obj(cstring(b));
		if (!o.type.equals("GwyContainer")) throw new IllegalStateException("GWYO file without a top GwyContainer");
		long size = b.getInt() & 0xffffffffL;
		long end = b.position() + size;
		if (end > b.limit()) throw new IllegalStateException("container runs past the end");
		while (b.position() < end) {
			int gtype = b.getInt();
			String key = cstring(b);
			Object v;
			switch (gtype) {
				case 12: case 16: case 20: v = (int) b.get(); break; // char, uchar, boolean
				case 24: case 28: case 48: case 52: v = b.getInt(); break; // int, uint, enum, flags
				case 40: case 44: v = b.getLong(); break; // int64, uint64
				case 60: v = b.getDouble(); break;
				case 64: v = cstring(b); break;
				case 80: v = object(b); break;
				default: throw new IllegalStateException("unknown GType " + gtype + " for " + key);
			}
			o.items.put(key, v);
		}
		return o;
	}

	private static Object value(ByteBuffer b, char type) {
		switch (type) {
			case 'b': return b.get() != 0;
			case 'c': return (int) b.get();
			case 'i': return b.getInt();
			case 'q': return b.getLong();
			case 'd': return b.getDouble();
			case 's': return cstring(b);
			case 'o': return object(b);
			default:
				break;
		}
		int n = b.getInt();
		if (n < 0) throw new IllegalStateException("negative array length");
		int unit = type == 'I' ? 4 : type == 'Q' || type == 'D' ? 8 : 1; // strings and objects take at least a byte each
		if ((long) n * unit > b.remaining()) throw new IllegalStateException("an array of " + n + " items runs past the end");
		switch (type) {
			case 'C': {
				byte[] a = new byte[n];
				b.get(a);
				return a;
			}
			case 'I': {
				int[] a = new int[n];
				for (int i = 0; i < n; i++)
					a[i] = b.getInt();
				return a;
			}
			case 'Q': {
				long[] a = new long[n];
				for (int i = 0; i < n; i++)
					a[i] = b.getLong();
				return a;
			}
			case 'D': {
				double[] a = new double[n];
				b.asDoubleBuffer().get(a);
				b.position(b.position() + 8 * n);
				return a;
			}
			case 'S': {
				String[] a = new String[n];
				for (int i = 0; i < n; i++)
					a[i] = cstring(b);
				return a;
			}
			case 'O': {
				Obj[] a = new Obj[n];
				for (int i = 0; i < n; i++)
					a[i] = object(b);
				return a;
			}
			default:
				throw new IllegalStateException("unknown component type '" + type + "'");
		}
	}
}
