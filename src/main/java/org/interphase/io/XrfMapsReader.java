package org.interphase.io;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.interphase.core.InvalidInputException;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * XRF element maps (SCIENCE.md §2): PyXRF HDF5 ({@code xrfmap/<detector>/xrf_fit} + names, or the
 * ROI maps; positions (2, ny, nx); scalers (ny, nx, n)), MAPS / XRF-Maps HDF5
 * ({@code /MAPS/XRF_Analyzed/{Fitted|NNLS|ROI}/Counts_Per_Sec} and the legacy {@code /MAPS/XRF_fits}),
 * a PyXRF TIFF export folder (element from each file name), or a multi-page TIFF (element from the
 * slice labels).
 */
public final class XrfMapsReader {

	public static final String KNOWN_FORMATS = "PyXRF HDF5 (xrfmap group), MAPS/XRF-Maps HDF5 (MAPS group), a folder of PyXRF TIFF exports "
		+ "(detsum_S_K.tiff, SUM_maps_XRF_S_K.tiff, …) or a multi-page TIFF with element names in the slice labels";

	/** Property (ISO date-time or epoch seconds) that Interphase TIFF frames carry for their scan start. */
	public static final String SCAN_TIME_PROPERTY = "interphase.scan_time_start";

	private XrfMapsReader() {}

	/**
	 * Reads {@code file} (a file or a TIFF export folder). {@code detector}: PyXRF detector group
	 * ("detsum" default, "det1", …) or "roi" for the ROI maps; MAPS "fitted" (default), "nnls" or
	 * "roi". {@code normalize}: scaler name (e.g. i0) or empty/none.
	 */
	public static XrfMaps read(Path file, String detector, String normalize) {
		if (file == null) throw new InvalidInputException("file: no file given");
		if (!Files.exists(file)) throw new InvalidInputException("file not found: " + file);
		String det = detector == null ? "" : detector.trim();
		String norm = normalize == null || normalize.trim().equalsIgnoreCase("none") ? "" : normalize.trim();
		if (Files.isDirectory(file)) return InputFiles.guard(file, () -> readTiffFolder(file, norm));
		InputFiles.requireRegular(file);
		return InputFiles.guard(file, () -> readFile(file, det, norm));
	}

	private static XrfMaps readFile(Path file, String det, String norm) {
		if (isHdf5(file)) return readHdf5(file, det, norm);
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".tif") || name.endsWith(".tiff") || TiffSignature.isTiff(file)) {
			if (!norm.isEmpty()) throw new InvalidInputException("normalize: a TIFF holds no scalers; use normalize=none for " + file.getFileName());
			return readMultiPageTiff(file);
		}
		throw new InvalidInputException("unknown XRF map format: " + file.getFileName() + "; known formats: " + KNOWN_FORMATS);
	}

	/** True when {@code file} starts with the HDF5 signature. */
	public static boolean isHdf5(Path file) {
		byte[] sig = { (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' };
		return java.util.Arrays.equals(InputFiles.head(file, 8), sig);
	}

	/** True when {@code file} is an HDF5 file with a top-level {@code xrfmap} or {@code MAPS} group. */
	public static boolean isXrfHdf5(Path file) {
		if (!isHdf5(file)) return false;
		InputFiles.quietLoggingReport();
		try (HdfFile h = new HdfFile(file)) {
			return h.getChild("xrfmap") instanceof Group || h.getChild("MAPS") instanceof Group;
		} catch (RuntimeException e) {
			return false;
		}
	}

	// ------------------------------------------------------------------ HDF5

	private static XrfMaps readHdf5(Path file, String detector, String normalize) {
		InputFiles.requireCompleteHdf5(file, 0);
		InputFiles.quietLoggingReport();
		try (HdfFile h = new HdfFile(file)) {
			if (h.getChild("xrfmap") instanceof Group) return readPyxrf(h, file, detector, normalize);
			if (h.getChild("MAPS") instanceof Group) return readMaps(h, file, detector, normalize);
			throw new InvalidInputException(file.getFileName() + ": an HDF5 file without an xrfmap (PyXRF) or MAPS group; known formats: " + KNOWN_FORMATS);
		} catch (InvalidInputException e) {
			throw e;
		} catch (RuntimeException e) {
			throw InputFiles.invalid(file, "cannot read as HDF5 (" + InputFiles.quote(String.valueOf(e.getMessage())) + ")");
		}
	}

	private static XrfMaps readPyxrf(HdfFile h, Path file, String detector, String normalize) {
		Group xrf = (Group) h.getChild("xrfmap");
		boolean roi = detector.equalsIgnoreCase("roi");
		String det = detector.isEmpty() || roi ? "detsum" : detector;
		Node dg = xrf.getChild(det);
		if (!(dg instanceof Group)) {
			List<String> dets = new ArrayList<>();
			for (Node n : xrf)
				if (n instanceof Group && ((Group) n).getChild("xrf_fit") != null) dets.add(n.getName());
			dets.add("roi");
			throw new InvalidInputException("detector: " + file.getFileName() + " has no detector \"" + det + "\"; available: " + InputFiles.names(dets));
		}
		Group g = (Group) dg;
		String data = roi ? "xrf_roi" : "xrf_fit";
		Dataset ds = dataset(g, data, file);
		int[] dims = ds.getDimensions();
		if (dims.length != 3) throw new InvalidInputException(file.getFileName() + ": " + ds.getPath() + " has shape " + shape(dims) + ", expected (n_maps, ny, nx)");
		String[] names = strings(dataset(g, data + "_name", file));
		int nm = dims[0], ny = dims[1], nx = dims[2];
		if (names.length != nm) throw new InvalidInputException(file.getFileName() + ": " + names.length + " map names for " + nm + " maps");
		double[] flat = doubles(InputFiles.hdf5Values(file, ds, 12));
		List<float[]> maps = new ArrayList<>();
		List<String> nameList = new ArrayList<>();
		for (int m = 0; m < nm; m++) {
			float[] a = new float[nx * ny];
			for (int p = 0; p < a.length; p++)
				a[p] = (float) flat[m * a.length + p];
			maps.add(a);
			nameList.add(names[m]);
		}
		Map<String, String> meta = new LinkedHashMap<>();
		meta.put("detector", roi ? "detsum ROI" : det);
		// pixel size from positions (2, ny, nx): row 0 = x, row 1 = y unless the names say otherwise
		double pw = Double.NaN, ph = Double.NaN;
		Node posG = xrf.getChild("positions");
		if (posG instanceof Group && ((Group) posG).getChild("pos") instanceof Dataset) {
			Dataset pos = (Dataset) ((Group) posG).getChild("pos");
			int[] pd = pos.getDimensions();
			if (!(pd.length == 3 && pd[0] >= 2 && pd[1] == ny && pd[2] == nx))
				throw InputFiles.invalid(file, pos.getPath() + " has shape " + shape(pd) + " but the maps are " + ny + "×" + nx + "; expected (2, " + ny + ", " + nx + ")");
			{
				int ix = 0, iy = 1;
				Node pn = ((Group) posG).getChild("name");
				if (pn instanceof Dataset) {
					String[] pnames = strings((Dataset) pn);
					for (int i = 0; i < pnames.length; i++) {
						if (pnames[i].toLowerCase(Locale.ROOT).startsWith("x")) ix = i;
						if (pnames[i].toLowerCase(Locale.ROOT).startsWith("y")) iy = i;
					}
				}
				double[] p = doubles(InputFiles.hdf5Values(file, pos, 8));
				int plane = nx * ny;
				if (nx > 1) pw = Math.abs(p[ix * plane + nx - 1] - p[ix * plane]) / (nx - 1);
				if (ny > 1) ph = Math.abs(p[iy * plane + (ny - 1) * nx] - p[iy * plane]) / (ny - 1);
			}
		}
		// scalers (ny, nx, n)
		if (!normalize.isEmpty()) {
			Node sg = xrf.getChild("scalers");
			if (!(sg instanceof Group) || ((Group) sg).getChild("val") == null)
				throw new InvalidInputException("normalize: " + file.getFileName() + " has no scalers (xrfmap/scalers/val); use normalize=none");
			Dataset val = dataset((Group) sg, "val", file);
			String[] snames = strings(dataset((Group) sg, "name", file));
			int[] sd = val.getDimensions();
			int si = indexOf(snames, normalize);
			if (si < 0) throw new InvalidInputException("normalize: no scaler \"" + normalize + "\" in " + file.getFileName() + "; available: " + InputFiles.names(snames));
			if (sd.length != 3 || sd[0] != ny || sd[1] != nx || si >= sd[2])
				throw new InvalidInputException(file.getFileName() + ": scalers have shape " + shape(sd) + ", expected (" + ny + ", " + nx + ", n_scalers)");
			double[] v = doubles(InputFiles.hdf5Values(file, val, 8));
			double[] scaler = new double[nx * ny];
			for (int p = 0; p < scaler.length; p++)
				scaler[p] = v[p * sd[2] + si];
			maps = normalise(maps, scaler);
			meta.put("normalized_by", snames[si]);
		}
		double time = Double.NaN;
		Node md = xrf.getChild("scan_metadata");
		if (md != null) {
			for (Map.Entry<String, Attribute> e : md.getAttributes().entrySet()) {
				String s = attributeText(e.getValue());
				if (s != null) meta.put(e.getKey(), s);
			}
			String t = meta.get("scan_time_start");
			if (t != null) time = parseTime(t);
		}
		return new XrfMaps(nx, ny, nameList, maps, pw, ph, Double.isNaN(pw) ? "pixel" : "µm", time, roi ? "PyXRF HDF5 (ROI)" : "PyXRF HDF5", file, meta);
	}

	private static XrfMaps readMaps(HdfFile h, Path file, String detector, String normalize) {
		Group maps = (Group) h.getChild("MAPS");
		String kind = detector.isEmpty() ? "fitted" : detector.toLowerCase(Locale.ROOT);
		Dataset data = null;
		String[] names = null;
		Node an = maps.getChild("XRF_Analyzed");
		if (an instanceof Group) {
			Group analyzed = (Group) an;
			Node kg = null;
			List<String> kinds = new ArrayList<>();
			for (Node n : analyzed) {
				if (n instanceof Group) {
					kinds.add(n.getName().toLowerCase(Locale.ROOT));
					if (n.getName().equalsIgnoreCase(kind)) kg = n;
				}
			}
			if (kg == null) throw new InvalidInputException("detector: " + file.getFileName() + " has no MAPS/XRF_Analyzed/" + kind + "; available: " + InputFiles.names(kinds));
			data = dataset((Group) kg, "Counts_Per_Sec", file);
			names = strings(dataset((Group) kg, "Channel_Names", file));
		} else if (maps.getChild("XRF_fits") instanceof Dataset || maps.getChild("XRF_roi") instanceof Dataset) {
			String legacy = kind.equals("roi") ? "XRF_roi" : "XRF_fits";
			data = dataset(maps, legacy, file);
			names = strings(dataset(maps, "channel_names", file));
		} else {
			throw new InvalidInputException(file.getFileName() + ": MAPS group without XRF_Analyzed or XRF_fits maps");
		}
		int[] dims = data.getDimensions();
		if (dims.length != 3) throw new InvalidInputException(file.getFileName() + ": " + data.getPath() + " has shape " + shape(dims) + ", expected (channels, rows, cols)");
		int nm = dims[0], ny = dims[1], nx = dims[2];
		if (names.length != nm) throw new InvalidInputException(file.getFileName() + ": " + names.length + " channel names for " + nm + " maps");
		double[] flat = doubles(InputFiles.hdf5Values(file, data, 12));
		List<float[]> list = new ArrayList<>();
		List<String> nameList = new ArrayList<>();
		for (int m = 0; m < nm; m++) {
			float[] a = new float[nx * ny];
			for (int p = 0; p < a.length; p++)
				a[p] = (float) flat[m * a.length + p];
			list.add(a);
			nameList.add(names[m].trim());
		}
		Group scan = maps.getChild("Scan") instanceof Group ? (Group) maps.getChild("Scan") : maps;
		double pw = axisStep(scan.getChild("x_axis"), nx), ph = axisStep(scan.getChild("y_axis"), ny);
		Map<String, String> meta = new LinkedHashMap<>();
		meta.put("analysis", kind);
		if (!normalize.isEmpty()) {
			Dataset sv = null;
			String[] sn = null;
			if (maps.getChild("Scalers") instanceof Group) {
				Group sg = (Group) maps.getChild("Scalers");
				sv = dataset(sg, "Values", file);
				sn = strings(dataset(sg, "Names", file));
			} else if (maps.getChild("scalers") instanceof Dataset) {
				sv = (Dataset) maps.getChild("scalers");
				sn = strings(dataset(maps, "scaler_names", file));
			}
			if (sv == null) throw new InvalidInputException("normalize: " + file.getFileName() + " has no scalers; use normalize=none");
			int si = indexOf(sn, normalize);
			if (si < 0) throw new InvalidInputException("normalize: no scaler \"" + normalize + "\" in " + file.getFileName() + "; available: " + InputFiles.names(sn));
			double[] v = doubles(InputFiles.hdf5Values(file, sv, 8));
			double[] scaler = new double[nx * ny];
			if (v.length < (long) (si + 1) * scaler.length)
				throw InputFiles.invalid(file, "the scalers hold " + v.length + " values, too few for scaler " + (si + 1) + " of " + nx + "×" + ny + " pixels");
			System.arraycopy(v, si * scaler.length, scaler, 0, scaler.length);
			list = normalise(list, scaler);
			meta.put("normalized_by", sn[si]);
		}
		return new XrfMaps(nx, ny, nameList, list, pw, ph, Double.isNaN(pw) ? "pixel" : "µm", Double.NaN, "MAPS HDF5 (" + kind + ")", file, meta);
	}

	private static double axisStep(Node n, int count) {
		if (!(n instanceof Dataset) || count < 2) return Double.NaN;
		double[] a = doubles(((Dataset) n).getDataFlat());
		if (a.length != count) return Double.NaN;
		return Math.abs(a[count - 1] - a[0]) / (count - 1);
	}

	/** map / scaler; zero (or non-finite) scaler pixels take the mean of the non-zero ones. */
	static List<float[]> normalise(List<float[]> maps, double[] scaler) {
		double sum = 0;
		int n = 0;
		for (double s : scaler)
			if (s != 0 && Double.isFinite(s)) {
				sum += s;
				n++;
			}
		if (n == 0) throw new InvalidInputException("normalize: the scaler is zero everywhere");
		double mean = sum / n;
		List<float[]> out = new ArrayList<>();
		for (float[] m : maps) {
			float[] o = new float[m.length];
			for (int p = 0; p < m.length; p++) {
				double s = scaler[p] != 0 && Double.isFinite(scaler[p]) ? scaler[p] : mean;
				o[p] = (float) (m[p] / s);
			}
			out.add(o);
		}
		return out;
	}

	private static Dataset dataset(Group g, String name, Path file) {
		Node n = g.getChild(name);
		if (!(n instanceof Dataset)) throw new InvalidInputException(file.getFileName() + ": no dataset " + g.getPath() + name);
		return (Dataset) n;
	}

	private static String shape(int[] d) {
		return java.util.Arrays.toString(d).replace('[', '(').replace(']', ')');
	}

	private static int indexOf(String[] names, String name) {
		for (int i = 0; i < names.length; i++)
			if (names[i].trim().equalsIgnoreCase(name)) return i;
		return -1;
	}

	/** Text of a dataset of strings (fixed or variable length). */
	static String[] strings(Dataset ds) {
		Object d = ds.getDataFlat();
		if (d instanceof String[]) {
			String[] s = (String[]) d;
			for (int i = 0; i < s.length; i++)
				s[i] = s[i] == null ? "" : s[i].trim();
			return s;
		}
		if (d instanceof String) return new String[] { ((String) d).trim() };
		throw new InvalidInputException(ds.getPath() + " does not hold names (strings)");
	}

	/** Any numeric flat array as doubles. */
	static double[] doubles(Object flat) {
		if (flat instanceof double[]) return (double[]) flat;
		int n = Array.getLength(flat);
		double[] out = new double[n];
		if (flat instanceof float[]) {
			float[] f = (float[]) flat;
			for (int i = 0; i < n; i++)
				out[i] = f[i];
		} else {
			for (int i = 0; i < n; i++)
				out[i] = ((Number) Array.get(flat, i)).doubleValue();
		}
		return out;
	}

	private static String attributeText(Attribute a) {
		try {
			Object d = a.getData();
			if (d == null) return null;
			if (d.getClass().isArray()) {
				int n = Array.getLength(d);
				if (n == 1) return String.valueOf(Array.get(d, 0));
				if (n > 16) return null;
				StringBuilder sb = new StringBuilder();
				for (int i = 0; i < n; i++)
					sb.append(i == 0 ? "" : ",").append(Array.get(d, i));
				return sb.toString();
			}
			return String.valueOf(d);
		} catch (RuntimeException e) {
			return null;
		}
	}

	/**
	 * A scan time as epoch seconds: a number (epoch seconds), or an ISO date-time with or without
	 * offset ("2021-03-16T10:00:00", "2021-03-16 10:00:00.5"; no offset = UTC). NaN when unreadable.
	 */
	public static double parseTime(String s) {
		if (s == null) return Double.NaN;
		String t = s.trim();
		if (t.isEmpty()) return Double.NaN;
		try {
			return Double.parseDouble(t);
		} catch (NumberFormatException ignored) {
			// not a number
		}
		String iso = t.replace(' ', 'T');
		try {
			OffsetDateTime o = OffsetDateTime.parse(iso);
			return o.toEpochSecond() + o.getNano() / 1e9;
		} catch (RuntimeException ignored) {
			// no offset
		}
		try {
			LocalDateTime l = LocalDateTime.parse(iso);
			return l.toEpochSecond(ZoneOffset.UTC) + l.getNano() / 1e9;
		} catch (RuntimeException e) {
			return Double.NaN;
		}
	}

	// ------------------------------------------------------------------ TIFF

	/** Element name from a PyXRF export file name: detsum_S_K.tiff, SUM_maps_XRF_S_K.tiff, detsum_S_K_norm.tiff → S_K. */
	public static String elementFromFileName(String fileName) {
		String n = fileName.replaceFirst("(?i)\\.tiff?$", "");
		n = n.replaceFirst("(?i)_norm$", "");
		String[] prefixes = { "SUM_maps_XRF_", "maps_XRF_", "detsum_", "SUM_" };
		for (String p : prefixes)
			if (n.regionMatches(true, 0, p, 0, p.length())) return n.substring(p.length());
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)^det\\d+_(.+)$").matcher(n);
		if (m.matches()) return m.group(1);
		return n;
	}

	/** True for a single-map PyXRF export file name (detsum_*.tif[f], SUM_maps_XRF_*.tif[f], det<N>_*.tif[f]). */
	public static boolean isPyxrfExportName(String fileName) {
		return fileName.matches("(?i)^(detsum_|SUM_maps_XRF_|maps_XRF_|det\\d+_).+\\.tiff?$");
	}

	/** A folder of PyXRF TIFF exports: one map per file, element from the file name. */
	public static XrfMaps readTiffFolder(Path dir, String normalize) {
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
			for (Path p : ds) {
				String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
				if (Files.isRegularFile(p) && (n.endsWith(".tif") || n.endsWith(".tiff"))) files.add(p);
			}
		} catch (IOException e) {
			throw new InvalidInputException("cannot list " + dir + ": " + e.getMessage(), e);
		}
		files.sort((a, b) -> NaturalOrder.compare(a.getFileName().toString(), b.getFileName().toString()));
		List<String> names = new ArrayList<>();
		List<float[]> maps = new ArrayList<>();
		List<float[]> scalers = new ArrayList<>();
		List<String> scalerNames = new ArrayList<>();
		int w = -1, h = -1;
		Calibration cal = null;
		double time = Double.NaN;
		for (Path f : files) {
			String lower = f.getFileName().toString().toLowerCase(Locale.ROOT);
			if (lower.startsWith("positions") || lower.startsWith("pos_")) continue;
			ImagePlus imp = TiffStackReader.open(f);
			if (imp.getStackSize() != 1) continue; // multi-page files are not PyXRF single-map exports
			if (w < 0) {
				w = imp.getWidth();
				h = imp.getHeight();
				cal = imp.getCalibration();
			} else if (imp.getWidth() != w || imp.getHeight() != h) {
				throw new InvalidInputException(f.getFileName() + " is " + imp.getWidth() + "×" + imp.getHeight() + " but the other maps in " + dir.getFileName()
					+ " are " + w + "×" + h);
			}
			if (Double.isNaN(time)) time = parseTime(imp.getProp(SCAN_TIME_PROPERTY));
			float[] px = floats(imp.getProcessor());
			if (lower.startsWith("scaler")) {
				scalerNames.add(lower.replaceFirst("^scalers?_", "").replaceFirst("\\.tiff?$", ""));
				scalers.add(px);
			} else {
				names.add(elementFromFileName(f.getFileName().toString()));
				maps.add(px);
			}
		}
		if (maps.isEmpty()) throw new InvalidInputException("file: " + dir + " holds no single-map TIFF files (" + KNOWN_FORMATS + ")");
		Map<String, String> meta = new LinkedHashMap<>();
		if (!normalize.isEmpty()) {
			int si = indexOf(scalerNames.toArray(new String[0]), normalize);
			if (si < 0) throw new InvalidInputException("normalize: no scaler_" + normalize + ".tiff in " + dir.getFileName() + "; use normalize=none");
			float[] s = scalers.get(si);
			double[] d = new double[s.length];
			for (int p = 0; p < s.length; p++)
				d[p] = s[p];
			maps = normalise(maps, d);
			meta.put("normalized_by", scalerNames.get(si));
		}
		boolean scaled = cal != null && cal.scaled();
		return new XrfMaps(w, h, names, maps, scaled ? cal.pixelWidth : Double.NaN, scaled ? cal.pixelHeight : Double.NaN, scaled ? cal.getUnit() : "pixel",
			time, "PyXRF TIFF export folder", dir, meta);
	}

	/** A multi-page TIFF: one map per slice, element from the slice label ("channel N" when unlabelled). */
	public static XrfMaps readMultiPageTiff(Path file) {
		ImagePlus imp = TiffStackReader.open(file);
		ImageStack st = imp.getStack();
		List<String> names = new ArrayList<>();
		List<float[]> maps = new ArrayList<>();
		for (int i = 1; i <= st.getSize(); i++) {
			String label = st.getSliceLabel(i);
			if (label != null) label = label.split("\n")[0].trim();
			names.add(label == null || label.isEmpty() ? (st.getSize() == 1 ? elementFromFileName(file.getFileName().toString()) : "channel " + i) : label);
			maps.add(floats(st.getProcessor(i)));
		}
		Calibration cal = imp.getCalibration();
		boolean scaled = cal.scaled();
		return new XrfMaps(imp.getWidth(), imp.getHeight(), names, maps, scaled ? cal.pixelWidth : Double.NaN, scaled ? cal.pixelHeight : Double.NaN,
			scaled ? cal.getUnit() : "pixel", parseTime(imp.getProp(SCAN_TIME_PROPERTY)), "TIFF", file, new LinkedHashMap<>());
	}

	private static float[] floats(ij.process.ImageProcessor ip) {
		if (ip instanceof ij.process.FloatProcessor) return (float[]) ip.getPixels();
		return (float[]) ip.convertToFloatProcessor().getPixels();
	}
}
