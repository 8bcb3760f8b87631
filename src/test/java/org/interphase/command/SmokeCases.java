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
			OutputWriter.saveFloatTiff(org.interphase.ij.AfmImages.heightMap("tiny-afm", w, h, z, cal, "Height", "nm"), height);
		}
		cases.put("Import AFM Image", args("file", height.toString(), "channel", "Height"));
		cases.put("Level Surface", args("image", height.toString(), "method", "plane_then_rows"));
		cases.put("Surface Roughness", args("image", height.toString(), "level", "plane", "x1", "1", "y1", "2", "x2", "20", "y2", "15"));
		cases.put("Local Roughness Map", args("image", height.toString(), "window", "5", "local_plane", "true"));
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

	private static void spectral(Path dir, Map<String, Map<String, String>> cases) throws IOException {
		Path stack = tinyTransmissionStack(dir);
		cases.put("Import Spectral Stack", args("file", stack.toString()));
		cases.put("Optical Density", args("stack", stack.toString(), "i0_mode", "auto", "i0_fraction", "0.2"));
	}

	static Map<String, String> args(String... kv) {
		Map<String, String> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2)
			m.put(kv[i], kv[i + 1]);
		return m;
	}
}
