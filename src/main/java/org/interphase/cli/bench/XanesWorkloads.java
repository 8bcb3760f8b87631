package org.interphase.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.interphase.core.Parallel;
import org.interphase.core.Progress;
import org.interphase.core.spectrum.EdgeFeatures;
import org.interphase.core.spectrum.LinearCombinationFit;
import org.interphase.core.spectrum.Spectrum;
import org.interphase.core.spectrum.XanesNormalization;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Images;
import org.interphase.ij.OutputFiles;

/**
 * Benchmark workloads of per-pixel XANES: LCF with non-negative weights (4 references),
 * normalization and feature maps on a 1024×1024×150 float32 OD stack (quick: 256×256×150).
 */
final class XanesWorkloads {

	static final int NE = 150, REFS = 4;

	private XanesWorkloads() {}

	/** 150 uneven energies 700–730 eV: 0.5 eV, then 0.1 eV across 705–712 eV, then 0.25 eV. */
	static double[] energies() {
		double[] e = new double[NE];
		int k = 0;
		for (double v = 700; v < 705 - 1e-9; v += 0.5)
			e[k++] = v;
		for (double v = 705; v < 712 - 1e-9 && k < NE; v += 0.1)
			e[k++] = Math.round(v * 1000) / 1000.0;
		double last = e[k - 1];
		for (int i = 1; k < NE; i++)
			e[k++] = Math.round((last + 0.25 * i) * 1000) / 1000.0;
		return e;
	}

	/** Reference r: an edge at 706 + 1.2 r eV with a white line. */
	static double reference(int r, double e) {
		double edge = 706 + 1.2 * r;
		return 0.05 + 0.8 * (0.5 + Math.atan((e - edge) / 0.7) / Math.PI) + (0.4 + 0.3 * r) * Math.exp(-0.5 * Math.pow((e - edge - 0.8) / 0.6, 2));
	}

	static List<Spectrum> references() {
		List<Spectrum> refs = new ArrayList<>();
		int m = 351; // 699–734 eV in 0.1 eV
		for (int r = 0; r < REFS; r++) {
			double[] en = new double[m], v = new double[m];
			for (int i = 0; i < m; i++) {
				en[i] = 699 + 0.1 * i;
				v[i] = reference(r, en[i]);
			}
			refs.add(new Spectrum("ref" + (r + 1), en, v));
		}
		return refs;
	}

	/** OD stack: smooth weight maps of the 4 references (one of them absent in a quarter of the image) plus 1 % noise. */
	static SpectralStack stack(int size) {
		double[] en = energies();
		double[][] ref = new double[REFS][NE];
		for (int r = 0; r < REFS; r++)
			for (int e = 0; e < NE; e++)
				ref[r][e] = reference(r, en[e]);
		SpectralStack s = SpectralStack.allocate(size, size, en);
		Parallel.forRange(NE, 1, Progress.NONE, "bench data", (from, to) -> {
			for (int e = from; e < to; e++) {
				SplittableRandom rnd = new SplittableRandom(5000 + e);
				float[] slice = s.slice(e);
				for (int p = 0; p < slice.length; p++) {
					int x = p % size, y = p / size;
					double a = x / (double) size, b = y / (double) size;
					double w0 = 0.5 * a, w1 = 0.5 * (1 - a), w2 = 0.4 * b, w3 = x < size / 2 && y < size / 2 ? 0 : 0.3 * (1 - b);
					double od = w0 * ref[0][e] + w1 * ref[1][e] + w2 * ref[2][e] + w3 * ref[3][e];
					slice[p] = (float) (od + 0.01 * (rnd.nextDouble() - 0.5));
				}
			}
		});
		return s;
	}

	/** The XANES OD stack; throughput counted in pixels (each pixel is one spectrum fit). */
	abstract static class XanesWorkload extends SpectralWorkloads.StackWorkload {
		XanesWorkload(boolean quick) {
			super(quick);
		}

		@Override
		SpectralStack build() {
			return stack(size);
		}

		@Override
		public double items() {
			return (double) size * size;
		}

		@Override
		public String itemUnit() {
			return "px";
		}

		@Override
		public void export(Path dir) throws IOException {
			OutputFiles.saveFloatTiff(Images.toImagePlus(stack, "bench-xanes-od", null), dir.resolve("stack.tif"));
			StringBuilder sb = new StringBuilder("energy_eV");
			List<Spectrum> refs = references();
			for (Spectrum r : refs)
				sb.append(',').append(r.name());
			sb.append('\n');
			double[] en = refs.get(0).energies();
			for (int i = 0; i < en.length; i++) {
				sb.append(String.format(Locale.ROOT, "%.1f", en[i]));
				for (int r = 0; r < REFS; r++)
					sb.append(String.format(Locale.ROOT, ",%.6f", reference(r, en[i])));
				sb.append('\n');
			}
			Files.writeString(dir.resolve("references.csv"), sb);
		}

	}

	/** LCF with 4 references, non-negative weights. */
	static final class LcfWorkload extends XanesWorkload implements Bench.PeerWorkload {
		List<Spectrum> refs;

		LcfWorkload(boolean quick) {
			super(quick);
		}

		@Override
		public String name() {
			return "LCF non-negative (4 refs)";
		}

		@Override
		public void setUp() {
			super.setUp();
			refs = references();
		}

		@Override
		public void run() {
			LinearCombinationFit.Options o = new LinearCombinationFit.Options();
			o.nonnegative = true;
			LinearCombinationFit.fit(stack, refs, o, Progress.NONE);
		}

		/** stack.npy (E, H, W) float32, references.npy (R, E) on the stack energies; our weights. */
		@Override
		public void exportForPeers(Path dir) throws IOException {
			Npy.float32(dir.resolve("stack.npy"), stack.slices(), size, size);
			double[] en = stack.energies();
			double[] a = new double[REFS * en.length];
			for (int r = 0; r < REFS; r++)
				for (int e = 0; e < en.length; e++)
					a[r * en.length + e] = reference(r, en[e]);
			Npy.float64(dir.resolve("references.npy"), a, REFS, en.length);
			LinearCombinationFit.Options o = new LinearCombinationFit.Options();
			o.nonnegative = true;
			LinearCombinationFit.Result res = LinearCombinationFit.fit(stack, refs, o, Progress.NONE);
			Npy.float32(dir.resolve("ours_weights.npy"), res.weights, size, size);
			Files.writeString(dir.resolve("params.json"), "{\"kind\": \"lcf\", \"nonnegative\": true}\n");
		}
	}

	/** XANES normalization, derivative E0, nnorm 1. */
	static final class NormalizationWorkload extends XanesWorkload {
		NormalizationWorkload(boolean quick) {
			super(quick);
		}

		@Override
		public String name() {
			return "XANES normalization";
		}

		@Override
		public void run() {
			XanesNormalization.normalize(stack, new XanesNormalization.Options(), Progress.NONE);
		}
	}

	/** All five feature maps (ratio by points). */
	static final class FeatureMapsWorkload extends XanesWorkload {
		FeatureMapsWorkload(boolean quick) {
			super(quick);
		}

		@Override
		public String name() {
			return "XANES feature maps";
		}

		@Override
		public void run() {
			EdgeFeatures.Options o = new EdgeFeatures.Options();
			o.whiteLineMin = 705;
			o.whiteLineMax = 712;
			o.centroidMin = 705;
			o.centroidMax = 712;
			o.ratioEnergy1 = 709;
			o.ratioEnergy2 = 707;
			EdgeFeatures.compute(stack, o, Progress.NONE);
		}
	}
}
