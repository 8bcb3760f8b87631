package org.interphase.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.interphase.core.InvalidInputException;
import org.interphase.core.sims.SimsVolume;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;

/**
 * ToF-SIMS 3D data and depth profiles:
 * <ul>
 * <li>a folder of per-ion multi-page TIFFs (one file per ion, pages = sputter cycles; the ion label is
 * the file name without extension and without the prefix all files share, e.g.
 * {@code sample_CH2O-.tif → CH2O-});</li>
 * <li>one multi-channel TIFF (hyperstack C = ions, Z or T = cycles; ion labels from the
 * {@code interphase.ions} property or the channels' slice labels);</li>
 * <li>a depth-profile text export (IONTOF SurfaceLab ASCII, TESCAN and the like): any header
 * lines, then rows of numbers, first column the cycle number or the sputter time (s; min when the
 * column name says "(min)"), then one column per ion; ion labels from the last header line with one
 * name per column. A profile becomes a 1 × 1-pixel volume.</li>
 * </ul>
 */
public final class SimsReader {

	public static final String KNOWN_FORMATS = "a folder of per-ion multi-page TIFFs, one multi-channel TIFF (C = ions, Z = cycles), "
		+ "or a depth-profile text export (.txt, .csv, .dat, .tsv: cycle or time column, then one column per ion)";

	/** A read dataset: the volume, sputter times (s) per cycle or null, pixel size and unit (NaN, "pixel" when unknown). */
	public static final class SimsData {
		public final SimsVolume volume;
		public final double[] timesS;
		public final double cycleTimeS, pixelWidth;
		public final String unit, format;
		public final Path source;

		public SimsData(SimsVolume volume, double[] timesS, double cycleTimeS, double pixelWidth, String unit, String format, Path source) {
			this.volume = volume;
			this.timesS = timesS;
			this.cycleTimeS = cycleTimeS;
			this.pixelWidth = pixelWidth;
			this.unit = unit;
			this.format = format;
			this.source = source;
		}
	}

	private SimsReader() {}

	/** Reads a folder, TIFF or text export; {@code ionNames} (comma list, may be empty) renames the ions in order. */
	public static SimsData read(Path file, String ionNames) {
		if (file == null) throw new InvalidInputException("file: no file given");
		SimsData d;
		if (Files.isDirectory(file)) d = readFolder(file);
		else {
			InputFiles.requireRegular(file);
			String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
			if (n.endsWith(".tif") || n.endsWith(".tiff") || TiffSignature.isTiff(file)) d = readTiff(file);
			else if (n.endsWith(".txt") || n.endsWith(".csv") || n.endsWith(".dat") || n.endsWith(".tsv") || n.endsWith(".asc")) d = readText(file);
			else throw InputFiles.invalid(file, "unknown ToF-SIMS format; give " + KNOWN_FORMATS);
		}
		return rename(d, ionNames);
	}

	private static SimsData rename(SimsData d, String ionNames) {
		if (ionNames == null || ionNames.trim().isEmpty()) return d;
		String[] names = ionNames.trim().split("\\s*,\\s*");
		if (names.length != d.volume.ionCount())
			throw new InvalidInputException("ions: " + names.length + " names given but " + InputFiles.name(d.source) + " holds " + d.volume.ionCount() + " ions ("
				+ String.join(", ", d.volume.ions()) + ")");
		float[][][] data = new float[names.length][][];
		for (int i = 0; i < names.length; i++) {
			data[i] = new float[d.volume.cycles][];
			for (int c = 0; c < d.volume.cycles; c++)
				data[i][c] = d.volume.cycle(i, c);
		}
		return new SimsData(new SimsVolume(d.volume.width, d.volume.height, names, data), d.timesS, d.cycleTimeS, d.pixelWidth, d.unit, d.format, d.source);
	}

	/** A folder of per-ion multi-page TIFFs. */
	public static SimsData readFolder(Path dir) {
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
			for (Path p : ds) {
				String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
				if (Files.isRegularFile(p) && (n.endsWith(".tif") || n.endsWith(".tiff"))) files.add(p);
			}
		} catch (IOException e) {
			throw new InvalidInputException("file: cannot list " + dir + ": " + e.getMessage(), e);
		}
		if (files.isEmpty()) throw new InvalidInputException("file: " + InputFiles.name(dir) + " holds no TIFF files (" + KNOWN_FORMATS + ")");
		files.sort((a, b) -> NaturalOrder.compare(a.getFileName().toString(), b.getFileName().toString()));
		List<String> stems = new ArrayList<>();
		for (Path f : files)
			stems.add(f.getFileName().toString().replaceFirst("(?i)\\.tiff?$", ""));
		String prefix = commonPrefix(stems);
		float[][][] data = new float[files.size()][][];
		String[] ions = new String[files.size()];
		int w = -1, h = -1, cycles = -1;
		Calibration cal = null;
		for (int i = 0; i < files.size(); i++) {
			Path f = files.get(i);
			ImagePlus imp = TiffStackReader.open(f);
			if (w < 0) {
				w = imp.getWidth();
				h = imp.getHeight();
				cycles = imp.getStackSize();
				cal = imp.getCalibration();
			} else if (imp.getWidth() != w || imp.getHeight() != h || imp.getStackSize() != cycles) {
				throw InputFiles.invalid(f, "is " + imp.getWidth() + "×" + imp.getHeight() + "×" + imp.getStackSize() + " but " + InputFiles.name(files.get(0)) + " is "
					+ w + "×" + h + "×" + cycles + " (width × height × cycles)");
			}
			ions[i] = stems.get(i).substring(prefix.length());
			if (ions[i].isEmpty()) ions[i] = stems.get(i);
			data[i] = cycles(imp.getStack());
		}
		boolean scaled = cal != null && cal.scaled();
		return new SimsData(new SimsVolume(w, h, ions, data), null, Double.NaN, scaled ? cal.pixelWidth : Double.NaN, scaled ? cal.getUnit() : "pixel",
			"folder of per-ion TIFFs", dir);
	}

	/** The prefix all names share, cut after its last '_' or ' ' (so that "a_CH2O-", "a_CH3O-" give "a_"). */
	static String commonPrefix(List<String> names) {
		if (names.size() < 2) {
			String n = names.get(0);
			int cut = Math.max(n.lastIndexOf('_'), n.lastIndexOf(' '));
			return cut >= 0 ? n.substring(0, cut + 1) : "";
		}
		String p = names.get(0);
		for (String n : names) {
			int k = 0;
			while (k < p.length() && k < n.length() && p.charAt(k) == n.charAt(k))
				k++;
			p = p.substring(0, k);
		}
		int cut = Math.max(p.lastIndexOf('_'), p.lastIndexOf(' '));
		return cut >= 0 ? p.substring(0, cut + 1) : "";
	}

	private static float[][] cycles(ImageStack st) {
		float[][] out = new float[st.getSize()][];
		for (int k = 0; k < out.length; k++)
			out[k] = floats(st.getProcessor(k + 1));
		return out;
	}

	private static float[] floats(ij.process.ImageProcessor ip) {
		if (ip instanceof ij.process.FloatProcessor) return ((float[]) ip.getPixels()).clone();
		return (float[]) ip.convertToFloatProcessor().getPixels();
	}

	/** One multi-channel TIFF: C = ions, Z (or T) = cycles. */
	public static SimsData readTiff(Path file) {
		ImagePlus imp = TiffStackReader.open(file);
		int nc = imp.getNChannels(), nz = imp.getNSlices(), nt = imp.getNFrames();
		if (nz > 1 && nt > 1) throw InputFiles.invalid(file, "has " + nz + " slices and " + nt + " frames; give C = ions and Z = cycles");
		int cycles = Math.max(nz, nt);
		ImageStack st = imp.getStack();
		String[] ions = new String[nc];
		String prop = imp.getProp(ION_PROPERTY);
		String[] fromProp = prop == null || prop.trim().isEmpty() ? null : prop.trim().split("\\s*,\\s*");
		for (int c = 0; c < nc; c++) {
			String label = st.getSliceLabel(c + 1);
			label = label == null ? "" : label.split("\n")[0].trim();
			ions[c] = fromProp != null && fromProp.length == nc ? fromProp[c] : !label.isEmpty() ? label : "ion " + (c + 1);
		}
		float[][][] data = new float[nc][cycles][];
		for (int c = 0; c < nc; c++)
			for (int k = 0; k < cycles; k++)
				data[c][k] = floats(st.getProcessor(imp.getStackIndex(c + 1, nz > 1 ? k + 1 : 1, nt > 1 ? k + 1 : 1)));
		double[] times = parseList(imp.getProp(TIMES_PROPERTY), cycles);
		double ct = parseNumber(imp.getProp(CYCLE_TIME_PROPERTY));
		Calibration cal = imp.getCalibration();
		boolean scaled = cal.scaled();
		return new SimsData(new SimsVolume(imp.getWidth(), imp.getHeight(), ions, data), times, ct, scaled ? cal.pixelWidth : Double.NaN,
			scaled ? cal.getUnit() : "pixel", "TIFF", file);
	}

	/** Ion labels, comma-separated, of an image made by the importer. */
	public static final String ION_PROPERTY = "interphase.ions";
	/** Sputter time per cycle (s). */
	public static final String CYCLE_TIME_PROPERTY = "interphase.sims.cycle_time_s";
	/** Sputter time of each cycle (s), comma-separated, when the source listed them. */
	public static final String TIMES_PROPERTY = "interphase.sims.times_s";

	static double parseNumber(String s) {
		if (s == null) return Double.NaN;
		try {
			return Double.parseDouble(s.trim());
		} catch (NumberFormatException e) {
			return Double.NaN;
		}
	}

	static double[] parseList(String s, int n) {
		if (s == null || s.trim().isEmpty()) return null;
		String[] p = s.trim().split("\\s*,\\s*");
		if (p.length != n) return null;
		double[] v = new double[n];
		for (int i = 0; i < n; i++) {
			v[i] = parseNumber(p[i]);
			if (v[i] != v[i]) return null;
		}
		return v;
	}

	/** A depth-profile text export. */
	public static SimsData readText(Path file) {
		TextColumns t = TextColumns.readWithHeaderBlock(file, 2);
		List<String> names = t.names();
		String first = names.get(0).toLowerCase(Locale.ROOT);
		double[] x = t.column(0);
		int n = x.length;
		for (int k = 1; k < n; k++)
			if (!(x[k] > x[k - 1]))
				throw InputFiles.invalid(file, "the first column (" + names.get(0) + ") must increase, but row " + (k + 1) + " holds " + x[k] + " after " + x[k - 1]);
		boolean time;
		if (first.contains("time") || first.contains("(s)") || first.contains("[s]") || first.contains("(min)")) time = true;
		else if (first.contains("cycle") || first.contains("scan") || first.contains("frame") || first.contains("index") || first.contains("#")) time = false;
		else {
			boolean steps = true;
			for (int k = 0; k < n; k++)
				if (x[k] != Math.rint(x[k]) || (k > 0 && x[k] - x[k - 1] != 1)) steps = false;
			time = !steps;
		}
		double scale = first.contains("(min)") || first.contains("[min]") ? 60 : 1;
		double[] times = null;
		double cycleTime = Double.NaN;
		if (time) {
			times = new double[n];
			for (int k = 0; k < n; k++)
				times[k] = x[k] * scale;
			cycleTime = n > 1 ? (times[n - 1] - times[0]) / (n - 1) : Double.NaN;
		}
		int ni = t.columnCount() - 1;
		String[] ions = new String[ni];
		float[][][] data = new float[ni][n][1];
		for (int i = 0; i < ni; i++) {
			String name = names.get(i + 1).replaceFirst("\\s*[\\(\\[][^\\)\\]]*[\\)\\]]\\s*$", "").trim();
			ions[i] = name.matches("column\\d+") || name.isEmpty() ? "ion " + (i + 1) : name;
			double[] col = t.column(i + 1);
			for (int k = 0; k < n; k++)
				data[i][k][0] = (float) col[k];
		}
		return new SimsData(new SimsVolume(1, 1, ions, data), times, cycleTime, Double.NaN, "pixel", "depth-profile text", file);
	}
}
