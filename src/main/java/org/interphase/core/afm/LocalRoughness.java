package org.interphase.core.afm;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;

/**
 * Local roughness map (SCIENCE.md §4): Sq in a sliding square window of {@code window} pixels
 * centred on each pixel (clipped at the image border, so the map has the size of the input),
 * optionally after removing a least-squares plane fitted in each window. Summed-area tables in
 * double precision make the cost independent of the window size. Heights are taken relative to the
 * global mean to keep the tables' sums of squares well conditioned.
 * <p>
 * NaN pixels: without a local plane they are left out of each window (a window with no finite
 * pixel gives NaN); with a local plane every window that contains a NaN gives NaN. NaN pixels are
 * NaN in the map.
 */
public final class LocalRoughness {

	private LocalRoughness() {}

	public static float[] sqMap(float[] z, int w, int h, int window, boolean localPlane, Progress progress) {
		if (z.length != (long) w * h) throw new IllegalArgumentException("image of " + z.length + " values is not " + w + "×" + h);
		if (window < 2) throw new InvalidInputException("window: " + window + " px is too small (at least 2)");
		if (window > Math.max(w, h)) throw new InvalidInputException("window: " + window + " px is larger than the " + w + "×" + h + " image");
		double sum = 0;
		long n = 0;
		for (float v : z)
			if (v == v) {
				sum += v;
				n++;
			}
		if (n == 0) throw new InvalidInputException("image: no finite height values");
		final double mean = sum / n;
		final boolean hasNaN = n < z.length;
		final int W = w + 1;
		// tables: S[(y+1)*W + x+1] = sum over [0..x]×[0..y]
		final double[] s1 = new double[W * (h + 1)], s2 = new double[W * (h + 1)];
		final double[] sx = localPlane ? new double[W * (h + 1)] : null, sy = localPlane ? new double[W * (h + 1)] : null;
		final double[] sc = hasNaN ? new double[W * (h + 1)] : null;
		// row prefix sums in parallel
		Parallel.forRange(h, 32, progress, "local roughness", (from, to) -> {
			for (int y = from; y < to; y++) {
				double a1 = 0, a2 = 0, ax = 0, ay = 0, ac = 0;
				int off = y * w, t = (y + 1) * W;
				for (int x = 0; x < w; x++) {
					float v = z[off + x];
					if (v == v) {
						double d = v - mean;
						a1 += d;
						a2 += d * d;
						if (sx != null) {
							ax += x * d;
							ay += y * d;
						}
						ac += 1;
					}
					s1[t + x + 1] = a1;
					s2[t + x + 1] = a2;
					if (sx != null) {
						sx[t + x + 1] = ax;
						sy[t + x + 1] = ay;
					}
					if (sc != null) sc[t + x + 1] = ac;
				}
			}
		});
		// column accumulation in parallel over column strips
		double[][] tables = localPlane ? (hasNaN ? new double[][] { s1, s2, sx, sy, sc } : new double[][] { s1, s2, sx, sy })
			: (hasNaN ? new double[][] { s1, s2, sc } : new double[][] { s1, s2 });
		Parallel.forRange(W, 256, progress, "local roughness", (from, to) -> {
			for (double[] s : tables)
				for (int y = 2; y <= h; y++) {
					int t = y * W, u = t - W;
					for (int x = from; x < to; x++)
						s[t + x] += s[u + x];
				}
		});
		float[] out = new float[z.length];
		final int lo = (window - 1) / 2, hi = window / 2; // window covers [x−lo, x+hi]
		Parallel.forRange(h, 16, progress, "local roughness", (from, to) -> {
			for (int y = from; y < to; y++) {
				int ya = Math.max(0, y - lo), yb = Math.min(h - 1, y + hi);
				int rows = yb - ya + 1;
				int ta = ya * W, tb = (yb + 1) * W;
				double ym = 0.5 * (ya + yb), syy = rows * ((double) rows * rows - 1) / 12;
				for (int x = 0; x < w; x++) {
					if (hasNaN && z[y * w + x] != z[y * w + x]) {
						out[y * w + x] = Float.NaN;
						continue;
					}
					int xa = Math.max(0, x - lo), xb = Math.min(w - 1, x + hi) + 1;
					int cols = xb - xa;
					double cnt = hasNaN ? box(sc, ta, tb, xa, xb) : (double) rows * cols;
					if (cnt <= 0 || (localPlane && cnt < (double) rows * cols)) {
						out[y * w + x] = Float.NaN;
						continue;
					}
					double b1 = box(s1, ta, tb, xa, xb), b2 = box(s2, ta, tb, xa, xb);
					double ss = b2 - b1 * b1 / cnt;
					if (localPlane) {
						double xm = 0.5 * (xa + xb - 1), sxx = rows * (double) cols * ((double) cols * cols - 1) / 12;
						double syy2 = cols * syy;
						double sxz = box(sx, ta, tb, xa, xb) - xm * b1, syz = box(sy, ta, tb, xa, xb) - ym * b1;
						if (sxx > 0) ss -= sxz * sxz / sxx;
						if (syy2 > 0) ss -= syz * syz / syy2;
					}
					out[y * w + x] = (float) Math.sqrt(Math.max(0, ss / cnt));
				}
			}
		});
		return out;
	}

	private static double box(double[] s, int ta, int tb, int xa, int xb) {
		return s[tb + xb] - s[tb + xa] - s[ta + xb] + s[ta + xa];
	}
}
