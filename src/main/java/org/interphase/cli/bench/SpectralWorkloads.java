package org.interphase.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

import org.interphase.core.Parallel;
import org.interphase.core.Progress;
import org.interphase.core.stack.OpticalDensity;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Images;
import org.interphase.ij.OutputFiles;

/** Benchmark workloads on spectral stacks (1024×1024×150 float32; quick: 256×256×150). */
final class SpectralWorkloads {

	private SpectralWorkloads() {}

	/** A deterministic transmission stack with a blank region, built in parallel. */
	static SpectralStack transmissionStack(int size, int nE) {
		double[] energies = new double[nE];
		for (int e = 0; e < nE; e++)
			energies[e] = 700 + (e < nE / 3 ? e * 0.5 : nE / 3 * 0.5 + (e - nE / 3) * 0.2);
		SpectralStack s = SpectralStack.allocate(size, size, energies);
		Parallel.forRange(nE, 1, Progress.NONE, "bench data", (from, to) -> {
			for (int e = from; e < to; e++) {
				SplittableRandom rnd = new SplittableRandom(1000 + e);
				float[] slice = s.slice(e);
				double i0 = 1000 * (1 - 0.001 * e);
				double od = 0.2 + 0.8 / (1 + Math.exp(-(energies[e] - 720)));
				for (int p = 0; p < slice.length; p++) {
					int x = p % size;
					double t = x < size / 8 ? 0 : 0.5 + 0.5 * Math.sin(p * 1e-3);
					slice[p] = (float) (i0 * Math.exp(-od * t) * (1 + 0.02 * (rnd.nextDouble() - 0.5)));
				}
			}
		});
		return s;
	}

	static void exportStack(SpectralStack s, double[] i0, Path dir) throws IOException {
		OutputFiles.saveFloatTiff(Images.toImagePlus(s, "bench-stack", null), dir.resolve("stack.tif"));
		StringBuilder sb = new StringBuilder("# energy_eV i0\n");
		for (int e = 0; e < s.energyCount(); e++)
			sb.append(String.format(Locale.ROOT, "%s %.6f%n", Images.format(s.energy(e)), i0 == null ? Double.NaN : i0[e]));
		Files.writeString(dir.resolve("energies_i0.txt"), sb);
	}

	/** A workload on one size×size×150 stack; subclasses say how the stack is made and what is timed. */
	abstract static class StackWorkload implements Bench.Workload {
		final int size, nE = 150;
		SpectralStack stack;

		StackWorkload(boolean quick) {
			this(quick ? 256 : 1024);
		}

		StackWorkload(int size) {
			this.size = size;
		}

		/** The input (not timed): a transmission stack unless a workload needs another. */
		SpectralStack build() {
			return transmissionStack(size, nE);
		}

		@Override
		public String size() {
			return size + "×" + size + "×" + nE;
		}

		@Override
		public double items() {
			return (double) size * size * nE;
		}

		@Override
		public String itemUnit() {
			return "px·E";
		}

		@Override
		public void setUp() {
			stack = build();
		}

		@Override
		public void export(Path dir) throws IOException {
			exportStack(stack, null, dir);
		}

		@Override
		public void tearDown() {
			stack = null;
		}
	}

	/** OD of every pixel with a given I0 spectrum. */
	static final class OpticalDensityWorkload extends StackWorkload implements Bench.PeerWorkload {
		double[] i0;

		OpticalDensityWorkload(boolean quick) {
			super(quick);
		}

		@Override
		public String name() {
			return "optical density (given I0)";
		}

		@Override
		public void setUp() {
			super.setUp();
			i0 = new double[nE];
			for (int e = 0; e < nE; e++)
				i0[e] = 1000 * (1 - 0.001 * e);
		}

		@Override
		public void run() {
			OpticalDensity.compute(stack, i0, 1, Progress.NONE);
		}

		@Override
		public void export(Path dir) throws IOException {
			exportStack(stack, i0, dir);
		}

		/** stack.npy (E, H, W) float32, i0.npy; our OD of the first 4 slices for the check. */
		@Override
		public void exportForPeers(Path dir) throws IOException {
			Npy.float32(dir.resolve("stack.npy"), stack.slices(), size, size);
			Npy.float64(dir.resolve("i0.npy"), i0, nE);
			SpectralStack od = OpticalDensity.compute(stack, i0, 1, Progress.NONE).od;
			Npy.float32(dir.resolve("ours_od_first4.npy"), java.util.Arrays.copyOf(od.slices(), 4), size, size);
			Files.writeString(dir.resolve("params.json"), "{\"kind\": \"optical_density\", \"clamp_fraction\": " + OpticalDensity.CLAMP_FRACTION + "}\n");
		}
	}

	/** Automatic I0: mean image, brightest 5 %, their mean spectrum. */
	static final class AutoI0Workload extends StackWorkload {
		AutoI0Workload(boolean quick) {
			super(quick);
		}

		@Override
		public String name() {
			return "automatic I0 (brightest 5 %)";
		}

		@Override
		public void run() {
			boolean[] mask = OpticalDensity.brightestPixels(stack, 0.05);
			OpticalDensity.meanSpectrum(stack, mask, "bench");
		}
	}
}
