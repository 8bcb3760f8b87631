package org.interphase.core.morphology;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;

/**
 * Exact Euclidean distance transform (Felzenszwalb & Huttenlocher's lower envelope of parabolas,
 * separable: columns, then rows, each pass in parallel), with an anisotropic pixel size. The
 * distance is between pixel centres, in calibrated units.
 */
public final class DistanceTransform {

	private DistanceTransform() {}

	/**
	 * Distance from every pixel centre to the nearest {@code true} pixel centre of {@code feature}
	 * (0 on feature pixels); +∞ everywhere when there is no feature pixel.
	 */
	public static double[] distance(boolean[] feature, int width, int height, double pixelWidth, double pixelHeight, Progress progress) {
		double[] d = squared(feature, width, height, pixelWidth, pixelHeight, progress);
		for (int i = 0; i < d.length; i++)
			d[i] = Math.sqrt(d[i]);
		return d;
	}

	/** As {@link #distance}, squared. */
	public static double[] squared(boolean[] feature, int width, int height, double pixelWidth, double pixelHeight, Progress progress) {
		if (feature.length != width * height) throw new InvalidInputException("mask must have " + width + "×" + height + " pixels");
		if (!(pixelWidth > 0) || !(pixelHeight > 0))
			throw new InvalidInputException("pixel size must be positive, got " + pixelWidth + " × " + pixelHeight);
		final double[] g = new double[width * height];
		final int len = Math.max(width, height);
		// columns: distance along y
		Parallel.forBlocks(width, 16, progress, "distance transform", () -> {
			double[] f = new double[len], out = new double[len], z = new double[len + 1];
			int[] v = new int[len];
			return (from, to) -> {
				for (int x = from; x < to; x++) {
					for (int y = 0; y < height; y++)
						f[y] = feature[y * width + x] ? 0 : Double.POSITIVE_INFINITY;
					transform1d(f, height, pixelHeight, out, v, z);
					for (int y = 0; y < height; y++)
						g[y * width + x] = out[y];
				}
			};
		});
		// rows: add distance along x
		Parallel.forBlocks(height, 16, progress, "distance transform", () -> {
			double[] f = new double[len], out = new double[len], z = new double[len + 1];
			int[] v = new int[len];
			return (from, to) -> {
				for (int y = from; y < to; y++) {
					System.arraycopy(g, y * width, f, 0, width);
					transform1d(f, width, pixelWidth, out, v, z);
					System.arraycopy(out, 0, g, y * width, width);
				}
			};
		});
		return g;
	}

	/**
	 * 1D squared distance transform of sampled function f (positions q·s): out(q) = min_p
	 * ((q − p)·s)² + f(p). Infinite samples are not parabolas.
	 */
	static void transform1d(double[] f, int n, double s, double[] out, int[] v, double[] z) {
		int k = -1;
		for (int q = 0; q < n; q++) {
			if (f[q] == Double.POSITIVE_INFINITY) continue;
			double xq = q * s, fq = f[q] + xq * xq;
			if (k < 0) {
				k = 0;
				v[0] = q;
				z[0] = Double.NEGATIVE_INFINITY;
				z[1] = Double.POSITIVE_INFINITY;
				continue;
			}
			while (true) {
				double xv = v[k] * s;
				double sI = (fq - (f[v[k]] + xv * xv)) / (2 * (xq - xv));
				if (sI <= z[k]) {
					k--; // never below 0: z[0] = −∞
				} else {
					k++;
					v[k] = q;
					z[k] = sI;
					z[k + 1] = Double.POSITIVE_INFINITY;
					break;
				}
			}
		}
		if (k < 0) {
			for (int q = 0; q < n; q++)
				out[q] = Double.POSITIVE_INFINITY;
			return;
		}
		int j = 0;
		for (int q = 0; q < n; q++) {
			double xq = q * s;
			while (z[j + 1] < xq)
				j++;
			double dx = xq - v[j] * s;
			out[q] = dx * dx + f[v[j]];
		}
	}
}
