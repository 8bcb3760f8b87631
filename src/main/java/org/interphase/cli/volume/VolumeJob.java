package org.interphase.cli.volume;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.interphase.cli.CommandCatalog;
import org.interphase.cli.CommandRunner;
import org.interphase.cli.Json;
import org.interphase.cli.Main;
import org.interphase.cli.OutputWriter;
import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.interphase.core.decompose.Pca;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Images;
import org.interphase.ij.OutputFiles;
import org.interphase.ij.Tables;
import org.interphase.io.SpectralVolume;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.ResultsTable;
import ij.process.ImageProcessor;

/**
 * One command over a 3D spectral volume, z-slab by z-slab. Each slab of {@code slab} planes is read
 * alone ({@link SpectralVolume#readSlab}) and handed to the command as one stack (width x, height
 * y·nz); memory is bounded by the slab. Per-pixel commands run unchanged through {@link CommandRunner}
 * (the same code as {@code ./interphase run}); each image output is written per slab as
 * {@code <output>_z<first>-<last>.tif}, a hyperstack of nz z-planes (× its slices, e.g. energies, as
 * frames) that Fiji opens; tables are merged into {@code <output>.csv} with slab columns, scalars into
 * {@code slabs.csv}. Principal Components accumulates DᵀD slab by slab through the PCA kernel
 * ({@link Pca#scatter}), decomposes once and writes the eigenimages per slab.
 * <p>
 * Instances are serializable: the Spark module ships them to executors and runs {@link #run} with its
 * own {@link SlabMap}.
 */
public final class VolumeJob implements Serializable {

	private static final long serialVersionUID = 1L;

	/** The keys that describe the volume rather than the command. */
	public static final List<String> VOLUME_KEYS = List.of("volume", "slab", "dataset", "energies", "lloyd_passes");
	/** The commands that run on volumes. */
	public static final List<String> COMMANDS = List.of("Normalize XANES", "XANES Feature Maps", "Linear Combination Fit", "Principal Components",
		"Cluster Analysis");
	public static final int DEFAULT_SLAB = 8;

	public final String command;
	public final LinkedHashMap<String, String> args;
	public final SpectralVolume volume;
	public final int slab;
	final String title;

	private VolumeJob(String command, LinkedHashMap<String, String> args, SpectralVolume volume, int slab) {
		this.command = command;
		this.args = args;
		this.volume = volume;
		this.slab = slab;
		String name = Paths.get(volume.path()).getFileName().toString();
		this.title = name.replaceFirst("\\.[A-Za-z0-9]{1,5}$", "");
	}

	/** A job from the command name and all {@code key=value} arguments (volume keys and the command's). */
	public static VolumeJob of(String command, Map<String, String> all) {
		String name = null;
		for (String c : COMMANDS)
			if (c.equalsIgnoreCase(command.trim())) name = c;
		if (name == null) throw new InvalidInputException("volume: \"" + command + "\" does not run on volumes; commands: " + String.join(", ", COMMANDS));
		String path = all.get("volume");
		if (path == null) throw new InvalidInputException("volume: required, but not given (volume=FILE.h5 or volume=FOLDER of TIFF volumes)");
		int slab = DEFAULT_SLAB;
		if (all.containsKey("slab")) {
			try {
				slab = Integer.parseInt(all.get("slab").trim());
			} catch (NumberFormatException e) {
				throw new InvalidInputException("slab: \"" + all.get("slab") + "\" is not a whole number");
			}
			if (slab < 1) throw new InvalidInputException("slab: " + slab + " planes; give at least 1");
		}
		SpectralVolume v = SpectralVolume.open(Paths.get(path), all.get("dataset"), all.get("energies"));
		LinkedHashMap<String, String> args = new LinkedHashMap<>(all);
		VOLUME_KEYS.forEach(args::remove);
		if (all.containsKey("lloyd_passes") && !"Cluster Analysis".equals(name))
			throw new InvalidInputException("lloyd_passes: only Cluster Analysis takes it");
		if (all.containsKey("lloyd_passes")) args.put("lloyd_passes", all.get("lloyd_passes"));
		if (args.containsKey("stack")) throw new InvalidInputException("stack: the volume's slabs are the stack; give volume=, not stack=");
		VolumeJob job = new VolumeJob(name, args, v, Math.min(slab, v.depth()));
		job.info().toString(); // resolves the command
		LinkedHashMap<String, String> commandKeys = new LinkedHashMap<>(args);
		commandKeys.remove("lloyd_passes");
		new CommandRunner(context()).inputFiles(job.info(), commandKeys); // checks the keys before any slab runs
		return job;
	}

	private static Context context;

	/** One SciJava context per JVM (driver or executor), made on first use and kept. */
	public static synchronized Context context() {
		if (context == null) context = Main.newContext();
		return context;
	}

	CommandInfo info() {
		return new CommandCatalog(context()).find(command);
	}

	public int slabs() {
		return (volume.depth() + slab - 1) / slab;
	}

	public int z0(int s) {
		return s * slab;
	}

	public int nz(int s) {
		return Math.min(slab, volume.depth() - z0(s));
	}

	/** What one slab produced, small enough to send back to a driver. */
	public static final class SlabResult implements Serializable {
		private static final long serialVersionUID = 1L;
		public final int slab, z0, nz;
		public final double seconds;
		public final LinkedHashMap<String, String> scalars = new LinkedHashMap<>();
		/** Each table output as CSV text (header line first). */
		public final LinkedHashMap<String, String> tables = new LinkedHashMap<>();
		public final ArrayList<String> files = new ArrayList<>();
		public final ArrayList<String> warnings = new ArrayList<>();

		/** Numbers a slab hands back for a reduction on the driver (Cluster Analysis: counts and spectra per cluster). */
		public double[] partial;

		SlabResult(int slab, int z0, int nz, double seconds) {
			this.slab = slab;
			this.z0 = z0;
			this.nz = nz;
			this.seconds = seconds;
		}
	}

	/**
	 * Runs the job: slabs through {@code slabs}, then the merged tables and {@code outputs.json} on this
	 * (the driver's) side. {@code out} must be empty or new; executors write into it, so on a cluster it
	 * must be on a file system every executor sees.
	 */
	public Map<String, Object> run(SlabMap slabs, Path out, String runner) {
		long t0 = System.nanoTime();
		OutputWriter.checkTarget(out, false);
		try {
			Files.createDirectories(out);
		} catch (IOException e) {
			throw new InvalidInputException("--out " + out + ": cannot create the folder: " + e.getMessage());
		}
		int n = slabs();
		List<SlabResult> results;
		Map<String, Object> extra = new LinkedHashMap<>();
		if ("Principal Components".equals(command)) results = pca(slabs, n, out, extra);
		else if ("Cluster Analysis".equals(command)) results = VolumeClusters.run(this, slabs, n, out, extra);
		else {
			String dir = out.toString(); // a Path is not serializable; executors get the text
			results = slabs.map(n, s -> runSlab(s, Paths.get(dir)));
		}
		return summary(results, out, extra, runner, (System.nanoTime() - t0) / 1e9);
	}

	/** One slab of a per-pixel command: the command run through {@link CommandRunner} on the slab's stack. */
	public SlabResult runSlab(int s, Path out) {
		long t0 = System.nanoTime();
		int z0 = z0(s), nz = nz(s);
		SpectralStack st = volume.readSlab(z0, nz);
		ImagePlus imp = Images.toImagePlus(st, title, null);
		CommandInfo info = info();
		CommandRunner.Run run = new CommandRunner(context()).run(info, args, Map.of(imageField(info), imp));
		SlabResult r = new SlabResult(s, z0, nz, (System.nanoTime() - t0) / 1e9);
		r.warnings.addAll(run.warnings);
		for (Map.Entry<String, Object> e : run.outputs.entrySet()) {
			Object v = e.getValue();
			if (v instanceof ImagePlus) r.files.add(writeSlabImage((ImagePlus) v, e.getKey(), z0, nz, out));
			else if (v instanceof ResultsTable) r.tables.put(e.getKey(), csv((ResultsTable) v, out));
			else if (v instanceof Number || v instanceof Boolean || v instanceof String) r.scalars.put(e.getKey(), v.toString());
		}
		return r;
	}

	private static String imageField(CommandInfo info) {
		for (ModuleItem<?> item : CommandCatalog.userInputs(info))
			if (ImagePlus.class.equals(item.getType())) return item.getName();
		throw new IllegalStateException(info + " has no image input");
	}

	private List<SlabResult> pca(SlabMap slabs, int n, Path out, Map<String, Object> extra) {
		int nE = volume.energies().length;
		int components = intArg("components", 0);
		boolean centre = (Boolean) arg("centre", Boolean.FALSE);
		if (components < 0) throw new InvalidInputException("components: " + components + " is below the minimum 0");
		if (components > nE) throw new InvalidInputException("components: " + components + " is more than the " + nE + " energies of the volume");
		if (nE < 2) throw new InvalidInputException("volume: PCA needs at least 2 energies, the volume has " + nE);
		Pca.Result r = pcaModel(slabs, n, centre);
		int k = components > 0 ? components : r.significant;
		String dir = out.toString();
		List<SlabResult> results = slabs.map(n, s -> {
			long t0 = System.nanoTime();
			SpectralStack st = volume.readSlab(z0(s), nz(s));
			float[][] img = Pca.eigenimages(st, r, k, Progress.NONE);
			List<float[]> data = new ArrayList<>();
			List<String> labels = new ArrayList<>();
			for (int c = 0; c < k; c++) {
				data.add(img[c]);
				labels.add("PC" + (c + 1) + " (" + Images.format(100 * r.explained[c]) + " %)");
			}
			ImagePlus imp = Images.maps(title + " eigenimages", st.width(), st.height(), data, labels, null);
			SlabResult sr = new SlabResult(s, z0(s), nz(s), (System.nanoTime() - t0) / 1e9);
			sr.files.add(writeSlabImage(imp, "eigenimages", z0(s), nz(s), Paths.get(dir)));
			return sr;
		});
		// the command's tables, once for the volume
		ResultsTable ev = Tables.empty();
		for (int i = 0; i < nE; i++) {
			ev.incrementCounter();
			ev.addValue("component", i + 1);
			ev.addValue("eigenvalue", r.eigenvalues[i]);
			ev.addValue("explained", r.explained[i]);
			ev.addValue("cumulative", r.cumulative[i]);
		}
		ResultsTable es = Tables.empty();
		double[] energies = volume.energies();
		for (int e = 0; e < nE; e++) {
			es.incrementCounter();
			es.addValue("energy_eV", energies[e]);
			for (int c = 0; c < k; c++)
				es.addValue("pc" + (c + 1), r.vectors[c][e]);
		}
		try {
			OutputFiles.writeCsv(ev, out.resolve("eigenvalues.csv"));
			OutputFiles.writeCsv(es, out.resolve("eigenspectra.csv"));
		} catch (IOException e) {
			throw new InvalidInputException("--out " + out + ": cannot write: " + e.getMessage());
		}
		extra.put("significant", r.significant);
		extra.put("components_returned", k);
		extra.put("voxels_used", r.pixelsUsed);
		extra.put("tables", List.of("eigenvalues.csv", "eigenspectra.csv"));
		return results;
	}

	/** PCA of the whole volume: the mean (pass 1) and DᵀD (pass 2) summed slab by slab, decomposed once. */
	Pca.Result pcaModel(SlabMap slabs, int n, boolean centre) {
		int nE = volume.energies().length;
		double[] sums = slabs.sum(n, s -> Pca.sums(volume.readSlab(z0(s), nz(s)), Progress.NONE));
		long used = (long) sums[nE];
		if (used == 0) throw new InvalidInputException("volume: every voxel has a NaN value at some energy; nothing to decompose");
		double[] mean = new double[nE];
		for (int e = 0; e < nE; e++)
			mean[e] = sums[e] / used;
		double[] shift = centre ? mean : new double[nE];
		double[] acc = slabs.sum(n, s -> Pca.scatter(volume.readSlab(z0(s), nz(s)), shift, Progress.NONE));
		return Pca.fromScatter(acc, nE, centre ? mean : null, used);
	}

	int intArg(String key, int def) {
		return ((Number) arg(key, def)).intValue();
	}

	/** The value of one of the command's keys, converted and checked as {@code ./interphase run} does; {@code def} when not given. */
	Object arg(String key, Object def) {
		String v = args.get(key);
		if (v == null) return def;
		if (key.equals("lloyd_passes")) {
			try {
				return Integer.parseInt(v.trim());
			} catch (NumberFormatException e) {
				throw new InvalidInputException(key + ": \"" + v + "\" is not a whole number");
			}
		}
		for (ModuleItem<?> item : CommandCatalog.userInputs(info()))
			if (item.getName().equals(key)) return CommandRunner.convert(item, v, context());
		return def;
	}
	/** The name of a slab's file for one output: {@code <output>_z0000-0007.tif} (planes, 0-based, inclusive). */
	public static String slabFile(String output, int z0, int nz) {
		return String.format(Locale.ROOT, "%s_z%04d-%04d.tif", output, z0, z0 + nz - 1);
	}

	/**
	 * Writes an output of the slab stack (width x, height y·nz, S slices) as a hyperstack of nz z-planes
	 * and S frames, each plane y rows high; written to a hidden name, then renamed.
	 */
	String writeSlabImage(ImagePlus imp, String output, int z0, int nz, Path out) {
		int w = imp.getWidth(), h = imp.getHeight() / nz, slices = imp.getStackSize();
		ImageStack src = imp.getStack();
		ImageStack dst = new ImageStack(w, h);
		for (int t = 1; t <= slices; t++) {
			ImageProcessor ip = src.getProcessor(t);
			String label = src.getSliceLabel(t);
			for (int k = 0; k < nz; k++) {
				ip.setRoi(0, k * h, w, h);
				dst.addSlice((label == null ? "" : label + " ") + "z=" + (z0 + k), ip.crop());
			}
		}
		ImagePlus o = new ImagePlus(imp.getTitle() + " z" + z0 + "-" + (z0 + nz - 1), dst);
		o.setDimensions(1, nz, slices);
		if (slices > 1 && nz > 1) o.setOpenAsHyperStack(true);
		Object info = imp.getProperty("Info");
		if (info != null) o.setProperty("Info", info);
		if (imp.getBitDepth() != 32) {
			o.setLut(imp.getProcessor().getLut());
			o.setDisplayRange(imp.getDisplayRangeMin(), imp.getDisplayRangeMax());
		}
		String name = slabFile(output, z0, nz);
		Path tmp = out.resolve("." + name + ".partial");
		try {
			OutputFiles.saveFloatTiff(o, tmp);
			Files.move(tmp, out.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		} catch (IOException e) {
			throw new InvalidInputException("--out " + out + ": cannot write " + name + ": " + e.getMessage());
		}
		return name;
	}

	private static String csv(ResultsTable rt, Path out) {
		try {
			Path tmp = Files.createTempFile(out, ".table-", ".csv");
			try {
				OutputFiles.writeCsv(rt, tmp);
				return Files.readString(tmp);
			} finally {
				Files.deleteIfExists(tmp);
			}
		} catch (IOException e) {
			throw new InvalidInputException("--out " + out + ": cannot write a table: " + e.getMessage());
		}
	}

	/** slabs.csv, the merged tables and outputs.json, on the driver. */
	private Map<String, Object> summary(List<SlabResult> results, Path out, Map<String, Object> extra, String runner, double seconds) {
		List<String> files = new ArrayList<>();
		List<String> scalarNames = new ArrayList<>();
		Map<String, StringBuilder> tables = new LinkedHashMap<>();
		List<String> warnings = new ArrayList<>();
		for (SlabResult r : results) {
			files.addAll(r.files);
			for (String k : r.scalars.keySet())
				if (!scalarNames.contains(k)) scalarNames.add(k);
			for (String w : r.warnings)
				warnings.add("slab z" + r.z0 + "-" + (r.z0 + r.nz - 1) + ": " + w);
			for (Map.Entry<String, String> t : r.tables.entrySet()) {
				String[] lines = t.getValue().split("\r?\n");
				StringBuilder sb = tables.get(t.getKey());
				if (sb == null) {
					sb = new StringBuilder("slab,z0,").append(lines[0]).append('\n');
					tables.put(t.getKey(), sb);
				}
				for (int i = 1; i < lines.length; i++)
					if (!lines[i].isEmpty()) sb.append(r.slab).append(',').append(r.z0).append(',').append(lines[i]).append('\n');
			}
		}
		StringBuilder slabsCsv = new StringBuilder("slab,z0,nz,seconds");
		for (String k : scalarNames)
			slabsCsv.append(',').append(k);
		slabsCsv.append('\n');
		for (SlabResult r : results) {
			slabsCsv.append(r.slab).append(',').append(r.z0).append(',').append(r.nz).append(',').append(String.format(Locale.ROOT, "%.3f", r.seconds));
			for (String k : scalarNames)
				slabsCsv.append(',').append(r.scalars.getOrDefault(k, "NaN"));
			slabsCsv.append('\n');
		}
		try {
			Files.writeString(out.resolve("slabs.csv"), slabsCsv);
			for (Map.Entry<String, StringBuilder> t : tables.entrySet())
				Files.writeString(out.resolve(t.getKey() + ".csv"), t.getValue());
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("command", command);
			json.put("runner", runner);
			json.put("version", Main.version());
			json.put("elapsed_seconds", seconds);
			json.put("volume", volume.path());
			json.put("layout", volume.layout());
			json.put("size_xyz", List.of(volume.width(), volume.height(), volume.depth()));
			json.put("energies", volume.energies().length);
			json.put("slab", slab);
			json.put("slabs", results.size());
			json.put("voxels_per_second", (double) volume.width() * volume.height() * volume.depth() / seconds);
			json.put("inputs", new LinkedHashMap<>(args));
			json.putAll(extra);
			if (!warnings.isEmpty()) json.put("warnings", warnings);
			List<String> all = new ArrayList<>(files);
			all.add("slabs.csv");
			for (String t : tables.keySet())
				all.add(t + ".csv");
			json.put("files", all);
			Files.writeString(out.resolve("outputs.json"), Json.write(json));
			return json;
		} catch (IOException e) {
			throw new InvalidInputException("--out " + out + ": cannot write: " + e.getMessage());
		}
	}
}
