package org.interphase.core.afm;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;

/**
 * Local roughness map (SCIENCE.md §4): Sq in a sliding square window of {@code window} pixels
 * centred on each pixel (clipped at the image border, so the map has the size of the input),
 * optionally after removing a least-squares plane fitted in each window. The cost is independent
 * of the window size: each block of output rows keeps, per column, the sums over the window's rows
 * of d, d² (and x·d, y·d for the local plane, and the count of finite pixels when there are NaNs),
 * updated by adding the row entering and removing the row leaving the window; a running sum along
 * the row then gives every window's sums as one difference. Everything a row needs is a few
 * arrays of the image width, which stay in cache (a summed-area table of the whole image does
 * not). d is the height relative to the global mean, to keep the sums of squares well conditioned.
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
		// global mean: per-row sums in parallel, added in row order (the same result on any number of threads)
		double[] rowSum = new double[h];
		long[] rowN = new long[h];
		Parallel.forRange(h, 32, progress, "local roughness", (from, to) -> {
			for (int y = from; y < to; y++) {
				double s = 0;
				long c = 0;
				for (int p = y * w, end = p + w; p < end; p++) {
					float v = z[p];
					if (v == v) {
						s += v;
						c++;
					}
				}
				rowSum[y] = s;
				rowN[y] = c;
			}
		});
		double sum = 0;
		long n = 0;
		for (int y = 0; y < h; y++) {
			sum += rowSum[y];
			n += rowN[y];
		}
		if (n == 0) throw new InvalidInputException("image: no finite height values");
		final double mean = sum / n;
		final boolean hasNaN = n < z.length;
		final float[] out = new float[z.length];
		final int lo = (window - 1) / 2, hi = window / 2; // window covers [x−lo, x+hi]
		// blocks of output rows depend on the image only, so the sums (and the map) do not depend on the thread count;
		// each block starts its column sums afresh, which costs one window of rows per block
		final int blockRows = Math.max(64, (h + 15) / 16);
		Parallel.forBlocks(h, blockRows, progress, "local roughness", () -> {
			Columns c = new Columns(z, w, mean, localPlane, hasNaN);
			return (from, to) -> {
				int ya = Math.max(0, from - lo), yb = Math.min(h - 1, from + hi);
				c.clear();
				for (int y = ya; y <= yb; y++)
					c.add(y, 1);
				for (int y = from; y < to; y++) {
					int na = Math.max(0, y - lo), nb = Math.min(h - 1, y + hi);
					for (; ya < na; ya++)
						c.add(ya, -1);
					for (; yb < nb; yb++)
						c.add(yb + 1, 1);
					c.row(y, ya, yb, lo, hi, out);
				}
			};
		});
		return out;
	}

	/** One thread's column sums over the window's rows and their running sums along a row. */
	private static final class Columns {
		final float[] z;
		final int w;
		final double mean;
		final boolean plane, hasNaN;
		// per column: Σd, Σd², Σx·d, Σy·d, count; then running sums along the row (index x + 1 = columns 0 … x)
		final double[] s1, s2, sx, sy, cn, p1, p2, px, py, pn;

		Columns(float[] z, int w, double mean, boolean plane, boolean hasNaN) {
			this.z = z;
			this.w = w;
			this.mean = mean;
			this.plane = plane;
			this.hasNaN = hasNaN;
			s1 = new double[w];
			s2 = new double[w];
			sx = plane ? new double[w] : null;
			sy = plane ? new double[w] : null;
			cn = hasNaN ? new double[w] : null;
			p1 = new double[w + 1];
			p2 = new double[w + 1];
			px = plane ? new double[w + 1] : null;
			py = plane ? new double[w + 1] : null;
			pn = hasNaN ? new double[w + 1] : null;
		}

		void clear() {
			java.util.Arrays.fill(s1, 0);
			java.util.Arrays.fill(s2, 0);
			if (plane) {
				java.util.Arrays.fill(sx, 0);
				java.util.Arrays.fill(sy, 0);
			}
			if (hasNaN) java.util.Arrays.fill(cn, 0);
		}

		// The pixel loops are small methods without branches on the mode (plane, NaN): the JIT compiles
		// each once, and a run in another mode reuses them instead of deoptimising a shared loop.

		/** Adds row y to the column sums ({@code sign} 1) or removes it (−1). */
		void add(int y, int sign) {
			if (hasNaN) {
				addWithNaN(y, sign);
				return;
			}
			addPlain(z, y * w, w, mean, sign, s1, s2);
			if (plane) addMoments(z, y * w, w, mean, sign, y, sx, sy);
		}

		/** s1 += sign·d, s2 += sign·d² along a NaN-free row (a loop the JIT vectorises). */
		private static void addPlain(float[] z, int off, int w, double mean, double sign, double[] s1, double[] s2) {
			for (int x = 0; x < w; x++) {
				double e = z[off + x] - mean, d = sign * e;
				s1[x] += d;
				s2[x] += d * e;
			}
		}

		/** sx += sign·x·d, sy += sign·y·d along a NaN-free row, for the local plane. */
		private static void addMoments(float[] z, int off, int w, double mean, double sign, int y, double[] sx, double[] sy) {
			for (int x = 0; x < w; x++) {
				double d = sign * (z[off + x] - mean);
				sx[x] += x * d;
				sy[x] += y * d;
			}
		}

		private void addWithNaN(int y, int sign) {
			int off = y * w;
			double sg = sign;
			for (int x = 0; x < w; x++) {
				float v = z[off + x];
				if (v != v) continue;
				double d = sg * (v - mean), dd = d * (v - mean);
				s1[x] += d;
				s2[x] += dd;
				if (plane) {
					sx[x] += x * d;
					sy[x] += y * d;
				}
				cn[x] += sg;
			}
		}

		/** p[x + 1] = s[0] + … + s[x], and likewise q from t: two sums in one loop overlap their addition chains. */
		private static void runningSums(double[] s, double[] p, double[] t, double[] q, int w) {
			double a = 0, b = 0;
			for (int x = 0; x < w; x++) {
				p[x + 1] = a += s[x];
				q[x + 1] = b += t[x];
			}
		}

		/** Writes row y of the map; the column sums hold rows ya … yb. */
		void row(int y, int ya, int yb, int lo, int hi, float[] out) {
			runningSums(s1, p1, s2, p2, w);
			if (plane) runningSums(sx, px, sy, py, w);
			if (hasNaN) {
				double a = 0;
				for (int x = 0; x < w; x++)
					pn[x + 1] = a += cn[x];
			}
			int rows = yb - ya + 1, off = y * w;
			double ym = 0.5 * (ya + yb), syyPerCol = rows * ((double) rows * rows - 1) / 12;
			// columns whose window is not clipped left or right: without NaNs these windows all have the
			// same size, so the loop has no branches or divisions and the JIT vectorises it
			int x0 = Math.min(lo, w), x1 = hasNaN ? x0 : Math.max(x0, w - hi);
			for (int x = 0; x < x0; x++)
				out[off + x] = pixel(x, off, rows, ym, syyPerCol, lo, hi);
			if (x1 > x0) {
				if (plane) interiorPlane(p1, p2, px, py, out, off, x0, x1, lo, hi, rows, ym, syyPerCol);
				else interiorPlain(p1, p2, out, off, x0, x1, lo, hi, rows);
			}
			for (int x = x1; x < w; x++)
				out[off + x] = pixel(x, off, rows, ym, syyPerCol, lo, hi);
		}

		/** Sq of the full windows centred on x0 … x1 − 1 (NaN-free image). */
		private static void interiorPlain(double[] p1, double[] p2, float[] out, int off, int x0, int x1, int lo, int hi, int rows) {
			double inv = 1 / ((double) rows * (lo + hi + 1));
			for (int x = x0; x < x1; x++) {
				double b1 = p1[x + hi + 1] - p1[x - lo], b2 = p2[x + hi + 1] - p2[x - lo];
				out[off + x] = (float) Math.sqrt(Math.max(0, (b2 - b1 * b1 * inv) * inv));
			}
		}

		/** Sq after the local plane of the full windows centred on x0 … x1 − 1 (NaN-free image). */
		private static void interiorPlane(double[] p1, double[] p2, double[] px, double[] py, float[] out, int off, int x0, int x1, int lo, int hi, int rows,
			double ym, double syyPerCol) {
			int cols = lo + hi + 1;
			double inv = 1 / ((double) rows * cols);
			double sxx = rows * (double) cols * ((double) cols * cols - 1) / 12, syy = cols * syyPerCol;
			double isxx = sxx > 0 ? 1 / sxx : 0, isyy = syy > 0 ? 1 / syy : 0;
			for (int x = x0; x < x1; x++) {
				int xa = x - lo, xb = x + hi + 1;
				double b1 = p1[xb] - p1[xa], b2 = p2[xb] - p2[xa];
				double xm = 0.5 * (xa + xb - 1);
				double sxz = px[xb] - px[xa] - xm * b1, syz = py[xb] - py[xa] - ym * b1;
				double ss = b2 - b1 * b1 * inv - sxz * sxz * isxx - syz * syz * isyy;
				out[off + x] = (float) Math.sqrt(Math.max(0, ss * inv));
			}
		}

		/** Map value at column x of the row at {@code off}, for any window (clipped, with NaNs). */
		private float pixel(int x, int off, int rows, double ym, double syyPerCol, int lo, int hi) {
			if (hasNaN && z[off + x] != z[off + x]) return Float.NaN;
			int xa = Math.max(0, x - lo), xb = Math.min(w - 1, x + hi) + 1;
			int cols = xb - xa;
			double full = (double) rows * cols;
			double cnt = hasNaN ? pn[xb] - pn[xa] : full;
			if (cnt <= 0 || (plane && cnt < full)) return Float.NaN;
			double b1 = p1[xb] - p1[xa], b2 = p2[xb] - p2[xa];
			double ss = b2 - b1 * b1 / cnt;
			if (plane) {
				double xm = 0.5 * (xa + xb - 1);
				double sxz = px[xb] - px[xa] - xm * b1, syz = py[xb] - py[xa] - ym * b1;
				double sxx = rows * (double) cols * ((double) cols * cols - 1) / 12, syy = cols * syyPerCol;
				if (sxx > 0) ss -= sxz * sxz / sxx;
				if (syy > 0) ss -= syz * syz / syy;
			}
			return (float) Math.sqrt(Math.max(0, ss / cnt));
		}
	}
}
