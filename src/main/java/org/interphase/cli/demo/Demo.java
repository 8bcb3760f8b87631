package org.interphase.cli.demo;

import org.interphase.cli.CommandCatalog;
import org.interphase.cli.CommandRunner;
import org.interphase.cli.Main;
import org.interphase.cli.OutputWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.interphase.core.InvalidInputException;
import org.scijava.Context;
import org.scijava.command.CommandInfo;

import ij.IJ;
import ij.ImagePlus;

/**
 * {@code interphase demo}: runs every workflow on the project's own {@code test-images/} and
 * writes an index.html with previews of every map and plot and the tables.
 */
public final class Demo {

	/** One workflow of the demo: the question it answers and the established result it reproduces. */
	static final class Workflow {
		final String id, title, question, reproduces;
		final List<Step> steps = new ArrayList<>();

		Workflow(String id, String title, String question, String reproduces) {
			this.id = id;
			this.title = title;
			this.question = question;
			this.reproduces = reproduces;
		}
	}

	/** One demo step: a command with its arguments, and what it shows. */
	public static final class Step {
		public final String slug, title, explanation, command;
		public final Map<String, String> args = new LinkedHashMap<>();

		Step(String slug, String title, String explanation, String command, String... keyValues) {
			this.slug = slug;
			this.title = title;
			this.explanation = explanation;
			this.command = command;
			for (int i = 0; i < keyValues.length; i += 2)
				args.put(keyValues[i], keyValues[i + 1]);
		}
	}

	private Demo() {}

	/** The demo steps, one method per workflow; paths relative to test-images/ start with {@code @}. */
	public static List<Step> steps() {
		List<Step> s = new ArrayList<>();
		for (Workflow w : workflows())
			s.addAll(w.steps);
		return s;
	}

	/** The workflows in report order, each opening with the question it answers. */
	static List<Workflow> workflows() {
		List<Workflow> all = new ArrayList<>();
		Workflow w = new Workflow("spectral", "Spectral stacks",
			"Are the transmission images ready for chemistry: in optical density, with every energy on the same pixels?",
			"OD = −ln(I/I0) as aXis2000 and MANTiS compute it; sub-pixel drift recovered by FFT phase correlation against a known shift.");
		spectralSteps(w.steps);
		all.add(w);
		w = new Workflow("xanes", "XANES mapping",
			"Where did the material oxidise, and which pixels hold which chemical state?",
			"Athena/Larch normalization (E0, edge step), white-line and ratio maps, and per-pixel linear combination fits whose weights "
				+ "recover the phantom's known phase thicknesses (aXis2000 stack fit / MANTiS spectral maps).");
		xanesSteps(w.steps);
		all.add(w);
		w = new Workflow("segment", "Segmentation of a composite cathode",
			"Which pixels are cathode, interphase and electrolyte, and how thick is the interphase rim?",
			"MANTiS-style PCA (three significant components) and k-means cluster analysis finding the three phases; the designed 150 nm rim.");
		segmentSteps(w.steps);
		all.add(w);
		w = new Workflow("profiles", "Interface profiles",
			"How depleted is the sulfide electrolyte near each electrode after cycling?",
			"Zone depletion of the designed S cross-section (16.4 % and 25.9 %) and erf interface widths.");
		profileSteps(w.steps);
		all.add(w);
		w = new Workflow("voids", "Voids in time-lapse XRF",
			"How fast do voids heal, and when does each close?",
			"Healing rates of the designed voids (1.5, 3.5, 0.8 µm/h) and the closure of the 22 µm void between 4.5 and 6 h.");
		voidSteps(w.steps);
		all.add(w);
		w = new Workflow("front", "Electrolyte front",
			"How fast does the electrolyte front advance?",
			"The designed front velocity of 1.33 µm/h, with its standard error.");
		interfaceSteps(w.steps);
		all.add(w);
		w = new Workflow("afm", "AFM surface roughness",
			"How rough is the surface once tilt and scan-line offsets are removed?",
			"Gwyddion's plane + row-median leveling and ISO 25178 areal parameters: the designed Sq of 2 nm.");
		afmSteps(w.steps);
		all.add(w);
		w = new Workflow("force", "AFM force maps",
			"How stiff is the surface, pixel by pixel?",
			"Hertz moduli of the designed 200 kPa disk in a 20–30 kPa matrix, and how a threshold contact point biases them.");
		forceSteps(w.steps);
		all.add(w);
		w = new Workflow("sims", "ToF-SIMS depth profiles and SEI thickness",
			"How thick is the SEI on lithium, and how much of it is organic and how much LiF, after cycling in two electrolytes?",
			"The designed layers of the SEI phantom: over 85 nm organic with a thin (15 nm) LiF layer (liquid) against 20 nm organic over "
				+ "40 nm LiF (quasi-solid), interfaces 5 nm wide (16–84 %).");
		simsSteps(w.steps);
		all.add(w);
		return all;
	}

	/** Import and optical density (foundation) and alignment. */
	private static void spectralSteps(List<Step> s) {
		s.add(new Step("import-stack", "Import a spectral stack",
			"An ImageJ TIFF stack whose slice labels hold the energies (40 uneven energies, 0.25 eV steps across the edge).",
			"Import Spectral Stack", "file", "@" + DemoData.SPECTRAL_STACK));
		s.add(new Step("optical-density-auto", "Optical density, I0 from the brightest pixels",
			"OD = −ln(I/I0) with I0 the mean spectrum of the brightest 10 % of pixels (the blank columns on the left).",
			"Optical Density", "stack", "@" + DemoData.SPECTRAL_STACK, "i0_mode", "auto", "i0_fraction", "0.1"));
		s.add(new Step("optical-density-file", "Optical density, I0 from a spectrum file",
			"The same stack with the measured I0 spectrum (a finer energy grid, interpolated onto the stack energies).",
			"Optical Density", "stack", "@" + DemoData.SPECTRAL_STACK, "i0_mode", "file", "i0_file", "@" + DemoData.SPECTRAL_I0));
		s.add(new Step("align-stack", "Align a drifting stack",
			"The phantom at 10 energies with a known random-walk drift of up to a few pixels (truth in fe-phantom-shifted-truth.txt): "
				+ "FFT phase correlation against the slice nearest the mean image, sub-pixel shifts, cropped to the common area.",
			"Align Stack", "stack", "@" + AlignDemoData.SHIFTED_STACK, "reference", "0", "max_shift", "8", "crop", "true"));
	}

	/** XANES normalization, feature maps, linear combination fits, region spectra. */
	private static void xanesSteps(List<Step> s) {
		String od = "@" + XanesDemoData.STACK, refs = "@" + XanesDemoData.REFERENCES;
		s.add(new Step("normalize-xanes", "Normalize XANES per pixel",
			"Athena/Larch normalization of every pixel of a 40×32 OD phantom (three Fe L3-like phases, 56 uneven energies): E0 from the derivative,"
				+ " pre-edge line on E0−10…E0−2 eV, post-edge line on E0+5…E0+20 eV. The blank columns on the left have no edge: they are invalid (NaN).",
			"Normalize XANES", "stack", od, "e0_method", "derivative", "pre1", "-10", "pre2", "-2", "norm1", "5", "norm2", "20", "nnorm", "1"));
		s.add(new Step("xanes-feature-maps", "XANES feature maps",
			"White-line energy and height, energy at normalized 0.5 and centroid over 705–712 eV of the normalized phantom, and the ratio of the"
				+ " intensities at 710.3 and 708.8 eV (the Fe3+ and Fe2+ white lines; for Ni L3 the same map gives e_g/t_2g).",
			"XANES Feature Maps", "stack", "@" + XanesDemoData.NORMALIZED, "white_line_min", "705", "white_line_max", "712", "centroid_min", "705",
			"centroid_max", "712", "ratio_energy1", "710.3", "ratio_energy2", "708.8", "ratio_window", "0"));
		s.add(new Step("linear-combination-fit", "Linear combination fit (non-negative)",
			"Per-pixel weights of the three references (a CSV on a finer 0.1 eV grid, interpolated onto the stack energies), non-negative, in OD:"
				+ " the weights are the phase thicknesses (truth in test-images/" + XanesDemoData.TRUTH + ").",
			"Linear Combination Fit", "stack", od, "references", refs, "nonnegative", "true", "sum_to_one", "false", "constant", "false"));
		s.add(new Step("lcf-energy-shift", "Linear combination fit with energy shifts and standard errors",
			"The same fit with one energy shift per reference searched within ±1 eV over the whole image (as Athena's E0 per standard):"
				+ " the phantom was made with the references themselves, so the shifts in the summary are ≈ 0; weights_se holds each weight's"
				+ " standard error (NaN where non-negativity holds the weight at 0).",
			"Linear Combination Fit", "stack", od, "references", refs, "nonnegative", "true", "fit_shift", "true", "max_shift", "1"));
		s.add(new Step("stack-fit", "Stack fit with a constant (aXis2000 / MANTiS)",
			"The same fit unconstrained with a constant offset: aXis2000's stack fit and MANTiS spectral maps solve this problem.",
			"Linear Combination Fit", "stack", od, "references", refs, "nonnegative", "false", "constant", "true"));
	}

	/** PCA, cluster analysis, interphase thickness, shell spectra, composites. */
	private static void segmentSteps(List<Step> s) {
		String stack = "@" + SegmentDemoData.STACK;
		s.add(new Step("segment-pca", "Principal components of a composite-cathode OD stack",
			"PCA of the OD stack (not centred, MANTiS convention): three phases give three significant components.",
			"Principal Components", "stack", stack, "components", "0"));
		s.add(new Step("segment-clusters", "Cluster analysis: NMC, interphase, electrolyte",
			"k-means (k = 3, seed 1) on the significant eigenimages; clusters numbered by size (1 = electrolyte), their mean spectra and the error map.",
			"Cluster Analysis", "stack", stack, "clusters", "3", "components", "0", "seed", "1", "restarts", "5"));
		s.add(new Step("segment-nnma", "Unmix spectra without references (NNMA)",
			"Non-negative matrix approximation OD ≈ μ·t (MANTiS): k = 3 spectra and thickness maps from the cluster spectra, with MANTiS's"
				+ " regularisation defaults (λ sparseness 0.5, similarity 10); the cost per iteration shows the convergence, the composite the three maps.",
			"Unmix Spectra (NNMA)", "stack", stack, "components", "3", "initialisation", "clusters", "max_iterations", "400", "seed", "1"));
		s.add(new Step("segment-thickness", "Interphase thickness",
			"Local thickness of the interphase rim (truth: 150 nm everywhere) between NMC (1) and electrolyte (3) of the phase label image.",
			"Interphase Thickness", "labels", "@" + SegmentDemoData.PHASES, "phase_a", "1", "interphase", "2", "phase_c", "3"));
		s.add(new Step("segment-shells", "Shell spectra of the particles",
			"Each particle (NMC + rim) split into 3 shells of equal thickness; the outer shell carries the interphase's shifted, broader peak.",
			"Shell Spectra", "stack", stack, "mask", "@" + SegmentDemoData.MASK, "shells", "3", "peak_min", "851.5", "peak_max", "854"));
		s.add(new Step("segment-composite", "RGB composite of three energies",
			"Red = 853.0 eV (NMC peak), green = 852.4 eV (interphase peak), blue = 848 eV (pre-edge, electrolyte), each at its 0.5/99.5 % limits.",
			"RGB Composite", "stack", stack, "slices", "14,11,1"));
	}

	/** Interface profiles, zone depletion, histogram comparison. */
	private static void profileSteps(List<Step> s) {
		s.add(new Step("interface-profile", "Interface profile: zone depletion and interface widths",
			"Phantom S XRF cross-section of a cycled cell (electrode | 100 µm electrolyte | electrode, 1 µm/px). A 30 px wide line across it: "
				+ "mean ± SD across the width, both interfaces by erf fit (x0, σ, 10–90 % width), distances from the negative interface, "
				+ "and the depletion of the 0–10 µm and 78–90 µm zones relative to the 20–70 µm bulk (designed: 16.4 % and 25.9 %, "
				+ "see test-images/profiles/truth.txt).",
			"Interface Profile", "image", "@" + DemoData.PROFILE_CYCLED, "x1", "0", "y1", "20", "x2", "119", "y2", "20", "width", "30", "origin",
			"interface", "zones", "0-10,78-90", "bulk", "20-70"));
		s.add(new Step("compare-profiles", "Compare profiles: pristine and cycled",
			"The same line on the pristine and the cycled cross-section, each aligned at its own negative interface, with SD bands.",
			"Compare Profiles", "images", "@" + DemoData.PROFILE_PRISTINE + "," + DemoData.PROFILE_CYCLED.substring(DemoData.PROFILE_CYCLED
				.lastIndexOf('/') + 1), "x1", "0", "y1", "20", "x2", "119", "y2", "20", "width", "30", "origin", "interface"));
		s.add(new Step("histogram-compare", "Histogram comparison: pristine and cycled",
			"Counts-per-pixel distributions of both maps on identical bins (common range), as fractions, with n, mean, SD, CV, skewness, "
				+ "excess kurtosis, percentiles and the sum of counts (a lower sum means S was lost, not only redistributed).",
			"Histogram Compare", "images", "@" + DemoData.PROFILE_PRISTINE + "," + DemoData.PROFILE_CYCLED.substring(DemoData.PROFILE_CYCLED
				.lastIndexOf('/') + 1), "bins", "40", "normalize", "fraction"));
	}

	/** XRF import, void tracking, interface front. */
	private static void voidSteps(List<Step> s) {
		s.add(new Step("import-xrf-maps", "Import XRF maps (one scan)",
			"One frame of the void phantom: a two-page TIFF whose slice labels name the elements; the same command reads PyXRF and MAPS HDF5 files "
				+ "and PyXRF TIFF export folders.",
			"Import XRF Maps", "file", "@" + DemoData.VOIDS_SERIES + "/frame_01.tif"));
		s.add(new Step("import-xrf-series", "Import an XRF time series",
			"Eight scans taken at uneven times (0–10 h) become one hyperstack C = elements, T = frames; the frame times come from the scans.",
			"Import XRF Time Series", "folder", "@" + DemoData.VOIDS_SERIES));
		s.add(new Step("track-voids", "Track voids and their healing rates",
			"Voids lack both S and P (rule all); maps divided by their bulk median, smoothed (σ 1 px), Otsu threshold per channel. Truth: S ECD "
				+ "30, 22, 16 µm healing at 1.5, 3.5, 0.8 µm/h; the P void is 3 µm wider all round; the 22 µm void closes between 4.5 and 6 h "
				+ "(closure frame 6); the third void touches the border.",
			"Track Voids", "maps", "@" + DemoData.VOIDS_HYPERSTACK, "void_channels", "S_K,P_K", "rule", "all", "threshold_method", "otsu",
			"smooth_sigma", "1", "min_area", "4"));
	}

	/** The electrolyte front along a line through a time series, and its velocity. */
	private static void interfaceSteps(List<Step> s) {
		s.add(new Step("track-interface", "Track the interface front",
			"An S/P time series (uneven frame times) whose electrolyte front advances at 1.33 µm/h: the erf-fitted front position along a "
				+ "9 px wide line in every frame, and its velocity by least squares with its standard error.",
			"Track Interface", "maps", "@" + FrontDemoData.SERIES, "channel", "S_K", "x1", "2", "y1", "12", "x2", "78", "y2", "12", "width", "9"));
	}

	/** AFM import, leveling, roughness, local roughness, statistical functions. */
	private static void afmSteps(List<Step> s) {
		s.add(new Step("afm-import", "Import an AFM height image",
			"A 128×128 phantom (2.56 µm scan) saved as a float TIFF with heights in nm: a Gaussian random surface of Sq 2 nm plus tilt and scan-line offsets.",
			"Import AFM Image", "file", "@" + DemoData.AFM_A, "channel", "Height"));
		s.add(new Step("afm-level", "Level the surface: plane, then row medians",
			"A least-squares plane removes the tilt, then each scan line's median is subtracted (Gwyddion's Align Rows: Median).",
			"Level Surface", "image", "@" + DemoData.AFM_A, "method", "plane_then_rows"));
		s.add(new Step("afm-roughness", "Surface roughness with a profile",
			"Areal parameters after plane_then_rows leveling (true Sq 2 nm) and profile parameters along a horizontal line through the middle.",
			"Surface Roughness", "image", "@" + DemoData.AFM_A, "level", "plane_then_rows", "x1", "4", "y1", "64", "x2", "123", "y2", "64"));
		s.add(new Step("afm-local-roughness", "Local roughness map",
			"Sq in a 15-px sliding window after a plane fit in each window (summed-area tables); the phantom's roughness is uniform, so the map is flat but noisy.",
			"Local Roughness Map", "image", "@" + DemoData.AFM_B, "window", "15", "local_plane", "true"));
		s.add(new Step("afm-statistics", "PSD, autocorrelation, Sal and Str",
			"Gwyddion's statistical functions after plane_then_rows: the phantom's ACF is Gaussian with T = 80 nm (4 px), so the row ACF's 1/e "
				+ "length comes out near 80 nm and Sal (s = 0.2) near T·√ln5 ≈ 101 nm; the row-median alignment removes some correlation "
				+ "across rows, so Sal is a little shorter and Str below the isotropic 1. The PSD plot shows the Gaussian roll-off "
				+ "(no straight log-log range: the fractal dimension of such a surface is not meaningful).",
			"Surface Statistics", "image", "@" + DemoData.AFM_B, "level", "plane_then_rows", "acf_threshold", "0.2"));
	}

	/** ToF-SIMS import, depth profiles of both conditions, sections. */
	private static void simsSteps(List<Step> s) {
		String[] layerArgs = { "depth_axis", "rate_per_s", "sputter_rate", "0.5", "sei_markers", "CH2O-,CH3O-,LiF-", "layer_ions", "CH2O-,LiF-" };
		s.add(new Step("sims-import-text", "Import a ToF-SIMS depth-profile text export",
			"A depth-profile export (title lines, a tab-separated header \"Sputter time (s)\" then one column per ion, one row per cycle) becomes a "
				+ "1 × 1-pixel hyperstack C = ions, Z = cycles; the sputter time per cycle (2 s) is kept for the depth axis.",
			"Import ToF-SIMS", "file", "@" + SimsDemoData.PROFILE_TEXT));
		s.add(new Step("sims-depth-liquid", "Depth profiles and SEI thickness: liquid electrolyte",
			"SEI phantom after cycling in a liquid electrolyte: 85 nm organic (CH2O-, CH3O-) over a 15 nm LiF layer (LiF-, F-) on Li (Li2-), "
				+ "rough interfaces, Poisson counts (20 per voxel), 16 × 16 px, 0.5 nm/s × 2 s per cycle. Every ion's edges by the erf fit; the SEI "
				+ "ends where the last marker falls to 50 % (truth 100 nm); layers: organic 85 nm, LiF 15 nm (test-images/sims/truth.txt).",
			"Depth Profile", concat(new String[] { "image", "@" + SimsDemoData.LIQUID }, layerArgs)));
		s.add(new Step("sims-depth-quasi-solid", "Depth profiles and SEI thickness: quasi-solid electrolyte",
			"The same analysis of the quasi-solid condition beside it: 20 nm organic over 40 nm LiF (SEI 60 nm), so the LiF layer now "
				+ "dominates the SEI.",
			"Depth Profile", concat(new String[] { "image", "@" + SimsDemoData.QUASI_SOLID }, layerArgs)));
		s.add(new Step("sims-sections-liquid", "3D mapping: sections and ion maps (liquid)",
			"x–depth and y–depth sections through the middle of the volume (depth stretched to half the width), an RGB overlay "
				+ "(red CH2O-, green LiF-, blue Li2-), and ion maps averaged over cycles 1–80 (the SEI).",
			"SIMS Sections", "image", "@" + SimsDemoData.LIQUID, "aspect", "0.5", "nm_per_cycle", "1", "red", "CH2O-", "green", "LiF-", "blue", "Li2-",
			"map_from", "1", "map_to", "80"));
	}

	private static String[] concat(String[] a, String[] b) {
		String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}

	/** Force curves and modulus maps. */
	private static void forceSteps(List<Step> s) {
		s.add(new Step("force-modulus-hertz", "Force map: Hertz modulus, residual contact point",
			"A 6×5 folder of synthetic text force curves (2.5 µm sphere, k = 0.5 N/m, tilted baseline, 0.15 nN noise): a 200 kPa disk in a "
				+ "20–30 kPa matrix on a tilted surface (truth in force/demo-map-truth.txt). The contact point of each curve minimises "
				+ "baseline + Hertz residuals; contact is shown as topography.",
			"Force Curve Modulus", "file", "@force/demo-map", "model", "hertz_sphere", "tip_radius", "2500", "poisson", "0.5"));
		s.add(new Step("force-modulus-threshold", "Force map: threshold contact point",
			"The same curves with the model-free threshold contact point (5 σ of the baseline noise, walked back to zero): the contact is "
				+ "found late on the slow Hertz onset (compare contact_nm with the residual step), and the moduli move away from the truth.",
			"Force Curve Modulus", "file", "@force/demo-map", "model", "hertz_sphere", "tip_radius", "2500", "contact_method", "threshold",
			"plot_index", "14"));
	}

	public static int run(String outDir, PrintStream out, PrintStream err, boolean terminal) {
		Path out0 = Paths.get(outDir).toAbsolutePath().normalize();
		Path images = findTestImages();
		try {
			if (images == null) {
				images = out0.resolve("test-images");
				DemoData.writeAll(images);
				out.println("test-images/ not found here: generated the demo data into " + images);
			}
			Files.createDirectories(out0);
			StringBuilder html = new StringBuilder();
			List<Workflow> workflows = workflows();
			html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Interphase demo</title><style>").append(CSS)
				.append("</style></head><body>\n");
			toc(html, workflows);
			html.append("<main><h1>Interphase demo</h1><p>Version ").append(Main.version()).append(". Every workflow run headlessly on the project's own ")
				.append("phantom data in <code>").append(esc(images.toString())).append("</code>. Maps in viridis with their range and unit, ")
				.append("label images in their own colours (the plots use the same colour per label), scale bars in the images' calibration; ")
				.append("every file is in the step's folder.</p>\n");
			try (Context context = Main.newContext()) {
				CommandCatalog catalog = new CommandCatalog(context);
				CommandRunner runner = new CommandRunner(context);
				for (Workflow wf : workflows) {
				html.append("<section class=\"workflow\" id=\"").append(wf.id).append("\"><h2>").append(esc(wf.title)).append("</h2>\n")
					.append("<p class=\"question\"><b>Question:</b> ").append(esc(wf.question)).append("</p>\n<p class=\"reproduces\"><b>Reproduces:</b> ")
					.append(esc(wf.reproduces)).append("</p>\n");
				for (Step step : wf.steps) {
					CommandInfo info = catalog.find(step.command);
					Map<String, String> args = new LinkedHashMap<>();
					for (Map.Entry<String, String> a : step.args.entrySet())
						args.put(a.getKey(), a.getValue().startsWith("@") ? images.resolve(a.getValue().substring(1)).toString() : a.getValue());
					Path dir = out0.resolve(step.slug);
					OutputWriter.deleteTree(dir);
					CommandRunner.Run r = runner.run(info, args);
					List<String> files = OutputWriter.write(r, dir, true, Main.version());
					out.println(String.format("%-28s %-24s %5.2f s  %d files", step.slug, step.command, r.seconds, files.size()));
					section(html, step, info, files, dir, out0);
				}
				html.append("</section>\n");
				}
			}
			html.append("</main></body></html>\n");
			Path index = out0.resolve("index.html");
			Files.writeString(index, html, StandardCharsets.UTF_8);
			out.println("demo written to " + index);
			return 0;
		} catch (IOException e) {
			throw new InvalidInputException("demo: cannot write " + out0 + ": " + e.getMessage(), e);
		}
	}

	static final String CSS = "body{font-family:sans-serif;margin:0;color:#222;display:flex;align-items:flex-start}"
		+ "nav{position:sticky;top:0;height:100vh;overflow-y:auto;width:250px;flex:none;background:#f6f6f8;border-right:1px solid #ddd;"
		+ "padding:10px 12px;box-sizing:border-box;font-size:13px}nav a{color:#1f4e8c;text-decoration:none}nav a:hover{text-decoration:underline}"
		+ "nav ol{padding-left:18px;margin:4px 0}nav ul{padding-left:14px;margin:2px 0 6px 0;font-size:12px}"
		+ "main{flex:1;min-width:0;max-width:1150px;padding:0 24px 40px 24px}"
		+ "figure{display:inline-block;vertical-align:top;margin:4px 10px 10px 0}figure img{border:1px solid #ccc;max-width:100%}"
		+ "figcaption{font-size:12px;color:#555;max-width:520px}"
		+ ".tbl{display:inline-block;vertical-align:top;overflow-x:auto;max-width:100%;margin:4px 14px 10px 0;font-size:13px}.more{font-size:12px;color:#555}"
		+ "table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right;white-space:nowrap}"
		+ "th{background:#f0f0f0}code{background:#f4f4f4;padding:2px 4px;overflow-wrap:anywhere}"
		+ "h2{border-top:3px solid #1f4e8c;padding-top:.6em;margin-top:1.6em}h3{border-top:1px solid #ddd;padding-top:.8em}"
		+ ".question{font-size:17px;background:#eef4fb;padding:8px 12px;border-left:4px solid #1f4e8c}.reproduces{color:#444}";

	/** The sticky table of contents: every workflow and its steps, one click away. */
	private static void toc(StringBuilder html, List<Workflow> workflows) {
		html.append("<nav id=\"toc\"><b>Interphase demo</b><ol>");
		for (Workflow w : workflows) {
			html.append("<li><a href=\"#").append(w.id).append("\">").append(esc(w.title)).append("</a><ul>");
			for (Step s : w.steps)
				html.append("<li><a href=\"#").append(s.slug).append("\">").append(esc(s.title)).append("</a></li>");
			html.append("</ul></li>");
		}
		html.append("</ol></nav>\n");
	}

	private static void section(StringBuilder html, Step step, CommandInfo info, List<String> files, Path dir, Path root) throws IOException {
		html.append("<h3 id=\"").append(step.slug).append("\">").append(esc(step.title)).append("</h3>\n<p>").append(esc(step.explanation)).append("</p>\n");
		html.append("<p>Menu: <code>").append(esc(CommandCatalog.menuPath(info))).append("</code><br>Macro: <code>run(\"")
			.append(esc(step.command)).append("\", \"");
		List<String> kv = new ArrayList<>();
		step.args.forEach((k, v) -> kv.add(k + "=" + (v.startsWith("@") ? "[test-images/" + v.substring(1) + "]" : v)));
		html.append(esc(String.join(" ", kv))).append("\");</code></p>\n");
		for (String f : files) {
			String rel = root.relativize(dir.resolve(f)).toString();
			if (f.endsWith(".tif")) {
				ImagePlus imp = IJ.openImage(dir.resolve(f).toString());
				Path png = dir.resolve(f.replace(".tif", ".preview.png"));
				Previews.Kind kind = Previews.png(imp, png);
				String unit = Previews.valueUnit(imp);
				html.append("<figure class=\"preview ").append(kind.name().toLowerCase(java.util.Locale.ROOT)).append("\"><img src=\"")
					.append(esc(root.relativize(png).toString())).append("\" alt=\"").append(esc(f)).append("\"><figcaption><a href=\"")
					.append(esc(rel)).append("\">").append(esc(f)).append("</a> (").append(imp.getWidth()).append("×").append(imp.getHeight())
					.append(imp.getStackSize() > 1 ? "×" + imp.getStackSize() : "").append(" px").append(unit.isEmpty() ? "" : ", values in " + esc(unit))
					.append("; ").append(kind.text).append(imp.getStackSize() > Previews.MAX_TILES ? "; " + Previews.MAX_TILES + " of " + imp.getStackSize() + " slices" : "")
					.append(")</figcaption></figure>\n");
			} else if (f.endsWith(".png")) {
				String csv = f.replace(".png", ".csv");
				html.append("<figure class=\"plot\"><img src=\"").append(esc(rel)).append("\" alt=\"").append(esc(f)).append("\"><figcaption>")
					.append(esc(f)).append(files.contains(csv) ? " · data: <a href=\"" + esc(root.relativize(dir.resolve(csv)).toString()) + "\">" + esc(csv)
						+ "</a>" : "").append("</figcaption></figure>\n");
			} else if (f.endsWith(".csv") && !files.contains(f.replace(".csv", ".png"))) {
				table(html, dir.resolve(f), rel, f);
			} else if (f.equals("outputs.json")) {
				html.append("<details><summary>outputs.json</summary><pre>").append(esc(Files.readString(dir.resolve(f)))).append("</pre></details>\n");
			}
		}
	}

	/** Rows of a table shown in the report; the CSV beside it has them all. */
	static final int TABLE_ROWS = 8;

	private static void table(StringBuilder html, Path csv, String rel, String name) throws IOException {
		List<String> lines = Files.readAllLines(csv);
		html.append("<div class=\"tbl\"><a href=\"").append(esc(rel)).append("\">").append(esc(name)).append("</a><table>");
		for (int i = 0; i < Math.min(lines.size(), TABLE_ROWS + 1); i++) {
			String tag = i == 0 ? "th" : "td";
			html.append("<tr>");
			for (String cell : csvCells(lines.get(i)))
				html.append('<').append(tag).append('>').append(esc(i == 0 ? cell : number(cell))).append("</").append(tag).append('>');
			html.append("</tr>");
		}
		html.append("</table>");
		if (lines.size() > TABLE_ROWS + 1) html.append("<div class=\"more\">… ").append(lines.size() - TABLE_ROWS - 1).append(" more rows in the CSV</div>");
		html.append("</div>");
		html.append('\n');
	}

	/** A CSV line's cells (quoted cells may hold commas). */
	static List<String> csvCells(String line) {
		List<String> out = new ArrayList<>();
		StringBuilder cur = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					cur.append('"');
					i++;
				} else if (c == '"') quoted = false;
				else cur.append(c);
			} else if (c == '"') quoted = true;
			else if (c == ',') {
				out.add(cur.toString());
				cur.setLength(0);
			} else cur.append(c);
		}
		out.add(cur.toString());
		return out;
	}

	/**
	 * A table cell for reading: numbers with a fraction to 5 significant digits (the CSV keeps them
	 * all), integers and text as they are.
	 */
	static String number(String cell) {
		if (cell.isEmpty() || cell.indexOf('.') < 0 && cell.indexOf('E') < 0 && cell.indexOf('e') < 0) return cell;
		double v;
		try {
			v = Double.parseDouble(cell);
		} catch (NumberFormatException e) {
			return cell;
		}
		if (!Double.isFinite(v) || v == 0) return cell;
		double a = Math.abs(v);
		if (a >= 1e6 || a < 1e-4) return String.format(java.util.Locale.ROOT, "%.4e", v);
		java.math.BigDecimal b = new java.math.BigDecimal(v).round(new java.math.MathContext(5));
		return b.stripTrailingZeros().toPlainString();
	}

	/** test-images/ in the working folder or beside the jar's project folder. */
	static Path findTestImages() {
		for (Path p : new Path[] { Paths.get("test-images"), Paths.get(System.getProperty("interphase.home", "."), "test-images") }) {
			if (Files.isRegularFile(p.resolve(DemoData.SPECTRAL_STACK))) return p.toAbsolutePath().normalize();
		}
		return null;
	}

	private static String esc(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}
