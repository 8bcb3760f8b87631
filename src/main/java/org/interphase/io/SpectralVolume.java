package org.interphase.io;

import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.interphase.core.InvalidInputException;
import org.interphase.core.stack.SpectralStack;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileOpener;
import ij.io.TiffDecoder;
import ij.process.ImageProcessor;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;

/**
 * A 3D spectral volume (x, y, z, energy) on disk, read one z-slab at a time so that memory is
 * bounded by the slab, not the volume. Two layouts:
 * <ul>
 * <li>HDF5: ONE 4-D dataset (energy, z, y, x), default {@value #DEFAULT_DATASET} (the Data Exchange
 * convention of tomography/TXM beamlines: projections or reconstructions in {@code /exchange/data});
 * energies from a dataset of the same file ({@code /exchange/energy} by default when present) or a text
 * file (one per line). A slab is one jHDF hyperslab read {@code getData(offset, shape)}.</li>
 * <li>a folder of per-energy multi-page TIFF volumes (one file per energy, natural file-name order, one
 * page per z); energies from a text file or from the file names ({@code 8333.5eV.tif}). A slab reads
 * pages z0…z0+nz−1 of every file only.</li>
 * </ul>
 * A slab is returned as one {@link SpectralStack} of width nx and height ny·nz (plane z0+k occupies
 * rows k·ny … (k+1)·ny−1): the per-pixel engines do not care about the spatial layout.
 * Instances are small, serializable descriptions (paths), so a cluster job can ship them to executors;
 * every slab read opens the file itself.
 */
public final class SpectralVolume implements Serializable {

	private static final long serialVersionUID = 1L;

	public static final String DEFAULT_DATASET = "/exchange/data";
	public static final String DEFAULT_ENERGY_DATASET = "/exchange/energy";
	private static final Pattern EV = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*eV", Pattern.CASE_INSENSITIVE);

	private final String path;
	private final String dataset;
	private final boolean hdf5;
	private final String[] files;
	private final int width, height, depth;
	private final double[] energies;

	private SpectralVolume(String path, String dataset, boolean hdf5, String[] files, int width, int height, int depth, double[] energies) {
		this.path = path;
		this.dataset = dataset;
		this.hdf5 = hdf5;
		this.files = files;
		this.width = width;
		this.height = height;
		this.depth = depth;
		this.energies = energies;
	}

	/**
	 * Opens (the header of) a volume: an HDF5 file or a folder of TIFF volumes. {@code dataset}: the 4-D
	 * dataset of an HDF5 file (empty = {@value #DEFAULT_DATASET}); {@code energies}: a dataset path of the
	 * HDF5 file (starting with '/'), a text file, or empty (HDF5: {@value #DEFAULT_ENERGY_DATASET}; folder:
	 * the file names).
	 */
	public static SpectralVolume open(Path volume, String dataset, String energies) {
		String ds = dataset == null || dataset.isBlank() ? DEFAULT_DATASET : dataset.trim();
		String en = energies == null ? "" : energies.trim();
		if (Files.isDirectory(volume)) return openFolder(volume, en);
		if (!Files.isRegularFile(volume)) throw new InvalidInputException("volume: file or folder not found: " + volume);
		if (!NxStxmReader.isHdf5(volume))
			throw InputFiles.invalid(volume, "is neither an HDF5 file nor a folder of per-energy TIFF volumes");
		return openHdf5(volume, ds, en);
	}

	private static SpectralVolume openHdf5(Path file, String ds, String en) {
		try (HdfFile h = NxStxmReader.open(file)) {
			Dataset d = dataset(h, file, ds);
			int[] dims = d.getDimensions();
			if (dims.length != 4)
				throw InputFiles.invalid(file, "dataset " + ds + " has " + dims.length + " dimensions; a spectral volume needs 4 (energy, z, y, x)");
			Class<?> t = d.getJavaType();
			if (!(t.isPrimitive() && t != boolean.class && t != char.class))
				throw InputFiles.invalid(file, "dataset " + ds + " holds " + t.getSimpleName() + " values, not numbers");
			double[] e;
			if (en.startsWith("/") || en.isEmpty() && h.getByPath(DEFAULT_ENERGY_DATASET) instanceof Dataset) {
				String ep = en.isEmpty() ? DEFAULT_ENERGY_DATASET : en;
				e = toDoubles(dataset(h, file, ep).getData(), file + " " + ep);
			} else if (!en.isEmpty()) {
				e = TextColumns.read(Paths.get(en), 1).column(0);
			} else {
				throw InputFiles.invalid(file, "has no " + DEFAULT_ENERGY_DATASET + "; give energies=/path/in/file or energies=FILE.txt");
			}
			check(e, dims[0], file + " " + ds, en.isEmpty() ? DEFAULT_ENERGY_DATASET : en);
			return new SpectralVolume(file.toAbsolutePath().toString(), ds, true, null, dims[3], dims[2], dims[1], e);
		} catch (io.jhdf.exceptions.HdfException ex) {
			throw InputFiles.invalid(file, "cannot be read as HDF5: " + ex.getMessage());
		}
	}

	private static Dataset dataset(HdfFile h, Path file, String ds) {
		Node n;
		try {
			n = h.getByPath(ds);
		} catch (RuntimeException ex) {
			n = null;
		}
		if (!(n instanceof Dataset)) throw InputFiles.invalid(file, "has no dataset " + ds);
		return (Dataset) n;
	}

	private static SpectralVolume openFolder(Path dir, String en) {
		List<Path> tifs = new ArrayList<>();
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
			for (Path p : ds) {
				String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
				if (Files.isRegularFile(p) && !n.startsWith(".") && (n.endsWith(".tif") || n.endsWith(".tiff"))) tifs.add(p);
			}
		} catch (IOException ex) {
			throw new InvalidInputException("volume: cannot list " + dir + ": " + ex.getMessage());
		}
		if (tifs.isEmpty()) throw new InvalidInputException("volume: folder " + dir + " holds no .tif files (one TIFF volume per energy)");
		tifs.sort((a, b) -> NaturalOrder.compare(a.getFileName().toString(), b.getFileName().toString()));
		double[] e;
		if (!en.isEmpty()) {
			e = TextColumns.read(Paths.get(en), 1).column(0);
		} else {
			e = new double[tifs.size()];
			for (int i = 0; i < e.length; i++) {
				Matcher m = EV.matcher(tifs.get(i).getFileName().toString());
				if (!m.find())
					throw InputFiles.invalid(tifs.get(i), "has no energy in its name (such as 8333.5eV.tif); give energies=FILE.txt");
				e[i] = Double.parseDouble(m.group(1));
			}
		}
		check(e, tifs.size(), "folder " + dir + " (" + tifs.size() + " TIFF files)", en.isEmpty() ? "the file names" : en);
		FileInfo first = pages(tifs.get(0))[0];
		int depth = pageCount(tifs.get(0));
		String[] names = new String[tifs.size()];
		for (int i = 0; i < names.length; i++) {
			Path p = tifs.get(i);
			FileInfo fi = pages(p)[0];
			int n = pageCount(p);
			if (fi.width != first.width || fi.height != first.height || n != depth)
				throw InputFiles.invalid(p, "is " + fi.width + "×" + fi.height + "×" + n + " but " + tifs.get(0).getFileName() + " is "
					+ first.width + "×" + first.height + "×" + depth + "; every energy needs the same volume size");
			names[i] = p.toAbsolutePath().toString();
		}
		return new SpectralVolume(dir.toAbsolutePath().toString(), "", false, names, first.width, first.height, depth, e);
	}

	private static void check(double[] e, int expected, String what, String source) {
		if (e.length != expected)
			throw new InvalidInputException("energies: " + source + " lists " + e.length + " energies but " + what + " has " + expected);
		SpectralStack.checkIncreasing(e, "energies (" + source + ")");
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	public int depth() {
		return depth;
	}

	public double[] energies() {
		return energies.clone();
	}

	public String path() {
		return path;
	}

	/** "HDF5 /exchange/data" or "TIFF folder". */
	public String layout() {
		return hdf5 ? "HDF5 " + dataset : "TIFF folder";
	}

	/** Bytes of one slab of {@code nz} planes as float32. */
	public long slabBytes(int nz) {
		return 4L * width * height * nz * energies.length;
	}

	/** Reads planes z0 … z0+nz−1 as one stack of width × (height·nz). */
	public SpectralStack readSlab(int z0, int nz) {
		if (z0 < 0 || nz < 1 || z0 + nz > depth)
			throw new InvalidInputException("volume: slab z " + z0 + "…" + (z0 + nz - 1) + " is outside the " + depth + " planes");
		int nE = energies.length;
		int plane = width * height;
		float[][] slices = new float[nE][plane * nz];
		if (hdf5) readHdf5(z0, nz, slices);
		else {
			for (int e = 0; e < nE; e++) {
				Path p = Paths.get(files[e]);
				FileInfo[] info = pages(p);
				for (int k = 0; k < nz; k++) {
					float[] px = readPage(p, info, z0 + k);
					System.arraycopy(px, 0, slices[e], k * plane, plane);
				}
			}
		}
		return new SpectralStack(width, height * nz, energies, slices);
	}

	private void readHdf5(int z0, int nz, float[][] slices) {
		Path file = Paths.get(path);
		try (HdfFile h = NxStxmReader.open(file)) {
			Dataset d = dataset(h, file, dataset);
			Object data = d.getData(new long[] { 0, z0, 0, 0 }, new int[] { energies.length, nz, height, width });
			for (int e = 0; e < slices.length; e++) {
				Object ez = Array.get(data, e);
				float[] out = slices[e];
				int i = 0;
				for (int k = 0; k < nz; k++) {
					Object zy = Array.get(ez, k);
					for (int y = 0; y < height; y++) {
						Object row = Array.get(zy, y);
						if (row instanceof float[]) {
							System.arraycopy(row, 0, out, i, width);
							i += width;
						} else {
							for (int x = 0; x < width; x++)
								out[i++] = ((Number) Array.get(row, x)).floatValue();
						}
					}
				}
			}
		} catch (io.jhdf.exceptions.HdfException ex) {
			throw InputFiles.invalid(file, "slab z " + z0 + "…" + (z0 + nz - 1) + " of " + dataset + " cannot be read: " + ex.getMessage());
		}
	}

	private static FileInfo[] pages(Path p) {
		TiffSignature.check(p);
		FileInfo[] info;
		try {
			info = new TiffDecoder(p.getParent().toString() + "/", p.getFileName().toString()).getTiffInfo();
		} catch (IOException ex) {
			throw InputFiles.invalid(p, "is not a readable TIFF: " + ex.getMessage());
		}
		if (info == null || info.length == 0) throw InputFiles.invalid(p, "is not a readable TIFF");
		return info;
	}

	private static int pageCount(Path p) {
		FileInfo[] info = pages(p);
		return info.length == 1 ? Math.max(1, info[0].nImages) : info.length;
	}

	private static float[] readPage(Path p, FileInfo[] info, int z) {
		FileInfo fi;
		if (info.length == 1) {
			fi = (FileInfo) info[0].clone();
			fi.longOffset = info[0].getOffset() + (long) z * ((long) fi.width * fi.height * fi.getBytesPerPixel() + fi.gapBetweenImages);
		} else {
			fi = (FileInfo) info[z].clone();
		}
		fi.nImages = 1;
		ImagePlus imp = new FileOpener(fi).openImage();
		if (imp == null) throw InputFiles.invalid(p, "page " + (z + 1) + " cannot be read");
		ImageProcessor ip = imp.getProcessor();
		return (float[]) ip.convertToFloatProcessor().getPixels();
	}

	private static double[] toDoubles(Object data, String what) {
		if (data == null || !data.getClass().isArray() || data.getClass().getComponentType().isArray())
			throw new InvalidInputException("energies: " + what + " is not a 1-D list of numbers");
		double[] v = new double[Array.getLength(data)];
		for (int i = 0; i < v.length; i++) {
			Object o = Array.get(data, i);
			if (!(o instanceof Number)) throw new InvalidInputException("energies: " + what + " is not a list of numbers");
			v[i] = ((Number) o).doubleValue();
		}
		return v;
	}
}
