package org.interphase.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.interphase.cli.OutputWriter;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Images;
import org.interphase.ij.OutputFiles;

/**
 * Tiny inputs and arguments for a headless smoke run of every command. Every command must have a
 * case here (the conventions test fails otherwise). Each workflow adds its cases in its own method.
 */
public final class SmokeCases {

	private SmokeCases() {}

	/** Separates a command's leaf name from the label of a further case of it. */
	public static final String VARIANT = " #";

	/** The command leaf name of a case key. */
	public static String command(String caseKey) {
		int i = caseKey.indexOf(VARIANT);
		return i < 0 ? caseKey : caseKey.substring(0, i);
	}

	/**
	 * Command leaf name → arguments (key=value as a macro passes them). A further case of a command
	 * already listed is keyed {@code "Leaf name" + VARIANT + "what it covers"}; {@link #command}
	 * gives its command.
	 */
	public static Map<String, Map<String, String>> all(Path dir) throws IOException {
		Map<String, Map<String, String>> cases = new LinkedHashMap<>();
		spectral(dir, cases);

		xanes(dir, cases);

		segment(dir, cases);

		profiles(dir, cases);

		voids(dir, cases);

		afm(dir, cases);

		force(dir, cases);

		sims(dir, cases);
		return cases;
	}

	private static void xanes(Path dir, Map<String, Map<String, String>> cases) throws IOException {
		// 6×4 OD stack, 30 energies 700–729 eV: mixtures of two edges (at 706 and 709 eV)
		Path stack = dir.resolve("tiny-xanes.tif");
		Path refs = dir.resolve("tiny-xanes-refs.csv");
		double[] en = new double[30];
		for (int e = 0; e < en.length; e++)
			en[e] = 700 + e;
		SpectralStack s = SpectralStack.allocate(6, 4, en);
		StringBuilder csv = new StringBuilder("energy,low,high\n");
		for (int e = 0; e < en.length; e++) {
			double a = 0.5 + Math.atan((en[e] - 706) / 0.8) / Math.PI, b = 0.5 + Math.atan((en[e] - 709) / 0.8) / Math.PI;
			csv.append(en[e]).append(',').append(a).append(',').append(b).append('\n');
			for (int p = 0; p < 24; p++)
				s.slice(e)[p] = (float) (0.1 + (p % 6) / 5.0 * a + (1 - (p % 6) / 5.0) * b + 0.001 * ((p * 7 + e * 3) % 5));
		}
		OutputFiles.saveFloatTiff(Images.toImagePlus(s, "tiny-xanes", null), stack);
		Files.writeString(refs, csv);
		cases.put("Normalize XANES", args("stack", stack.toString(), "e0_method", "derivative", "pre1", "-6", "pre2", "-2", "norm1", "4", "norm2", "20"));
		cases.put("XANES Feature Maps", args("stack", stack.toString(), "ratio_energy1", "709", "ratio_energy2", "706", "ratio_window", "1"));
		cases.put("Linear Combination Fit", args("stack", stack.toString(), "references", refs.toString(), "constant", "true", "fit_shift", "true",
			"max_shift", "1"));
		cases.put("Unmix Spectra (NNMA)", args("stack", stack.toString(), "components", "2", "initialisation", "clusters", "max_iterations", "60",
			"seed", "2", "lambda_smoothness", "0.1"));
		// the reference start with one spectrum held fixed (the fixed key)
		cases.put("Unmix Spectra (NNMA)" + VARIANT + "fixed", args("stack", stack.toString(), "initialisation", "references", "references", refs.toString(),
			"fixed", "low", "max_iterations", "60"));
	}

	private static void segment(Path dir, Map<String, Map<String, String>> cases) throws IOException {
		Path stack = tinyTransmissionStack(dir);
		cases.put("Principal Components", args("stack", stack.toString(), "components", "0"));
		cases.put("Cluster Analysis", args("stack", stack.toString(), "clusters", "2", "components", "2", "seed", "3", "restarts", "2"));
		Path phases = dir.resolve("tiny-phases.tif");
		if (!Files.exists(phases)) {
			// columns 0–1 phase 1, 2–3 interphase 2, 4–5 phase 3; 10 nm pixels
			ij.process.ShortProcessor ip = new ij.process.ShortProcessor(6, 4);
			for (int p = 0; p < 24; p++)
				ip.set(p, 1 + (p % 6) / 2);
			ij.ImagePlus imp = new ij.ImagePlus("phases", ip);
			imp.getCalibration().pixelWidth = imp.getCalibration().pixelHeight = 10;
			imp.getCalibration().setUnit("nm");
			new ij.io.FileSaver(imp).saveAsTiff(phases.toString());
		}
		cases.put("Interphase Thickness", args("labels", phases.toString(), "phase_a", "1", "interphase", "2", "phase_c", "3"));
		cases.put("Shell Spectra", args("stack", stack.toString(), "mask", tinyLabels(dir).toString(), "shells", "2"));
		cases.put("RGB Composite", args("stack", stack.toString(), "slices", "1,3,5"));
	}

	private static void profiles(Path dir, Map<String, Map<String, String>> cases) throws IOException {
		Path[] files = { dir.resolve("tiny-edge-a.tif"), dir.resolve("tiny-edge-b.tif") };
		for (int k = 0; k < 2; k++) {
			if (Files.exists(files[k])) continue;
			float[] px = new float[24 * 6];
			for (int p = 0; p < px.length; p++)
				px[p] = (float) (10 + 90 / (1 + Math.exp(-(p % 24 - 11.3 - k) / 1.2)) + (p * 7 % 5));
			ij.ImagePlus imp = new ij.ImagePlus("tiny-edge", new ij.process.FloatProcessor(24, 6, px));
			OutputFiles.saveFloatTiff(imp, files[k]);
		}
		cases.put("Interface Profile", args("image", files[0].toString(), "x1", "0", "y1", "3", "x2", "23", "y2", "3", "width", "3", "origin",
			"interface", "zones", "0-3", "bulk", "4-8"));
		cases.put("Compare Profiles", args("images", files[0] + "," + files[1], "x1", "0", "y1", "3", "x2", "23", "y2", "3", "width", "3"));
		cases.put("Histogram Compare", args("images", files[0] + "," + files[1], "bins", "8"));
	}

	private static void voids(Path dir, Map<String, Map<String, String>> cases) throws IOException {
		cases.put("Import XRF Maps", args("file", Path.of("src/test/resources/xrf/pyxrf_scan2D_1000.h5").toAbsolutePath().toString(), "elements", "S_K,P_K",
			"normalize", "i0"));
		Path series = dir.resolve("xrf-series");
		Files.createDirectories(series);
		int w = 12, h = 10, frames = 3;
		ij.ImageStack hyper = new ij.ImageStack(w, h);
		for (int t = 0; t < frames; t++) {
			ij.ImageStack st = new ij.ImageStack(w, h);
			for (String el : new String[] { "S_K", "P_K" }) {
				float[] px = new float[w * h];
				for (int p = 0; p < px.length; p++) {
					int x = p % w, y = p / w;
					px[p] = Math.hypot(x - 5.5, y - 4.5) < 3.5 - t ? 0 : 10;
				}
				st.addSlice(el, new ij.process.FloatProcessor(w, h, px));
				hyper.addSlice(el, new ij.process.FloatProcessor(w, h, px.clone()));
			}
			ij.ImagePlus imp = new ij.ImagePlus("frame", st);
			imp.setProp("interphase.scan_time_start", "2024-01-01T0" + (2 * t) + ":00:00");
			new ij.io.FileSaver(imp).saveAsTiffStack(series.resolve("frame_" + t + ".tif").toString());
		}
		cases.put("Import XRF Time Series", args("folder", series.toString(), "frame_interval", "1"));
		ij.ImagePlus hs = new ij.ImagePlus("series", hyper);
		hs.setDimensions(2, 1, frames);
		hs.setOpenAsHyperStack(true);
		Path hsFile = dir.resolve("xrf-hyperstack.tif");
		OutputFiles.saveFloatTiff(hs, hsFile);
		cases.put("Track Voids", args("maps", hsFile.toString(), "void_channels", "S_K,P_K", "normalize_bulk", "false", "threshold_method", "value",
			"threshold_value", "5", "min_area", "1"));
		cases.put("Track Interface", args("maps", hsFile.toString(), "channel", "S_K", "x1", "0", "y1", "4.5", "x2", "11", "y2", "4.5", "width", "3"));
	}

	private static void afm(Path dir, Map<String, Map<String, String>> cases) throws IOException {
		Path height = dir.resolve("tiny-afm-height.tif");
		if (!Files.exists(height)) {
			int w = 24, h = 20;
			float[] z = new float[w * h];
			for (int p = 0; p < z.length; p++)
				z[p] = (float) (0.5 * (p % w) + 2 * Math.sin(p * 0.37) + (p / w) % 3);
			ij.measure.Calibration cal = new ij.measure.Calibration();
			cal.pixelWidth = cal.pixelHeight = 0.05;
			cal.setUnit("µm");
			OutputFiles.saveFloatTiff(org.interphase.ij.AfmImages.heightMap("tiny-afm", w, h, z, cal, "Height", "nm"), height);
		}
		cases.put("Import AFM Image", args("file", height.toString(), "channel", "Height"));
		cases.put("Level Surface", args("image", height.toString(), "method", "plane_then_rows"));
		cases.put("Surface Roughness", args("image", height.toString(), "level", "plane", "x1", "1", "y1", "2", "x2", "20", "y2", "15"));
		cases.put("Local Roughness Map", args("image", height.toString(), "window", "5", "local_plane", "true"));
		cases.put("Surface Statistics", args("image", height.toString(), "level", "plane", "acf_threshold", "0.3"));
	}

	private static void force(Path dir, Map<String, Map<String, String>> cases) throws IOException {
		Path maps = dir.resolve("force-map");
		if (!Files.exists(maps)) org.interphase.cli.bench.ForceWorkloads.writeTextMap(maps, 2, 2, 60);
		cases.put("Force Curve Modulus", args("file", maps.toString(), "model", "hertz_sphere", "tip_radius", "2500"));
		// the nanite-compatible fit of the contact point, with the exact-sphere model and contact-point weighting
		cases.put("Force Curve Modulus" + VARIANT + "fit", args("file", maps.toString(), "model", "sneddon_sphere", "tip_radius", "2500", "contact_method",
			"fit", "contact_weight", "5"));
	}

	private static void sims(Path dir, Map<String, Map<String, String>> cases) throws IOException {
		// 8×8 px, 80 cycles of the quasi-solid SEI phantom (organic to 20, LiF to 60 cycles), as a hyperstack and a text export
		Path stack = dir.resolve("tiny-sims.tif"), text = dir.resolve("tiny-sims-profile.txt");
		if (!Files.exists(stack)) {
			org.interphase.core.sims.SimsVolume v = org.interphase.cli.demo.SimsPhantom.generate(org.interphase.cli.demo.SimsPhantom.QUASI_SOLID, 8, 80, 1,
				20, 0, 5);
			OutputFiles.saveFloatTiff(org.interphase.ij.SimsImages.toHyperstack(new org.interphase.io.SimsReader.SimsData(v, null, 2, 10, "µm", "phantom",
				stack), "tiny-sims"), stack);
			Files.writeString(text, org.interphase.cli.demo.SimsDemoData.textExport(v, 2, "tiny SEI phantom"));
		}
		cases.put("Import ToF-SIMS", args("file", text.toString(), "field_of_view", "80"));
		cases.put("Depth Profile", args("image", stack.toString(), "region", "0,0,8,6", "depth_axis", "rate_per_s", "sputter_rate", "0.5", "sei_markers",
			"CH2O-,LiF-", "layer_ions", "CH2O-,LiF-"));
		cases.put("SIMS Sections", args("image", stack.toString(), "aspect", "0.5", "nm_per_cycle", "1", "red", "CH2O-", "green", "LiF-", "blue", "Li2-",
			"map_from", "1", "map_to", "20"));
	}

	/** A 6×4 transmission stack with 5 energies, blank in the first column. */
	static Path tinyTransmissionStack(Path dir) throws IOException {
		Path file = dir.resolve("tiny-stack.tif");
		if (Files.exists(file)) return file;
		double[] en = { 700, 705, 707.5, 710, 720 };
		SpectralStack s = SpectralStack.allocate(6, 4, en);
		for (int e = 0; e < en.length; e++)
			for (int p = 0; p < 24; p++)
				s.slice(e)[p] = (float) (1000 * Math.exp(-(p % 6 == 0 ? 0 : 0.1 * (p % 6) * (1 + e * 0.1))));
		OutputFiles.saveFloatTiff(Images.toImagePlus(s, "tiny", null), file);
		return file;
	}

	/** A 6×4 label image: columns 0–2 region 1, 3–5 region 2. */
	static Path tinyLabels(Path dir) throws IOException {
		Path file = dir.resolve("tiny-labels.tif");
		if (Files.exists(file)) return file;
		ij.process.ShortProcessor ip = new ij.process.ShortProcessor(6, 4);
		for (int p = 0; p < 24; p++)
			ip.set(p, p % 6 < 3 ? 1 : 2);
		new ij.io.FileSaver(new ij.ImagePlus("labels", ip)).saveAsTiff(file.toString());
		return file;
	}

	private static void spectral(Path dir, Map<String, Map<String, String>> cases) throws IOException {
		Path stack = tinyTransmissionStack(dir);
		cases.put("Import Spectral Stack", args("file", stack.toString()));
		cases.put("Optical Density", args("stack", stack.toString(), "i0_mode", "auto", "i0_fraction", "0.2"));
		cases.put("Region Spectra", args("stack", stack.toString(), "labels", tinyLabels(dir).toString()));
		cases.put("Align Stack", args("stack", tinyShiftedStack(dir).toString(), "reference", "0", "max_shift", "4", "crop", "true"));
	}

	/** A 24×20 textured stack with 4 energies, each slice shifted by a whole pixel more. */
	static Path tinyShiftedStack(Path dir) throws IOException {
		Path file = dir.resolve("tiny-shifted.tif");
		if (Files.exists(file)) return file;
		double[] en = { 700, 705, 707.5, 710 };
		SpectralStack s = SpectralStack.allocate(24, 20, en);
		for (int e = 0; e < en.length; e++)
			for (int y = 0; y < 20; y++)
				for (int x = 0; x < 24; x++)
					s.slice(e)[y * 24 + x] = (float) (100 + 50 * Math.sin(0.7 * (x - e)) * Math.cos(0.5 * y) + 30 * Math.exp(-0.05 * ((x - e - 12) * (x - e - 12) + (y - 9) * (y - 9))));
		OutputFiles.saveFloatTiff(Images.toImagePlus(s, "tiny-shifted", null), file);
		return file;
	}

	static Map<String, String> args(String... kv) {
		Map<String, String> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2)
			m.put(kv[i], kv[i + 1]);
		return m;
	}
}
