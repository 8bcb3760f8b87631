package org.interphase.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.interphase.core.InvalidInputException;
import org.interphase.core.stack.SpectralStack;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

/**
 * NXstxm (NeXus HDF5) STXM files: the first {@code /entryN} whose {@code definition} is
 * {@code NXstxm}; one NXdata group per detector ({@code counter0}, …) holding {@code data},
 * {@code energy} (older files: {@code photon_energy}), {@code sample_x}, {@code sample_y},
 * {@code count_time} and {@code stxm_scan_type}. The axis order of {@code data} comes from the
 * group's {@code axes} attribute, or in older files from the 1-based {@code axis} attribute of each
 * axis dataset. Stacks (E, Y, X) become one slice per energy; line scans (E, points) become an image
 * {@code points} wide and 1 high per energy; single images one slice.
 */
public final class NxStxmReader {

	private static final byte[] SIGNATURE = { (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' };

	static {
		// jhdf logs through SLF4J; without a provider (headless CLI) SLF4J prints three warning lines on stderr
		if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
	}

	private NxStxmReader() {}

	/** Offset of the HDF5 superblock (0, 512, 1024, … after a user block), or -1 when the file is not HDF5. */
	public static long superblockOffset(Path file) {
		if (!InputFiles.isRegular(file)) return -1;
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = ch.size();
			ByteBuffer b = ByteBuffer.allocate(8);
			for (long off = 0; off + 8 <= size; off = off == 0 ? 512 : off * 2) {
				b.clear();
				ch.read(b, off);
				if (Arrays.equals(b.array(), SIGNATURE)) return off;
			}
		} catch (IOException e) {
			return -1;
		}
		return -1;
	}

	/** True when {@code file} is HDF5. */
	public static boolean isHdf5(Path file) {
		return superblockOffset(file) >= 0;
	}

	/** True when {@code file} is HDF5 with an entry whose definition is NXstxm. */
	public static boolean isNxStxm(Path file) {
		if (!isHdf5(file)) return false;
		try (HdfFile h = open(file)) {
			return entry(h) != null;
		} catch (RuntimeException e) {
			return false;
		}
	}

	/**
	 * Opens an HDF5 file with jhdf. Files written with a user block whose superblock keeps base address
	 * 0 (as PolLux writes them, accepted by the HDF5 library) are refused by jhdf's constructor; they
	 * are opened from a read-only mapping that starts at the superblock.
	 */
	static HdfFile open(Path file) {
		try {
			InputFiles.quietLoggingReport();
			return new HdfFile(file);
		} catch (HdfException e) {
			long off = superblockOffset(file);
			if (off <= 0) throw InputFiles.invalid(file, "is not a readable HDF5 file: " + InputFiles.quote(String.valueOf(e.getMessage())));
			try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
				return HdfFile.fromByteBuffer(ch.map(FileChannel.MapMode.READ_ONLY, off, ch.size() - off));
			} catch (IOException | HdfException e2) {
				throw InputFiles.invalid(file, "is not a readable HDF5 file: " + InputFiles.quote(String.valueOf(e2.getMessage())));
			}
		}
	}

	/** The first NXstxm entry, or null. */
	private static Group entry(HdfFile h) {
		for (Node n : h.getChildren().values()) {
			if (!(n instanceof Group)) continue;
			Node def = ((Group) n).getChild("definition");
			if (def instanceof Dataset && "NXstxm".equalsIgnoreCase(firstString((Dataset) def))) return (Group) n;
		}
		return null;
	}

	/**
	 * Reads {@code file}. {@code channel}: detector (NXdata group) name, empty = the first.
	 * {@code ringCurrent}: divide by the ring current of the NXmonitor ({@code control}) over its median.
	 */
	public static ImportedStack read(Path file, String channel, boolean ringCurrent) {
		String name = file.getFileName().toString();
		long sb = superblockOffset(file);
		if (sb < 0) throw InputFiles.invalid(file, "is not an HDF5 file (no HDF5 signature)");
		InputFiles.requireCompleteHdf5(file, sb);
		try (HdfFile h = open(file)) {
			Group entry = entry(h);
			if (entry == null)
				throw new InvalidInputException(name + " is an HDF5 file but not NXstxm (no /entryN/definition = \"NXstxm\"); "
					+ "Import Spectral Stack reads NXstxm STXM files; XRF maps open with the XRF importer");
			List<Group> detectors = new ArrayList<>();
			List<Group> monitors = new ArrayList<>();
			for (Node n : entry.getChildren().values()) {
				if (!(n instanceof Group)) continue;
				String cls = attrString(n, "NX_class");
				if ("NXdata".equals(cls)) detectors.add((Group) n);
				else if ("NXmonitor".equals(cls)) monitors.add((Group) n);
			}
			if (detectors.isEmpty()) throw new InvalidInputException(name + ": entry " + entry.getName() + " has no NXdata (detector) group");
			Group det = detectors.get(0);
			if (channel != null && !channel.trim().isEmpty()) {
				det = null;
				for (Group g : detectors)
					if (g.getName().equals(channel.trim())) det = g;
				if (det == null) {
					List<String> names = new ArrayList<>();
					for (Group g : detectors)
						names.add(g.getName());
					throw new InvalidInputException("channel: \"" + channel.trim() + "\" is not a detector of " + name + " (detectors: "
						+ InputFiles.names(names) + ")");
				}
			}
			String where = name + " " + det.getPath();
			String signal = attrString(det, "signal");
			Dataset data = dataset(det, signal != null ? signal : "data");
			if (data == null) throw new InvalidInputException(where + " has no data");
			int[] dims = data.getDimensions();
			String[] axes = axisNames(det, dims.length, where);

			int eAxis = -1, yAxis = -1, xAxis = -1, pAxis = -1;
			for (int i = 0; i < axes.length; i++) {
				String a = axes[i].toLowerCase(Locale.ROOT);
				if (a.equals("energy") || a.equals("photon_energy")) eAxis = i;
				else if (a.equals("sample_y")) yAxis = i;
				else if (a.equals("sample_x")) xAxis = i;
				else pAxis = i; // line_position or another scan axis
			}
			Dataset energyDs = dataset(det, "energy");
			if (energyDs == null) energyDs = dataset(det, "photon_energy");
			if (energyDs == null) throw new InvalidInputException(where + " has no energy (or photon_energy) dataset");
			double[] energies = doubles(InputFiles.hdf5Values(file, energyDs, 8));
			String scanType = firstString(dataset(det, "stxm_scan_type"));

			int width, height, nE;
			int eStride = 0, xStride = 0, yStride = 0;
			int[] strides = strides(dims);
			double pixelW, pixelH;
			Dataset sx = dataset(det, "sample_x"), sy = dataset(det, "sample_y");
			double unitX = sx == null ? 1 : unitToMicrons(attrString(sx, "units")), unitY = sy == null ? 1 : unitToMicrons(attrString(sy, "units"));
			double[] xs = sx == null ? new double[0] : doubles(sx.getDataFlat());
			double[] ys = sy == null ? new double[0] : doubles(sy.getDataFlat());
			if (dims.length == 3) {
				if (eAxis < 0 || yAxis < 0 || xAxis < 0)
					throw new InvalidInputException(where + ": a 3-D data set needs the axes energy, sample_y and sample_x; found " + InputFiles.names(axes));
				nE = dims[eAxis];
				height = dims[yAxis];
				width = dims[xAxis];
				eStride = strides[eAxis];
				yStride = strides[yAxis];
				xStride = strides[xAxis];
				pixelW = AlsHdrReader.step(xs) * unitX;
				pixelH = AlsHdrReader.step(ys) * unitY;
			} else if (dims.length == 2 && eAxis < 0) { // single image
				if (yAxis < 0 || xAxis < 0)
					throw new InvalidInputException(where + ": a 2-D image needs the axes sample_y and sample_x; found " + InputFiles.names(axes));
				nE = 1;
				height = dims[yAxis];
				width = dims[xAxis];
				yStride = strides[yAxis];
				xStride = strides[xAxis];
				pixelW = AlsHdrReader.step(xs) * unitX;
				pixelH = AlsHdrReader.step(ys) * unitY;
			} else if (dims.length == 2) { // line spectrum: (E, points)
				int other = 1 - eAxis;
				nE = dims[eAxis];
				width = dims[other];
				height = 1;
				eStride = strides[eAxis];
				xStride = strides[other];
				pixelW = lineStep(xs, ys, unitX, unitY, dataset(det, "line_position"));
				pixelH = pixelW;
			} else if (dims.length == 1 && eAxis == 0) { // point spectrum
				nE = dims[0];
				width = height = 1;
				eStride = 1;
				pixelW = pixelH = Double.NaN;
			} else {
				throw new InvalidInputException(where + ": unsupported data shape " + Arrays.toString(dims) + " with axes " + InputFiles.names(axes));
			}
			if (energies.length != nE)
				throw new InvalidInputException(where + ": " + energies.length + " energies for " + nE + " images in the data");

			Object flat = InputFiles.hdf5Values(file, data, 4);
			float[][] slices = new float[nE][width * height];
			for (int e = 0; e < nE; e++)
				for (int y = 0; y < height; y++)
					for (int x = 0; x < width; x++)
						slices[e][y * width + x] = (float) valueAt(flat, e * eStride + y * yStride + x * xStride);

			Map<String, String> meta = new LinkedHashMap<>();
			meta.put("entry", entry.getName());
			meta.put("channel", det.getName());
			if (scanType != null) meta.put("scan_type", scanType);
			Dataset ct = dataset(det, "count_time");
			if (ct != null) meta.put("dwell_ms", dwellMs(doubles(ct.getDataFlat())));
			String start = firstString(dataset(entry, "start_time"));
			if (start != null) meta.put("start_time", start);
			meta.put("axes", String.join(",", axes));
			if (detectors.size() > 1) {
				List<String> names = new ArrayList<>();
				for (Group g : detectors)
					names.add(g.getName());
				meta.put("detectors", String.join(",", names));
			}
			if (ringCurrent) {
				Group mon = ringMonitor(monitors);
				Dataset md = mon == null ? null : dataset(mon, "data");
				if (md == null)
					throw new InvalidInputException("ring_current: " + name + " has no ring-current monitor (an NXmonitor group such as control/data in mA)");
				if (!Arrays.equals(md.getDimensions(), dims))
					throw new InvalidInputException("ring_current: monitor " + mon.getPath() + " has shape " + Arrays.toString(md.getDimensions())
						+ " but the data " + Arrays.toString(dims));
				Object mflat = InputFiles.hdf5Values(file, md, 8);
				double[][] ring = new double[nE][width * height];
				for (int e = 0; e < nE; e++)
					for (int y = 0; y < height; y++)
						for (int x = 0; x < width; x++)
							ring[e][y * width + x] = valueAt(mflat, e * eStride + y * yStride + x * xStride);
				RingCurrent.normalizePerPixel(slices, ring);
				meta.put("ring_current_normalized", "I/(R/median R), R from " + mon.getPath() + "/data");
			}
			return new ImportedStack(new SpectralStack(width, height, energies, slices), pixelW, pixelH, "µm", "NXstxm (NeXus HDF5)", file, meta);
		} catch (HdfException e) {
			throw InputFiles.invalid(file, "cannot read the HDF5 content: " + InputFiles.quote(String.valueOf(e.getMessage())));
		}
	}

	/** Axis names of the data dimensions: the {@code axes} attribute, else the datasets' 1-based {@code axis} attribute. */
	private static String[] axisNames(Group det, int rank, String where) {
		Attribute a = det.getAttribute("axes");
		if (a != null) {
			Object v = a.getData();
			String[] names;
			if (v instanceof String[]) names = (String[]) v;
			else names = v.toString().split("[:,\\s]+");
			if (names.length == rank) return names;
			throw new InvalidInputException(where + ": the axes attribute names " + names.length + " axes for " + rank + "-D data");
		}
		String[] names = new String[rank];
		for (Node n : det.getChildren().values()) {
			Attribute ax = n.getAttribute("axis");
			if (ax == null || !(n instanceof Dataset)) continue;
			double[] v = doubles(ax.getData());
			int i = v.length > 0 ? (int) v[0] - 1 : -1;
			if (i >= 0 && i < rank) names[i] = n.getName();
		}
		for (int i = 0; i < rank; i++)
			if (names[i] == null)
				throw new InvalidInputException(where + ": no axes attribute and no dataset marked axis=" + (i + 1) + "; cannot tell the axis order");
		return names;
	}

	private static Group ringMonitor(List<Group> monitors) {
		for (Group g : monitors)
			if (g.getName().equals("control")) return g;
		for (Group g : monitors) {
			Dataset d = dataset(g, "data");
			if (d != null && "mA".equals(attrString(d, "units"))) return g;
		}
		return null;
	}

	private static double lineStep(double[] xs, double[] ys, double ux, double uy, Dataset linePos) {
		if (xs.length >= 2 && xs.length == ys.length) {
			double dx = (xs[xs.length - 1] - xs[0]) * ux, dy = (ys[ys.length - 1] - ys[0]) * uy;
			return Math.hypot(dx, dy) / (xs.length - 1);
		}
		if (linePos != null) return AlsHdrReader.step(doubles(linePos.getDataFlat()));
		return Double.NaN;
	}

	private static String dwellMs(double[] seconds) {
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (double s : seconds) {
			lo = Math.min(lo, s * 1000);
			hi = Math.max(hi, s * 1000);
		}
		if (seconds.length == 0) return "";
		return lo == hi ? EnergyLabels.format(round(lo)) : EnergyLabels.format(round(lo)) + "–" + EnergyLabels.format(round(hi));
	}

	private static double round(double v) {
		return Math.round(v * 1e6) / 1e6;
	}

	/** Factor from the units attribute to µm ("nm", "mm", else µm: PolLux writes a mangled "µm"). */
	private static double unitToMicrons(String units) {
		if (units == null) return 1;
		String u = units.trim();
		if (u.equals("nm")) return 1e-3;
		if (u.equals("mm")) return 1e3;
		if (u.equals("m")) return 1e6;
		return 1;
	}

	private static int[] strides(int[] dims) {
		int[] s = new int[dims.length];
		int k = 1;
		for (int i = dims.length - 1; i >= 0; i--) {
			s[i] = k;
			k *= dims[i];
		}
		return s;
	}

	private static Dataset dataset(Group g, String child) {
		if (g == null) return null;
		Node n = g.getChild(child);
		return n instanceof Dataset ? (Dataset) n : null;
	}

	private static String attrString(Node n, String attr) {
		Attribute a = n.getAttribute(attr);
		if (a == null) return null;
		Object v = a.getData();
		if (v instanceof String[]) return ((String[]) v).length > 0 ? ((String[]) v)[0] : null;
		return v == null ? null : v.toString();
	}

	private static String firstString(Dataset d) {
		if (d == null) return null;
		Object v = d.getData();
		if (v instanceof String) return (String) v;
		if (v instanceof String[]) return ((String[]) v).length > 0 ? ((String[]) v)[0] : null;
		if (v instanceof Object[] && ((Object[]) v).length > 0) return String.valueOf(((Object[]) v)[0]);
		return null;
	}

	private static double valueAt(Object flat, int i) {
		if (flat instanceof double[]) return ((double[]) flat)[i];
		if (flat instanceof float[]) return ((float[]) flat)[i];
		if (flat instanceof int[]) return ((int[]) flat)[i];
		if (flat instanceof long[]) return ((long[]) flat)[i];
		if (flat instanceof short[]) return ((short[]) flat)[i];
		if (flat instanceof byte[]) return ((byte[]) flat)[i];
		throw new InvalidInputException("unsupported HDF5 data type " + flat.getClass().getSimpleName());
	}

	private static double[] doubles(Object v) {
		if (v instanceof double[]) return (double[]) v;
		if (v instanceof Number) return new double[] { ((Number) v).doubleValue() };
		if (v != null && v.getClass().isArray() && !(v instanceof Object[])) {
			int n = java.lang.reflect.Array.getLength(v);
			double[] d = new double[n];
			for (int i = 0; i < n; i++)
				d[i] = valueAt(v, i);
			return d;
		}
		throw new InvalidInputException("expected numbers in the HDF5 file, found " + (v == null ? "nothing" : v.getClass().getSimpleName()));
	}
}
