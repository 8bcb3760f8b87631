package org.interphase.core.afm;

import java.util.Arrays;
import java.util.Locale;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;

/**
 * Leveling of AFM height images (SCIENCE.md §4 "Leveling"): least-squares plane or polynomial
 * background, row alignment by the median or mean of each scan line, or a plane followed by
 * median row alignment. Pixels that are NaN or marked in {@code excluded} take no part in the
 * fits; NaN pixels stay NaN. The input is never modified.
 */
public final class Leveling {

	public static final String PLANE = "plane", POLYNOMIAL = "polynomial", ROWS_MEDIAN = "align_rows_median", ROWS_MEAN = "align_rows_mean",
		PLANE_THEN_ROWS = "plane_then_rows";

	/** The method names, as the commands offer them. */
	public static final String[] METHODS = { PLANE, POLYNOMIAL, ROWS_MEDIAN, ROWS_MEAN, PLANE_THEN_ROWS };

	private Leveling() {}

	/**
	 * Levels {@code z} (row-major, {@code w}×{@code h}) with {@code method}; {@code degree} is used
	 * by {@code polynomial} only; {@code excluded} (may be null) marks pixels left out of the fit.
	 */
	public static float[] level(float[] z, int w, int h, String method, int degree, boolean[] excluded, Progress progress) {
		check(z, w, h, excluded);
		String m = method == null ? "" : method.toLowerCase(Locale.ROOT);
		switch (m) {
			case PLANE:
				return subtractPolynomial(z, w, h, 1, excluded, progress);
			case POLYNOMIAL:
				if (degree < 1 || degree > 10) throw new InvalidInputException("degree: " + degree + " is outside 1–10");
				return subtractPolynomial(z, w, h, degree, excluded, progress);
			case ROWS_MEDIAN:
				return alignRows(z, w, h, true, excluded, progress);
			case ROWS_MEAN:
				return alignRows(z, w, h, false, excluded, progress);
			case PLANE_THEN_ROWS:
				return alignRows(subtractPolynomial(z, w, h, 1, excluded, progress), w, h, true, excluded, progress);
			default:
				throw new InvalidInputException("method: unknown leveling \"" + method + "\"; use one of " + String.join(", ", METHODS));
		}
	}

	private static void check(float[] z, int w, int h, boolean[] excluded) {
		if (w < 1 || h < 1 || z.length != (long) w * h) throw new IllegalArgumentException("image of " + z.length + " values is not " + w + "×" + h);
		if (excluded != null && excluded.length != z.length)
			throw new InvalidInputException("mask: its size differs from the image (" + w + "×" + h + ")");
	}

	private static boolean used(float[] z, boolean[] excluded, int p) {
		return !Float.isNaN(z[p]) && (excluded == null || !excluded[p]);
	}

	/** Normalised coordinate of column/row {@code i} of {@code n}: −1 … 1 (0 when n = 1). */
	static double coord(int i, int n) {
		return n == 1 ? 0 : 2.0 * i / (n - 1) - 1;
	}

	/**
	 * Coefficients of the least-squares polynomial Σ a_ij x^i y^j (i + j ≤ degree) in normalised
	 * coordinates, ordered as {@link #terms}. Per-row sums of x^p·z and x^p are accumulated on all
	 * cores, so the cost is one pass over the image whatever the degree.
	 */
	public static double[] fitPolynomial(float[] z, int w, int h, int degree, boolean[] excluded, Progress progress) {
		check(z, w, h, excluded);
		int np = 2 * degree + 1;
		double[][] sz = new double[h][degree + 1]; // Σ_x x^p z, p ≤ degree
		double[][] sc = new double[h][np]; // Σ_x x^p, p ≤ 2 degree
		double[] xs = new double[w];
		for (int x = 0; x < w; x++)
			xs[x] = coord(x, w);
		Parallel.forRange(h, 16, progress, "fitting the background", (from, to) -> {
			for (int y = from; y < to; y++) {
				double[] rz = sz[y], rc = sc[y];
				int off = y * w;
				if (degree == 1) { // the plane: the common case, unrolled
					planeRow(z, off, xs, excluded, rc, rz);
					continue;
				}
				for (int x = 0; x < w; x++) {
					int p = off + x;
					if (!used(z, excluded, p)) continue;
					double v = z[p], xp = 1, xv = xs[x];
					for (int k = 0; k < np; k++) {
						rc[k] += xp;
						if (k <= degree) rz[k] += xp * v;
						xp *= xv;
					}
				}
			}
		});
		int[][] t = terms(degree);
		int nt = t.length;
		double[][] a = new double[nt][nt];
		double[] b = new double[nt];
		for (int y = 0; y < h; y++) {
			double yv = coord(y, h);
			double[] yp = new double[2 * degree + 1];
			yp[0] = 1;
			for (int k = 1; k < yp.length; k++)
				yp[k] = yp[k - 1] * yv;
			for (int r = 0; r < nt; r++) {
				b[r] += yp[t[r][1]] * sz[y][t[r][0]];
				for (int c = 0; c < nt; c++)
					a[r][c] += yp[t[r][1] + t[c][1]] * sc[y][t[r][0] + t[c][0]];
			}
		}
		double[] sol = solve(a, b);
		if (sol == null)
			throw new InvalidInputException("too few pixels outside the mask to fit a polynomial of degree " + degree + " (need " + nt + " spread in x and y)");
		return sol;
	}

	/**
	 * Sums of one row for the plane: rc = (Σ1, Σx, Σx²), rz = (Σz, Σx·z) over the used pixels.
	 * A method of its own so that the JIT compiles it early (it is called once per row).
	 */
	private static void planeRow(float[] z, int off, double[] xs, boolean[] excluded, double[] rc, double[] rz) {
		double c0 = 0, c1 = 0, c2 = 0, z0 = 0, z1 = 0;
		for (int x = 0, w = xs.length; x < w; x++) {
			int p = off + x;
			float v = z[p];
			if (v != v || (excluded != null && excluded[p])) continue;
			double xv = xs[x];
			c0 += 1;
			c1 += xv;
			c2 += xv * xv;
			z0 += v;
			z1 += xv * v;
		}
		rc[0] = c0;
		rc[1] = c1;
		rc[2] = c2;
		rz[0] = z0;
		rz[1] = z1;
	}

	/** out = z − (c1·x + c0) along one row: the same arithmetic as the Horner loop for degree 1, in a loop the JIT vectorises. */
	private static void subtractPlaneRow(float[] z, float[] out, int off, double[] xs, double c0, double c1) {
		for (int x = 0, w = xs.length; x < w; x++)
			out[off + x] = (float) (z[off + x] - (c1 * xs[x] + c0));
	}

	/** Exponents (i of x, j of y) of the polynomial terms with i + j ≤ degree. */
	public static int[][] terms(int degree) {
		int n = (degree + 1) * (degree + 2) / 2, k = 0;
		int[][] t = new int[n][];
		for (int s = 0; s <= degree; s++)
			for (int j = 0; j <= s; j++)
				t[k++] = new int[] { s - j, j };
		return t;
	}

	private static float[] subtractPolynomial(float[] z, int w, int h, int degree, boolean[] excluded, Progress progress) {
		double[] coef = fitPolynomial(z, w, h, degree, excluded, progress);
		int[][] t = terms(degree);
		float[] out = new float[z.length];
		double[] xs = new double[w];
		for (int x = 0; x < w; x++)
			xs[x] = coord(x, w);
		Parallel.forBlocks(h, 16, progress, "subtracting the background", () -> {
			double[] cx = new double[degree + 1];
			return (from, to) -> {
				for (int y = from; y < to; y++) {
					double yv = coord(y, h);
					Arrays.fill(cx, 0);
					for (int k = 0; k < t.length; k++)
						cx[t[k][0]] += coef[k] * Math.pow(yv, t[k][1]);
					int off = y * w;
					if (degree == 1) {
						subtractPlaneRow(z, out, off, xs, cx[0], cx[1]);
						continue;
					}
					for (int x = 0; x < w; x++) {
						double xv = xs[x], bg = cx[degree];
						for (int i = degree - 1; i >= 0; i--)
							bg = bg * xv + cx[i];
						out[off + x] = (float) (z[off + x] - bg);
					}
				}
			};
		});
		return out;
	}

	/** Subtracts from each row its median (or mean) over the used pixels; rows without any keep their values. */
	private static float[] alignRows(float[] z, int w, int h, boolean median, boolean[] excluded, Progress progress) {
		float[] out = new float[z.length];
		Parallel.forBlocks(h, 8, progress, "aligning rows", () -> {
			float[] scratch = new float[w];
			return (from, to) -> {
				for (int y = from; y < to; y++) {
					int off = y * w, n = 0;
					double sum = 0;
					for (int x = 0; x < w; x++) {
						int p = off + x;
						if (!used(z, excluded, p)) continue;
						scratch[n++] = z[p];
						sum += z[p];
					}
					double shift = n == 0 ? 0 : median ? median(scratch, n) : sum / n;
					for (int x = 0; x < w; x++)
						out[off + x] = (float) (z[off + x] - shift);
				}
			};
		});
		return out;
	}

	/** Median of a[0..n) (reorders a); the mean of the two middle values when n is even. */
	public static double median(float[] a, int n) {
		int k = n / 2;
		float hi = select(a, n, k);
		if ((n & 1) == 1) return hi;
		float lo = a[0];
		for (int i = 1; i < k; i++)
			if (a[i] > lo) lo = a[i];
		return 0.5 * ((double) lo + hi);
	}

	/** Quickselect: the k-th smallest of a[0..n); afterwards a[0..k) ≤ a[k] ≤ a[k+1..n). */
	static float select(float[] a, int n, int k) {
		int lo = 0, hi = n - 1;
		while (hi > lo) {
			int mid = (lo + hi) >>> 1;
			// median of three as pivot
			if (a[mid] < a[lo]) swap(a, mid, lo);
			if (a[hi] < a[lo]) swap(a, hi, lo);
			if (a[hi] < a[mid]) swap(a, hi, mid);
			float pivot = a[mid];
			int i = lo, j = hi;
			while (i <= j) {
				while (a[i] < pivot) i++;
				while (a[j] > pivot) j--;
				if (i <= j) {
					swap(a, i, j);
					i++;
					j--;
				}
			}
			if (k <= j) hi = j;
			else if (k >= i) lo = i;
			else return a[k];
		}
		return a[k];
	}

	private static void swap(float[] a, int i, int j) {
		float t = a[i];
		a[i] = a[j];
		a[j] = t;
	}

	/** Gaussian elimination with partial pivoting; null when singular. */
	static double[] solve(double[][] a, double[] b) {
		int n = b.length;
		double scale = 0;
		for (double[] r : a)
			for (double v : r)
				scale = Math.max(scale, Math.abs(v));
		if (scale == 0) return null;
		for (int c = 0; c < n; c++) {
			int piv = c;
			for (int r = c + 1; r < n; r++)
				if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
			if (Math.abs(a[piv][c]) < 1e-12 * scale) return null;
			double[] tr = a[c];
			a[c] = a[piv];
			a[piv] = tr;
			double tb = b[c];
			b[c] = b[piv];
			b[piv] = tb;
			for (int r = c + 1; r < n; r++) {
				double f = a[r][c] / a[c][c];
				if (f == 0) continue;
				for (int k = c; k < n; k++)
					a[r][k] -= f * a[c][k];
				b[r] -= f * b[c];
			}
		}
		double[] x = new double[n];
		for (int r = n - 1; r >= 0; r--) {
			double s = b[r];
			for (int k = r + 1; k < n; k++)
				s -= a[r][k] * x[k];
			x[r] = s / a[r][r];
		}
		return x;
	}
}
