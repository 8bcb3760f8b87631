package org.interphase.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Images;
import org.interphase.ij.OutputFiles;

import ij.ImagePlus;
import ij.measure.Calibration;

/**
 * Demo data for Align Stack: the Fe phantom of {@link DemoData} at 10 of its energies, each slice
 * displaced by a known sub-pixel drift (rendered analytically with 4×4 supersampling, then Poisson
 * counts), with the true shifts written beside it.
 */
final class AlignDemoData {

	static final String SHIFTED_STACK = "spectral/fe-phantom-shifted.tif";
	static final String SHIFTED_TRUTH = "spectral/fe-phantom-shifted-truth.txt";

	private AlignDemoData() {}

	/** Thickness of {@code phase} at continuous (x, y), the same shapes as {@link DemoData#thickness}. */
	static double thickness(int phase, double x, double y) {
		if (x < DemoData.BLANK_COLUMNS - 0.5) return 0;
		if (phase == 1) {
			double r = Math.hypot(x - 32, y - 24);
			return r < 14 ? Math.sqrt(1 - (r / 14) * (r / 14)) : 0;
		}
		return x >= 39.5 ? 0.2 + 0.6 * (Math.max(0, Math.min(DemoData.HEIGHT - 1, y)) / DemoData.HEIGHT) : 0;
	}

	static List<Path> write(Path root) throws IOException {
		double[] all = DemoData.spectralEnergies();
		int n = 10, w = DemoData.WIDTH, h = DemoData.HEIGHT;
		double[] energies = new double[n];
		for (int i = 0; i < n; i++)
			energies[i] = all[i * (all.length - 1) / (n - 1)];
		double[] dx = new double[n], dy = new double[n];
		SplittableRandom drift = new SplittableRandom(7070L);
		for (int i = 1; i < n; i++) { // a random-walk drift, rounded to 0.05 px
			dx[i] = Math.round((dx[i - 1] + (drift.nextDouble() - 0.5) * 3.0) * 20) / 20.0;
			dy[i] = Math.round((dy[i - 1] + (drift.nextDouble() - 0.5) * 3.0) * 20) / 20.0;
		}
		SpectralStack s = SpectralStack.allocate(w, h, energies);
		SplittableRandom rnd = new SplittableRandom(20261128L);
		for (int e = 0; e < n; e++) {
			double i0 = DemoData.beam(energies[e]), od1 = DemoData.phaseOd(1, energies[e]), od2 = DemoData.phaseOd(2, energies[e]);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double t = 0;
					for (int sy = 0; sy < 4; sy++)
						for (int sx = 0; sx < 4; sx++) {
							double px = x - dx[e] + (sx - 1.5) / 4, py = y - dy[e] + (sy - 1.5) / 4;
							t += Math.exp(-(thickness(1, px, py) * od1 + thickness(2, px, py) * od2));
						}
					s.slice(e)[y * w + x] = DemoData.poisson(rnd, i0 * t / 16);
				}
		}
		Calibration cal = new Calibration();
		cal.pixelWidth = cal.pixelHeight = 0.08;
		cal.setUnit("µm");
		ImagePlus imp = Images.toImagePlus(s, "fe-phantom-shifted", cal);
		imp.setProperty("Info", "Interphase demo phantom (AlignDemoData): the Fe phantom at 10 energies, slice e displaced by a known drift "
			+ "(dx, dy) px; see fe-phantom-shifted-truth.txt.\n");
		Path stack = root.resolve(SHIFTED_STACK);
		Files.createDirectories(stack.getParent());
		OutputFiles.saveFloatTiff(imp, stack);
		StringBuilder sb = new StringBuilder("# true displacement of each slice of fe-phantom-shifted.tif: slice energy_eV dx dy (px)\n");
		for (int e = 0; e < n; e++)
			sb.append(String.format(Locale.ROOT, "%d %s %.2f %.2f%n", e + 1, Images.format(energies[e]), dx[e], dy[e]));
		Path truth = root.resolve(SHIFTED_TRUTH);
		Files.writeString(truth, sb);
		return List.of(stack, truth);
	}
}
