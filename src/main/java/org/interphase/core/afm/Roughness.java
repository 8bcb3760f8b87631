package org.interphase.core.afm;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;

/**
 * Areal (ISO 25178 names, Gwyddion's definitions with population moments) and profile (ISO 4287 /
 * 4288) roughness parameters, SCIENCE.md §4. Heights and lateral sizes must be in the same unit
 * for Sdq and Sdr (the commands pass nm for both). NaN pixels are left out.
 */
public final class Roughness {

	/** How Sdr is computed, for the outputs. */
	public static final String SDR_TRIANGULATION = "4 triangles per cell of 4 neighbouring pixel centres, meeting at the cell centre "
		+ "with the mean of the 4 heights (Gwyddion's scheme); cells with a NaN corner are left out";

	private static final int BINS = 1 << 14;

	private Roughness() {}

	/** Areal parameters of one image. */
	public static final class Areal {
		/** Number of finite pixels used. */
		public long n;
		public double mean, median, sa, sq, ssk, sku, sp, sv, sz, sdq, sdr, min, max;

		/** Kurtosis minus 3, the value Gwyddion prints as "Kurtosis". */
		public double excessKurtosis() {
			return sku - 3;
		}
	}

	/** Profile parameters of one line. */
	public static final class Profile {
		public int n;
		public double length, ra, rq, rsk, rku, rp, rv, rt, rz;
		/** The roughness profile (after removing the mean line or the Gaussian waviness). */
		public double[] roughness;
	}

	private static final class Pass1 {
		double sum, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		long n;
	}

	/**
	 * Areal parameters of {@code z} ({@code w}×{@code h}, row-major) with pixel sizes {@code dx},
	 * {@code dy} in the unit of the heights.
	 */
	public static Areal areal(float[] z, int w, int h, double dx, double dy, Progress progress) {
		if (z.length != (long) w * h) throw new IllegalArgumentException("image of " + z.length + " values is not " + w + "×" + h);
		if (!(dx > 0) || !(dy > 0)) throw new InvalidInputException("pixel size must be positive (got " + dx + " × " + dy + ")");
		int nb = blocks(h);
		Pass1[] p1 = new Pass1[nb];
		int rowsPer = (h + nb - 1) / nb;
		Parallel.forRange(nb, 1, progress, "roughness", (from, to) -> {
			for (int b = from; b < to; b++) {
				double[] run = { 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0 };
				for (int y = b * rowsPer, y1 = Math.min(h, (b + 1) * rowsPer); y < y1; y++)
					sumMinMax(z, y * w, w, run);
				Pass1 s = new Pass1();
				s.sum = run[0];
				s.min = run[1];
				s.max = run[2];
				s.n = (long) run[3];
				p1[b] = s;
			}
		});
		Pass1 t = new Pass1();
		for (Pass1 s : p1) {
			t.sum += s.sum;
			t.n += s.n;
			t.min = Math.min(t.min, s.min);
			t.max = Math.max(t.max, s.max);
		}
		if (t.n == 0) throw new InvalidInputException("image: no finite height values");
		final double mean = t.sum / t.n, min = t.min, max = t.max;
		final double binScale = max > min ? (BINS - 1) / (max - min) : 0;
		final boolean finite = t.n == (long) w * h;
		// pass 2: moments, gradients, surface area, histogram for the median
		double[][] acc = new double[nb][];
		int[][] hists = new int[nb][];
		final double ax = 1 / (dx * dx), ay = 1 / (dy * dy);
		final double hx = 0.5 * dx, hy = 0.5 * dy, hx2 = hx * hx, hy2 = hy * hy, dx2 = dx * dx, dy2 = dy * dy, dxhy2 = dx2 * hy2, dyhx2 = dy2 * hx2;
		Parallel.forRange(nb, 1, progress, "roughness", (from, to) -> {
			for (int b = from; b < to; b++) {
				double[] mom = new double[4]; // running Σ|d|, Σd², Σd³, Σd⁴
				double gx = 0, gy = 0, area = 0;
				long ngx = 0, ngy = 0, cells = 0;
				int[] hist = new int[2 * BINS]; // two interleaved histograms (even/odd x) break store-to-load chains
				double[] buf = finite ? null : new double[4 * w];
				double[][] q = finite ? new double[4][w] : null;
				int y0 = b * rowsPer, y1 = Math.min(h, (b + 1) * rowsPer);
				for (int y = y0; y < y1; y++) {
					int off = y * w;
					moments(z, off, w, mean, min, binScale, hist, mom);
					if (finite) { // no NaN anywhere: branch-free loops over the row pair that the JIT vectorises
						gx += sumSquaredDifferences(z, off, 1, w - 1);
						ngx += w - 1;
						if (y + 1 < h) {
							gy += sumSquaredDifferences(z, off, w, w);
							ngy += w;
							area += cellAreas(z, off, w, hx2, hy2, dx2, dy2, dxhy2, dyhx2, q);
							cells += w - 1;
						}
						continue;
					}
					// with NaNs: differences with a NaN end and cells with a NaN corner are left out one by one
					for (int x = 0; x + 1 < w; x++) {
						double g = (double) z[off + x + 1] - z[off + x];
						if (g == g) {
							gx += g * g;
							ngx++;
						}
					}
					if (y + 1 >= h) continue;
					int up = off + w;
					for (int x = 0; x < w; x++) {
						double g = (double) z[up + x] - z[off + x];
						if (g == g) {
							gy += g * g;
							ngy++;
						}
					}
					// cells between rows y and y+1: 4 triangles around the centre mean; the squared
					// areas go to a row buffer first so that the square roots run as one simple loop
					int nc = 0;
					for (int x = 0; x + 1 < w; x++) {
						double z00 = z[off + x], z10 = z[off + x + 1], z01 = z[up + x], z11 = z[up + x + 1];
						double zc = 0.25 * (z00 + z10 + z01 + z11);
						if (zc != zc) continue;
						double e0 = z10 - z00, m0 = 0.5 * (z00 + z10) - zc; // bottom edge (along x)
						double e1 = z11 - z01, m1 = 0.5 * (z01 + z11) - zc; // top edge
						double e2 = z01 - z00, m2 = 0.5 * (z00 + z01) - zc; // left edge (along y)
						double e3 = z11 - z10, m3 = 0.5 * (z10 + z11) - zc; // right edge
						buf[nc] = hy2 * e0 * e0 + dx2 * m0 * m0 + dxhy2;
						buf[nc + 1] = hy2 * e1 * e1 + dx2 * m1 * m1 + dxhy2;
						buf[nc + 2] = hx2 * e2 * e2 + dy2 * m2 * m2 + dyhx2;
						buf[nc + 3] = hx2 * e3 * e3 + dy2 * m3 * m3 + dyhx2;
						nc += 4;
					}
					for (int i = 0; i < nc; i++)
						buf[i] = Math.sqrt(buf[i]);
					double r0 = 0, r1 = 0, r2 = 0, r3 = 0;
					for (int i = 0; i < nc; i += 4) {
						r0 += buf[i];
						r1 += buf[i + 1];
						r2 += buf[i + 2];
						r3 += buf[i + 3];
					}
					area += (r0 + r1) + (r2 + r3);
					cells += nc / 4;
				}
				acc[b] = new double[] { mom[0], mom[1], mom[2], mom[3], gx, gy, 0.5 * area, ngx, ngy, cells };
				hists[b] = hist;
			}
		});
		double[] s = new double[10];
		for (double[] a : acc)
			for (int i = 0; i < s.length; i++)
				s[i] += a[i];
		Areal r = new Areal();
		r.n = t.n;
		r.mean = mean;
		r.min = min;
		r.max = max;
		r.sa = s[0] / t.n;
		double var = s[1] / t.n;
		r.sq = Math.sqrt(var);
		r.ssk = var > 0 ? s[2] / t.n / (var * r.sq) : Double.NaN;
		r.sku = var > 0 ? s[3] / t.n / (var * var) : Double.NaN;
		r.sp = max - mean;
		r.sv = mean - min;
		r.sz = r.sp + r.sv;
		double nd = s[7] + s[8];
		r.sdq = nd > 0 ? Math.sqrt(2 * (s[4] * ax + s[5] * ay) / nd) : Double.NaN;
		r.sdr = s[9] > 0 ? (s[6] / (s[9] * dx * dy) - 1) * 100 : Double.NaN;
		r.median = median(z, w, h, t.n, min, binScale, hists);
		return r;
	}

	// The per-row loops below are small methods of their own: called once per row, they are compiled
	// by the JIT early in the first call of areal (a loop inlined in the per-block lambda waits for an
	// on-stack replacement of the whole lambda), which matters when the caller runs only a few times.

	/** Adds the finite values of row [off, off + w) to the running sum, min, max and count in s. */
	private static void sumMinMax(float[] z, int off, int w, double[] s) {
		double sum = s[0], lo = s[1], hi = s[2];
		long n = 0;
		for (int p = off, end = off + w; p < end; p++) {
			float v = z[p];
			if (v != v) continue;
			sum += v;
			if (v < lo) lo = v;
			if (v > hi) hi = v;
			n++;
		}
		s[0] = sum;
		s[1] = lo;
		s[2] = hi;
		s[3] += n;
	}

	/** Adds the row's |d|, d², d³, d⁴ (d = z − mean) to the running sums in m, and its values to the histogram. */
	private static void moments(float[] z, int off, int w, double mean, double min, double binScale, int[] hist, double[] m) {
		double a1 = m[0], a2 = m[1], a3 = m[2], a4 = m[3];
		for (int x = 0; x < w; x++) {
			float v = z[off + x];
			if (v != v) continue;
			double d = v - mean, d2 = d * d;
			a1 += Math.abs(d);
			a2 += d2;
			a3 += d2 * d;
			a4 += d2 * d2;
			hist[((int) ((v - min) * binScale) << 1) | (x & 1)]++; // two interleaved histograms (even/odd x) break store-to-load chains
		}
		m[0] = a1;
		m[1] = a2;
		m[2] = a3;
		m[3] = a4;
	}

	/**
	 * Copies the row's values in [lo, hi] to vals from index k; returns the next index. Around the
	 * median, v ≥ lo is a coin flip, and a mispredicted branch per pixel made this pass cost as much
	 * as all the moments: a distance test to the interval's middle, with a margin wider than its
	 * rounding error, is false for nearly every pixel (one predictable branch), and only the few
	 * pixels that pass it get the exact test.
	 */
	private static int collect(float[] z, int off, int w, float lo, float hi, float[] vals, int k) {
		if (Float.isInfinite(lo) || Float.isInfinite(hi)) { // the middle is undefined: exact test only
			for (int p = off, end = off + w; p < end; p++) {
				float v = z[p];
				if (v >= lo && v <= hi) vals[k++] = v;
			}
			return k;
		}
		double mid = 0.5 * ((double) lo + hi), half = 0.5 * ((double) hi - lo);
		double reach = half + 1e-12 * (Math.abs(mid) + half) + Double.MIN_NORMAL;
		for (int p = off, end = off + w; p < end; p++) {
			float v = z[p];
			if (Math.abs(v - mid) <= reach && v >= lo && v <= hi) vals[k++] = v; // NaN fails the first test
		}
		return k;
	}

	/** The smallest float whose histogram bin, computed as in {@link #moments}, is at least {@code bin} (0 < bin < BINS, binScale > 0). */
	static float lowestOfBin(int bin, double min, double binScale) {
		float v = (float) (min + bin / binScale); // within a few ulps; step down past the edge, then up to it
		while ((int) ((v - min) * binScale) >= bin)
			v = Math.nextDown(v);
		while ((int) ((v - min) * binScale) < bin)
			v = Math.nextUp(v);
		return v;
	}

	/**
	 * Σ (z[p + step] − z[p])² over p = off … off + n − 1: horizontal (step 1) or vertical (step w)
	 * differences of a NaN-free row. Four partial sums break the addition chain.
	 */
	private static double sumSquaredDifferences(float[] z, int off, int step, int n) {
		double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
		int i = 0;
		for (; i + 3 < n; i += 4) {
			int p = off + i;
			double g0 = (double) z[p + step] - z[p], g1 = (double) z[p + 1 + step] - z[p + 1];
			double g2 = (double) z[p + 2 + step] - z[p + 2], g3 = (double) z[p + 3 + step] - z[p + 3];
			s0 += g0 * g0;
			s1 += g1 * g1;
			s2 += g2 * g2;
			s3 += g3 * g3;
		}
		for (; i < n; i++) {
			double g = (double) z[off + i + step] - z[off + i];
			s0 += g * g;
		}
		return (s0 + s1) + (s2 + s3);
	}

	/**
	 * Twice the surface area of the w − 1 cells between the NaN-free rows at {@code off} and
	 * {@code off + w} (Gwyddion's 4 triangles around the centre mean, as in the NaN path of
	 * {@link #areal}). The edge midpoints' heights above the centre are ±¼ of the difference of
	 * opposite edge sums, so the bottom/top and left/right triangles share one term. Without
	 * branches the squared areas are computed, rooted and summed by loops the JIT vectorises;
	 * {@code q} is scratch of 4 rows of at least w − 1.
	 */
	private static double cellAreas(float[] z, int off, int w, double hx2, double hy2, double dx2, double dy2, double dxhy2, double dyhx2, double[][] q) {
		int n = w - 1, up = off + w;
		double[] q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3];
		for (int x = 0; x < n; x++) {
			double z00 = z[off + x], z10 = z[off + x + 1], z01 = z[up + x], z11 = z[up + x + 1];
			double e0 = z10 - z00, e1 = z11 - z01, e2 = z01 - z00, e3 = z11 - z10; // bottom, top, left, right edges
			double mb = 0.25 * ((z00 + z10) - (z01 + z11)), ml = 0.25 * ((z00 + z01) - (z10 + z11)); // bottom/left midpoint − centre
			double cx = dx2 * mb * mb + dxhy2, cy = dy2 * ml * ml + dyhx2;
			q0[x] = hy2 * e0 * e0 + cx;
			q1[x] = hy2 * e1 * e1 + cx;
			q2[x] = hx2 * e2 * e2 + cy;
			q3[x] = hx2 * e3 * e3 + cy;
		}
		for (int x = 0; x < n; x++)
			q0[x] = (Math.sqrt(q0[x]) + Math.sqrt(q1[x])) + (Math.sqrt(q2[x]) + Math.sqrt(q3[x]));
		double r0 = 0, r1 = 0, r2 = 0, r3 = 0;
		int x = 0;
		for (; x + 3 < n; x += 4) {
			r0 += q0[x];
			r1 += q0[x + 1];
			r2 += q0[x + 2];
			r3 += q0[x + 3];
		}
		for (; x < n; x++)
			r0 += q0[x];
		return (r0 + r1) + (r2 + r3);
	}

	/** Blocks of rows for the per-block accumulators (a few per thread, for balance). */
	private static int blocks(int h) {
		return Math.max(1, Math.min(h, 4 * Parallel.threads()));
	}

	/** Exact median from the histogram: find the bins of the middle rank(s), then select among the values in them. */
	private static double median(float[] z, int w, int h, long n, double min, double binScale, int[][] hists) {
		long[] cum = new long[BINS];
		long c = 0;
		for (int i = 0; i < BINS; i++) {
			for (int[] hh : hists)
				c += hh[2 * i] + hh[2 * i + 1];
			cum[i] = c;
		}
		long kLo = (n - 1) / 2, kHi = n / 2;
		int binLo = 0;
		while (cum[binLo] <= kLo)
			binLo++;
		int binHi = binLo;
		while (cum[binHi] <= kHi)
			binHi++;
		long before = binLo == 0 ? 0 : cum[binLo - 1];
		float[] vals = new float[(int) (cum[binHi] - before)];
		int m = vals.length;
		// each block of rows copies its values of those bins into its own part of vals, in parallel
		int nb = hists.length, rowsPer = (h + nb - 1) / nb;
		int[] start = new int[nb + 1];
		for (int b = 0; b < nb; b++) {
			int cnt = 0;
			for (int i = binLo; i <= binHi; i++)
				cnt += hists[b][2 * i] + hists[b][2 * i + 1];
			start[b + 1] = start[b] + cnt;
		}
		// the bin of a value is monotone in the value, so the bins binLo … binHi hold exactly the floats of
		// [vLo, vHi]: two float comparisons per pixel instead of recomputing its bin (NaN fails both)
		// (binScale 0: one value, or infinite heights, all in bin 0)
		final float vLo = binLo == 0 || !(binScale > 0) ? Float.NEGATIVE_INFINITY : lowestOfBin(binLo, min, binScale);
		final float vHi = binHi == BINS - 1 || !(binScale > 0) ? Float.POSITIVE_INFINITY : Math.nextDown(lowestOfBin(binHi + 1, min, binScale));
		Parallel.forRange(nb, 1, Progress.NONE, "median", (from, to) -> {
			for (int b = from; b < to; b++) {
				int k = start[b];
				for (int y = b * rowsPer, y1 = Math.min(h, (b + 1) * rowsPer); y < y1; y++)
					k = collect(z, y * w, w, vLo, vHi, vals, k);
				if (k != start[b + 1]) throw new IllegalStateException("median: bin bounds disagree with the histogram");
			}
		});
		double lo = Leveling.select(vals, m, (int) (kLo - before));
		double hi = kHi == kLo ? lo : Leveling.select(vals, m, (int) (kHi - before));
		return 0.5 * (lo + hi);
	}

	/**
	 * Profile parameters of {@code z} sampled every {@code spacing}. With {@code cutoff} > 0 (same
	 * unit as spacing) the waviness is the ISO 16610-21 Gaussian-filtered profile (weights
	 * renormalised near the ends); otherwise the least-squares mean line is removed ("unfiltered").
	 * Rz is the mean over 5 equal sampling lengths (n/5 points each; a remainder of n mod 5 points at
	 * the end is not used) of highest peak + deepest valley.
	 */
	public static Profile profile(double[] z, double spacing, double cutoff) {
		int n = z.length;
		if (n < 10) throw new InvalidInputException("line: a profile needs at least 10 points (got " + n + ")");
		double[] r = new double[n];
		if (cutoff > 0) {
			double alpha = Math.sqrt(Math.log(2) / Math.PI), s = alpha * cutoff;
			int half = (int) Math.ceil(s * 3 / spacing); // weights below exp(−9π) are dropped
			double[] wts = new double[half + 1];
			for (int k = 0; k <= half; k++) {
				double x = k * spacing / s;
				wts[k] = Math.exp(-Math.PI * x * x);
			}
			for (int i = 0; i < n; i++) {
				double sw = 0, sv = 0;
				for (int k = Math.max(-half, -i); k <= Math.min(half, n - 1 - i); k++) {
					double wk = wts[Math.abs(k)];
					sw += wk;
					sv += wk * z[i + k];
				}
				r[i] = z[i] - sv / sw;
			}
		} else {
			double sx = 0, sy = 0, sxx = 0, sxy = 0;
			for (int i = 0; i < n; i++) {
				sx += i;
				sy += z[i];
				sxx += (double) i * i;
				sxy += i * z[i];
			}
			double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx), icpt = (sy - slope * sx) / n;
			for (int i = 0; i < n; i++)
				r[i] = z[i] - (icpt + slope * i);
		}
		Profile p = new Profile();
		p.n = n;
		p.length = (n - 1) * spacing;
		p.roughness = r;
		double m1 = 0, m2 = 0, m3 = 0, m4 = 0, hi = Double.NEGATIVE_INFINITY, lo = Double.POSITIVE_INFINITY;
		for (double v : r) {
			m1 += Math.abs(v);
			m2 += v * v;
			m3 += v * v * v;
			m4 += v * v * v * v;
			hi = Math.max(hi, v);
			lo = Math.min(lo, v);
		}
		p.ra = m1 / n;
		double var = m2 / n;
		p.rq = Math.sqrt(var);
		p.rsk = var > 0 ? m3 / n / (var * p.rq) : Double.NaN;
		p.rku = var > 0 ? m4 / n / (var * var) : Double.NaN;
		p.rp = hi;
		p.rv = -lo;
		p.rt = hi - lo;
		int seg = n / 5;
		double rz = 0;
		for (int s = 0; s < 5; s++) {
			double sh = Double.NEGATIVE_INFINITY, sl = Double.POSITIVE_INFINITY;
			for (int i = s * seg; i < (s + 1) * seg; i++) {
				sh = Math.max(sh, r[i]);
				sl = Math.min(sl, r[i]);
			}
			rz += sh - sl;
		}
		p.rz = rz / 5;
		return p;
	}

	/**
	 * Heights along the line (x1, y1)–(x2, y2) in pixel coordinates (pixel centres at integers),
	 * bilinear, one sample per pixel step of length; NaN where outside the image.
	 */
	public static double[] sampleLine(float[] z, int w, int h, double x1, double y1, double x2, double y2) {
		double len = Math.hypot(x2 - x1, y2 - y1);
		int n = (int) Math.floor(len) + 1;
		double[] out = new double[n];
		for (int i = 0; i < n; i++) {
			double t = n == 1 ? 0 : i / len;
			double x = x1 + t * (x2 - x1), y = y1 + t * (y2 - y1);
			out[i] = bilinear(z, w, h, x, y);
		}
		return out;
	}

	static double bilinear(float[] z, int w, int h, double x, double y) {
		if (x < -1e-9 || y < -1e-9 || x > w - 1 + 1e-9 || y > h - 1 + 1e-9) return Double.NaN;
		int x0 = Math.min(Math.max(0, (int) Math.floor(x)), Math.max(0, w - 2)), y0 = Math.min(Math.max(0, (int) Math.floor(y)), Math.max(0, h - 2));
		int x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
		double fx = x - x0, fy = y - y0;
		double a = z[y0 * w + x0], b = z[y0 * w + x1], c = z[y1 * w + x0], d = z[y1 * w + x1];
		return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
	}
}
