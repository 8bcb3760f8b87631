package org.interphase.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JPK image scans (.jpk, .jpk-qi-image): a TIFF file whose first page is a colour thumbnail and holds
 * the scan geometry in JPK tags ({@code Grid_uLength} 0x8042 and {@code Grid_vLength} 0x8043, metres),
 * and whose further pages are the channels: 32-bit (or 16-bit) samples in uncompressed strips, with
 * {@code Channel} (0x8050), {@code Channel_retrace} (0x8051), {@code ChannelFancyName} (0x8052), the
 * number of calibration slots (0x8080), the default slot's name (0x8081), and per slot n (tags
 * 0x8090 + 0x30·n onwards) its name, unit (0x80A2 + 0x30·n), scaling type (0x80A3 + 0x30·n) and, for
 * {@code LinearScaling}, multiplier and offset (0x80A4/0x80A5 + 0x30·n). The JPK software stores
 * each slot's multiplier and offset already composed from the raw integers, so value = raw ×
 * multiplier + offset of the default slot (checked against Gwyddion's reading of a real file). The
 * first stored row is the bottom of the image. Channels are named by their fancy name, with
 * " (retrace)" appended for retrace pages, as in Gwyddion.
 */
public final class JpkImageReader {

	private JpkImageReader() {}

	/** One TIFF directory entry: its type, count and where its value lies. */
	private static final class Entry {
		int type;
		long count, at;
	}

	public static AfmImage read(Path file) {
		byte[] b = InputFiles.readAllBytes(file);
		if (b.length < 8) throw InputFiles.invalid(file, "is too short for a TIFF file");
		ByteBuffer bb = ByteBuffer.wrap(b);
		if (b[0] == 'M' && b[1] == 'M') bb.order(ByteOrder.BIG_ENDIAN);
		else if (b[0] == 'I' && b[1] == 'I') bb.order(ByteOrder.LITTLE_ENDIAN);
		else throw InputFiles.invalid(file, "is not a JPK image file (not a TIFF: no II/MM byte-order mark)");
		if (bb.getShort(2) != 42) throw InputFiles.invalid(file, "is not a JPK image file (TIFF magic 42 missing)");
		List<Map<Integer, Entry>> pages = new ArrayList<>();
		long off = bb.getInt(4) & 0xffffffffL;
		java.util.Set<Long> seen = new java.util.HashSet<>();
		while (off != 0) {
			if (!seen.add(off) || pages.size() > 10000) throw InputFiles.invalid(file, "is damaged: its TIFF directories form a loop");
			InputFiles.region(file, b.length, off, 2, "TIFF directory " + (pages.size() + 1));
			int n = bb.getShort((int) off) & 0xffff;
			InputFiles.region(file, b.length, off, 2 + 12L * n + 4, "TIFF directory " + (pages.size() + 1));
			Map<Integer, Entry> tags = new HashMap<>();
			for (int i = 0; i < n; i++) {
				int p = (int) off + 2 + 12 * i;
				Entry e = new Entry();
				int tag = bb.getShort(p) & 0xffff;
				e.type = bb.getShort(p + 2) & 0xffff;
				e.count = bb.getInt(p + 4) & 0xffffffffL;
				long size = e.count * typeSize(e.type);
				e.at = size <= 4 ? p + 8 : bb.getInt(p + 8) & 0xffffffffL;
				if (size > 4) InputFiles.region(file, b.length, e.at, size, "TIFF tag " + tag + " value");
				tags.put(tag, e);
			}
			pages.add(tags);
			off = bb.getInt((int) off + 2 + 12 * n) & 0xffffffffL;
		}
		if (pages.isEmpty()) throw InputFiles.invalid(file, "is damaged: its first TIFF directory offset is 0");
		Map<Integer, Entry> first = pages.get(0);
		if (!first.containsKey(0x8042) || !first.containsKey(0x8043))
			throw InputFiles.invalid(file, "is a TIFF file without the JPK scan size (tags Grid_uLength 0x8042, Grid_vLength 0x8043); not a JPK image scan");
		double xreal = InputFiles.check(file, "Grid_uLength", number(bb, first.get(0x8042)), InputFiles.Rule.POSITIVE);
		double yreal = InputFiles.check(file, "Grid_vLength", number(bb, first.get(0x8043)), InputFiles.Rule.POSITIVE);
		List<AfmImage.Channel> channels = new ArrayList<>();
		for (int pi = 1; pi < pages.size(); pi++) {
			Map<Integer, Entry> t = pages.get(pi);
			String pg = "page " + (pi + 1);
			String fancy = text(b, t.get(0x8052));
			if (fancy == null) fancy = text(b, t.get(0x8050));
			if (fancy == null) throw InputFiles.invalid(file, pg + " has no channel name (tags 0x8050/0x8052)");
			boolean retrace = t.containsKey(0x8051) && number(bb, t.get(0x8051)) != 0;
			String name = InputFiles.quote(fancy) + (retrace ? " (retrace)" : "");
			int w = InputFiles.count(InputFiles.name(file), pg + " ImageWidth", number(bb, t.get(256)), 1, Integer.MAX_VALUE);
			int h = InputFiles.count(InputFiles.name(file), pg + " ImageLength", number(bb, t.get(257)), 1, Integer.MAX_VALUE);
			int bits = InputFiles.count(InputFiles.name(file), pg + " BitsPerSample", number(bb, t.get(258)), 8, 64);
			int format = t.containsKey(339) ? (int) number(bb, t.get(339)) : 1;
			int compression = t.containsKey(259) ? (int) number(bb, t.get(259)) : 1;
			if (compression != 1) throw InputFiles.invalid(file, pg + " is compressed (TIFF compression " + compression + "); JPK pages are uncompressed");
			String type = bits == 32 ? (format == 3 ? "float32" : format == 2 ? "int32" : "uint32") : bits == 16 ? (format == 2 ? "int16" : "uint16") : null;
			if (type == null) throw InputFiles.invalid(file, pg + " has " + bits + "-bit samples; JPK channels are 16- or 32-bit");
			int n = InputFiles.elements(file, name, 8, w, h);
			if ((long) n * (bits / 8) > InputFiles.MAX_ARRAY) throw InputFiles.invalid(file, pg + " (" + w + "×" + h + ") holds more bytes than one Java array can");
			ByteBuffer data = ByteBuffer.allocate(n * (bits / 8)).order(bb.order());
			long[] offsets = longs(bb, t.get(273)), counts = longs(bb, t.get(279));
			if (offsets == null || counts == null || offsets.length != counts.length)
				throw InputFiles.invalid(file, pg + " has no matching strip offsets and byte counts");
			for (int s = 0; s < offsets.length && data.hasRemaining(); s++) {
				int len = (int) Math.min(counts[s], data.remaining());
				InputFiles.region(file, b.length, offsets[s], len, pg + " strip " + (s + 1));
				data.put(b, (int) offsets[s], len);
			}
			if (data.hasRemaining()) throw InputFiles.invalid(file, pg + " strips hold " + data.position() + " bytes, fewer than its " + w + "×" + h + " samples need");
			data.flip();
			double[] v = AfmChannels.samples(data, type, n);
			int slots = t.containsKey(0x8080) ? InputFiles.count(InputFiles.name(file), pg + " NrOfSlots", number(bb, t.get(0x8080)), 0, 1000) : 0;
			String def = text(b, t.get(0x8081));
			String unit = "", how = type + " raw values";
			boolean found = def == null || slots == 0;
			for (int s = 0; s < slots && !found; s++) {
				if (!def.equals(text(b, t.get(0x8090 + 0x30 * s)))) continue;
				found = true;
				String scaling = text(b, t.get(0x80A3 + 0x30 * s));
				String u = text(b, t.get(0x80A2 + 0x30 * s));
				if ("LinearScaling".equals(scaling)) {
					double m = InputFiles.check(file, pg + " slot " + def + " multiplier", number(bb, t.get(0x80A4 + 0x30 * s)), InputFiles.Rule.NON_ZERO);
					double o = InputFiles.check(file, pg + " slot " + def + " offset", number(bb, t.get(0x80A5 + 0x30 * s)), InputFiles.Rule.FINITE);
					for (int i = 0; i < n; i++)
						v[i] = v[i] * m + o;
					how = type + " raw × " + m + " + " + o + " (slot \"" + def + "\")";
				} else if (!"NullScaling".equals(scaling)) {
					throw InputFiles.invalid(file, pg + " (" + name + ") default slot \"" + InputFiles.quote(def) + "\" has scaling \"" + InputFiles.quote(String.valueOf(scaling))
						+ "\"; known: LinearScaling, NullScaling");
				}
				unit = u == null ? "" : u;
			}
			if (!found) throw InputFiles.invalid(file, pg + " (" + name + ") names default slot \"" + InputFiles.quote(def) + "\", which it does not define");
			AfmChannels.flipRows(v, w, h);
			channels.add(AfmChannels.of(name, unit, v, w, h, xreal, yreal, how + ", first row at the bottom"));
		}
		if (channels.isEmpty()) throw InputFiles.invalid(file, "holds only the thumbnail page, no channel");
		return new AfmImage(file, "JPK image scan (TIFF)", channels);
	}

	private static int typeSize(int type) {
		switch (type) {
			case 3: case 8: return 2;
			case 4: case 9: case 11: return 4;
			case 5: case 10: case 12: case 16: case 17: return 8;
			default: return 1;
		}
	}

	/** The first value of a numeric entry, NaN when absent or not numeric. */
	private static double number(ByteBuffer bb, Entry e) {
		if (e == null || e.count < 1) return Double.NaN;
		int a = (int) e.at;
		switch (e.type) {
			case 1: return bb.get(a) & 0xff;
			case 3: return bb.getShort(a) & 0xffff;
			case 8: return bb.getShort(a);
			case 4: return bb.getInt(a) & 0xffffffffL;
			case 9: return bb.getInt(a);
			case 11: return bb.getFloat(a);
			case 12: return bb.getDouble(a);
			default: return Double.NaN;
		}
	}

	private static long[] longs(ByteBuffer bb, Entry e) {
		if (e == null || (e.type != 3 && e.type != 4) || e.count > 1_000_000) return null;
		long[] out = new long[(int) e.count];
		for (int i = 0; i < out.length; i++)
			out[i] = e.type == 3 ? bb.getShort((int) e.at + 2 * i) & 0xffff : bb.getInt((int) e.at + 4 * i) & 0xffffffffL;
		return out;
	}

	private static String text(byte[] b, Entry e) {
		if (e == null || e.type != 2) return null;
		int len = (int) e.count;
		while (len > 0 && b[(int) e.at + len - 1] == 0) len--;
		return new String(b, (int) e.at, len, StandardCharsets.UTF_8);
	}
}
