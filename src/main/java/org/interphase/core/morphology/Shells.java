package org.interphase.core.morphology;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;

/**
 * Concentric shells of particles: the depth of each particle pixel is its distance to the
 * particle's boundary (exact Euclidean distance from the pixel centre to the nearest pixel centre
 * outside the particle, minus half the smaller pixel side; the image border counts as outside; a
 * touching particle of another label is outside). Shell 1 is the outermost. Equal thickness: each
 * particle's deepest depth divided into N; or a given thickness, the N-th shell taking the rest.
 */
public final class Shells {

	public static final class Result {
		/** Shell of each pixel, 1..N (1 = outer), 0 outside the particles. */
		public final int[] shell;
		/** Depth below the particle boundary (calibrated); NaN outside. */
		public final float[] depth;
		public final int particles;

		Result(int[] shell, float[] depth, int particles) {
			this.shell = shell;
			this.depth = depth;
			this.particles = particles;
		}
	}

	private Shells() {}

	/**
	 * @param particles particle label of each pixel (0 = none)
	 * @param thickness shell thickness in calibrated units, or 0 for N equal shells per particle
	 */
	public static Result compute(int[] particles, int width, int height, double pixelWidth, double pixelHeight, int shells,
		double thickness, Progress progress) {
		if (shells < 1) throw new InvalidInputException("shells: must be at least 1, got " + shells);
		if (thickness < 0) throw new InvalidInputException("shell thickness must be ≥ 0, got " + thickness);
		int n = width * height;
		if (particles.length != n) throw new InvalidInputException("mask must have " + width + "×" + height + " pixels");
		int max = 0;
		for (int l : particles)
			max = Math.max(max, l);
		if (max == 0) throw new InvalidInputException("mask: no particle (all pixels are 0)");
		final int labels = max;
		int[] x0 = new int[labels + 1], y0 = new int[labels + 1], x1 = new int[labels + 1], y1 = new int[labels + 1];
		java.util.Arrays.fill(x0, Integer.MAX_VALUE);
		java.util.Arrays.fill(y0, Integer.MAX_VALUE);
		java.util.Arrays.fill(x1, -1);
		java.util.Arrays.fill(y1, -1);
		for (int p = 0; p < n; p++) {
			int l = particles[p];
			if (l <= 0) continue;
			int x = p % width, y = p / width;
			x0[l] = Math.min(x0[l], x);
			y0[l] = Math.min(y0[l], y);
			x1[l] = Math.max(x1[l], x);
			y1[l] = Math.max(y1[l], y);
		}
		final float[] depth = new float[n];
		java.util.Arrays.fill(depth, Float.NaN);
		final int[] shell = new int[n];
		final double half = 0.5 * Math.min(pixelWidth, pixelHeight);
		int count = 0;
		for (int l = 1; l <= labels; l++)
			if (x1[l] >= 0) count++;
		Parallel.forRange(labels, 1, progress, "shells", (from, to) -> {
			for (int l = from + 1; l <= to; l++) {
				if (x1[l] < 0) continue;
				// crop with a one-pixel frame of "outside"
				int bx = x0[l] - 1, by = y0[l] - 1, bw = x1[l] - x0[l] + 3, bh = y1[l] - y0[l] + 3;
				boolean[] outside = new boolean[bw * bh];
				for (int y = 0; y < bh; y++)
					for (int x = 0; x < bw; x++) {
						int ix = bx + x, iy = by + y;
						outside[y * bw + x] = ix < 0 || iy < 0 || ix >= width || iy >= height || particles[iy * width + ix] != l;
					}
				double[] d = DistanceTransform.distance(outside, bw, bh, pixelWidth, pixelHeight, Progress.NONE);
				double deepest = 0;
				for (int i = 0; i < d.length; i++)
					if (!outside[i]) deepest = Math.max(deepest, d[i] - half);
				double t = thickness > 0 ? thickness : deepest / shells;
				for (int y = 1; y < bh - 1; y++)
					for (int x = 1; x < bw - 1; x++) {
						int i = y * bw + x;
						if (outside[i]) continue;
						int p = (by + y) * width + bx + x;
						double dep = d[i] - half;
						depth[p] = (float) dep;
						int s = t > 0 ? (int) Math.floor(dep / t) + 1 : 1;
						shell[p] = Math.min(shells, Math.max(1, s));
					}
			}
		});
		return new Result(shell, depth, count);
	}
}
