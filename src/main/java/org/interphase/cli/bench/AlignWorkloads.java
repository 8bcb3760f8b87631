package org.interphase.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

import org.interphase.core.Parallel;
import org.interphase.core.Progress;
import org.interphase.core.stack.Alignment;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Images;
import org.interphase.ij.OutputFiles;

/** Benchmark workload of stack alignment: 150 slices of 1024² (quick: 64 slices of 256²). */
final class AlignWorkloads {

	private AlignWorkloads() {}

	/** A smooth random texture, each slice displaced by a known sub-pixel shift, with noise. */
	static SpectralStack shiftedStack(int size, int nE, double[] dx, double[] dy) {
		int pad = 16, bs = size + 2 * pad;
		float[] base = new float[bs * bs];
		SplittableRandom rnd = new SplittableRandom(99);
		for (int i = 0; i < base.length; i++)
			base[i] = (float) rnd.nextDouble();
		for (int pass = 0; pass < 3; pass++)
			base = boxBlur(base, bs, 2);
		double[] energies = new double[nE];
		for (int e = 0; e < nE; e++) {
			energies[e] = 700 + 0.25 * e;
			SplittableRandom r = new SplittableRandom(500 + e);
			dx[e] = e == 0 ? 0 : (r.nextDouble() - 0.5) * 12;
			dy[e] = e == 0 ? 0 : (r.nextDouble() - 0.5) * 12;
		}
		SpectralStack s = SpectralStack.allocate(size, size, energies);
		final float[] tex = base;
		Parallel.forRange(nE, 1, Progress.NONE, "bench data", (from, to) -> {
			for (int e = from; e < to; e++) {
				// sample the texture at (x + pad − dx, y + pad − dy): content displaced by (dx, dy)
				SplittableRandom r = new SplittableRandom(2000 + e);
				float[] slice = s.slice(e);
				for (int y = 0; y < size; y++) {
					double sy = y + pad - dy[e];
					int iy = (int) Math.floor(sy);
					double fy = sy - iy;
					for (int x = 0; x < size; x++) {
						double sx = x + pad - dx[e];
						int ix = (int) Math.floor(sx);
						double fx = sx - ix;
						int i = iy * bs + ix;
						double top = tex[i] + fx * (tex[i + 1] - tex[i]);
						double bot = tex[i + bs] + fx * (tex[i + bs + 1] - tex[i + bs]);
						slice[y * size + x] = (float) (1000 * (top + fy * (bot - top)) + 2 * (r.nextDouble() - 0.5));
					}
				}
			}
		});
		return s;
	}

	private static float[] boxBlur(float[] in, int n, int r) {
		float[] tmp = new float[in.length], out = new float[in.length];
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++) {
				double s = 0;
				for (int k = -r; k <= r; k++)
					s += in[y * n + Math.min(n - 1, Math.max(0, x + k))];
				tmp[y * n + x] = (float) (s / (2 * r + 1));
			}
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++) {
				double s = 0;
				for (int k = -r; k <= r; k++)
					s += tmp[Math.min(n - 1, Math.max(0, y + k)) * n + x];
				out[y * n + x] = (float) (s / (2 * r + 1));
			}
		return out;
	}

	/** Shift measurement and resampling of every slice (reference = slice 1, cropped). */
	static final class AlignWorkload implements Bench.Workload {
		final int size, nE;
		SpectralStack stack;
		double[] dx, dy;

		AlignWorkload(boolean quick) {
			size = quick ? 256 : 1024;
			nE = quick ? 64 : 150;
		}

		@Override
		public String name() {
			return "align stack (phase correlation)";
		}

		@Override
		public String size() {
			return size + "×" + size + "×" + nE;
		}

		@Override
		public double items() {
			return nE;
		}

		@Override
		public String itemUnit() {
			return "slices";
		}

		@Override
		public void setUp() {
			dx = new double[nE];
			dy = new double[nE];
			stack = shiftedStack(size, nE, dx, dy);
		}

		@Override
		public void run() {
			Alignment.align(stack, 0, false, 10, true, Progress.NONE);
		}

		@Override
		public void export(Path dir) throws IOException {
			OutputFiles.saveFloatTiff(Images.toImagePlus(stack, "bench-shifted", null), dir.resolve("stack.tif"));
			StringBuilder sb = new StringBuilder("# slice energy_eV dx dy (true shifts, px)\n");
			for (int e = 0; e < nE; e++)
				sb.append(String.format(Locale.ROOT, "%d %s %.6f %.6f%n", e + 1, Images.format(stack.energy(e)), dx[e], dy[e]));
			Files.writeString(dir.resolve("true_shifts.txt"), sb);
		}

		@Override
		public void tearDown() {
			stack = null;
		}
	}
}
