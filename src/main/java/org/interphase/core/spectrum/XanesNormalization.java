package org.interphase.core.spectrum;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.interphase.core.stack.PixelEngine;
import org.interphase.core.stack.SpectralStack;
import org.interphase.core.stack.SpectrumWriter;

/**
 * XANES normalization of every pixel, Athena/Larch convention (SCIENCE.md §1):
 * E0 (maximum of the smoothed derivative, normalized-μ = 0.5 crossing, or fixed); pre-edge line
 * on [E0 + pre1, E0 + pre2]; post-edge polynomial of degree nnorm on [E0 + norm1, E0 + norm2];
 * edge step = post(E0) − pre(E0); norm = (μ − pre)/step; flattened above E0 by subtracting the
 * normalized post-edge curvature. The windows follow each pixel's own E0 (as Athena does per
 * spectrum), clipped to the data with at least 3 points each.
 * <p>
 * Defaults differ from Athena's K-edge ones (pre1 = −150, pre2 = −30, norm1 = 150 eV): they suit
 * the 30–50 eV wide L-edge and soft X-ray stacks (pre1 = −10, pre2 = −2, norm1 = 5, norm2 = 20 eV).
 * <p>
 * All pixels share one design: the energies are centred and scaled once, and the window sums of
 * their powers (the normal matrices of both fits) come from prefix sums computed once per stack;
 * per pixel only the sums involving μ are accumulated.
 */
public final class XanesNormalization {

	/** How E0 is found. */
	public enum E0Method {
		DERIVATIVE, HALF_STEP, FIXED;

		public static E0Method parse(String s) {
			switch (s.toLowerCase(Locale.ROOT)) {
				case "derivative": return DERIVATIVE;
				case "half_step": return HALF_STEP;
				case "fixed": return FIXED;
				default: throw new InvalidInputException("e0_method: unknown value \"" + s + "\"; use derivative, half_step or fixed");
			}
		}
	}

	/** Parameters (energies in eV, ranges relative to E0). */
	public static final class Options {
		public E0Method method = E0Method.DERIVATIVE;
		/** The fixed E0, or the centre of the E0 search window (NaN: search everywhere). */
		public double e0 = Double.NaN;
		/** Half-width of the E0 search window around {@link #e0}. */
		public double e0Window = 5;
		public double pre1 = -10, pre2 = -2, norm1 = 5, norm2 = 20;
		public int nnorm = 1;
		public boolean flatten = false;
		/** A pixel is valid when edge step > minEdgeJump × pre-edge noise. */
		public double minEdgeJump = 5;
	}

	/** Per-pixel maps; NaN in e0, edgeStep and the normalized stack where the pixel is not valid. */
	public static final class Result {
		public final SpectralStack normalized;
		public final float[] e0, edgeStep, noise, valid;
		public final int validPixels;

		Result(SpectralStack normalized, float[] e0, float[] edgeStep, float[] noise, float[] valid, int validPixels) {
			this.normalized = normalized;
			this.e0 = e0;
			this.edgeStep = edgeStep;
			this.noise = noise;
			this.valid = valid;
			this.validPixels = validPixels;
		}
	}

	private final double[] energies;
	private final int n;
	private final Options o;
	/** Centred, scaled energies x = (E − centre)/scale and prefix sums of x^k, k = 0..4. */
	private final double centre, scale;
	private final double[] x;
	private final double[][] prefix;
	/** 1/(E[i+1] − E[i−1]) (one-sided at the ends) for the derivative. */
	private final double[] invSpan;
	/** Index search: bucket b starts at energies[0] + b / bucketsPerEv; bucketStart[b] is the first energy ≥ that. */
	private final int buckets;
	private final double bucketsPerEv;
	private final int[] bucketStart;

	/** Prepares the per-stack design for {@code energies} (strictly increasing). */
	public XanesNormalization(double[] energies, Options options) {
		this.energies = energies.clone();
		this.n = energies.length;
		this.o = options;
		if (n < 5) throw new InvalidInputException("stack: XANES normalization needs at least 5 energies, got " + n);
		if (!(o.pre1 < o.pre2)) throw new InvalidInputException("pre1 (" + o.pre1 + " eV) must be below pre2 (" + o.pre2 + " eV)");
		if (!(o.norm1 < o.norm2)) throw new InvalidInputException("norm1 (" + o.norm1 + " eV) must be below norm2 (" + o.norm2 + " eV)");
		if (o.nnorm < 0 || o.nnorm > 2) throw new InvalidInputException("nnorm must be 0, 1 or 2, got " + o.nnorm);
		if (o.method == E0Method.FIXED && !Double.isFinite(o.e0))
			throw new InvalidInputException("e0: e0_method=fixed needs the edge energy e0 (eV)");
		if (Double.isFinite(o.e0) && (o.e0 < energies[0] || o.e0 > energies[n - 1]))
			throw new InvalidInputException(String.format(Locale.ROOT, "e0: %.4g eV is outside the stack's %.4g–%.4g eV", o.e0, energies[0], energies[n - 1]));
		invSpan = new double[n];
		for (int i = 1; i < n - 1; i++)
			invSpan[i] = 1 / (energies[i + 1] - energies[i - 1]);
		invSpan[0] = 1 / (energies[1] - energies[0]);
		invSpan[n - 1] = 1 / (energies[n - 1] - energies[n - 2]);
		buckets = 4 * n;
		double span = energies[n - 1] - energies[0];
		// buckets far wider than the rounding of the energies (else every walk starts at 0: still exact)
		bucketsPerEv = span / buckets > 1e-6 * Math.max(Math.abs(energies[0]), Math.abs(energies[n - 1])) ? buckets / span : 0;
		bucketStart = new int[buckets + 1];
		for (int b = 0, i = 0; b <= buckets; b++) {
			double edge = bucketsPerEv > 0 ? energies[0] + b / bucketsPerEv : Double.NEGATIVE_INFINITY;
			while (i < n && energies[i] < edge)
				i++;
			bucketStart[b] = i;
		}
		centre = 0.5 * (energies[0] + energies[n - 1]);
		scale = Math.max(1e-6, 0.5 * (energies[n - 1] - energies[0]));
		x = new double[n];
		prefix = new double[5][n + 1];
		for (int i = 0; i < n; i++) {
			x[i] = (energies[i] - centre) / scale;
			double pw = 1;
			for (int k = 0; k < 5; k++) {
				prefix[k][i + 1] = prefix[k][i] + pw;
				pw *= x[i];
			}
		}
	}

	/** Normalizes every pixel of {@code stack}. */
	public static Result normalize(SpectralStack stack, Options options, Progress progress) {
		XanesNormalization xn = new XanesNormalization(stack.energies(), options);
		int pixels = stack.pixels(), nE = stack.energyCount();
		SpectralStack out = SpectralStack.allocate(stack.width(), stack.height(), stack.energies());
		float[][] outSlices = out.slices();
		float[] e0 = new float[pixels], step = new float[pixels], noise = new float[pixels], valid = new float[pixels];
		int[] validCount = new int[1];
		List<SpectrumWriter> writers = Collections.synchronizedList(new ArrayList<>());
		PixelEngine.forEachSpectrum(stack, () -> {
			Worker w = xn.newWorker();
			SpectrumWriter writer = new SpectrumWriter(outSlices, 256);
			writers.add(writer);
			float[] buf = writer.buffer();
			return (pixel, mu) -> {
				boolean ok = w.fit(mu);
				noise[pixel] = (float) w.noise;
				valid[pixel] = ok ? 1 : 0;
				int off = writer.reserve(pixel);
				if (!ok) {
					e0[pixel] = step[pixel] = Float.NaN;
					for (int e = 0; e < nE; e++)
						buf[off + e] = Float.NaN;
					return;
				}
				e0[pixel] = (float) w.e0;
				step[pixel] = (float) w.step;
				w.normalizeInto(mu, buf, off);
			};
		}, progress, "XANES normalization");
		for (SpectrumWriter writer : writers)
			writer.flush();
		for (float v : valid)
			if (v == 1) validCount[0]++;
		return new Result(out, e0, step, noise, valid, validCount[0]);
	}

	/** A per-thread worker: scratch buffers and the last pixel's fit. */
	public Worker newWorker() {
		return new Worker();
	}

	/** Fits one spectrum at a time; allocates nothing per spectrum. */
	public final class Worker {
		/** The derivative with its end values repeated once on each side (see {@link #derivativeE0}). */
		private final double[] d = new double[n + 2];
		/** Where the last spectrum's smoothed derivative was largest: neighbouring pixels have their edges close together. */
		private int lastBest = n / 2;
		private final double[] mat = new double[9], rhs = new double[3];
		/** Results of the last {@link #fit}: E0 (eV), pre-edge line and post-edge polynomial in x, step, noise. */
		public double e0, step, noise;
		private double e0x;
		public final double[] pre = new double[2], post = new double[3];

		/** Fits {@code mu} (length = energies); returns whether the pixel is valid. */
		public boolean fit(double[] mu) {
			e0 = step = noise = Double.NaN;
			if (!allFinite(mu)) return false;
			double start;
			if (o.method == E0Method.FIXED) start = o.e0;
			else start = derivativeE0(mu);
			if (!Double.isFinite(start)) return false;
			if (!fitAt(mu, start)) return false;
			if (o.method == E0Method.HALF_STEP) {
				for (int pass = 0; pass < 2; pass++) {
					double half = halfCrossing(mu);
					if (!Double.isFinite(half)) return false;
					if (!fitAt(mu, half)) return false;
				}
			}
			return step > 0 && Double.isFinite(noise) && step > o.minEdgeJump * noise;
		}

		/** Writes the normalized (or flattened) spectrum of the last fit into {@code out[off ..]}. */
		public void normalizeInto(double[] mu, float[] out, int off) {
			double inv = 1 / step, p0 = pre[0], p1 = pre[1];
			int e = 0;
			if (o.flatten) {
				int above = upperIndex(e0) + 1; // first energy > E0
				if (energies[above - 1] > e0) above--;
				for (; e < above; e++)
					out[off + e] = (float) ((mu[e] - p0 - p1 * x[e]) * inv);
				double q0 = post[0], q1 = post[1], q2 = post[2];
				for (; e < n; e++) {
					double xe = x[e];
					out[off + e] = (float) ((mu[e] - q0 - xe * (q1 + xe * q2)) * inv + 1);
				}
			} else {
				for (; e < n; e++)
					out[off + e] = (float) ((mu[e] - p0 - p1 * x[e]) * inv);
			}
		}

		/** Normalized (or flattened) value of μ at energy index {@code e} with the last fit. */
		public double normalized(int e, double mu) {
			double xe = x[e];
			double pr = pre[0] + pre[1] * xe;
			double v = (mu - pr) / step;
			if (o.flatten && energies[e] > e0) {
				double po = post[0] + xe * (post[1] + xe * post[2]);
				v = v - (po - pr) / step + 1;
			}
			return v;
		}

		/** Pre-edge line value at energy {@code energy}. */
		public double preEdge(double energy) {
			double xe = (energy - centre) / scale;
			return pre[0] + pre[1] * xe;
		}

		/** Post-edge polynomial value at energy {@code energy}. */
		public double postEdge(double energy) {
			double xe = (energy - centre) / scale;
			return post[0] + xe * (post[1] + xe * post[2]);
		}

		/**
		 * Energy of the maximum of dμ/dE: finite differences on the actual energies, a 3-point
		 * median (a single-point glitch makes a one-point spike pair in the derivative; the median
		 * removes it), a [1 2 1]/4 smoothing, the maximum inside the search window, refined by the
		 * vertex of the parabola through it and its neighbours.
		 * <p>
		 * The median and smoothing cost most, so they are evaluated only where the maximum can be.
		 * The derivative is stored at d[i + 1] with its end values repeated in d[0] and d[n + 1]:
		 * then the median around every i, ends included, is median3(d[i], d[i + 1], d[i + 2])
		 * (median3(a, b, b) = b keeps the end values). A median is at most the largest of its
		 * three, so the smoothed value at i is at most bound(x) = 0.25 × (x + 2x + x), computed in
		 * the same floating-point steps as the smoothing (rounding is monotone, so this holds
		 * exactly), where x is the largest derivative within 2 points of i. With {@code floor} the
		 * smoothed value where the previous spectrum had its maximum (any attained value would do;
		 * this one is usually close to the maximum), every i where the smoothed maximum can be
		 * lies within 2 points of a derivative value with bound ≥ floor;
		 * the exact sweep runs from 2 before the first such value to 2 after the last, in order, so
		 * it finds the same first maximum as a sweep over the whole window. On an edge that is a
		 * few points; on a noise-only pixel it may be the whole window.
		 */
		private double derivativeE0(double[] mu) {
			for (int i = 1; i < n - 1; i++)
				d[i + 1] = (mu[i + 1] - mu[i - 1]) * invSpan[i];
			d[1] = d[0] = (mu[1] - mu[0]) * invSpan[0];
			d[n] = d[n + 1] = (mu[n - 1] - mu[n - 2]) * invSpan[n - 1];
			int lo = 1, hi = n - 2;
			if (Double.isFinite(o.e0) && o.e0Window > 0) {
				lo = Math.max(1, lowerIndex(o.e0 - o.e0Window));
				hi = Math.min(n - 2, upperIndex(o.e0 + o.e0Window));
			}
			if (lo > hi) return Double.NaN;
			double floor = smoothed(Math.max(lo, Math.min(hi, lastBest)));
			// The scans compare d with a plain threshold t slightly below floor instead of computing
			// bound(d) at every point: bound(t) < floor means that every d < t has bound(d) < floor
			// too (monotone), so d ≥ t keeps every candidate (and at most a few more).
			double t = floor - 1e-12 * Math.abs(floor) - Double.MIN_NORMAL;
			int from = lo, to = hi;
			if (bound(t) < floor) { // always, unless floor is NaN or beyond ±1e307
				int first = Math.max(0, lo - 2), last = Math.min(n - 1, hi + 2);
				// four points per test (non-short-circuit &: one branch for four), then one by one
				while (first + 4 < last && (d[first + 1] < t & d[first + 2] < t & d[first + 3] < t & d[first + 4] < t))
					first += 4;
				while (first < last && d[first + 1] < t)
					first++;
				while (last - 4 > first && (d[last + 1] < t & d[last] < t & d[last - 1] < t & d[last - 2] < t))
					last -= 4;
				while (last > first && d[last + 1] < t)
					last--;
				from = Math.max(lo, first - 2);
				to = Math.min(hi, last + 2);
			}
			int best = -1;
			double bestV = Double.NEGATIVE_INFINITY;
			double mPrev = median(from - 1), mHere = median(from);
			for (int i = from; i <= to; i++) {
				double mNext = median3(d[i + 1], d[i + 2], d[i + 3]); // median(i + 1)
				double v = 0.25 * (mPrev + 2 * mHere + mNext);
				if (v > bestV) {
					bestV = v;
					best = i;
				}
				mPrev = mHere;
				mHere = mNext;
			}
			if (best < 0) return Double.NaN;
			lastBest = best;
			return parabolaVertex(energies[best - 1], smoothed(best - 1), energies[best], bestV, energies[best + 1], smoothed(best + 1));
		}

		/** The smoothing applied to three equal values x: an upper bound of the smoothed median near a derivative of x. */
		private double bound(double x) {
			return 0.25 * (x + 2 * x + x);
		}

		/** The 3-point median of the derivative around {@code i} (the derivative itself at the ends). */
		private double median(int i) {
			return median3(d[i], d[i + 1], d[i + 2]);
		}

		/** The smoothed derivative at {@code i} (the median itself at the two ends). */
		private double smoothed(int i) {
			if (i == 0 || i == n - 1) return median(i);
			return 0.25 * (median(i - 1) + 2 * median(i) + median(i + 1));
		}

		/** First upward crossing of normalized μ = 0.5 after the pre-edge window, linearly interpolated. */
		private double halfCrossing(double[] mu) {
			int from = Math.max(1, upperIndex(e0 + o.pre2));
			double prev = normalizedPlain(from - 1, mu[from - 1]);
			for (int i = from; i < n; i++) {
				double v = normalizedPlain(i, mu[i]);
				if (prev < 0.5 && v >= 0.5) {
					double f = (0.5 - prev) / (v - prev);
					return energies[i - 1] + f * (energies[i] - energies[i - 1]);
				}
				prev = v;
			}
			return Double.NaN;
		}

		private double normalizedPlain(int e, double mu) {
			return (mu - pre[0] - pre[1] * x[e]) / step;
		}

		/** Fits the pre- and post-edge for an edge at {@code edge} eV; false when impossible. */
		private boolean fitAt(double[] mu, double edge) {
			e0 = edge;
			e0x = (edge - centre) / scale;
			// pre-edge window, at least 3 points
			int lo = lowerIndex(edge + o.pre1), hi = upperIndex(edge + o.pre2);
			if (hi - lo + 1 < 3) {
				lo = Math.max(0, Math.min(lo, hi - 2));
				hi = Math.min(n - 1, Math.max(hi, lo + 2));
			}
			int np = hi - lo + 1;
			double s0 = prefix[0][hi + 1] - prefix[0][lo], s1 = prefix[1][hi + 1] - prefix[1][lo], s2 = prefix[2][hi + 1] - prefix[2][lo];
			double t0 = 0, t1 = 0, yy = 0;
			for (int i = lo; i <= hi; i++) {
				double v = mu[i];
				t0 += v;
				t1 += v * x[i];
				yy += v * v;
			}
			double det = s0 * s2 - s1 * s1;
			if (!(det > 1e-14 * s0 * s2)) return false;
			pre[0] = (s2 * t0 - s1 * t1) / det;
			pre[1] = (s0 * t1 - s1 * t0) / det;
			double rss = Math.max(0, yy - pre[0] * t0 - pre[1] * t1);
			noise = np > 2 ? Math.sqrt(rss / (np - 2)) : Double.NaN;
			// post-edge window, at least max(3, nnorm + 2) points
			int need = Math.max(3, o.nnorm + 2);
			lo = lowerIndex(edge + o.norm1);
			hi = upperIndex(edge + o.norm2);
			if (hi - lo + 1 < need) {
				hi = Math.min(n - 1, Math.max(hi, lo + need - 1));
				lo = Math.max(0, Math.min(lo, hi - need + 1));
			}
			int k = o.nnorm + 1;
			for (int r = 0; r < k; r++)
				for (int c = 0; c < k; c++)
					mat[r * k + c] = prefix[r + c][hi + 1] - prefix[r + c][lo];
			double u0 = 0, u1 = 0, u2 = 0;
			if (k > 2) {
				for (int i = lo; i <= hi; i++) {
					double v = mu[i], xi = x[i];
					u0 += v;
					u1 += v * xi;
					u2 += v * xi * xi;
				}
			} else { // the x² sum is not used below degree 2
				for (int i = lo; i <= hi; i++) {
					double v = mu[i];
					u0 += v;
					u1 += v * x[i];
				}
			}
			rhs[0] = u0;
			if (k > 1) rhs[1] = u1;
			if (k > 2) rhs[2] = u2;
			if (!LinearLeastSquares.gaussSolve(mat, rhs, k)) return false;
			post[0] = post[1] = post[2] = 0;
			for (int r = 0; r < k; r++)
				post[r] = rhs[r];
			step = post[0] + e0x * (post[1] + e0x * post[2]) - (pre[0] + pre[1] * e0x);
			return Double.isFinite(step);
		}
	}

	/** First index with energy ≥ {@code e} (n − 1 when none). */
	private int lowerIndex(double e) {
		double q = e - 1e-9;
		int i = searchStart(q);
		while (i < n && energies[i] < q)
			i++;
		return Math.min(i, n - 1);
	}

	/** Last index with energy ≤ {@code e} (0 when none). */
	private int upperIndex(double e) {
		double q = e + 1e-9;
		int i = searchStart(q);
		while (i < n && energies[i] <= q)
			i++;
		return Math.max(i - 1, 0);
	}

	/**
	 * Where the searches above start walking: an index at or before the first energy ≥ q. The
	 * energies are cut into {@link #buckets} equal buckets; every energy before
	 * bucketStart[b] is below the bucket's lower edge, and b is taken one below q's own bucket, so
	 * that this edge is below q whatever the rounding. The walk is then a few steps (fit windows
	 * are looked up four times per pixel; a binary search mispredicts a branch at every step).
	 */
	private int searchStart(double q) {
		double f = Math.floor((q - energies[0]) * bucketsPerEv) - 1;
		int b = f > 0 ? (f < buckets ? (int) f : buckets) : 0; // NaN: 0
		return bucketStart[b];
	}

	/**
	 * Whether every value is finite. v − v is 0 for a finite value and NaN otherwise; eight
	 * partial sums of it, so the check does not wait on one serial chain of additions (a plain
	 * sum of the values was the same test for float data, but could overflow for huge doubles).
	 */
	static boolean allFinite(double[] v) {
		double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
		int i = 0;
		for (; i + 7 < v.length; i += 8) {
			s0 += v[i] - v[i];
			s1 += v[i + 1] - v[i + 1];
			s2 += v[i + 2] - v[i + 2];
			s3 += v[i + 3] - v[i + 3];
			s4 += v[i + 4] - v[i + 4];
			s5 += v[i + 5] - v[i + 5];
			s6 += v[i + 6] - v[i + 6];
			s7 += v[i + 7] - v[i + 7];
		}
		for (; i < v.length; i++)
			s0 += v[i] - v[i];
		return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 == 0;
	}

	static double median3(double a, double b, double c) {
		return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
	}

	/** Abscissa of the vertex of the parabola through three points (uneven spacing allowed), clamped to [x1, x3]. */
	public static double parabolaVertex(double x1, double y1, double x2, double y2, double x3, double y3) {
		double d1 = (y2 - y1) / (x2 - x1), d2 = (y3 - y2) / (x3 - x2);
		double a = (d2 - d1) / (x3 - x1);
		if (!(a < 0)) return x2;
		double v = 0.5 * (x1 + x2) - d1 / (2 * a);
		return Math.min(x3, Math.max(x1, v));
	}
}
