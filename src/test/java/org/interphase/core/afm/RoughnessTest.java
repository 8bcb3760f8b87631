package org.interphase.core.afm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.interphase.core.Progress;
import org.junit.jupiter.api.Test;

class RoughnessTest {

	/** Sa, Sq, Ssk, Sku, Sp, Sv, Sdq, Sdr and median against direct double-loop formulas (SCIENCE.md §4) on a skewed random surface. */
	@Test
	void arealMatchesDirectFormulas() {
		int w = 97, h = 64;
		float[] g = AfmPhantoms.gaussianSurface(w, h, 1.5, 2.0, 11);
		float[] z = new float[w * h];
		for (int i = 0; i < z.length; i++)
			z[i] = (float) (g[i] + 0.3 * g[i] * g[i]); // skewed, non-Gaussian kurtosis
		checkAgainstDirectFormulas(z.clone(), w, h); // without NaN: the branch-free path
		z[5] = Float.NaN; // NaN pixels are left out
		checkAgainstDirectFormulas(z, w, h);
	}

	private static void checkAgainstDirectFormulas(float[] z, int w, int h) {
		double dx = 7.8, dy = 9.1;
		Roughness.Areal a = Roughness.areal(z, w, h, dx, dy, Progress.NONE);
		double m = 0;
		int n = 0;
		double[] vals = new double[z.length];
		for (float v : z)
			if (!Float.isNaN(v)) {
				m += v;
				vals[n++] = v;
			}
		m /= n;
		double s1 = 0, s2 = 0, s3 = 0, s4 = 0, mx = -1e300, mn = 1e300;
		for (int i = 0; i < n; i++) {
			double d = vals[i] - m;
			s1 += Math.abs(d);
			s2 += d * d;
			s3 += d * d * d;
			s4 += d * d * d * d;
			mx = Math.max(mx, vals[i]);
			mn = Math.min(mn, vals[i]);
		}
		double sq = Math.sqrt(s2 / n);
		assertEquals(n, a.n);
		assertEquals(s1 / n, a.sa, 1e-7 * sq);
		assertEquals(sq, a.sq, 1e-7 * sq);
		assertEquals(s3 / n / (sq * sq * sq), a.ssk, 1e-7);
		assertEquals(s4 / n / (sq * sq * sq * sq), a.sku, 1e-7);
		assertEquals(a.sku - 3, a.excessKurtosis(), 1e-12);
		assertEquals(mx - m, a.sp, 1e-9);
		assertEquals(m - mn, a.sv, 1e-9);
		assertEquals(mx - mn, a.sz, 1e-9);
		double[] sorted = Arrays.copyOf(vals, n);
		Arrays.sort(sorted);
		assertEquals(0.5 * (sorted[(n - 1) / 2] + sorted[n / 2]), a.median, 0, "median is exact");
		// Sdq: all horizontal and vertical finite differences
		double gs = 0;
		int nd = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double v = z[y * w + x];
				if (x + 1 < w && !Double.isNaN(v + z[y * w + x + 1])) {
					gs += Math.pow((z[y * w + x + 1] - v) / dx, 2);
					nd++;
				}
				if (y + 1 < h && !Double.isNaN(v + z[(y + 1) * w + x])) {
					gs += Math.pow((z[(y + 1) * w + x] - v) / dy, 2);
					nd++;
				}
			}
		assertEquals(Math.sqrt(2 * gs / nd), a.sdq, 1e-9 * a.sdq);
		// Sdr: 4 triangles per cell around the centre mean, each area by Heron's formula
		double area = 0;
		int cells = 0;
		for (int y = 0; y + 1 < h; y++)
			for (int x = 0; x + 1 < w; x++) {
				double[][] c = { { 0, 0, z[y * w + x] }, { dx, 0, z[y * w + x + 1] }, { dx, dy, z[(y + 1) * w + x + 1] }, { 0, dy, z[(y + 1) * w + x] } };
				double zc = (c[0][2] + c[1][2] + c[2][2] + c[3][2]) / 4;
				if (Double.isNaN(zc)) continue;
				double[] ctr = { dx / 2, dy / 2, zc };
				for (int k = 0; k < 4; k++)
					area += heron(c[k], c[(k + 1) % 4], ctr);
				cells++;
			}
		assertEquals((area / (cells * dx * dy) - 1) * 100, a.sdr, 1e-7 * a.sdr);
	}

	/** The median is exact on ties, values on histogram bin edges, a constant image and with NaNs: against a full sort. */
	@Test
	void medianExactOnTiesAndEdges() {
		java.util.SplittableRandom r = new java.util.SplittableRandom(21);
		int w = 61, h = 47;
		for (int c = 0; c < 4; c++) {
			float[] z = new float[w * h];
			for (int i = 0; i < z.length; i++)
				z[i] = c == 0 ? 3.25f : c == 1 ? (float) Math.floor(r.nextDouble() * 7) : c == 2 ? (float) (r.nextInt(16384) / 16383.0) : (float) Math.tan(Math.PI * (r.nextDouble() - 0.5));
			if (c == 3) for (int i = 0; i < z.length; i += 13)
				z[i] = Float.NaN;
			float[] finite = new float[z.length];
			int n = 0;
			for (float v : z)
				if (!Float.isNaN(v)) finite[n++] = v;
			Arrays.sort(finite, 0, n);
			double expect = 0.5 * ((double) finite[(n - 1) / 2] + finite[n / 2]);
			assertEquals(expect, Roughness.areal(z, w, h, 1, 1, Progress.NONE).median, 0, "case " + c);
		}
	}

	private static double heron(double[] p, double[] q, double[] r) {
		double a = dist(p, q), b = dist(q, r), c = dist(r, p), s = (a + b + c) / 2;
		return Math.sqrt(Math.max(0, s * (s - a) * (s - b) * (s - c)));
	}

	private static double dist(double[] p, double[] q) {
		return Math.sqrt(Math.pow(p[0] - q[0], 2) + Math.pow(p[1] - q[1], 2) + Math.pow(p[2] - q[2], 2));
	}

	/** A tilted plane z = a·x + b·y: Sdr = (√(1 + a² + b²) − 1)·100 % and Sdq² = 2(a²·nh + b²·nv)/(nh + nv) exactly. */
	@Test
	void planeSlopeAndArea() {
		int w = 50, h = 40;
		double a = 0.3, b = -0.2, dx = 2, dy = 2;
		float[] z = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				z[y * w + x] = (float) (a * x * dx + b * y * dy);
		Roughness.Areal r = Roughness.areal(z, w, h, dx, dy, Progress.NONE);
		assertEquals((Math.sqrt(1 + a * a + b * b) - 1) * 100, r.sdr, 1e-4);
		double nh = (w - 1) * h, nv = w * (h - 1);
		assertEquals(Math.sqrt(2 * (a * a * nh + b * b * nv) / (nh + nv)), r.sdq, 1e-5);
	}

	/**
	 * A constructed profile: 5 sampling lengths of 40 points, each with one peak 2·V_i at its
	 * centre and two valleys −V_i at ±7 points (zero mean and zero slope in every segment, so the
	 * mean line is 0): Rz = mean(3·V_i), Rp = 2·max V, Rv = max V, Rt = 3·max V.
	 */
	@Test
	void profileRzOnKnownPeaks() {
		double[] v = { 1, 2, 3, 4, 5 };
		double[] z = new double[200];
		for (int s = 0; s < 5; s++) {
			int c = s * 40 + 20;
			z[c] = 2 * v[s];
			z[c - 7] = -v[s];
			z[c + 7] = -v[s];
		}
		Roughness.Profile p = Roughness.profile(z, 0.01, 0);
		assertEquals(9, p.rz, 1e-9);
		assertEquals(10, p.rp, 1e-9);
		assertEquals(5, p.rv, 1e-9);
		assertEquals(15, p.rt, 1e-9);
		double sa = 0, s2 = 0;
		for (double x : v) {
			sa += 4 * x;
			s2 += 6 * x * x;
		}
		assertEquals(sa / 200, p.ra, 1e-9);
		assertEquals(Math.sqrt(s2 / 200), p.rq, 1e-9);
	}

	/** Gaussian filter: a short wave (λc/8) passes, a long wave (8·λc) is removed, away from the ends. */
	@Test
	void gaussianCutoff() {
		int n = 4001;
		double dx = 0.01, lc = 2.5;
		double[] z = new double[n];
		for (int i = 0; i < n; i++) {
			double x = i * dx;
			z[i] = 10 * Math.sin(2 * Math.PI * x / (8 * lc)) + 1 * Math.sin(2 * Math.PI * x / (lc / 8));
		}
		Roughness.Profile p = Roughness.profile(z, dx, lc);
		// ISO 16610-21 transmission of the roughness at λ: 1 − exp(−π (α λc / λ)²)
		double alpha = Math.sqrt(Math.log(2) / Math.PI);
		double tShort = 1 - Math.exp(-Math.PI * Math.pow(alpha * 8, 2));
		double tLong = 1 - Math.exp(-Math.PI * Math.pow(alpha / 8, 2));
		double s2 = 0;
		int m = 0;
		for (int i = 1000; i < 3000; i++) {
			double x = i * dx;
			double expect = 10 * tLong * Math.sin(2 * Math.PI * x / (8 * lc)) + tShort * Math.sin(2 * Math.PI * x / (lc / 8));
			s2 += Math.pow(p.roughness[i] - expect, 2);
			m++;
		}
		assertEquals(0, Math.sqrt(s2 / m), 0.01, "rms deviation from the ISO transmission (amplitude 1)");
	}
}
