package org.interphase.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.interphase.cli.OutputWriter;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Images;

/**
 * Tiny inputs and arguments for a headless smoke run of every command. Every command must have a
 * case here (the conventions test fails otherwise). Each workflow adds its cases in its own method.
 */
final class SmokeCases {

	private SmokeCases() {}

	/** Command leaf name → arguments (key=value as a macro passes them). */
	static Map<String, Map<String, String>> all(Path dir) throws IOException {
		Map<String, Map<String, String>> cases = new LinkedHashMap<>();
		spectral(dir, cases);

		xanes(dir, cases);

		segment(dir, cases);

		profiles(dir, cases);

		voids(dir, cases);

		afm(dir, cases);

		force(dir, cases);
		return cases;
	}

	private static void xanes(Path dir, Map<String, Map<String, String>> cases) throws IOException {
	}

	private static void segment(Path dir, Map<String, Map<String, String>> cases) throws IOException {
	}

	private static void profiles(Path dir, Map<String, Map<String, String>> cases) throws IOException {
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
		OutputWriter.saveFloatTiff(hs, hsFile);
		cases.put("Track Voids", args("maps", hsFile.toString(), "void_channels", "S_K,P_K", "normalize_bulk", "false", "threshold_method", "value",
			"threshold_value", "5", "min_area", "1"));
	}

	private static void afm(Path dir, Map<String, Map<String, String>> cases) throws IOException {
	}

	private static void force(Path dir, Map<String, Map<String, String>> cases) throws IOException {
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
		OutputWriter.saveFloatTiff(Images.toImagePlus(s, "tiny", null), file);
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
	}

	static Map<String, String> args(String... kv) {
		Map<String, String> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2)
			m.put(kv[i], kv[i + 1]);
		return m;
	}
}
