package org.interphase.cli.macro;

import org.interphase.cli.CommandCatalog;
import org.interphase.cli.DocsTest;
import org.interphase.cli.CommandRunner;
import org.interphase.cli.Main;
import org.interphase.cli.OutputWriter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Images;
import org.interphase.ij.OutputFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;

import ij.IJ;
import ij.ImagePlus;

/**
 * The macro runner and the macros: every batch macro in macros/ run through {@code ./interphase macro}
 * on test-images/ writes exactly the files its header promises, each equal to what the CLI writes for
 * the same input and parameters (same bytes for images and plots, same text for tables), and stops
 * with one line and exit status 2 on a missing or empty input folder; the macro built-ins a batch needs work headless; and, statically, every
 * run("…") in macros/ and README.md names an existing command with existing keys only.
 */
class MacroTest {

	@TempDir
	Path tmp;

	final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

	int cli(String... args) {
		out.reset();
		err.reset();
		return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false).run(args);
	}

	static List<Path> macros() throws IOException {
		try (Stream<Path> s = Files.list(Paths.get("macros"))) {
			List<Path> l = new ArrayList<>();
			s.filter(p -> p.toString().endsWith(".ijm")).sorted().forEach(l::add);
			return l;
		}
	}

	// ---- every batch macro writes what its header promises, equal to the CLI's output ----

	/**
	 * The CLI's side of a comparison: commands run in-process as {@code ./interphase run} runs them
	 * ({@link CommandRunner}, files given as paths are opened by the suite's importers, earlier outputs
	 * passed on as values), each run written by {@link OutputWriter} into a folder of its own.
	 */
	final class Cli implements AutoCloseable {
		final Context context = Main.newContext();
		final CommandCatalog catalog = new CommandCatalog(context);
		final CommandRunner runner = new CommandRunner(context);
		/** Promised file (relative to the macro's output folder) → the CLI's file with the same content. */
		final Map<String, Path> expected = new TreeMap<>();
		int runs;

		/** Runs {@code command} with {@code keyValues} ("key=value") and {@code resolved} inputs. */
		CommandRunner.Run run(String command, Map<String, Object> resolved, String... keyValues) {
			return runner.run(catalog.find(command), CommandRunner.parseArguments(List.of(keyValues)), resolved);
		}

		/** Writes {@code run} as the CLI does; then {@code promised[i]} must equal the CLI's {@code field[i]} file. */
		void expect(CommandRunner.Run run, String... promisedAndCliFile) {
			Path dir = tmp.resolve("cli-" + (runs++));
			OutputWriter.write(run, dir, false, "test");
			for (int i = 0; i < promisedAndCliFile.length; i += 2)
				expected.put(promisedAndCliFile[i], dir.resolve(promisedAndCliFile[i + 1]));
		}

		@Override
		public void close() {
			context.dispose();
		}
	}

	/** Runs {@code macro} on {@code in}; returns its output folder. */
	Path runMacro(String macro, Path in, String extra) {
		Path o = tmp.resolve(macro + "-out");
		int rc = cli("macro", "macros/" + macro + ".ijm", "in=[" + in + "] out=[" + o + "]" + extra);
		assertEquals(0, rc, macro + " failed: " + err.toString(StandardCharsets.UTF_8));
		return o;
	}

	/**
	 * The macro wrote exactly the promised files, and each holds what the CLI writes: the same bytes for
	 * images and plots, the same text for tables.
	 */
	static void assertSameAsCli(String macro, Path o, Map<String, Path> expected) throws IOException {
		List<String> written = new ArrayList<>();
		try (Stream<Path> s = Files.walk(o)) {
			s.filter(Files::isRegularFile).forEach(p -> written.add(o.relativize(p).toString().replace('\\', '/')));
		}
		Collections.sort(written);
		assertEquals(new ArrayList<>(expected.keySet()), written, macro + " writes every promised file and nothing else");
		for (Map.Entry<String, Path> e : expected.entrySet()) {
			Path mine = o.resolve(e.getKey()), cli = e.getValue();
			assertTrue(Files.isRegularFile(cli), "the CLI wrote " + cli.getFileName() + " (for " + e.getKey() + ")");
			if (e.getKey().endsWith(".csv"))
				assertEquals(Files.readString(cli), Files.readString(mine), macro + ": " + e.getKey() + " is the CLI's " + cli.getFileName());
			else
				assertArrayEquals(Files.readAllBytes(cli), Files.readAllBytes(mine), macro + ": " + e.getKey() + " is the CLI's " + cli.getFileName());
		}
	}

	static final Path IMAGES = Paths.get("test-images");

	@Test
	void spectralBatchWritesWhatTheCliWrites() throws IOException {
		Path in = IMAGES.resolve("spectral");
		Path o = runMacro("spectral_batch", in, " i0_fraction=0.1");
		try (Cli c = new Cli()) {
			for (String base : List.of("fe-phantom-shifted", "fe-phantom-transmission"))
				c.expect(c.run("Optical Density", Map.of(), "stack=" + in.resolve(base + ".tif"), "i0_mode=auto", "i0_fraction=0.1"),
					base + "_od.tif", "od.tif", base + "_i0.csv", "i0.csv");
			assertSameAsCli("spectral_batch", o, c.expected);
		}
		ImagePlus od = IJ.openImage(o.resolve("fe-phantom-transmission_od.tif").toString());
		assertTrue(od.getStack().getSliceLabel(3).endsWith("eV"), "energies kept in the labels: " + od.getStack().getSliceLabel(3));
	}

	@Test
	void spectralAlignBatchWritesWhatTheCliWrites() throws IOException {
		Path in = IMAGES.resolve("spectral");
		Path o = runMacro("spectral_align_batch", in, "");
		try (Cli c = new Cli()) {
			for (String base : List.of("fe-phantom-shifted", "fe-phantom-transmission")) {
				Object raw = c.run("Import Spectral Stack", Map.of(), "file=" + in.resolve(base + ".tif")).outputs.get("stack");
				Object od = c.run("Optical Density", Map.of("stack", raw), "i0_mode=auto", "i0_fraction=0.05").outputs.get("od");
				c.expect(c.run("Align Stack", Map.of("stack", od), "reference=0", "edge_filter=false", "max_shift=20", "crop=true"),
					base + "_od_aligned.tif", "aligned.tif", base + "_shifts.csv", "shifts.csv");
			}
			assertSameAsCli("spectral_align_batch", o, c.expected);
		}
	}

	@Test
	void xanesBatchWritesWhatTheCliWrites() throws IOException {
		Path in = IMAGES.resolve("xanes");
		Path o = runMacro("xanes_batch", in, " i0_mode=none");
		try (Cli c = new Cli()) {
			String b = "xanes-phantom-od"; // the other files of the folder are truth, an earlier output and the references
			Object raw = c.run("Import Spectral Stack", Map.of(), "file=" + in.resolve(b + ".tif")).outputs.get("stack");
			CommandRunner.Run od = c.run("Optical Density", Map.of("stack", raw), "i0_mode=none", "i0_fraction=0.05");
			c.expect(od, b + "_od.tif", "od.tif");
			Map<String, Object> stack = Map.of("stack", od.outputs.get("od"));
			c.expect(c.run("Normalize XANES", stack, "e0_method=derivative", "e0=0", "pre1=-10", "pre2=-2", "norm1=5", "norm2=20", "nnorm=1", "flatten=false",
				"min_edge_jump=5"), b + "_normalized.tif", "normalized.tif", b + "_e0.tif", "e0_map.tif", b + "_edge_step.tif", "edge_step_map.tif",
				b + "_noise.tif", "noise_map.tif", b + "_valid.tif", "valid_mask.tif");
			c.expect(c.run("Linear Combination Fit", stack, "references=" + in.resolve("xanes-references.csv"), "fit_min=0", "fit_max=0", "nonnegative=true",
				"sum_to_one=false", "constant=false"), b + "_lcf_weights.tif", "weights.tif", b + "_lcf_r_factor.tif", "r_factor.tif", b + "_lcf_chi_square.tif",
				"chi_square.tif", b + "_lcf_residual_rms.tif", "residual_rms.tif", b + "_lcf_summary.csv", "summary.csv");
			assertSameAsCli("xanes_batch", o, c.expected);
		}
	}

	@Test
	void afmRoughnessBatchWritesWhatTheCliWrites() throws IOException {
		Path in = IMAGES.resolve("afm");
		Path o = runMacro("afm_roughness_batch", in, "");
		assertAfmBatchAsCli(o, in, List.of("afm-phantom-a.tif", "afm-phantom-b.tif"), "Height");
	}

	/**
	 * The formats Import AFM Image gained in issue 16 pass the macro's extension filter: a Gwyddion
	 * Simple Field and a Hitachi XQD file (real files, channel Topography) give what the CLI gives.
	 */
	@Test
	void afmRoughnessBatchReadsTheNewFormats() throws IOException {
		List<String> files = List.of("gsf-scifi-GwiddionReader_chip.gsf", "hitachi-scilab4spm-data2.xqd");
		Path in = Files.createDirectories(tmp.resolve("afm-formats"));
		for (String f : files)
			Files.copy(org.interphase.io.RealData.require("afm/" + f), in.resolve(f));
		Path o = runMacro("afm_roughness_batch", in, " channel=Topography");
		assertAfmBatchAsCli(o, in, files, "Topography");
	}

	/** What afm_roughness_batch wrote into {@code o} for {@code files} of {@code in} equals the CLI's leveled images, tables and combined table. */
	private void assertAfmBatchAsCli(Path o, Path in, List<String> files, String channel) throws IOException {
		List<String> all = new ArrayList<>();
		try (Cli c = new Cli()) {
			for (String f : files) {
				String base = f.substring(0, f.lastIndexOf('.'));
				Object raw = c.run("Import AFM Image", Map.of(), "file=" + in.resolve(f), "channel=" + channel).outputs.get("image");
				c.expect(c.run("Level Surface", Map.of("image", raw), "method=plane_then_rows", "degree=2"), base + "_leveled.tif", "leveled.tif");
				c.expect(c.run("Surface Roughness", Map.of("image", raw), "level=plane_then_rows", "degree=2", "x1=-1", "y1=-1", "x2=-1", "y2=-1", "cutoff=0"),
					base + "_roughness.csv", "roughness.csv");
				List<String> rows = Files.readAllLines(c.expected.get(base + "_roughness.csv"));
				if (all.isEmpty()) all.add("file," + rows.get(0));
				for (String r : rows.subList(1, rows.size()))
					all.add(f + "," + r);
			}
			Map<String, Path> expected = new TreeMap<>(c.expected);
			Path combined = tmp.resolve("roughness_all_" + channel + ".csv");
			Files.write(combined, all);
			expected.put("roughness_all.csv", combined);
			assertSameAsCli("afm_roughness_batch", o, expected);
		}
	}

	@Test
	void forceMapBatchWritesWhatTheCliWrites() throws IOException {
		Path in = IMAGES.resolve("force");
		Path o = runMacro("force_map_batch", in, "");
		try (Cli c = new Cli()) {
			String b = "demo-map"; // a folder of text curves; demo-map-truth.txt is not force data
			c.expect(c.run("Force Curve Modulus", Map.of(), "file=" + in.resolve(b), "model=hertz_sphere", "tip_radius=20", "poisson=0.5", "segment=approach",
				"contact_method=residual", "fit_min=0", "fit_max=100"), b + "_modulus.tif", "modulus.tif", b + "_contact.tif", "contact.tif", b + "_adhesion.tif",
				"adhesion.tif", b + "_r_squared.tif", "r_squared.tif", b + "_curves.csv", "curves.csv", b + "_summary.csv", "summary.csv");
			assertSameAsCli("force_map_batch", o, c.expected);
		}
	}

	@Test
	void profilesBatchWritesWhatTheCliWrites() throws IOException {
		Path in = IMAGES.resolve("profiles");
		Path o = runMacro("profiles_batch", in, "");
		try (Cli c = new Cli()) {
			List<String> maps = List.of("s-xrf-cycled", "s-xrf-pristine");
			for (String b : maps)
				c.expect(c.run("Interface Profile", Map.of(), "image=" + in.resolve(b + ".tif"), "x1=0", "y1=20", "x2=119", "y2=20", "width=30", "origin=interface",
					"interface_method=erf", "zones=0-10,78-90", "bulk=20-70"), b + "_profile.csv", "profile.csv", b + "_zones.csv", "zone_stats.csv",
					b + "_interfaces.csv", "interfaces.csv", b + "_profile.png", "plot.png");
			c.expect(c.run("Histogram Compare", Map.of(), "images=" + in.resolve(maps.get(0) + ".tif") + "," + in.resolve(maps.get(1) + ".tif"), "bins=64",
				"normalize=fraction"), "histograms.csv", "histograms.csv", "histogram_stats.csv", "stats.csv", "histograms.png", "plot.png");
			assertSameAsCli("profiles_batch", o, c.expected);
		}
		assertTrue(Files.readAllLines(o.resolve("s-xrf-cycled_zones.csv")).get(0).contains("depletion_pct"), "the zone table holds the depletion");
	}

	@Test
	void segmentBatchWritesWhatTheCliWrites() throws IOException {
		Path in = IMAGES.resolve("segment");
		Path o = runMacro("segment_batch", in, "");
		try (Cli c = new Cli()) {
			String d = "composite-od/"; // its mask is particles-mask.tif (the folder's only mask), its labels composite-phases.tif
			Path stack = in.resolve("composite-od.tif");
			CommandRunner.Run pca = c.run("Principal Components", Map.of(), "stack=" + stack, "components=0");
			c.expect(pca, d + "eigenvalues.csv", "eigenvalues.csv", d + "eigenspectra.csv", "eigenspectra.csv", d + "eigenimages.tif", "eigenimages.tif");
			c.expect(c.run("Cluster Analysis", Map.of(), "stack=" + stack, "clusters=3", "components=0", "weighting=0", "distance=euclidean", "seed=1",
				"restarts=5"), d + "cluster_labels.tif", "labels.tif", d + "error_map.tif", "error_map.tif", d + "cluster_spectra.csv", "cluster_spectra.csv",
				d + "cluster_summary.csv", "cluster_summary.csv");
			c.expect(c.run("Unmix Spectra (NNMA)", Map.of(), "stack=" + stack, "components=3", "initialisation=clusters", "max_iterations=400",
				"tolerance=0.000001", "seed=1", "lambda_sparseness=0.5", "lambda_smoothness=0", "lambda_similarity=10"), d + "nnma_spectra.csv", "spectra.csv",
				d + "nnma_thickness.tif", "thickness.tif", d + "nnma_residual.tif", "residual_map.tif", d + "nnma_cost.csv", "cost_history.csv",
				d + "nnma_composite.tif", "composite.tif");
			c.expect(c.run("RGB Composite", Map.of("stack", pca.outputs.get("eigenimages")), "slices=1,2,3", "red_min=0", "red_max=0", "green_min=0",
				"green_max=0", "blue_min=0", "blue_max=0"), d + "composite_pc123.tif", "composite.tif", d + "composite_legend.csv", "legend.csv");
			c.expect(c.run("Shell Spectra", Map.of(), "stack=" + stack, "mask=" + in.resolve("particles-mask.tif"), "shells=3", "shell_width=0", "pixel_size=0",
				"peak_min=0", "peak_max=0"), d + "shell_labels.tif", "shell_labels.tif", d + "depth_map.tif", "depth_map.tif", d + "shell_spectra.csv",
				"shell_spectra.csv", d + "shell_peaks.csv", "peaks.csv");
			c.expect(c.run("Interphase Thickness", Map.of(), "labels=" + in.resolve("composite-phases.tif"), "phase_a=1", "interphase=2", "phase_c=3",
				"pixel_size=0"), d + "interphase_thickness.tif", "thickness_map.tif", d + "interphase_thickness.csv", "statistics.csv");
			assertSameAsCli("segment_batch", o, c.expected);
		}
	}

	@Test
	void voidsBatchWritesWhatTheCliWrites() throws IOException {
		Path in = IMAGES.resolve("voids");
		Path o = runMacro("voids_batch", in, "");
		try (Cli c = new Cli()) {
			String s = "series"; // the only sub-folder; the TIFFs beside it are not series folders
			Object maps = c.run("Import XRF Time Series", Map.of(), "folder=" + in.resolve(s), "elements=S_K,P_K", "normalize=none", "detector=",
				"frame_interval=1").outputs.get("series");
			c.expect(c.run("Track Voids", Map.of("maps", maps), "void_channels=S_K,P_K", "rule=all", "threshold_method=otsu", "threshold_value=0.5",
				"normalize_bulk=true", "smooth_sigma=1", "min_area=4", "fill_holes=true", "min_iou=0.3", "max_link_distance=5"), s + "_tracks.csv", "tracks.csv",
				s + "_rates.csv", "rates.csv", s + "_void_labels.tif", "labels.tif");
			assertSameAsCli("voids_batch", o, c.expected);
		}
	}

	@Test
	void simsBatchWritesWhatTheCliWrites() throws IOException {
		Path in = IMAGES.resolve("sims");
		Path o = runMacro("sims_batch", in, "");
		try (Cli c = new Cli()) {
			// in file-list order: the two hyperstacks and the profile export; truth.txt is not a dataset
			for (String f : List.of("sei-liquid.tif", "sei-quasi-solid-profile.txt", "sei-quasi-solid.tif")) {
				String b = f.substring(0, f.lastIndexOf('.'));
				Object sims = c.run("Import ToF-SIMS", Map.of(), "file=" + in.resolve(f), "ions=", "cycle_time=0", "field_of_view=0").outputs.get("sims");
				c.expect(c.run("Depth Profile", Map.of("image", sims), "region=", "pulses=0", "normalize=none", "depth_axis=rate_per_s", "sputter_rate=0.5",
					"cycle_time=0", "crater_depth=0", "max_edges=2", "edge_threshold=0.3", "smoothing=1", "sei_markers=CH2O-,CH3O-,LiF-", "substrate_ion=",
					"layer_ions=CH2O-,LiF-"), b + "_profiles.csv", "profiles.csv", b + "_layers.csv", "layers.csv", b + "_thicknesses.csv", "thicknesses.csv",
					b + "_profiles.png", "plot.png");
			}
			assertSameAsCli("sims_batch", o, c.expected);
		}
		List<String> t = Files.readAllLines(o.resolve("sei-liquid_thicknesses.csv"));
		assertTrue(t.get(t.size() - 1).startsWith("\"SEI") || t.get(t.size() - 1).startsWith("SEI"), String.join("\n", t));
	}

	@Test
	void everyBatchMacroStopsWithOneLineOnAMissingOrEmptyInputFolder() throws IOException {
		Path empty = tmp.resolve("empty");
		Files.createDirectories(empty);
		List<Path> macros = macros();
		assertEquals(9, macros.size(), "the nine batch macros: " + macros);
		for (Path m : macros) {
			String name = m.getFileName().toString().replaceFirst("\\.ijm$", "");
			for (Path in : List.of(tmp.resolve("no such folder"), empty)) {
				int rc = cli("macro", m.toString(), "in=[" + in + "] out=[" + tmp.resolve(name + "-failed") + "]");
				String e = err.toString(StandardCharsets.UTF_8).trim();
				assertEquals(2, rc, m + " on " + in + ": " + e + out.toString(StandardCharsets.UTF_8));
				assertEquals(1, e.lines().count(), e);
				assertTrue(e.contains(name + ": ") && e.contains(in.toString()), m + " names itself and the folder: " + e);
				assertFalse(out.toString(StandardCharsets.UTF_8).contains(": done"), m + " does not report success");
			}
		}
	}

	@Test
	void builtInsAndSelectionsWorkHeadless() throws IOException {
		double[] en = { 700, 705, 710 };
		SpectralStack s = SpectralStack.allocate(10, 8, en);
		for (int e = 0; e < en.length; e++)
			for (int p = 0; p < 80; p++)
				s.slice(e)[p] = (p % 10 < 3 && p / 10 < 2) ? 1000f : (float) (1000 * Math.exp(-0.5 * (e + 1)));
		Path data = tmp.resolve("data dir");
		Files.createDirectories(data);
		OutputFiles.saveFloatTiff(Images.toImagePlus(s, "stack", null), data.resolve("a.tif"));
		Path o = tmp.resolve("o");
		Path macro = tmp.resolve("t.ijm");
		Files.writeString(macro, String.join("\n",
			"arg = getArgument();",
			"in = call(\"ij.Macro.getValue\", arg, \"in\", \"\");",
			"out = call(\"ij.Macro.getValue\", arg, \"out\", \"\");",
			"File.makeDirectory(out);",
			"list = getFileList(in);",
			"if (list.length != 1) exit(\"getFileList\");",
			"open(in + File.separator + list[0]);",
			"id = getImageID();",
			"makeRectangle(0, 0, 3, 2);",
			"run(\"Optical Density\", \"i0_mode=roi\");",
			"od = getTitle();",
			"saveAs(\"Tiff\", out + File.separator + \"od.tif\");",
			"saveAs(\"Results\", out + File.separator + \"i0.csv\");",
			"selectImage(id);",
			"if (getTitle() != \"a.tif\") exit(\"selectImage\");",
			"close();",
			"File.saveString(\"ok \" + nImages, out + File.separator + \"log.txt\");",
			""));
		assertEquals(0, cli("macro", macro.toString(), "in=[" + data + "] out=[" + o + "]"), err.toString(StandardCharsets.UTF_8));
		assertEquals("ok 1", Files.readString(o.resolve("log.txt")), "one image (the OD) still open after close()");
		ImagePlus od = IJ.openImage(o.resolve("od.tif").toString());
		// I0 = the 3×2 rectangle (intensity 1000): OD there is 0, elsewhere 0.5·(e+1)
		assertEquals(0, od.getStack().getProcessor(2).getf(1, 1), 1e-6);
		assertEquals(1.0, od.getStack().getProcessor(2).getf(5, 5), 1e-5);
		assertEquals(4, Files.readAllLines(o.resolve("i0.csv")).size(), "header plus three energies");
	}

	@Test
	void badInputInAMacroIsOneLineNamingTheField() throws IOException {
		Path macro = tmp.resolve("bad.ijm");
		Files.writeString(macro, "run(\"Optical Density\", \"stack=[not open] i0_mode=auto\");\nprint(\"unreachable\");\n");
		assertEquals(2, cli("macro", macro.toString()));
		String e = err.toString(StandardCharsets.UTF_8).trim();
		assertEquals(1, e.lines().count(), e);
		assertTrue(e.contains("stack") && e.contains("not open"), e);
		Files.writeString(macro, "run(\"Duplicate...\", \"title=x\");\n");
		assertEquals(2, cli("macro", macro.toString()));
		assertTrue(err.toString(StandardCharsets.UTF_8).contains("Duplicate..."));
		assertEquals(2, cli("macro", tmp.resolve("missing.ijm").toString()));
	}

	// ---- static check of run("…") calls ----

	/** One run(name, options) call: options with non-literal parts replaced by X. */
	static final class RunCall {
		final String where, name, options;

		RunCall(String where, String name, String options) {
			this.where = where;
			this.name = name;
			this.options = options;
		}
	}

	/** Every run("literal", …) call in {@code text}. */
	static List<RunCall> runCalls(String where, String text) {
		List<RunCall> calls = new ArrayList<>();
		int i = 0;
		while ((i = text.indexOf("run(\"", i)) >= 0) {
			if (i > 0 && (Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '.')) {
				i += 4;
				continue;
			}
			int start = i + 4;
			// argument list up to the matching ')', strings respected
			int depth = 1, j = start;
			boolean inString = false;
			for (; j < text.length() && depth > 0; j++) {
				char ch = text.charAt(j);
				if (inString) {
					if (ch == '\\') j++;
					else if (ch == '"') inString = false;
				} else if (ch == '"') inString = true;
				else if (ch == '(') depth++;
				else if (ch == ')') depth--;
			}
			String argList = text.substring(start, j - 1);
			List<String> args = splitTopLevel(argList, ',');
			String name = literal(args.get(0).trim());
			String options = "";
			if (args.size() > 1) {
				StringBuilder sb = new StringBuilder();
				for (String operand : splitTopLevel(args.get(1), '+')) {
					String lit = literal(operand.trim());
					sb.append(lit != null ? lit : "X");
				}
				options = sb.toString();
			}
			int line = text.substring(0, i).split("\n", -1).length;
			if (name != null) calls.add(new RunCall(where + ":" + line, name, options));
			i = j;
		}
		return calls;
	}

	static String literal(String s) {
		if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") && s.indexOf('"', 1) == s.length() - 1) return s.substring(1, s.length() - 1);
		return null;
	}

	static List<String> splitTopLevel(String s, char sep) {
		List<String> parts = new ArrayList<>();
		int depth = 0, from = 0;
		boolean inString = false;
		for (int k = 0; k < s.length(); k++) {
			char ch = s.charAt(k);
			if (inString) {
				if (ch == '\\') k++;
				else if (ch == '"') inString = false;
			} else if (ch == '"') inString = true;
			else if (ch == '(' || ch == '[') depth++;
			else if (ch == ')' || ch == ']') depth--;
			else if (ch == sep && depth == 0) {
				parts.add(s.substring(from, k));
				from = k + 1;
			}
		}
		parts.add(s.substring(from));
		return parts;
	}

	/** The keys of a macro options string (key=value, key=[value with spaces], bare key). */
	static List<String> keys(String options) {
		List<String> keys = new ArrayList<>();
		int k = 0, n = options.length();
		while (k < n) {
			while (k < n && Character.isWhitespace(options.charAt(k)))
				k++;
			int s = k;
			while (k < n && !Character.isWhitespace(options.charAt(k)) && options.charAt(k) != '=')
				k++;
			String key = options.substring(s, k);
			if (k < n && options.charAt(k) == '=') {
				k++;
				if (k < n && options.charAt(k) == '[') {
					int close = options.indexOf(']', k);
					k = close < 0 ? n : close + 1;
				}
				while (k < n && !Character.isWhitespace(options.charAt(k)))
					k++;
			}
			if (!key.isEmpty()) keys.add(key);
		}
		return keys;
	}

	@Test
	void keyParserReadsMacroOptions() {
		assertEquals(List.of("stack", "i0_mode", "flag", "i0_fraction"), keys("stack=[a b.tif] i0_mode=auto flag i0_fraction=X"));
		List<RunCall> calls = runCalls("t", "run(\"Optical Density\", \"stack=[\" + getTitle() + \"] i0_mode=auto\");\nx = myrun(\"No\");");
		assertEquals(1, calls.size());
		assertEquals("stack=[X] i0_mode=auto", calls.get(0).options);
	}

	@Test
	void everyRunCallNamesAnExistingCommandWithExistingKeys() throws IOException {
		Map<String, Set<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		try (Context context = Main.newContext()) {
			for (CommandInfo info : new CommandCatalog(context).commands()) {
				Set<String> names = new HashSet<>();
				for (ModuleItem<?> item : CommandCatalog.userInputs(info))
					names.add(item.getName());
				fields.put(CommandCatalog.leafName(info), names);
			}
		}
		// the batch macros, installed under scripts/Plugins/Interphase/Batch, are commands too: the file
		// name with "_" as spaces (as Fiji lists them); their keys are the ones they read with Macro.getValue
		java.util.regex.Pattern readKey = java.util.regex.Pattern.compile("call\\(\"ij\\.Macro\\.getValue\", arg, \"([a-z0-9_]+)\"");
		for (Path m : macros()) {
			Set<String> keys = new HashSet<>();
			java.util.regex.Matcher k = readKey.matcher(Files.readString(m));
			while (k.find())
				keys.add(k.group(1));
			assertTrue(keys.contains("in") && keys.contains("out"), m + " reads in= and out=");
			fields.put(m.getFileName().toString().replaceFirst("\\.ijm$", "").replace('_', ' '), keys);
		}
		Set<String> imagej = MacroRunner.imagejCommands();
		List<RunCall> calls = new ArrayList<>();
		for (Path m : macros())
			calls.addAll(runCalls(m.toString(), Files.readString(m)));
		for (Path page : DocsTest.pages())
			calls.addAll(runCalls(page.toString(), Files.readString(page)));
		List<String> problems = new ArrayList<>();
		int checked = 0;
		for (RunCall c : calls) {
			if (c.name.contains("<")) continue; // a placeholder in prose, e.g. run("<menu leaf>", …)
			Set<String> valid = fields.get(c.name);
			if (valid == null) {
				if (!imagej.contains(c.name)) problems.add(c.where + ": no command \"" + c.name + "\"");
				continue;
			}
			for (String key : keys(c.options)) {
				if (key.equals("X")) continue; // options from a variable: cannot be checked
				if (!valid.contains(key)) problems.add(c.where + ": " + c.name + " has no field \"" + key + "\" (fields: " + valid + ")");
			}
			checked++;
		}
		assertTrue(problems.isEmpty(), String.join("\n", problems));
		assertTrue(checked >= 20, "the macros, README and docs/ call Interphase commands (" + checked + " checked)");
	}
}
