package org.interphase.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.interphase.core.InvalidInputException;

/**
 * Bruker/Veeco NanoScope image files (.spm, .000–.999), versions 5 to 9+, 16- and 32-bit samples
 * (SCIENCE.md §4 "AFM file formats"). Value in the soft-scale unit = raw × hard value of
 * {@code \@2:Z scale} / 2^(8·bytes per pixel) × value of the {@code \@Sens. …} entry named in
 * its brackets; rows are stored bottom-first and are flipped so that row 0 is the top.
 */
public final class NanoscopeReader {

	private static final Pattern Z_SCALE = Pattern.compile("^\\\\@\\d?:?Z scale:\\s*\\w*\\s*\\[([^\\]]*)\\]\\s*(\\(([^)]*)\\))?\\s*([-+0-9.eE]+)\\s*(\\S*)");
	private static final Pattern IMAGE_DATA = Pattern.compile("^\\\\@\\d?:?Image Data:\\s*\\w*\\s*\\[([^\\]]*)\\]\\s*(\"([^\"]*)\")?");
	private static final Pattern SENS = Pattern.compile("^\\w*\\s*([-+0-9.eE]+)\\s*(.*)$");

	private NanoscopeReader() {}

	/** The header text (Latin-1) up to {@code \*File list end}, or null when the file does not start like a NanoScope file. */
	static String header(Path file) throws IOException {
		if (!InputFiles.isRegular(file)) return null;
		try (InputStream in = Files.newInputStream(file)) {
			byte[] first = in.readNBytes(64);
			String start = new String(first, StandardCharsets.ISO_8859_1);
			if (!start.startsWith("\\*File list") && !start.startsWith("\\*Force file list") && !start.startsWith("?*File list")) return null;
			StringBuilder sb = new StringBuilder(start);
			byte[] buf = new byte[8192];
			int n;
			while (sb.indexOf("\\*File list end") < 0 && sb.length() < (4 << 20) && (n = in.read(buf)) > 0)
				sb.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
			int end = sb.indexOf("\\*File list end");
			return end < 0 ? sb.toString() : sb.substring(0, end);
		}
	}

	/** True when {@code file} is a NanoScope file whose header lists at least one image (not force-only files). */
	public static boolean isImageFile(Path file) {
		try {
			String h = header(file);
			return h != null && h.contains("\\*Ciao image list");
		} catch (IOException e) {
			return false;
		}
	}

	public static AfmImage read(Path file) {
		String name = file.getFileName().toString();
		String header;
		try {
			header = header(file);
		} catch (IOException e) {
			throw new InvalidInputException("file: cannot read " + name + ": " + e.getMessage(), e);
		}
		if (header == null) throw new InvalidInputException("file: " + name + " is not a NanoScope file (no \\*File list header)");
		// sections, in order; keys of every section also go to a global map (first wins) for the \@Sens. look-ups
		List<Map<String, String>> images = new ArrayList<>();
		Map<String, String> global = new HashMap<>();
		Map<String, String> current = null;
		for (String raw : header.split("\r?\n|\r")) {
			String line = raw.trim();
			if (line.startsWith("\\*")) {
				current = null;
				if (line.equalsIgnoreCase("\\*Ciao image list")) {
					current = new LinkedHashMap<>();
					images.add(current);
				}
				continue;
			}
			if (!line.startsWith("\\")) continue;
			int colon = line.indexOf(':', line.startsWith("\\@") && line.length() > 3 && line.charAt(3) == ':' ? 4 : 1);
			if (colon < 0) continue;
			String key = line.substring(1, colon).trim();
			String value = line.substring(colon + 1).trim();
			if (current != null) {
				current.putIfAbsent(key, value);
				current.putIfAbsent("line:" + key, line);
			} else global.putIfAbsent(key, value);
		}
		if (images.isEmpty()) throw new InvalidInputException("file: " + name + " holds no image (no \\*Ciao image list; force-curve files are read by the force-curve importer)");
		long version = parseVersion(global.get("Version"));
		if (global.containsKey("Data length")) // in the file list: the length of the text header, where the data begin
			InputFiles.region("file: " + name, fileSizeOf(file, name), 0, InputFiles.count("file: " + name, "\\Data length of the file list (the header length)",
				global.get("Data length"), header.length(), Integer.MAX_VALUE), "the text header");
		List<AfmImage.Channel> channels = new ArrayList<>();
		long fileSize;
		try {
			fileSize = Files.size(file);
		} catch (IOException e) {
			throw new InvalidInputException("file: cannot read " + name + ": " + e.getMessage(), e);
		}
		try (FileChannel fc = FileChannel.open(file, StandardOpenOption.READ)) {
			for (Map<String, String> img : images)
				channels.add(channel(fc, fileSize, header.length(), img, global, version, name));
		} catch (IOException e) {
			throw new InvalidInputException("file: cannot read " + name + ": " + e.getMessage(), e);
		}
		return new AfmImage(file, String.format(Locale.ROOT, "NanoScope (version 0x%08x)", version), channels);
	}

	private static long fileSizeOf(Path file, String name) {
		try {
			return Files.size(file);
		} catch (IOException e) {
			throw new InvalidInputException("file: cannot read " + name + ": " + InputFiles.quote(String.valueOf(e.getMessage())));
		}
	}

	private static long parseVersion(String v) {
		if (v == null) return 0;
		try {
			String s = v.trim().toLowerCase(Locale.ROOT);
			return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s, 16);
		} catch (NumberFormatException e) {
			return 0;
		}
	}

	private static int intField(Map<String, String> m, String key, String file, int min, long max) {
		String v = m.get(key);
		if (v == null) throw new InvalidInputException("file: " + file + ": an image section lacks \\" + key);
		return InputFiles.count("file: " + file, "\\" + key, v, min, max);
	}

	private static AfmImage.Channel channel(FileChannel fc, long fileSize, int headerLength, Map<String, String> img, Map<String, String> global,
		long version, String file) throws IOException {
		// the data lie after the text header: an offset inside it would read header text as heights
		int offset = intField(img, "Data offset", file, headerLength, Integer.MAX_VALUE);
		int w = intField(img, "Samps/line", file, 1, fileSize), h = intField(img, "Number of lines", file, 1, fileSize);
		int bytes = img.containsKey("Bytes/pixel") ? intField(img, "Bytes/pixel", file, 1, 8) : version >= 0x09200000L ? 4 : 2;
		if (bytes != 2 && bytes != 4) throw new InvalidInputException("file: " + file + ": " + bytes + " bytes per pixel is not supported (2 or 4)");
		if (w < 1 || h < 1) throw new InvalidInputException("file: " + file + ": image size " + w + "×" + h + " is invalid");
		long need = (long) w * h * bytes;
		if (img.containsKey("Data length")) {
			// the channel's declared block must hold the image and lie in the file
			long length = intField(img, "Data length", file, 1, Integer.MAX_VALUE);
			if (length < need)
				throw new InvalidInputException("file: " + file + ": \\Data length " + length + " is less than the " + w + "×" + h + "×" + bytes + " bytes of the image");
			InputFiles.region("file: " + file, fileSize, offset, length, "an image (\\Data offset + \\Data length)");
		}
		if (offset < 0 || offset + need > fileSize)
			throw new InvalidInputException("file: " + file + " is truncated: an image needs bytes " + offset + "–" + (offset + need) + " of " + fileSize);
		// channel name: the quoted name, else the bracketed one
		String chName = "Channel " + InputFiles.quote(img.get("Data offset"));
		String imageData = line(img, "Image Data");
		if (imageData != null) {
			Matcher m = IMAGE_DATA.matcher(imageData);
			if (m.find()) chName = InputFiles.quote(m.group(3) != null && !m.group(3).isEmpty() ? m.group(3) : m.group(1));
		}
		// Z scale chain
		String zLine = line(img, "Z scale");
		if (zLine == null) throw new InvalidInputException("file: " + file + ": channel " + chName + " lacks its \\@2:Z scale entry");
		Matcher zm = Z_SCALE.matcher(zLine);
		if (!zm.find()) throw new InvalidInputException("file: " + file + ": cannot read the Z scale of " + InputFiles.quote(chName) + ": " + InputFiles.quote(zLine));
		String sensName = zm.group(1).trim();
		double hard = InputFiles.number("file: " + file, "the Z scale of " + InputFiles.quote(chName), zm.group(4), InputFiles.Rule.NON_ZERO);
		String hardUnit = zm.group(5).trim();
		double perLsb = hard / Math.pow(2, 8 * bytes);
		double sens = 1;
		String unit = hardUnit;
		String sensText = "no \\@" + sensName + " entry: values in " + hardUnit;
		String sv = global.get("@" + sensName);
		if (sv != null) {
			Matcher sm = SENS.matcher(sv.trim());
			if (sm.find()) {
				sens = InputFiles.number("file: " + file, "\\@" + InputFiles.quote(sensName), sm.group(1), InputFiles.Rule.NON_ZERO);
				String su = sm.group(2).trim();
				int slash = su.indexOf('/');
				unit = su.isEmpty() ? hardUnit : slash >= 0 ? su.substring(0, slash).trim() : su;
				sensText = "× " + sm.group(1) + (su.isEmpty() ? "" : " " + su) + " (\\@" + sensName + ")";
			}
		}
		String[] pref = new String[1];
		double conv = AfmImage.toPreferred(unit, pref);
		double scale = perLsb * sens * conv;
		String scaling = String.format(Locale.ROOT, "%s: raw (int%d, little-endian) × %s %s / 2^%d %s = %.6g %s per LSB%s; rows stored bottom-first, flipped",
			chName, 8 * bytes, zm.group(4), hardUnit, 8 * bytes, sensText, scale, pref[0],
			conv != 1 ? String.format(Locale.ROOT, " (%s → %s ×%s)", unit, pref[0], fmt(conv)) : "");
		// lateral size
		double[] size = scanSize(img.get("Scan Size") != null ? img.get("Scan Size") : img.get("Scan size"), global, file);
		double pw = size[0] / w, ph = size[1] / h;
		ByteBuffer buf = ByteBuffer.allocate((int) need).order(ByteOrder.LITTLE_ENDIAN);
		fc.position(offset);
		while (buf.hasRemaining())
			if (fc.read(buf) < 0) break;
		buf.flip();
		float[] data = new float[w * h];
		for (int r = 0; r < h; r++) {
			int dst = (h - 1 - r) * w;
			for (int x = 0; x < w; x++)
				data[dst + x] = (float) ((bytes == 2 ? buf.getShort() : buf.getInt()) * scale);
		}
		return new AfmImage.Channel(chName, pref[0], data, w, h, pw, ph, scaling);
	}

	private static String fmt(double v) {
		return String.format(Locale.ROOT, "%g", v);
	}

	/** The full header line of the first key in {@code img} that ends with {@code suffix} (e.g. "@2:Z scale"). */
	private static String line(Map<String, String> img, String suffix) {
		for (Map.Entry<String, String> e : img.entrySet())
			if (e.getKey().startsWith("line:@") && e.getKey().endsWith(suffix) && !e.getValue().contains("Z magnify")) return e.getValue();
		return null;
	}

	/** Scan size "2 2 ~m" (x y unit) or "15000 nm" (square), in µm. */
	private static double[] scanSize(String v, Map<String, String> global, String file) {
		if (v == null) v = global.get("Scan Size") != null ? global.get("Scan Size") : global.get("Scan size");
		if (v == null) throw new InvalidInputException("file: " + file + ": no \\Scan Size in the header");
		String[] p = v.trim().split("\\s+");
		try {
			double sx = InputFiles.number("file: " + file, "\\Scan Size", p[0], InputFiles.Rule.POSITIVE);
			double sy = sx;
			String unit = "nm";
			if (p.length >= 3) {
				sy = InputFiles.number("file: " + file, "\\Scan Size", p[1], InputFiles.Rule.POSITIVE);
				unit = p[2];
			} else if (p.length == 2) {
				unit = p[1];
			}
			double nm = AfmImage.lengthInNm(unit);
			if (Double.isNaN(nm)) throw new InvalidInputException("file: " + file + ": unknown scan size unit \"" + InputFiles.quote(unit) + "\"");
			return new double[] { sx * nm / 1000, sy * nm / 1000 };
		} catch (NumberFormatException e) {
			throw new InvalidInputException("file: " + file + ": cannot read the scan size \"" + InputFiles.quote(v) + "\"");
		}
	}
}
