package org.interphase.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.interphase.core.Progress;
import org.interphase.core.spectrum.XanesNormalization;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Images;
import org.interphase.ij.OutputFiles;

import ij.ImagePlus;
import ij.measure.Calibration;

/**
 * The XANES demo phantom (test-images/xanes/): a 40×32 OD stack of three Fe L3-like phases on 56
 * uneven energies, their reference spectra as a CSV, the true weight maps, and the stack
 * normalized by {@link XanesNormalization} (so that the feature-map step has a normalized input).
 */
final class XanesDemoData {

	static final String STACK = "xanes/xanes-phantom-od.tif";
	static final String REFERENCES = "xanes/xanes-references.csv";
	static final String TRUTH = "xanes/xanes-phantom-truth.tif";
	static final String NORMALIZED = "xanes/xanes-phantom-normalized.tif";
	static final int W = 40, H = 32;
	static final String[] PHASES = { "fe_metal", "fe2_oxide", "fe3_oxide" };

	private XanesDemoData() {}

	/** 56 energies 700–730 eV: 1 eV, 0.25 eV across 705–712 eV, 1.5 eV above. */
	static double[] energies() {
		List<Double> e = new ArrayList<>();
		for (double v = 700; v < 705; v += 1)
			e.add(v);
		for (double v = 705; v < 712; v += 0.25)
			e.add(v);
		for (int k = 0; e.size() < 56; k++)
			e.add(712 + 0.9 * k);
		return e.stream().mapToDouble(Double::doubleValue).toArray();
	}

	/** OD per unit thickness of phase r: edge at 706.5 / 708 / 709.5 eV with white lines of different heights. */
	static double reference(int r, double e) {
		double[] edge = { 706.5, 708.0, 709.5 };
		double[] wl = { 0.3, 1.0, 1.6 };
		double step = 0.5 + Math.atan((e - edge[r]) / 0.7) / Math.PI;
		return 0.05 + 0.8 * step + wl[r] * Math.exp(-0.5 * Math.pow((e - edge[r] - 0.8) / 0.6, 2));
	}

	/** Thickness of phase r at (x, y): metal core disk, Fe2+ shell ring, Fe3+ on the right, blank left columns. */
	static double thickness(int r, int x, int y) {
		if (x < 4) return 0;
		double d = Math.hypot(x - 18, y - 16);
		switch (r) {
			case 0: return d < 7 ? 0.8 : 0;
			case 1: return d >= 7 && d < 12 ? 0.7 : d < 7 ? 0.2 : 0;
			default: return x >= 28 ? 0.3 + 0.5 * (y / (double) (H - 1)) : 0;
		}
	}

	static List<Path> write(Path root) throws IOException {
		double[] en = energies();
		SpectralStack s = SpectralStack.allocate(W, H, en);
		SplittableRandom rnd = new SplittableRandom(20261128L);
		double i0 = 5000;
		for (int e = 0; e < en.length; e++)
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++) {
					double od = 0;
					for (int r = 0; r < 3; r++)
						od += thickness(r, x, y) * reference(r, en[e]);
					double counts = Math.max(1, DemoData.poisson(rnd, i0 * Math.exp(-od)));
					s.slice(e)[y * W + x] = (float) -Math.log(counts / i0);
				}
		Calibration cal = new Calibration();
		cal.pixelWidth = cal.pixelHeight = 0.05;
		cal.setUnit("µm");
		ImagePlus imp = Images.toImagePlus(s, "xanes-phantom-od", cal);
		imp.setProperty("Info", "Interphase XANES demo phantom (XanesDemoData): OD of three Fe L3-like phases (" + String.join(", ", PHASES)
			+ ") with Poisson noise of I0 = 5000 counts.\nMetal core disk r < 7 px at (18,16), Fe2+ ring 7-12 px, Fe3+ slab x >= 28; columns 0-3 blank.\n");
		Path stack = root.resolve(STACK);
		Files.createDirectories(stack.getParent());
		OutputFiles.saveFloatTiff(imp, stack);

		Path refs = root.resolve(REFERENCES);
		StringBuilder sb = new StringBuilder("energy_eV," + String.join(",", PHASES) + "\n");
		for (int k = 0; k <= 340; k++) { // 699–733 eV in 0.1 eV: a finer grid than the stack
			double e = 699 + 0.1 * k;
			sb.append(String.format(Locale.ROOT, "%.1f,%.6f,%.6f,%.6f%n", e, reference(0, e), reference(1, e), reference(2, e)));
		}
		Files.writeString(refs, sb);

		List<float[]> truth = new ArrayList<>();
		for (int r = 0; r < 3; r++) {
			float[] t = new float[W * H];
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++)
					t[y * W + x] = (float) thickness(r, x, y);
			truth.add(t);
		}
		Path truthFile = root.resolve(TRUTH);
		OutputFiles.saveFloatTiff(Images.maps("xanes-phantom-truth", W, H, truth, List.of(PHASES), cal), truthFile);

		XanesNormalization.Options o = new XanesNormalization.Options();
		XanesNormalization.Result n = XanesNormalization.normalize(s, o, Progress.NONE);
		ImagePlus norm = Images.toImagePlus(n.normalized, "xanes-phantom-normalized", cal);
		norm.setProperty("Info", "The XANES demo phantom normalized with the default Normalize XANES settings (blank pixels are NaN).\n");
		Path normFile = root.resolve(NORMALIZED);
		OutputFiles.saveFloatTiff(norm, normFile);
		return List.of(stack, refs, truthFile, normFile);
	}
}
