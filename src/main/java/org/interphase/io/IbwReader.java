package org.interphase.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.interphase.core.InvalidInputException;

/**
 * Asylum Research images in Igor binary wave files (.ibw, version 5; SCIENCE.md §4): a 64-byte
 * BinHeader5, a 320-byte WaveHeader5 ({@code n_dim}, {@code sfA} pixel size, units), the data
 * column-major (x fastest, then y, then channel), then formula, note, extended units and the dimension
 * labels, whose third-dimension labels name the channels. Igor's y axis points up, so rows are
 * flipped to put row 0 at the top (as Gwyddion does).
 */
public final class IbwReader {

	private static final int BIN_HEADER = 64, WAVE_HEADER = 320, LABEL = 32;
	private static final java.util.regex.Pattern FILE_START = java.util.regex.Pattern.compile("FileStart:(\\d{1,12})\\b");
	private static final java.util.regex.Pattern TRAILER = java.util.regex.Pattern.compile(";\\s*\\d{4} \\w+\\s*$");

	private IbwReader() {}

	public static AfmImage read(Path file) {
		String name = file.getFileName().toString();
		byte[] bytes = InputFiles.readAllBytes(file);
		if (bytes.length < BIN_HEADER + WAVE_HEADER) throw new InvalidInputException("file: " + name + " is too short for an Igor binary wave");
		ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		int version = b.getShort(0);
		if (version != 5) {
			b.order(ByteOrder.BIG_ENDIAN);
			version = b.getShort(0);
		}
		if (version != 5) throw new InvalidInputException("file: " + name + " is not an Igor binary wave of version 5 (Asylum Research); version field " + version);
		String src = "file: " + name;
		long fileSize = bytes.length;
		int formulaSize = size(src, "formulaSize", b.getInt(8), fileSize), noteSize = size(src, "noteSize", b.getInt(12), fileSize);
		int dataEUnitsSize = size(src, "dataEUnitsSize", b.getInt(16), fileSize);
		int[] dimEUnits = new int[4], dimLabels = new int[4];
		for (int i = 0; i < 4; i++) {
			dimEUnits[i] = size(src, "dimEUnitsSize[" + i + "]", b.getInt(20 + 4 * i), fileSize);
			dimLabels[i] = size(src, "dimLabelsSize[" + i + "]", b.getInt(36 + 4 * i), fileSize);
		}
		int wh = BIN_HEADER;
		int npnts = b.getInt(wh + 12);
		int type = b.getShort(wh + 16);
		int[] nDim = new int[4];
		double[] sfA = new double[4];
		for (int i = 0; i < 4; i++) {
			nDim[i] = b.getInt(wh + 68 + 4 * i);
			sfA[i] = b.getDouble(wh + 84 + 8 * i);
		}
		String dataUnits = cstr(bytes, wh + 148, 4);
		String xUnits = cstr(bytes, wh + 152, 4), yUnits = cstr(bytes, wh + 156, 4);
		int w = nDim[0], h = nDim[1];
		if (w < 2 || h < 2) throw new InvalidInputException("file: " + name + " is not an image wave (dimensions " + w + "×" + h + ")");
		if (nDim[2] < 0 || nDim[3] < 0) throw new InvalidInputException("file: " + name + " is damaged: negative dimensions " + nDim[2] + ", " + nDim[3]);
		int layers = InputFiles.elements(src, "the image layers", 1, Math.max(1, nDim[2]), Math.max(1, nDim[3]));
		InputFiles.elements(src, "the image wave", 8, w, h, layers);
		InputFiles.check(src, "the x pixel size sfA[0]", sfA[0], InputFiles.Rule.POSITIVE);
		InputFiles.check(src, "the y pixel size sfA[1]", sfA[1], InputFiles.Rule.POSITIVE);
		int size;
		switch (type) {
			case 2: size = 4; break;
			case 4: size = 8; break;
			case 8: case 8 | 0x40: size = 1; break;
			case 0x10: case 0x10 | 0x40: size = 2; break;
			case 0x20: case 0x20 | 0x40: size = 4; break;
			default: throw new InvalidInputException("file: " + name + ": Igor data type 0x" + Integer.toHexString(type) + " is not supported (complex or text)");
		}
		long dataStart = BIN_HEADER + WAVE_HEADER;
		long dataBytes = (long) w * h * layers * size;
		if (npnts != (long) w * h * layers || dataStart + dataBytes > bytes.length)
			throw new InvalidInputException("file: " + name + " is truncated or inconsistent (" + npnts + " points for " + w + "×" + h + "×" + layers + ")");
		// channel names from the labels of dimension 2 (the first label names the dimension itself)
		long p = dataStart + dataBytes + formulaSize + noteSize + dataEUnitsSize;
		for (int i = 0; i < 4; i++)
			p += dimEUnits[i];
		long sections = p - dataStart - dataBytes;
		for (int i = 0; i < 4; i++)
			sections += dimLabels[i];
		for (int at = 52; at < 64; at += 4) // sIndicesSize, optionsSize1, optionsSize2
			sections += size(src, "BinHeader5 size at byte " + at, b.getInt(at), fileSize);
		// the sections after the data (formula, note, units, labels) must fit the file, or the labels are read from the wrong place
		InputFiles.region(src, fileSize, dataStart + dataBytes, sections, "the formula, note, units and labels after the data");
		long declaredEnd = dataStart + dataBytes + sections;
		asylumTrailer(name, bytes, declaredEnd);
		p += (long) dimLabels[0] + dimLabels[1];
		List<String> names = new ArrayList<>();
		if (dimLabels[2] >= LABEL * (nDim[2] + 1) && p + dimLabels[2] <= bytes.length)
			for (int l = 1; l <= nDim[2]; l++)
				names.add(cstr(bytes, (int) (p + (long) l * LABEL), LABEL));
		String[] pref = new String[1];
		List<AfmImage.Channel> channels = new ArrayList<>();
		double xNm = AfmImage.lengthInNm(xUnits.isEmpty() ? "m" : xUnits), yNm = AfmImage.lengthInNm(yUnits.isEmpty() ? "m" : yUnits);
		if (Double.isNaN(xNm)) xNm = 1e9;
		if (Double.isNaN(yNm)) yNm = xNm;
		String waveName = cstr(bytes, wh + 28, 32);
		for (int l = 0; l < layers; l++) {
			String ch = InputFiles.quote(l < names.size() && !names.get(l).isEmpty() ? names.get(l) : layers == 1 ? waveName : "Channel " + (l + 1));
			String unit = channelUnit(ch, dataUnits);
			double conv = AfmImage.toPreferred(unit, pref);
			float[] data = new float[w * h];
			long base = dataStart + (long) l * w * h * size;
			for (int y = 0; y < h; y++) {
				int dst = (h - 1 - y) * w;
				for (int x = 0; x < w; x++) {
					int at = (int) (base + ((long) y * w + x) * size);
					double v;
					switch (type) {
						case 2: v = b.getFloat(at); break;
						case 4: v = b.getDouble(at); break;
						case 8: v = b.get(at); break;
						case 8 | 0x40: v = b.get(at) & 0xff; break;
						case 0x10: v = b.getShort(at); break;
						case 0x10 | 0x40: v = b.getShort(at) & 0xffff; break;
						case 0x20: v = b.getInt(at); break;
						default: v = b.getInt(at) & 0xffffffffL; break;
					}
					data[dst + x] = (float) (v * conv);
				}
			}
			String scaling = String.format(Locale.ROOT, "%s: stored values in %s × %g = %s%s; pixel sfA %g %s × %g %s → µm; Igor rows bottom-first, flipped", ch,
				unit.isEmpty() ? "(no unit)" : unit, conv, pref[0].isEmpty() ? "(no unit)" : pref[0],
				unit.equals(dataUnits) ? "" : " (unit from the channel name; the wave says \"" + dataUnits + "\")", sfA[0], xUnits, sfA[1], yUnits);
			channels.add(new AfmImage.Channel(ch, pref[0], data, w, h, sfA[0] * xNm / 1000, sfA[1] * yNm / 1000, scaling));
		}
		return new AfmImage(file, "Igor binary wave v5 (Asylum Research)", channels);
	}

	/** True for an {@code .ibw} file (images and force curves share the extension; the readers refuse the other kind). */
	public static boolean accepts(Path file) {
		return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ibw");
	}

	/**
	 * An Asylum Research force curve: a 2-D wave of n samples × columns named by the dimension-1
	 * labels ({@code Raw} piezo, {@code Defl} deflection, {@code ZSnsr} measured height, in metres) and
	 * a note of {@code Key: value} lines carrying {@code SpringConstant} (N/m), {@code InvOLS} (m/V) and
	 * {@code Indexes} (segment boundaries, e.g. {@code 0,1008,2015}: the approach runs from the first to
	 * the second index, the retract on to the third). z = ZSnsr (else Raw) in nm, which increases towards
	 * the sample; F = Defl × spring constant in nN. The spring constant given here (N/m, NaN = the
	 * note's) replaces the note's.
	 */
	public static org.interphase.core.afm.ForceMap readForce(Path file, double springConstant) {
		String name = file.getFileName().toString();
		String src = "file: " + name;
		byte[] bytes = InputFiles.readAllBytes(file);
		if (bytes.length < BIN_HEADER + WAVE_HEADER) throw new InvalidInputException(src + " is too short for an Igor binary wave");
		ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		int version = b.getShort(0);
		if (version != 5) {
			b.order(ByteOrder.BIG_ENDIAN);
			version = b.getShort(0);
		}
		if (version != 5) throw new InvalidInputException(src + " is not an Igor binary wave of version 5 (Asylum Research); version field " + version);
		long fileSize = bytes.length;
		int formulaSize = size(src, "formulaSize", b.getInt(8), fileSize), noteSize = size(src, "noteSize", b.getInt(12), fileSize);
		int dataEUnitsSize = size(src, "dataEUnitsSize", b.getInt(16), fileSize);
		long after = 0;
		int[] dimLabels = new int[4];
		for (int i = 0; i < 4; i++) {
			after += size(src, "dimEUnitsSize[" + i + "]", b.getInt(20 + 4 * i), fileSize);
			dimLabels[i] = size(src, "dimLabelsSize[" + i + "]", b.getInt(36 + 4 * i), fileSize);
		}
		int wh = BIN_HEADER, npnts = b.getInt(wh + 12), type = b.getShort(wh + 16);
		int n = b.getInt(wh + 68), cols = b.getInt(wh + 72);
		if (n < 2 || cols < 2 || b.getInt(wh + 76) > 1)
			throw new InvalidInputException(src + " is not a force-curve wave (dimensions " + n + "×" + cols + "×" + b.getInt(wh + 76) + "; expected samples × columns)");
		int size = type == 2 ? 4 : type == 4 ? 8 : -1;
		if (size < 0) throw new InvalidInputException(src + ": Igor data type 0x" + Integer.toHexString(type) + " is not a float force curve");
		InputFiles.elements(src, "the force wave", size, n, cols);
		long dataStart = BIN_HEADER + WAVE_HEADER, dataBytes = (long) n * cols * size;
		if (npnts != (long) n * cols) throw new InvalidInputException(src + " is inconsistent (" + npnts + " points for " + n + "×" + cols + ")");
		InputFiles.region(src, fileSize, dataStart, dataBytes + formulaSize + noteSize + dataEUnitsSize + after + dimLabels[0] + dimLabels[1],
			"the data, note and column labels");
		long declaredEnd = dataStart + dataBytes + formulaSize + noteSize + dataEUnitsSize + after;
		for (int i = 0; i < 4; i++)
			declaredEnd += dimLabels[i];
		for (int at = 52; at < 64; at += 4) // sIndicesSize, optionsSize1, optionsSize2
			declaredEnd += size(src, "BinHeader5 size at byte " + at, b.getInt(at), fileSize);
		InputFiles.region(src, fileSize, dataStart, declaredEnd - dataStart, "the data, note, units and labels");
		asylumTrailer(name, bytes, declaredEnd);
		long notePos = dataStart + dataBytes + formulaSize;
		String note = new String(bytes, (int) notePos, noteSize, StandardCharsets.ISO_8859_1);
		java.util.Map<String, String> meta = new java.util.LinkedHashMap<>();
		for (String line : note.split("\r\n|\r|\n")) {
			int c = line.indexOf(':');
			if (c > 0) meta.putIfAbsent(line.substring(0, c).trim(), line.substring(c + 1).trim());
		}
		long labels = notePos + noteSize + dataEUnitsSize + after + dimLabels[0];
		List<String> names = new ArrayList<>();
		if (dimLabels[1] >= LABEL * (cols + 1))
			for (int l = 1; l <= cols; l++)
				names.add(cstr(bytes, (int) (labels + (long) l * LABEL), LABEL));
		int defl = names.indexOf("Defl"), zs = names.indexOf("ZSnsr");
		if (zs < 0) zs = names.indexOf("Raw");
		if (defl < 0 || zs < 0)
			throw new InvalidInputException(src + " names no Defl and ZSnsr/Raw columns (labels " + InputFiles.quote(String.join(",", names)) + "): not an Asylum force curve");
		double k = springConstant;
		if (!(k > 0)) k = number(src, meta, "SpringConstant");
		double invols = meta.containsKey("InvOLS") ? number(src, meta, "InvOLS") * 1e9 : Double.NaN;
		double[] z = new double[n], f = new double[n];
		for (int i = 0; i < n; i++) {
			long zAt = dataStart + ((long) zs * n + i) * size, dAt = dataStart + ((long) defl * n + i) * size;
			double zv = size == 4 ? b.getFloat((int) zAt) : b.getDouble((int) zAt);
			double dv = size == 4 ? b.getFloat((int) dAt) : b.getDouble((int) dAt);
			if (!Double.isFinite(zv) || !Double.isFinite(dv)) throw new InvalidInputException(src + ": non-finite sample " + i);
			z[i] = zv * 1e9;
			f[i] = dv * 1e9 * (k > 0 ? k : 1);
		}
		int split = -1, end = n - 1;
		String idx = meta.get("Indexes");
		if (idx != null) {
			String[] parts = idx.split(",");
			try {
				if (parts.length >= 3) {
					split = Integer.parseInt(parts[1].trim());
					end = Integer.parseInt(parts[2].trim());
				}
			} catch (NumberFormatException e) {
				throw new InvalidInputException(src + ": note key Indexes " + InputFiles.quote(idx) + " is not a list of sample indexes");
			}
			if (split < 1 || split >= n - 1 || end <= split || end >= n)
				throw new InvalidInputException(src + ": note key Indexes " + InputFiles.quote(idx) + " does not split the " + n + " samples into approach and retract");
		}
		if (split < 0) { // no Indexes: the approach ends at the largest z
			split = 0;
			for (int i = 1; i < n; i++)
				if (z[i] > z[split]) split = i;
			if (split < 1) split = n - 1;
		}
		double[] az = java.util.Arrays.copyOfRange(z, 0, split + 1), af = java.util.Arrays.copyOfRange(f, 0, split + 1);
		double[] rz = java.util.Arrays.copyOfRange(z, split, end + 1), rf = java.util.Arrays.copyOfRange(f, split, end + 1);
		org.interphase.core.afm.ForceCurve c = new org.interphase.core.afm.ForceCurve(az, af, rz, rf, k > 0 ? k : Double.NaN, invols);
		org.interphase.core.afm.ForceMap m = new org.interphase.core.afm.ForceMap(1, 1, new org.interphase.core.afm.ForceCurve[] { c }, Double.NaN);
		m.metadata.put("format", "Asylum Research force curve (Igor binary wave v5)");
		m.metadata.put("height column", names.get(zs));
		for (String key : new String[] { "SpringConstant", "InvOLS", "Indexes", "Date", "Time", "MicroscopeModel" })
			if (meta.containsKey(key)) m.metadata.put(key, InputFiles.quote(meta.get(key)));
		return m;
	}

	private static double number(String src, java.util.Map<String, String> meta, String key) {
		String v = meta.get(key);
		if (v == null) throw new InvalidInputException(src + ": the note has no " + key + (key.equals("SpringConstant") ? "; set spring_constant (N/m)" : ""));
		double d;
		try {
			d = Double.parseDouble(v);
		} catch (NumberFormatException e) {
			throw new InvalidInputException(src + ": note key " + key + " " + InputFiles.quote(v) + " is not a number");
		}
		if (!(d > 0) || Double.isInfinite(d)) throw new InvalidInputException(src + ": note key " + key + " " + InputFiles.quote(v) + " must be a positive number");
		return d;
	}

	/**
	 * Bytes after a wave's declared sections must be Asylum Research's appended blocks ending in the
	 * text trailer "; NNNN MFP3D" (or "Force"), whose first FileStart must be the declared end: else the
	 * file was cut or damaged.
	 */
	private static void asylumTrailer(String name, byte[] bytes, long declaredEnd) {
		if (declaredEnd < (long) bytes.length) {
			// Asylum Research appends thumbnails and a text trailer that ends in "; NNNN MFP3D" (or "Force"); a cut file ends elsewhere
			String tail = new String(bytes, (int) Math.max(declaredEnd, (long) bytes.length - 24), (int) Math.min(24, (long) bytes.length - declaredEnd), StandardCharsets.ISO_8859_1);
			if (!TRAILER.matcher(tail).find())
				throw new InvalidInputException("file: " + name + " is truncated or damaged: " + ((long) bytes.length - declaredEnd)
					+ " bytes follow the wave but do not end in an Asylum Research trailer (\"; NNNN MFP3D\")");
			// the trailer places Asylum's first appended block right after the wave's sections: a check on their sizes
			String text = new String(bytes, (int) Math.max(declaredEnd, (long) bytes.length - 4096), (int) Math.min(4096, (long) bytes.length - declaredEnd), StandardCharsets.ISO_8859_1);
			java.util.regex.Matcher m = FILE_START.matcher(text);
			long first = Long.MAX_VALUE;
			while (m.find())
				first = Math.min(first, Long.parseLong(m.group(1)));
			if (first != Long.MAX_VALUE && first != declaredEnd)
				throw new InvalidInputException("file: " + name + " is damaged: its header's section sizes end at byte " + declaredEnd
					+ " but the Asylum trailer puts the next block at byte " + first);
		}
	}

	/** A section size of the BinHeader5: at least 0 and at most the file. */
	private static int size(String src, String key, int v, long fileSize) {
		return InputFiles.count(src, key, v, 0, fileSize);
	}

	/** Asylum writes one data unit ("m") for every layer; phase channels are in degrees and user inputs in volts. */
	static String channelUnit(String channel, String waveUnit) {
		String c = channel.toLowerCase(Locale.ROOT);
		if (c.contains("phase")) return "deg";
		if (c.startsWith("userin") || c.contains("bias") || c.startsWith("input")) return "V";
		return waveUnit;
	}

	private static String cstr(byte[] a, int off, int max) {
		int end = off;
		while (end < off + max && end < a.length && a[end] != 0)
			end++;
		return new String(a, off, end - off, StandardCharsets.ISO_8859_1).trim();
	}
}
