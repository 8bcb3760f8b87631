package org.interphase.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;
import org.interphase.core.stack.SpectralStack;

/**
 * ALS/SLS STXM stacks: a {@code .hdr} header (nested {@code key = value;} text, see
 * {@link HdrParser}) and one {@code <base>_<channel letter><3-digit index>.xim} text matrix per
 * energy, rows of the file being image rows (Y), first row first. Energies from
 * {@code ScanDefinition.StackAxis.Points}, pixel size from the {@code PAxis}/{@code QAxis}
 * positions (µm) of the first region, dwell ({@code ScanDefinition.Dwell}, ms) into the metadata.
 */
public final class AlsHdrReader {

	private AlsHdrReader() {}

	/**
	 * Reads the stack of {@code hdr}. {@code channel}: empty = the first channel with files; else a
	 * channel letter ({@code a}, {@code b}, …) or a channel name of the header. {@code ringCurrent}:
	 * divide each image by its storage-ring current over the median current.
	 */
	public static ImportedStack read(Path hdr, String channel, boolean ringCurrent) {
		String name = hdr.getFileName().toString();
		String text = InputFiles.readText(hdr);
		Map<String, Object> root = HdrParser.parse(text, name);
		Map<String, Object> scan = HdrParser.group(root, "ScanDefinition");
		if (scan == null) throw new InvalidInputException(name + " has no ScanDefinition group; is it an ALS/SLS STXM header?");
		double[] energies = HdrParser.countedNumbers(HdrParser.get(scan, "StackAxis.Points"), "ScanDefinition.StackAxis.Points", name);
		List<Map<String, Object>> regions = HdrParser.countedGroups(scan.get("Regions"));
		if (regions.isEmpty()) throw new InvalidInputException(name + ": ScanDefinition.Regions holds no region");
		Map<String, Object> region = regions.get(0);
		double[] xs = HdrParser.countedNumbers(HdrParser.get(region, "PAxis.Points"), "Regions PAxis.Points", name);
		double[] ys = HdrParser.countedNumbers(HdrParser.get(region, "QAxis.Points"), "Regions QAxis.Points", name);
		int nx = xs.length, ny = ys.length;
		monotonic(xs, "Regions PAxis.Points", name);
		monotonic(ys, "Regions QAxis.Points", name);
		InputFiles.elements(name, "the stack", 8, energies.length, nx, ny);
		Object dwellValue = scan.get("Dwell");
		if (dwellValue != null) InputFiles.number(name, "ScanDefinition.Dwell (ms)", dwellValue.toString(), InputFiles.Rule.POSITIVE);

		List<String> channelNames = new ArrayList<>();
		for (Map<String, Object> c : HdrParser.countedGroups(scan.get("Channels")))
			channelNames.add(String.valueOf(c.get("Name")));
		String base = name.substring(0, name.length() - 4);
		char letter = channelLetter(hdr, base, channel, channelNames);

		Path dir = hdr.toAbsolutePath().getParent();
		float[][] slices = new float[energies.length][];
		Parallel.forRange(energies.length, 1, Progress.NONE, "reading .xim files", (from, to) -> {
			for (int e = from; e < to; e++)
				slices[e] = readXim(dir.resolve(String.format(Locale.ROOT, "%s_%c%03d.xim", base, letter, e)), nx, ny);
		});

		Map<String, String> meta = new LinkedHashMap<>();
		Object type = scan.get("Type");
		if (type != null) meta.put("scan_type", type.toString());
		Object dwell = scan.get("Dwell");
		if (dwell != null) meta.put("dwell_ms", dwell.toString());
		meta.put("channel", letter + (letter - 'a' < channelNames.size() ? " (" + channelNames.get(letter - 'a') + ")" : ""));
		if (regions.size() > 1) meta.put("regions", regions.size() + " (first read)");
		Object time = root.get("Time");
		if (time != null) meta.put("time", time.toString());
		double[] ring = ringCurrents(root, energies.length);
		if (ring != null) meta.put("ring_current_mA", String.format(Locale.ROOT, "%.2f–%.2f", min(ring), max(ring)));
		if (ringCurrent) {
			if (ring == null)
				throw new InvalidInputException("ring_current: " + name + " does not give the storage-ring current of every image "
					+ "(StorageRingCurrent and Image2…Image" + energies.length + ")");
			for (int i = 0; i < ring.length; i++) // one bad current would turn a whole energy into NaN
				InputFiles.check(name, (i == 0 ? "" : "Image" + (i + 1) + ".") + "StorageRingCurrent (mA)", ring[i], InputFiles.Rule.POSITIVE);
			RingCurrent.normalizePerSlice(slices, ring);
			meta.put("ring_current_normalized", "I/(R/median R)");
		}
		double px = step(xs), py = step(ys);
		if (px == 0 || py == 0) throw InputFiles.invalid(name, "the PAxis or QAxis positions do not change: zero pixel size");
		return new ImportedStack(new SpectralStack(nx, ny, energies, slices), px, py, "µm", "ALS/SLS STXM .hdr + .xim", hdr, meta);
	}

	/** The .xim channel letter to read. */
	private static char channelLetter(Path hdr, String base, String channel, List<String> names) {
		TreeSet<Character> present = new TreeSet<>();
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(hdr.toAbsolutePath().getParent(), base + "_*000.xim")) {
			for (Path p : ds) {
				String n = p.getFileName().toString();
				if (n.length() == base.length() + 9) present.add(n.charAt(base.length() + 1));
			}
		} catch (IOException e) {
			throw new InvalidInputException("cannot list the folder of " + hdr + ": " + e.getMessage(), e);
		}
		if (present.isEmpty())
			throw new InvalidInputException(hdr.getFileName() + ": no image files " + base + "_a000.xim (one .xim per energy) beside it");
		if (channel == null || channel.trim().isEmpty()) return present.first();
		String c = channel.trim();
		char letter;
		if (c.length() == 1 && Character.isLetter(c.charAt(0))) {
			letter = Character.toLowerCase(c.charAt(0));
		} else {
			int i = names.indexOf(c);
			if (i < 0)
				throw new InvalidInputException("channel: \"" + c + "\" is not a channel of " + hdr.getFileName() + " (channels: "
					+ InputFiles.names(names) + "; or give the letter of the .xim files: " + present + ")");
			letter = (char) ('a' + i);
		}
		if (!present.contains(letter))
			throw new InvalidInputException("channel: no files " + base + "_" + letter + "000.xim; present channels: " + present);
		return letter;
	}

	/** Reads one .xim text matrix of {@code ny} rows × {@code nx} numbers. */
	static float[] readXim(Path file, int nx, int ny) {
		if (!Files.exists(file)) throw new InvalidInputException("missing image file " + file.getFileName() + " (one .xim per energy)");
		byte[] b = InputFiles.readAllBytes(file);
		float[] out = new float[nx * ny];
		int n = b.length, i = 0, row = 0;
		StringBuilder tok = new StringBuilder(16);
		while (i < n && row < ny) {
			int col = 0;
			// one line
			while (i < n && b[i] != '\n') {
				while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == ',')) i++;
				if (i >= n || b[i] == '\n') break;
				tok.setLength(0);
				while (i < n && b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n' && b[i] != ',')
					tok.append((char) b[i++]);
				if (col >= nx)
					throw new InvalidInputException(file.getFileName() + " row " + (row + 1) + " has more than the " + nx + " columns of the header");
				try {
					out[row * nx + col++] = Float.parseFloat(tok.toString());
				} catch (NumberFormatException e) {
					throw InputFiles.invalid(file, "row " + (row + 1) + ": not a number \"" + InputFiles.quote(tok.toString()) + "\"");
				}
			}
			if (i < n) i++; // newline
			if (col == 0) continue; // blank line
			if (col != nx)
				throw new InvalidInputException(file.getFileName() + " row " + (row + 1) + " has " + col + " columns; the header says " + nx);
			row++;
		}
		if (row != ny) throw new InvalidInputException(file.getFileName() + " has " + row + " rows; the header says " + ny);
		return out;
	}

	/** StorageRingCurrent (image 1) and Image2…ImageN.StorageRingCurrent, or null when any is missing. */
	private static double[] ringCurrents(Map<String, Object> root, int n) {
		double[] r = new double[n];
		for (int i = 0; i < n; i++) {
			Object v = i == 0 ? root.get("StorageRingCurrent") : HdrParser.get(root, "Image" + (i + 1) + ".StorageRingCurrent");
			if (v == null) return null;
			try {
				r[i] = Double.parseDouble(v.toString());
			} catch (NumberFormatException e) {
				return null;
			}
		}
		return r;
	}

	/** Positions along a scan axis go one way (the pixel size follows from the first and last). */
	private static void monotonic(double[] p, String what, String name) {
		if (p.length < 2) return;
		double sign = Math.signum(p[1] - p[0]);
		for (int i = 1; i < p.length; i++)
			if (sign == 0 || Math.signum(p[i] - p[i - 1]) != sign)
				throw InputFiles.invalid(name, what + " are not monotonic at item " + (i + 1) + " (" + p[i - 1] + ", " + p[i] + ")");
	}

	/** Mean step between first and last position; NaN for a single point. */
	static double step(double[] p) {
		return p.length < 2 ? Double.NaN : Math.abs(p[p.length - 1] - p[0]) / (p.length - 1);
	}

	private static double min(double[] v) {
		double m = Double.POSITIVE_INFINITY;
		for (double x : v)
			m = Math.min(m, x);
		return m;
	}

	private static double max(double[] v) {
		double m = Double.NEGATIVE_INFINITY;
		for (double x : v)
			m = Math.max(m, x);
		return m;
	}
}
