package org.interphase.core.spectrum;

import java.util.Arrays;
import java.util.Locale;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.interphase.core.stack.PixelEngine;
import org.interphase.core.stack.SpectralStack;

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

	/** Pixels per tile (runs of 4 kB of each slice): the fastest of 256–2048 on the bench stack, in interleaved runs. */
	static final int TILE = 1024;
	/** Pixels per strip of the E0 sweep (its guess and thresholds are shared): the fastest of 64–512 on the bench stack. */
	static final int STRIP = 256;

	/** Normalizes every pixel of {@code stack}. */
	public static Result normalize(SpectralStack stack, Options options, Progress progress) {
		XanesNormalization xn = new XanesNormalization(stack.energies(), options);
		int pixels = stack.pixels();
		SpectralStack out = SpectralStack.allocate(stack.width(), stack.height(), stack.energies());
		float[][] outSlices = out.slices();
		float[] e0 = new float[pixels], step = new float[pixels], noise = new float[pixels], valid = new float[pixels];
		PixelEngine.forEachTile(stack, TILE, () -> {
			Worker w = xn.new Worker(TILE);
			return (from, count, rows) -> {
				w.fitTile(rows, count);
				for (int i = 0; i < count; i++) {
					int p = from + i;
					boolean ok = w.ok[i];
					noise[p] = (float) w.noiseOf[i];
					valid[p] = ok ? 1 : 0;
					e0[p] = ok ? (float) w.e0Of[i] : Float.NaN;
					step[p] = ok ? (float) w.stepOf[i] : Float.NaN;
				}
				w.writeNormalized(rows, count, outSlices, from);
			};
		}, progress, "XANES normalization");
		int validCount = 0;
		for (float v : valid)
			if (v == 1) validCount++;
		return new Result(out, e0, step, noise, valid, validCount);
	}

	/** A worker for single spectra (one per thread): scratch buffers and the last spectrum's fit. */
	public Worker newWorker() {
		return new Worker(1);
	}

	/**
	 * Fits tiles of pixels held energy-major, rows[e][i] (a single spectrum is a tile of one
	 * pixel, so both go through the same code). The derivative, median, smoothing and
	 * the per-energy steps of the output run over all pixels of the tile as plain loops; the window
	 * fits, which depend on each pixel's E0, run pixel by pixel. Allocates nothing per tile.
	 */
	public final class Worker {
		private final int capacity;
		/** Per pixel of the last tile: fit results, validity, first energy index above E0. */
		final double[] e0Of, stepOf, noiseOf, p0Of, p1Of, q0Of, q1Of, q2Of;
		/** 1/step for {@link #writeNormalized} (NaN for pixels that are not valid). */
		private final double[] invOf;
		final boolean[] ok;
		private final int[] aboveOf;
		/** Per pixel: Σ(v − v) (0 when all values are finite), E0-sweep threshold, output scratch, largest smoothed derivative, E0 estimate. */
		private final double[] finite, threshold, scratch, bestV, startOf;
		/** A single spectrum as a tile of one pixel. */
		private final double[][] single;
		/** Pixels per strip of the E0 sweep, and the smoothed derivative, one row per energy (indexed by pixel, filled a strip at a time). */
		private final int strip;
		private final double[][] smoothRows;
		/** Derivative rows d[0 .. n + 1] of a strip; which of them reach a pixel's threshold; which energies the sweep evaluates. */
		private final double[][] dRows;
		private final boolean[] hot, have, candidate;
		private final int[] candidateIndex;
		private final double[] mat = new double[9], rhs = new double[3];
		/** Per pixel: the windows of the first fit (one more slot for refits) and their sums (pre: Σμ, Σμx, Σμ²; post: Σμ, Σμx, Σμx²). */
		private final int[] preLo, preHi, postLo, postHi;
		private final double[] t0Of, t1Of, yyOf, u0Of, u1Of, u2Of;
		/** Results of the last {@link #fit} (or pixel of a tile): E0 (eV), pre-edge line and post-edge polynomial in x, step, noise. */
		public double e0, step, noise;
		private double e0x;
		public final double[] pre = new double[2], post = new double[3];

		Worker(int capacity) {
			this.capacity = capacity;
			e0Of = new double[capacity];
			stepOf = new double[capacity];
			invOf = new double[capacity];
			noiseOf = new double[capacity];
			p0Of = new double[capacity];
			p1Of = new double[capacity];
			q0Of = new double[capacity];
			q1Of = new double[capacity];
			q2Of = new double[capacity];
			ok = new boolean[capacity];
			aboveOf = new int[capacity];
			finite = new double[capacity];
			threshold = new double[capacity];
			scratch = new double[capacity];
			bestV = new double[capacity];
			startOf = new double[capacity];
			strip = Math.min(capacity, STRIP);
			smoothRows = new double[n][capacity];
			dRows = new double[n + 2][capacity];
			hot = new boolean[n + 2];
			have = new boolean[n + 2];
			candidate = new boolean[n];
			candidateIndex = new int[n];
			single = new double[n][1];
			preLo = new int[capacity + 1];
			preHi = new int[capacity + 1];
			postLo = new int[capacity + 1];
			postHi = new int[capacity + 1];
			t0Of = new double[capacity];
			t1Of = new double[capacity];
			yyOf = new double[capacity];
			u0Of = new double[capacity];
			u1Of = new double[capacity];
			u2Of = new double[capacity];
		}

		/** Fits {@code mu} (length = energies); returns whether the pixel is valid. */
		public boolean fit(double[] mu) {
			for (int e = 0; e < n; e++)
				single[e][0] = mu[e];
			fitTile(single, 1);
			return ok[0];
		}

		/**
		 * Fits the {@code count} pixels of the tile {@code rows}; the results go to the per-pixel arrays
		 * (and the public fields hold the last pixel's fit).
		 */
		void fitTile(double[][] rows, int count) {
			if (count > capacity) throw new IllegalArgumentException("tile of " + count + " pixels, capacity " + capacity);
			Arrays.fill(finite, 0, count, 0);
			for (int e = 0; e < n; e++) {
				double[] r = rows[e];
				for (int k = 0; k < count; k++)
					finite[k] += r[k] - r[k]; // 0 for a finite value, NaN otherwise
			}
			if (o.method != E0Method.FIXED) derivativeE0(rows, count);
			// the first fit's window sums for all pixels at once (refits, for half_step, go pixel by pixel)
			for (int k = 0; k < count; k++) {
				double start = o.method == E0Method.FIXED ? o.e0 : startOf[k];
				startOf[k] = start;
				if (finite[k] == 0 && Double.isFinite(start)) {
					windows(start, k);
				} else { // no fit: empty windows
					preLo[k] = postLo[k] = 1;
					preHi[k] = postHi[k] = 0;
				}
			}
			windowSums(rows, count, preLo, preHi, t0Of, t1Of, yyOf, true);
			windowSums(rows, count, postLo, postHi, u0Of, u1Of, o.nnorm > 1 ? u2Of : null, false);
			for (int k = 0; k < count; k++) {
				boolean valid = fitPixel(rows, k, finite[k] == 0, startOf[k]);
				ok[k] = valid;
				e0Of[k] = e0;
				stepOf[k] = step;
				noiseOf[k] = noise;
				p0Of[k] = pre[0];
				p1Of[k] = pre[1];
				q0Of[k] = post[0];
				q1Of[k] = post[1];
				q2Of[k] = post[2];
				if (valid && o.flatten) {
					int above = upperIndex(e0) + 1; // first energy > E0
					if (energies[above - 1] > e0) above--;
					aboveOf[k] = above;
				}
			}
		}

		/** Fits pixel {@code k} of the tile from the edge estimate {@code start}; false when not valid. */
		private boolean fitPixel(double[][] rows, int k, boolean allFinite, double start) {
			e0 = step = noise = Double.NaN;
			if (!allFinite || !Double.isFinite(start)) return false;
			if (!solve(start, preLo[k], preHi[k], t0Of[k], t1Of[k], yyOf[k], postLo[k], postHi[k], u0Of[k], u1Of[k], o.nnorm > 1 ? u2Of[k] : 0)) return false;
			if (o.method == E0Method.HALF_STEP) {
				for (int pass = 0; pass < 2; pass++) {
					double half = halfCrossing(rows, k);
					if (!Double.isFinite(half)) return false;
					if (!fitAt(rows, k, half)) return false;
				}
			}
			return step > 0 && Double.isFinite(noise) && step > o.minEdgeJump * noise;
		}

		/**
		 * Writes the normalized (or flattened) spectra of the last tile into
		 * {@code out[e][from + i]}, slice by slice; NaN for pixels that are not valid.
		 */
		void writeNormalized(double[][] rows, int count, float[][] out, int from) {
			for (int k = 0; k < count; k++) {
				if (ok[k]) {
					invOf[k] = 1 / stepOf[k];
				} else { // NaN at every energy
					p0Of[k] = q0Of[k] = invOf[k] = Double.NaN;
					aboveOf[k] = n;
				}
			}
			double[] inv = invOf;
			for (int e = 0; e < n; e++) {
				float[] slice = out[e];
				double[] r = rows[e];
				double xe = x[e];
				if (!o.flatten) { // in doubles first (a loop the JIT vectorises, unlike one that also converts), then narrowed
					for (int k = 0; k < count; k++)
						scratch[k] = (r[k] - p0Of[k] - p1Of[k] * xe) * inv[k];
					for (int k = 0; k < count; k++)
						slice[from + k] = (float) scratch[k];
					continue;
				}
				for (int k = 0; k < count; k++)
					slice[from + k] = e < aboveOf[k] ? (float) ((r[k] - p0Of[k] - p1Of[k] * xe) * inv[k])
						: (float) ((r[k] - q0Of[k] - xe * (q1Of[k] + xe * q2Of[k])) * inv[k] + 1);
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
		 * Energy of the maximum of dμ/dE for every pixel of the tile (into startOf): finite
		 * differences on the actual energies, a 3-point median (a single-point glitch makes a
		 * one-point spike pair in the derivative; the median removes it), a [1 2 1]/4 smoothing,
		 * the first maximum inside the search window, refined by the vertex of the parabola
		 * through it and its neighbours. The derivative is indexed d[i + 1] for energy i, with its
		 * end values repeated in d[0] and d[n + 1], so the median around every i, ends included,
		 * is median3(d[i], d[i + 1], d[i + 2]). The tile is swept in strips of pixels, energy by
		 * energy, row operations over the strip; the smoothed rows are kept so that the sweep
		 * takes only the maximum value (a loop the JIT vectorises) and each pixel's first index of
		 * that value is looked up afterwards (a per-pixel "remember where" in the sweep is a
		 * branch per pixel and energy, a coin flip in noisy pre-edges).
		 */
		private void derivativeE0(double[][] rows, int count) {
			int lo = 1, hi = n - 2;
			if (Double.isFinite(o.e0) && o.e0Window > 0) {
				lo = Math.max(1, lowerIndex(o.e0 - o.e0Window));
				hi = Math.min(n - 2, upperIndex(o.e0 + o.e0Window));
			}
			if (lo > hi) {
				Arrays.fill(startOf, 0, count, Double.NaN);
				return;
			}
			for (int k0 = 0; k0 < count; k0 += strip)
				sweepStrip(rows, k0, Math.min(count, k0 + strip), lo, hi);
		}

		/**
		 * {@link #derivativeE0} for the pixels [k0, k1) of the tile (k1 − k0 ≤ strip), evaluating the
		 * median and smoothing only at energies where some pixel's maximum can be. Every pixel
		 * attains floor = its smoothed value at a guess shared by the strip (where the strip's
		 * derivative is largest), so its maximum is at least that. A median is at most the
		 * largest of its three values, so the smoothed value at i is at most bound(D) = 0.25 ×
		 * (D + 2D + D), computed in the same floating-point steps as the smoothing (rounding is
		 * monotone, so this holds exactly), with D the largest derivative d[i − 1 .. i + 3]. With a
		 * threshold t a hair below floor such that bound(t) < floor, an energy whose five
		 * derivatives are all below t for every pixel cannot hold any pixel's maximum nor tie it;
		 * the first maximum over the remaining energies, in order, is the first maximum over all.
		 * On edges that leaves a few energies around the edge; on noise, all of them.
		 */
		private void sweepStrip(double[][] rows, int k0, int k1, int lo, int hi) {
			boolean allFinite = true;
			for (int k = k0; k < k1; k++)
				allFinite &= finite[k] == 0;
			Arrays.fill(have, lo - 1, hi + 4, false);
			if (!allFinite) { // every derivative row, with −∞ for the non-finite pixels: they take no part (their fit is refused anyway)
				for (int j = lo - 1; j <= hi + 3; j++)
					derivativeRow(rows, k0, k1, j, dRows[j]);
				Arrays.fill(have, lo - 1, hi + 4, true);
				for (int k = k0; k < k1; k++)
					if (finite[k] != 0) {
						for (int j = lo - 1; j <= hi + 3; j++)
							dRows[j][k] = Double.NEGATIVE_INFINITY;
					}
			}
			int guess = lo;
			double guessSum = Double.NEGATIVE_INFINITY;
			for (int i = lo; i <= hi; i++) { // derivative at energy i, every 16th pixel
				double sum = 0;
				if (allFinite) {
					for (int k = k0; k < k1; k += 16)
						sum += derivativeAt(rows, k, i + 1);
				} else {
					double[] d = dRows[i + 1];
					for (int k = k0; k < k1; k += 16)
						sum += d[k];
				}
				if (sum > guessSum) {
					guessSum = sum;
					guess = i;
				}
			}
			smoothedRow(rows, guess, k0, k1, threshold);
			for (int k = k0; k < k1; k++) {
				double floor = threshold[k];
				double t = floor - 1e-12 * Math.abs(floor) - Double.MIN_NORMAL;
				threshold[k] = finite[k] != 0 ? Double.POSITIVE_INFINITY : bound(t) < floor ? t : Double.NEGATIVE_INFINITY; // −∞: every energy stays
			}
			for (int j = lo - 1; j <= hi + 3; j++) { // stops at the first pixel that reaches its threshold (or has a NaN)
				if (allFinite) {
					hot[j] = reaches(rows, k0, k1, j);
					continue;
				}
				double[] d = dRows[j];
				int k = k0;
				while (k < k1 && d[k] < threshold[k])
					k++;
				hot[j] = k < k1;
			}
			int candidates = 0;
			for (int i = lo; i <= hi; i++) {
				candidate[i] = hot[i - 1] | hot[i] | hot[i + 1] | hot[i + 2] | hot[i + 3];
				if (candidate[i]) candidateIndex[candidates++] = i;
			}
			for (int k = k0; k < k1; k++)
				bestV[k] = Double.NEGATIVE_INFINITY;
			for (int c = 0; c < candidates; c++) {
				double[] srow = smoothRows[candidateIndex[c]];
				smoothedRow(rows, candidateIndex[c], k0, k1, srow);
				for (int k = k0; k < k1; k++) // a loop of its own: fused with the above, neither is vectorised
					bestV[k] = Math.max(bestV[k], srow[k]);
			}
			for (int k = k0; k < k1; k++) {
				double top = bestV[k];
				int m = -1;
				if (top > Double.NEGATIVE_INFINITY) { // the first energy that holds the maximum
					int c = 0;
					while (smoothRows[candidateIndex[c]][k] != top)
						c++;
					m = candidateIndex[c];
				} else if (top != top) { // a NaN among the smoothed values (only from overflow): the first strict maximum of the rest
					double v = Double.NEGATIVE_INFINITY;
					for (int c = 0; c < candidates; c++) {
						int i = candidateIndex[c];
						if (smoothRows[i][k] > v) {
							v = smoothRows[i][k];
							m = i;
						}
					}
				}
				if (m < 0) {
					startOf[k] = Double.NaN;
					continue;
				}
				// the neighbours' smoothed values: from the sweep where it went, else computed alike
				double below = m > lo && candidate[m - 1] ? smoothRows[m - 1][k] : smoothedAt(rows, k, m - 1);
				double above = m < hi && candidate[m + 1] ? smoothRows[m + 1][k] : smoothedAt(rows, k, m + 1);
				startOf[k] = parabolaVertex(energies[m - 1], below, energies[m], smoothRows[m][k], energies[m + 1], above);
			}
		}

		/**
		 * The smoothed derivative at energy i (1 ≤ i ≤ n − 2) of the pixels [k0, k1), from the
		 * derivative rows d[i − 1 .. i + 3] (computed here when the strip has not got them yet).
		 */
		private void smoothedRow(double[][] rows, int i, int k0, int k1, double[] out) {
			for (int j = i - 1; j <= i + 3; j++)
				if (!have[j]) {
					derivativeRow(rows, k0, k1, j, dRows[j]);
					have[j] = true;
				}
			double[] a = dRows[i - 1], b = dRows[i], c = dRows[i + 1], d = dRows[i + 2], e = dRows[i + 3];
			for (int k = k0; k < k1; k++) {
				double below = median3(a[k], b[k], c[k]), here = median3(b[k], c[k], d[k]), next = median3(c[k], d[k], e[k]);
				out[k] = 0.25 * (below + 2 * here + next);
			}
		}

		/**
		 * Whether some pixel of [k0, k1) has derivative row j at or above its threshold (or NaN):
		 * the derivative computed as {@link #derivativeRow} does, compared as it is computed, so a
		 * row that no pixel reaches is never stored.
		 */
		private boolean reaches(double[][] rows, int k0, int k1, int j) {
			int hiRow = j <= 1 ? 1 : j >= n ? n - 1 : j, loRow = hiRow - (j <= 1 || j >= n ? 1 : 2);
			double inv = j <= 1 ? invSpan[0] : j >= n ? invSpan[n - 1] : invSpan[j - 1];
			double[] h = rows[hiRow], l = rows[loRow];
			for (int k = k0; k < k1; k++)
				if (!((h[k] - l[k]) * inv < threshold[k])) return true;
			return false;
		}

		/** The smoothing applied to three equal values x: an upper bound of the smoothed value near derivatives of at most x. */
		private double bound(double x) {
			return 0.25 * (x + 2 * x + x);
		}

		/** Row j of the derivative (d[j], indexed as in {@link #derivativeE0}) for the pixels [k0, k1) of the tile. */
		private void derivativeRow(double[][] rows, int k0, int k1, int j, double[] out) {
			int hiRow, loRow;
			double inv;
			if (j <= 1) {
				hiRow = 1;
				loRow = 0;
				inv = invSpan[0];
			} else if (j >= n) {
				hiRow = n - 1;
				loRow = n - 2;
				inv = invSpan[n - 1];
			} else {
				hiRow = j;
				loRow = j - 2;
				inv = invSpan[j - 1];
			}
			double[] h = rows[hiRow], l = rows[loRow];
			for (int k = k0; k < k1; k++)
				out[k] = (h[k] - l[k]) * inv;
		}

		/** d[j] of one pixel, as {@link #derivativeRow} computes it. */
		private double derivativeAt(double[][] rows, int k, int j) {
			if (j <= 1) return (rows[1][k] - rows[0][k]) * invSpan[0];
			if (j >= n) return (rows[n - 1][k] - rows[n - 2][k]) * invSpan[n - 1];
			return (rows[j][k] - rows[j - 2][k]) * invSpan[j - 1];
		}

		/** The 3-point median of the derivative around energy {@code i} of one pixel. */
		private double medianAt(double[][] rows, int k, int i) {
			return median3(derivativeAt(rows, k, i), derivativeAt(rows, k, i + 1), derivativeAt(rows, k, i + 2));
		}

		/** The smoothed derivative at energy {@code i} of one pixel (the median itself at the two ends), as in the sweep. */
		private double smoothedAt(double[][] rows, int k, int i) {
			if (i == 0 || i == n - 1) return medianAt(rows, k, i);
			return 0.25 * (medianAt(rows, k, i - 1) + 2 * medianAt(rows, k, i) + medianAt(rows, k, i + 1));
		}

		/** First upward crossing of normalized μ = 0.5 after the pre-edge window, linearly interpolated. */
		private double halfCrossing(double[][] rows, int k) {
			int from = Math.max(1, upperIndex(e0 + o.pre2));
			double prev = normalizedPlain(from - 1, rows[from - 1][k]);
			for (int i = from; i < n; i++) {
				double v = normalizedPlain(i, rows[i][k]);
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

		/** Fits the pre- and post-edge of pixel {@code px} of the tile for an edge at {@code edge} eV; false when impossible. */
		private boolean fitAt(double[][] rows, int px, double edge) {
			int slot = capacity; // past the tile's pixels: a refit leaves the first fit's windows alone
			windows(edge, slot);
			int lo = preLo[slot], hi = preHi[slot];
			double t0 = 0, t1 = 0, yy = 0;
			for (int i = lo; i <= hi; i++) {
				double v = rows[i][px];
				t0 += v;
				t1 += v * x[i];
				yy += v * v;
			}
			lo = postLo[slot];
			hi = postHi[slot];
			double u0 = 0, u1 = 0, u2 = 0;
			if (o.nnorm > 1) {
				for (int i = lo; i <= hi; i++) {
					double v = rows[i][px], xi = x[i];
					u0 += v;
					u1 += v * xi;
					u2 += v * xi * xi;
				}
			} else { // the x² sum is not used below degree 2
				for (int i = lo; i <= hi; i++) {
					double v = rows[i][px];
					u0 += v;
					u1 += v * x[i];
				}
			}
			return solve(edge, preLo[slot], preHi[slot], t0, t1, yy, postLo[slot], postHi[slot], u0, u1, u2);
		}

		/**
		 * The pre-edge window (at least 3 points) and the post-edge window (at least max(3,
		 * nnorm + 2) points) of an edge at {@code edge} eV, into preLo/preHi/postLo/postHi[k].
		 */
		private void windows(double edge, int k) {
			int lo = lowerIndex(edge + o.pre1), hi = upperIndex(edge + o.pre2);
			if (hi - lo + 1 < 3) {
				lo = Math.max(0, Math.min(lo, hi - 2));
				hi = Math.min(n - 1, Math.max(hi, lo + 2));
			}
			preLo[k] = lo;
			preHi[k] = hi;
			int need = Math.max(3, o.nnorm + 2);
			lo = lowerIndex(edge + o.norm1);
			hi = upperIndex(edge + o.norm2);
			if (hi - lo + 1 < need) {
				hi = Math.min(n - 1, Math.max(hi, lo + need - 1));
				lo = Math.max(0, Math.min(lo, hi - need + 1));
			}
			postLo[k] = lo;
			postHi[k] = hi;
		}

		/**
		 * The pre- and post-edge fits from the window sums Σμ, Σμx, Σμ² (pre) and Σμ, Σμx, Σμx²
		 * (post); sets e0, pre, post, noise and step; false when impossible.
		 */
		private boolean solve(double edge, int lo, int hi, double t0, double t1, double yy, int postFrom, int postTo, double u0, double u1, double u2) {
			e0 = edge;
			e0x = (edge - centre) / scale;
			int np = hi - lo + 1;
			double s0 = prefix[0][hi + 1] - prefix[0][lo], s1 = prefix[1][hi + 1] - prefix[1][lo], s2 = prefix[2][hi + 1] - prefix[2][lo];
			double det = s0 * s2 - s1 * s1;
			if (!(det > 1e-14 * s0 * s2)) return false;
			pre[0] = (s2 * t0 - s1 * t1) / det;
			pre[1] = (s0 * t1 - s1 * t0) / det;
			double rss = Math.max(0, yy - pre[0] * t0 - pre[1] * t1);
			noise = np > 2 ? Math.sqrt(rss / (np - 2)) : Double.NaN;
			int k = o.nnorm + 1;
			for (int r = 0; r < k; r++)
				for (int c = 0; c < k; c++)
					mat[r * k + c] = prefix[r + c][postTo + 1] - prefix[r + c][postFrom];
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

		/**
		 * Window sums of every pixel of the tile at once (s0 += μ, s1 += μx, s2 += μ² or μx² as
		 * {@code squares} says, s2 skipped when null), in increasing energy, exactly as a loop over
		 * one pixel's window does: each pixel first adds its energies below the part that every
		 * window shares, then that common part runs as loops over all pixels (which the JIT
		 * vectorises), then each pixel adds its energies above it. Empty windows (lo > hi) do not
		 * shape the common part; their pixels' sums hold junk and must not be read.
		 */
		private void windowSums(double[][] rows, int count, int[] lo, int[] hi, double[] s0, double[] s1, double[] s2, boolean squares) {
			int maxLo = -1, minHi = n;
			for (int k = 0; k < count; k++) {
				if (lo[k] > hi[k]) continue;
				maxLo = Math.max(maxLo, lo[k]);
				minHi = Math.min(minHi, hi[k]);
			}
			Arrays.fill(s0, 0, count, 0);
			Arrays.fill(s1, 0, count, 0);
			if (s2 != null) Arrays.fill(s2, 0, count, 0);
			boolean common = maxLo >= 0 && maxLo <= minHi;
			for (int k = 0; k < count; k++) // below the common part (all of the window when there is none)
				if (lo[k] <= hi[k]) addRange(rows, k, lo[k], common ? maxLo - 1 : hi[k], s0, s1, s2, squares);
			if (!common) return;
			for (int e = maxLo; e <= minHi; e++) {
				double[] r = rows[e];
				double xe = x[e];
				for (int k = 0; k < count; k++) {
					s0[k] += r[k];
					s1[k] += r[k] * xe;
				}
				if (s2 == null) continue;
				if (squares) {
					for (int k = 0; k < count; k++)
						s2[k] += r[k] * r[k];
				} else {
					for (int k = 0; k < count; k++)
						s2[k] += r[k] * xe * xe;
				}
			}
			for (int k = 0; k < count; k++) // above the common part
				if (lo[k] <= hi[k]) addRange(rows, k, minHi + 1, hi[k], s0, s1, s2, squares);
		}

		/** Adds the energies [from, to] of pixel k to its window sums (see {@link #windowSums}). */
		private void addRange(double[][] rows, int k, int from, int to, double[] s0, double[] s1, double[] s2, boolean squares) {
			double a0 = s0[k], a1 = s1[k], a2 = s2 == null ? 0 : s2[k];
			for (int e = from; e <= to; e++) {
				double v = rows[e][k], xe = x[e];
				a0 += v;
				a1 += v * xe;
				a2 += squares ? v * v : v * xe * xe;
			}
			s0[k] = a0;
			s1[k] = a1;
			if (s2 != null) s2[k] = a2;
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
