package org.interphase.core.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.util.Pair;

/**
 * Error-function edge model of an interface (SCIENCE.md §3):
 * I(x) = I1 + (I2 − I1)/2 · [1 + erf((x − x0)/(√2 σ))], fitted by Levenberg–Marquardt on a window
 * around the edge, starting from the maximum of the smoothed gradient. Also finds several edges in
 * one profile (both electrodes of a cell) from the gradient, and measures them by the erf fit or by
 * the gradient alone. Plain arrays in, small result objects out; NaN values in y are ignored.
 */
public final class ErfEdgeFit {

	/** 10–90 % width = 2√2·erf⁻¹(0.8)·σ ≈ 2.5631 σ. */
	public static final double WIDTH_10_90 = 2 * Math.sqrt(2) * Erf.erfInv(0.8);
	/** 20–80 % width = 2√2·erf⁻¹(0.6)·σ ≈ 1.6832 σ. */
	public static final double WIDTH_20_80 = 2 * Math.sqrt(2) * Erf.erfInv(0.6);
	/** FWHM of the derivative (a Gaussian) = 2√(2 ln 2)·σ ≈ 2.3548 σ. */
	public static final double FWHM = 2 * Math.sqrt(2 * Math.log(2));

	/** How edges are measured. */
	public enum Method {
		/** Erf fit (x0, σ, plateaus, R²). */
		ERF,
		/** Gradient maximum (sub-sample, parabolic) for x0; σ from the gradient peak's width; plateaus from window ends. */
		GRADIENT
	}

	/** One measured edge. */
	public static final class Edge {
		/** Interface position (x units), width σ (x units), plateau before (I1) and after (I2) the edge. */
		public final double x0, sigma, level1, level2;
		/** R² of the fit on its window (NaN for the gradient method). */
		public final double r2;
		/** The x range used. */
		public final double windowFrom, windowTo;
		/** False when the fit did not converge to an edge inside its window (values are then NaN). */
		public final boolean ok;

		Edge(double x0, double sigma, double level1, double level2, double r2, double windowFrom, double windowTo, boolean ok) {
			this.x0 = x0;
			this.sigma = sigma;
			this.level1 = level1;
			this.level2 = level2;
			this.r2 = r2;
			this.windowFrom = windowFrom;
			this.windowTo = windowTo;
			this.ok = ok;
		}

		static Edge failed(double from, double to) {
			return new Edge(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, from, to, false);
		}

		public double width1090() {
			return WIDTH_10_90 * sigma;
		}

		public double width2080() {
			return WIDTH_20_80 * sigma;
		}

		public double fwhm() {
			return FWHM * sigma;
		}

		/** True when the intensity rises across the edge (I2 > I1). */
		public boolean rising() {
			return level2 > level1;
		}

		/** The model value at {@code x}. */
		public double model(double x) {
			return ErfEdgeFit.model(x, level1, level2, x0, sigma);
		}
	}

	/** Options of {@link #findEdges}. */
	public static final class Options {
		/** Gaussian smoothing of the profile before the gradient, in samples. */
		public double smoothing = 1;
		/** A gradient extremum is an edge candidate when |g| ≥ threshold · max |g|. */
		public double threshold = 0.5;
		/** Largest number of edges kept (the strongest). */
		public int maxEdges = 2;
		/** Minimum distance between edges, in x units. */
		public double minSeparation = 5;
		/** Least half-width of the fit window, in x units (the window is also ≥ 4 σ each side of the guess). */
		public double minHalfWindow = 5;
		/** Largest half-width of the fit window, in x units (0 = up to half way to the neighbouring edges). */
		public double maxHalfWindow = 0;
		public Method method = Method.ERF;
	}

	private ErfEdgeFit() {}

	public static double model(double x, double i1, double i2, double x0, double sigma) {
		return i1 + (i2 - i1) * 0.5 * (1 + Erf.erf((x - x0) / (Math.sqrt(2) * sigma)));
	}

	/** Fits one edge to the whole of (x, y), starting from the strongest gradient. */
	public static Edge fit(double[] x, double[] y) {
		Options o = new Options();
		o.maxEdges = 1;
		o.maxHalfWindow = Double.POSITIVE_INFINITY;
		o.minHalfWindow = Double.POSITIVE_INFINITY;
		List<Edge> e = findEdges(x, y, o);
		return e.isEmpty() ? Edge.failed(x[0], x[x.length - 1]) : e.get(0);
	}

	/**
	 * Fits the edge model to the points of (x, y) with x in [from, to], starting from
	 * {@code x0Guess}, {@code sigmaGuess}; plateau guesses from the window ends.
	 */
	public static Edge fitWindow(double[] x, double[] y, double from, double to, double x0Guess, double sigmaGuess) {
		int m = 0;
		for (int i = 0; i < x.length; i++)
			if (x[i] >= from && x[i] <= to && y[i] == y[i]) m++;
		if (m < 5) return Edge.failed(from, to);
		double[] xs = new double[m], ys = new double[m];
		m = 0;
		for (int i = 0; i < x.length; i++)
			if (x[i] >= from && x[i] <= to && y[i] == y[i]) {
				xs[m] = x[i];
				ys[m++] = y[i];
			}
		double[] lv = plateaus(xs, ys, x0Guess, sigmaGuess);
		final double[] fx = xs;
		MultivariateJacobianFunction f = point -> {
			double i1 = point.getEntry(0), i2 = point.getEntry(1), x0 = point.getEntry(2), s = Math.abs(point.getEntry(3)) + 1e-12;
			double sign = point.getEntry(3) < 0 ? -1 : 1;
			RealVector value = new ArrayRealVector(fx.length);
			RealMatrix jac = new Array2DRowRealMatrix(fx.length, 4);
			for (int i = 0; i < fx.length; i++) {
				double u = (fx[i] - x0) / (Math.sqrt(2) * s);
				double e = 0.5 * (1 + Erf.erf(u));
				double de = Math.exp(-u * u) / Math.sqrt(Math.PI);
				value.setEntry(i, i1 + (i2 - i1) * e);
				jac.setEntry(i, 0, 1 - e);
				jac.setEntry(i, 1, e);
				jac.setEntry(i, 2, (i2 - i1) * de * (-1 / (Math.sqrt(2) * s)));
				jac.setEntry(i, 3, sign * (i2 - i1) * de * (-u / s));
			}
			return new Pair<>(value, jac);
		};
		double[] start = { lv[0], lv[1], x0Guess, Math.max(sigmaGuess, 0.3 * spacing(xs)) };
		try {
			LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder().start(start).model(f)
				.target(ys).lazyEvaluation(false).maxEvaluations(2000).maxIterations(500).build());
			double[] p = opt.getPoint().toArray();
			double sigma = Math.abs(p[3]);
			if (!(p[2] >= from && p[2] <= to) || !(sigma > 0) || !(sigma < (to - from)) || Double.isNaN(p[0] + p[1])) return Edge.failed(from, to);
			return new Edge(p[2], sigma, p[0], p[1], r2(xs, ys, p), from, to, true);
		} catch (RuntimeException e) { // no convergence within the limits
			return Edge.failed(from, to);
		}
	}

	private static double r2(double[] xs, double[] ys, double[] p) {
		double mean = 0;
		for (double v : ys)
			mean += v;
		mean /= ys.length;
		double res = 0, tot = 0;
		for (int i = 0; i < xs.length; i++) {
			double r = ys[i] - model(xs[i], p[0], p[1], p[2], Math.abs(p[3]));
			res += r * r;
			tot += (ys[i] - mean) * (ys[i] - mean);
		}
		return tot > 0 ? 1 - res / tot : Double.NaN;
	}

	/** Plateau guesses: means of the window points beyond 2σ on either side of x0 (or the end points). */
	private static double[] plateaus(double[] xs, double[] ys, double x0, double sigma) {
		double s1 = 0, s2 = 0;
		int n1 = 0, n2 = 0;
		for (int i = 0; i < xs.length; i++) {
			if (xs[i] < x0 - 2 * sigma) {
				s1 += ys[i];
				n1++;
			} else if (xs[i] > x0 + 2 * sigma) {
				s2 += ys[i];
				n2++;
			}
		}
		return new double[] { n1 > 0 ? s1 / n1 : ys[0], n2 > 0 ? s2 / n2 : ys[ys.length - 1] };
	}

	private static double spacing(double[] xs) {
		return xs.length < 2 ? 1 : Math.abs(xs[xs.length - 1] - xs[0]) / (xs.length - 1);
	}

	/** Gaussian-smoothed copy (σ in samples), NaN-aware (normalised convolution); σ ≤ 0 copies. */
	public static double[] smooth(double[] y, double sigma) {
		int n = y.length;
		double[] out = new double[n];
		if (!(sigma > 0)) {
			System.arraycopy(y, 0, out, 0, n);
			return out;
		}
		int r = (int) Math.ceil(3 * sigma);
		double[] k = new double[2 * r + 1];
		for (int i = -r; i <= r; i++)
			k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
		for (int i = 0; i < n; i++) {
			double s = 0, ws = 0;
			for (int j = -r; j <= r; j++) {
				int t = i + j;
				if (t < 0 || t >= n || y[t] != y[t]) continue;
				s += k[j + r] * y[t];
				ws += k[j + r];
			}
			out[i] = ws > 0 ? s / ws : Double.NaN;
		}
		return out;
	}

	/** Derivative dy/dx by central differences (one-sided at the ends). */
	public static double[] gradient(double[] x, double[] y) {
		int n = y.length;
		double[] g = new double[n];
		for (int i = 0; i < n; i++) {
			int a = Math.max(0, i - 1), b = Math.min(n - 1, i + 1);
			g[i] = b > a ? (y[b] - y[a]) / (x[b] - x[a]) : Double.NaN;
		}
		return g;
	}

	/**
	 * Finds up to {@code maxEdges} edges (the strongest gradient extrema above the threshold, at
	 * least {@code minSeparation} apart), sorted by x, and measures each by the chosen method.
	 * x must increase.
	 */
	public static List<Edge> findEdges(double[] x, double[] y, Options o) {
		int n = y.length;
		if (n < 5) return Collections.emptyList();
		double[] s = smooth(y, o.smoothing);
		double[] g = gradient(x, s);
		double gmax = 0;
		for (double v : g)
			if (Math.abs(v) > gmax) gmax = Math.abs(v);
		if (!(gmax > 0)) return Collections.emptyList();
		List<Integer> cand = new ArrayList<>();
		for (int i = 1; i < n - 1; i++) {
			double a = Math.abs(g[i]);
			if (a >= o.threshold * gmax && a >= Math.abs(g[i - 1]) && a > Math.abs(g[i + 1])) cand.add(i);
		}
		cand.sort((p, q) -> Double.compare(Math.abs(g[q]), Math.abs(g[p])));
		List<Integer> kept = new ArrayList<>();
		for (int c : cand) {
			if (kept.size() >= o.maxEdges) break;
			boolean far = true;
			for (int k : kept)
				if (Math.abs(x[k] - x[c]) < o.minSeparation) far = false;
			if (far) kept.add(c);
		}
		Collections.sort(kept);
		double spacing = spacing(x);
		double smoothX = o.smoothing * spacing;
		List<Edge> edges = new ArrayList<>();
		for (int e = 0; e < kept.size(); e++) {
			int c = kept.get(e);
			// sub-sample position of the gradient extremum
			double xc = x[c];
			double ga = Math.abs(g[c - 1]), gb = Math.abs(g[c]), gc = Math.abs(g[c + 1]);
			double den = ga - 2 * gb + gc;
			if (den < 0) xc = x[c] + 0.5 * (ga - gc) / den * (x[c + 1] - x[c - 1]) / 2;
			// width of the gradient peak at half maximum → σ guess
			int lo = c, hi = c;
			while (lo > 0 && Math.abs(g[lo]) > gb / 2 && Math.signum(g[lo]) == Math.signum(g[c])) lo--;
			while (hi < n - 1 && Math.abs(g[hi]) > gb / 2 && Math.signum(g[hi]) == Math.signum(g[c])) hi++;
			double sigmaG = Math.max(spacing, (x[hi] - x[lo]) / FWHM);
			double sigmaGuess = Math.sqrt(Math.max(sigmaG * sigmaG - smoothX * smoothX, 0.25 * spacing * spacing));
			double half = Math.max(o.minHalfWindow, 4 * sigmaGuess);
			if (o.maxHalfWindow > 0) half = Math.min(half, o.maxHalfWindow);
			double from = xc - half, to = xc + half;
			if (e > 0) from = Math.max(from, (x[kept.get(e - 1)] + x[c]) / 2);
			if (e < kept.size() - 1) to = Math.min(to, (x[kept.get(e + 1)] + x[c]) / 2);
			from = Math.max(from, x[0]);
			to = Math.min(to, x[n - 1]);
			if (o.method == Method.ERF) {
				edges.add(fitWindow(x, y, from, to, xc, sigmaGuess));
			} else {
				double[] lv = windowPlateaus(x, y, from, to, xc, sigmaGuess);
				double sigma = Math.abs(lv[1] - lv[0]) / (Math.sqrt(2 * Math.PI) * gb);
				sigma = Math.sqrt(Math.max(sigma * sigma - smoothX * smoothX, 0));
				edges.add(new Edge(xc, sigma, lv[0], lv[1], Double.NaN, from, to, true));
			}
		}
		return edges;
	}

	private static double[] windowPlateaus(double[] x, double[] y, double from, double to, double x0, double sigma) {
		double s1 = 0, s2 = 0;
		int n1 = 0, n2 = 0;
		for (int i = 0; i < x.length; i++) {
			if (y[i] != y[i] || x[i] < from || x[i] > to) continue;
			if (x[i] < x0 - 2 * sigma) {
				s1 += y[i];
				n1++;
			} else if (x[i] > x0 + 2 * sigma) {
				s2 += y[i];
				n2++;
			}
		}
		return new double[] { n1 > 0 ? s1 / n1 : Double.NaN, n2 > 0 ? s2 / n2 : Double.NaN };
	}
}
