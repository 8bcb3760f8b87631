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
		OutputWriter.saveFloatTiff(Images.toImagePlus(s, "tiny-xanes", null), stack);
		Files.writeString(refs, csv);
		cases.put("Normalize XANES", args("stack", stack.toString(), "e0_method", "derivative", "pre1", "-6", "pre2", "-2", "norm1", "4", "norm2", "20"));
		cases.put("XANES Feature Maps", args("stack", stack.toString(), "ratio_energy1", "709", "ratio_energy2", "706", "ratio_window", "1"));
		cases.put("Linear Combination Fit", args("stack", stack.toString(), "references", refs.toString(), "constant", "true"));
	}

	private static void segment(Path dir, Map<String, Map<String, String>> cases) throws IOException {
	}

	private static void profiles(Path dir, Map<String, Map<String, String>> cases) throws IOException {
	}

	private static void voids(Path dir, Map<String, Map<String, String>> cases) throws IOException {
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
