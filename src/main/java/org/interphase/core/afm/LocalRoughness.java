package org.interphase.core.afm;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;

/**
 * Local roughness map (SCIENCE.md §4): Sq in a sliding square window of {@code window} pixels
 * centred on each pixel (clipped at the image border, so the map has the size of the input),
 * optionally after removing a least-squares plane fitted in each window. Summed-area tables in
 * double precision make the cost independent of the window size; the tables of Σz, Σz² (and Σxz,
 * Σyz for the local plane, and the count of finite pixels when there are NaNs) are interleaved so
 * that one window's corners are a few cache lines. Heights are taken relative to the global mean
 * to keep the sums of squares well conditioned.
 * <p>
 * The local plane uses that x and y are orthogonal over a full rectangle: residual sum of squares
 * = Szz − Sxz²/Sxx − Syz²/Syy with Sxx, Syy known in closed form.
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
		// channels: 0 Σd, 1 Σd², then 2 Σx·d, 3 Σy·d (local plane), then count (NaN present)
		final int k = 2 + (localPlane ? 2 : 0) + (hasNaN ? 1 : 0);
		final int cCount = hasNaN ? k - 1 : -1;
		final int W = w + 1;
		final int rowLen = k * W;
		final double[] t = new double[rowLen * (h + 1)];
		// 1) row prefix sums, in parallel over rows
		Parallel.forRange(h, 32, progress, "local roughness", (from, to) -> {
			double[] acc = new double[k];
			for (int y = from; y < to; y++) {
				java.util.Arrays.fill(acc, 0);
				int off = y * w, o = (y + 1) * rowLen + k;
				for (int x = 0; x < w; x++, o += k) {
					float v = z[off + x];
					if (v == v) {
						double d = v - mean;
						acc[0] += d;
						acc[1] += d * d;
						if (localPlane) {
							acc[2] += x * d;
							acc[3] += y * d;
						}
						if (hasNaN) acc[cCount] += 1;
					}
					for (int c = 0; c < k; c++)
						t[o + c] = acc[c];
				}
			}
		});
		// 2) running sums down the columns, in parallel over strips of the interleaved row
		Parallel.forRange(rowLen, 512, progress, "local roughness", (from, to) -> {
			for (int y = 2; y <= h; y++) {
				int r = y * rowLen, u = r - rowLen;
				for (int i = from; i < to; i++)
					t[r + i] += t[u + i];
			}
		});
		// 3) one window per pixel from four corners
		float[] out = new float[z.length];
		final int lo = (window - 1) / 2, hi = window / 2; // window covers [x−lo, x+hi]
		Parallel.forRange(h, 16, progress, "local roughness", (from, to) -> {
			for (int y = from; y < to; y++) {
				int ya = Math.max(0, y - lo), yb = Math.min(h - 1, y + hi);
				int rows = yb - ya + 1;
				int ta = ya * rowLen, tb = (yb + 1) * rowLen;
				double ym = 0.5 * (ya + yb), syyPerCol = rows * ((double) rows * rows - 1) / 12;
				int off = y * w;
				for (int x = 0; x < w; x++) {
					if (hasNaN && z[off + x] != z[off + x]) {
						out[off + x] = Float.NaN;
						continue;
					}
					int xa = Math.max(0, x - lo), xb = Math.min(w - 1, x + hi) + 1;
					int cols = xb - xa;
					int a = xa * k, b = xb * k;
					double full = (double) rows * cols;
					double cnt = hasNaN ? t[tb + b + cCount] - t[tb + a + cCount] - t[ta + b + cCount] + t[ta + a + cCount] : full;
					if (cnt <= 0 || (localPlane && cnt < full)) {
						out[off + x] = Float.NaN;
						continue;
					}
					double b1 = t[tb + b] - t[tb + a] - t[ta + b] + t[ta + a];
					double b2 = t[tb + b + 1] - t[tb + a + 1] - t[ta + b + 1] + t[ta + a + 1];
					double ss = b2 - b1 * b1 / cnt;
					if (localPlane) {
						double xm = 0.5 * (xa + xb - 1);
						double sxz = t[tb + b + 2] - t[tb + a + 2] - t[ta + b + 2] + t[ta + a + 2] - xm * b1;
						double syz = t[tb + b + 3] - t[tb + a + 3] - t[ta + b + 3] + t[ta + a + 3] - ym * b1;
						double sxx = rows * (double) cols * ((double) cols * cols - 1) / 12, syy = cols * syyPerCol;
						if (sxx > 0) ss -= sxz * sxz / sxx;
						if (syy > 0) ss -= syz * syz / syy;
					}
					out[off + x] = (float) Math.sqrt(Math.max(0, ss / cnt));
				}
			}
		});
		return out;
	}
}
