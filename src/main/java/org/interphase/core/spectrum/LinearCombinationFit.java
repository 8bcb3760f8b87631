package org.interphase.core.spectrum;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.interphase.core.stack.PixelEngine;
import org.interphase.core.stack.SpectralStack;

/**
 * Linear combination fitting of every pixel (SCIENCE.md §1): μ(E) ≈ Σ wᵢ Rᵢ(E) [+ c] over the
 * stack energies inside [fitMin, fitMax], with the references interpolated onto those energies.
 * Options: non-negative weights, weights summing to one, a constant offset term (aXis2000 "stack
 * fit" / MANTiS "spectral maps" is the unconstrained case with a constant, on OD data). One
 * {@link LinearLeastSquares} serves every pixel; a 1-pixel stack (a point spectrum) takes the same path.
 */
public final class LinearCombinationFit {

	/** Fit options. */
	public static final class Options {
		public double fitMin = Double.NaN, fitMax = Double.NaN;
		public boolean nonnegative = true, sumToOne = false, constant = false;
		/** Fit one energy shift per reference (for the whole image) within ±maxShift eV. */
		public boolean fitShift = false;
		public double maxShift = 2;
	}

	/** At most this many pixels (an even stride through the image) enter the shift search. */
	static final int SHIFT_SAMPLE = 4096;
	/** The shift search stops refining below this width (eV). */
	static final double SHIFT_TOLERANCE = 0.002;

	/** Maps (NaN where the pixel had no usable spectrum) and the fit set-up. */
	public static final class Result {
		/** Weight names: the references, then "constant" when fitted. */
		public final String[] names;
		/** One map per name. */
		public final float[][] weights;
		/** Standard error of each weight map (NaN where the weight is held at 0 by non-negativity). */
		public final float[][] standardErrors;
		public final float[] rFactor, chiSquare, residualRms;
		/** Stack energy indices [first, last] used by the fit. */
		public final int first, last;
		/** Energy shift (eV) of each reference: the fit used R(E − shift); 0 when not fitted. */
		public final double[] shifts;
		/** Pixels the shift search used (0 without it). */
		public final int shiftPixels;

		Result(String[] names, float[][] weights, float[][] standardErrors, float[] rFactor, float[] chiSquare, float[] residualRms, int first,
			int last, double[] shifts, int shiftPixels) {
			this.names = names;
			this.weights = weights;
			this.standardErrors = standardErrors;
			this.shifts = shifts;
			this.shiftPixels = shiftPixels;
			this.rFactor = rFactor;
			this.chiSquare = chiSquare;
			this.residualRms = residualRms;
			this.first = first;
			this.last = last;
		}

		/** Points in the fit. */
		public int points() {
			return last - first + 1;
		}

		/** Mean, SD and median of map {@code k} over its finite pixels, and that pixel count. */
		public double[] summary(int k) {
			return stats(weights[k]);
		}

		/** Mean, SD (n − 1), median and count of the finite values of {@code map}. */
		public static double[] stats(float[] map) {
			float[] v = new float[map.length];
			int n = 0;
			double sum = 0;
			for (float f : map)
				if (Float.isFinite(f)) {
					v[n++] = f;
					sum += f;
				}
			if (n == 0) return new double[] { Double.NaN, Double.NaN, Double.NaN, 0 };
			double mean = sum / n, ss = 0;
			for (int i = 0; i < n; i++)
				ss += (v[i] - mean) * (v[i] - mean);
			Arrays.sort(v, 0, n);
			double median = n % 2 == 1 ? v[n / 2] : 0.5 * ((double) v[n / 2 - 1] + v[n / 2]);
			return new double[] { mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0, median, n };
		}
	}

	private LinearCombinationFit() {}

	/**
	 * Indices [first, last] of the stack energies inside [fitMin, fitMax] (NaN = that end of the
	 * stack), checked against the references' common range.
	 */
	static int[] fitRange(double[] energies, List<Spectrum> refs, double fitMin, double fitMax) {
		return fitRange(energies, refs, fitMin, fitMax, 0);
	}

	/**
	 * As {@link #fitRange(double[], List, double, double)}, with the references' range narrowed by
	 * {@code margin} eV at both ends (room for shifting them by up to ±margin); an open end of the
	 * fit range then stops at the narrowed range.
	 */
	static int[] fitRange(double[] energies, List<Spectrum> refs, double fitMin, double fitMax, double margin) {
		double commonLo = Double.NEGATIVE_INFINITY, commonHi = Double.POSITIVE_INFINITY;
		for (Spectrum r : refs) {
			commonLo = Math.max(commonLo, r.minEnergy() + margin);
			commonHi = Math.min(commonHi, r.maxEnergy() - margin);
		}
		double lo = Double.isNaN(fitMin) ? (margin > 0 ? Math.max(energies[0], commonLo) : energies[0]) : fitMin;
		double hi = Double.isNaN(fitMax) ? (margin > 0 ? Math.min(energies[energies.length - 1], commonHi) : energies[energies.length - 1]) : fitMax;
		if (!(lo < hi)) throw new InvalidInputException(String.format(Locale.ROOT, "fit_min (%.4g eV) must be below fit_max (%.4g eV)", lo, hi));
		int first = -1, last = -1;
		for (int e = 0; e < energies.length; e++) {
			if (energies[e] >= lo - 1e-9 && energies[e] <= hi + 1e-9) {
				if (first < 0) first = e;
				last = e;
			}
		}
		if (first < 0)
			throw new InvalidInputException(String.format(Locale.ROOT, "fit_min/fit_max: no stack energy lies in %.4g–%.4g eV (the stack covers %.4g–%.4g eV)",
				lo, hi, energies[0], energies[energies.length - 1]));
		double refLo = Double.NEGATIVE_INFINITY, refHi = Double.POSITIVE_INFINITY;
		String loName = "", hiName = "";
		for (Spectrum r : refs) {
			if (r.minEnergy() + margin > refLo) {
				refLo = r.minEnergy() + margin;
				loName = r.name();
			}
			if (r.maxEnergy() - margin < refHi) {
				refHi = r.maxEnergy() - margin;
				hiName = r.name();
			}
		}
		if (energies[first] < refLo - 1e-6 || energies[last] > refHi + 1e-6) {
			if (margin > 0)
				throw new InvalidInputException(String.format(Locale.ROOT,
					"fit range %.4g–%.4g eV is outside %.4g–%.4g eV, the references' common range less max_shift = %.4g eV at each end (%s starts at %.4g, %s ends at %.4g); set fit_min/fit_max inside it or lower max_shift",
					energies[first], energies[last], refLo, refHi, margin, loName, refLo - margin, hiName, refHi + margin));
			throw new InvalidInputException(String.format(Locale.ROOT,
				"fit range %.4g–%.4g eV is outside the references' common range %.4g–%.4g eV (%s starts at %.4g, %s ends at %.4g); set fit_min/fit_max inside it",
				energies[first], energies[last], refLo, refHi, loName, refLo, hiName, refHi));
		}
		return new int[] { first, last };
	}

	/**
	 * Fits every pixel of {@code stack} with {@code refs}; with {@link Options#fitShift} the energy
	 * shifts of the references are found first (see {@link #findShifts}), then every pixel is fitted
	 * with the shifted references.
	 */
	public static Result fit(SpectralStack stack, List<Spectrum> refs, Options o, Progress progress) {
		if (refs.isEmpty()) throw new InvalidInputException("references: no reference spectra");
		if (o.fitShift && !(o.maxShift > 0 && o.maxShift < Double.POSITIVE_INFINITY))
			throw new InvalidInputException("max_shift: must be a positive number of eV with fit_shift, got " + o.maxShift);
		double[] energies = stack.energies();
		int[] range = fitRange(energies, refs, o.fitMin, o.fitMax, o.fitShift ? o.maxShift : 0);
		final int first = range[0], last = range[1], n = last - first + 1;
		int k = refs.size();
		int p = k + (o.constant ? 1 : 0);
		if (n <= p)
			throw new InvalidInputException("fit_min/fit_max: " + n + " energies in the fit range cannot determine " + p + " weights; widen the range");
		double[] fitEnergies = Arrays.copyOfRange(energies, first, last + 1);
		double[] shifts = new double[k];
		int sampled = 0;
		if (o.fitShift) {
			SpectralStack sample = strideSample(stack, SHIFT_SAMPLE);
			sampled = sample.pixels();
			shifts = findShifts(sample, first, fitEnergies, refs, o, progress);
		}
		double[][] cols = columns(refs, fitEnergies, shifts, o.constant);
		String[] names = names(refs, o.constant);
		int pixels = stack.pixels();
		float[][] w = new float[p][pixels], se = new float[p][pixels];
		float[] rf = new float[pixels], chi = new float[pixels], rms = new float[pixels];
		solveAll(stack, first, cols, names, k, o, null, w, se, rf, chi, rms, progress, "Linear combination fit");
		return new Result(names, w, se, rf, chi, rms, first, last, shifts, sampled);
	}

	/** The design columns: each reference at (fit energies − its shift), then the constant. */
	static double[][] columns(List<Spectrum> refs, double[] fitEnergies, double[] shifts, boolean constant) {
		int k = refs.size(), n = fitEnergies.length;
		double[][] cols = new double[k + (constant ? 1 : 0)][];
		double[] at = new double[n];
		for (int j = 0; j < k; j++) {
			for (int i = 0; i < n; i++)
				at[i] = fitEnergies[i] - shifts[j];
			cols[j] = refs.get(j).interpolateOnto(at);
		}
		if (constant) {
			cols[k] = new double[n];
			Arrays.fill(cols[k], 1);
		}
		return cols;
	}

	static String[] names(List<Spectrum> refs, boolean constant) {
		String[] names = new String[refs.size() + (constant ? 1 : 0)];
		for (int j = 0; j < refs.size(); j++)
			names[j] = refs.get(j).name();
		if (constant) names[refs.size()] = "constant";
		return names;
	}

	/**
	 * The one per-pixel path: every pixel through the one solver, on the pixel engine's projections.
	 * Writes whichever outputs are non-null; {@code rssOut} gets the residual sum of squares (NaN for
	 * pixels without a usable spectrum).
	 */
	private static void solveAll(SpectralStack stack, int first, double[][] cols, String[] names, int k, Options o, double[] rssOut, float[][] w,
		float[][] se, float[] rf, float[] chi, float[] rms, Progress progress, String task) {
		final int p = cols.length, n = cols[0].length;
		LinearLeastSquares ls = new LinearLeastSquares(cols, names, k, o.nonnegative, o.sumToOne);
		final int dof = Math.max(1, n - p + (o.sumToOne ? 1 : 0));
		// the solver needs only Aᵀy and ‖y‖² per pixel: the engine projects the slices onto the columns,
		// and the solver takes a run of pixels at a time
		PixelEngine.forEachProjectionRun(stack, first, cols, () -> {
			LinearLeastSquares.Worker worker = ls.newWorker();
			double[][] xs = new double[p][PixelEngine.MAX_RUN];
			double[] rss = new double[PixelEngine.MAX_RUN], x = new double[p], e = new double[p];
			return (from, count, b, squares) -> {
				worker.solveNormalRun(b, squares, count, xs, rss);
				for (int i = 0; i < count; i++) {
					int pixel = from + i;
					double yy = squares[i];
					if (!(yy > 0 && yy < Double.POSITIVE_INFINITY)) { // NaN/∞ in the spectrum, or all zero: no value
						if (rssOut != null) rssOut[pixel] = Double.NaN;
						if (w == null) continue;
						for (int j = 0; j < p; j++)
							w[j][pixel] = se[j][pixel] = Float.NaN;
						rf[pixel] = chi[pixel] = rms[pixel] = Float.NaN;
						continue;
					}
					double r = rss[i];
					if (rssOut != null) rssOut[pixel] = r;
					if (w == null) continue;
					for (int j = 0; j < p; j++)
						x[j] = xs[j][i];
					worker.standardErrors(x, r, e);
					for (int j = 0; j < p; j++) {
						w[j][pixel] = (float) x[j];
						se[j][pixel] = (float) e[j];
					}
					rf[pixel] = (float) (r / yy);
					chi[pixel] = (float) (r / dof);
					rms[pixel] = (float) Math.sqrt(r / n);
				}
			};
		}, progress, task);
	}

	/** At most {@code max} pixels of {@code stack} at an even stride, as a max×1 stack (the stack itself when small enough). */
	static SpectralStack strideSample(SpectralStack stack, int max) {
		int n = stack.pixels();
		if (n <= max) return stack;
		float[][] slices = new float[stack.energyCount()][max];
		for (int e = 0; e < slices.length; e++) {
			float[] src = stack.slice(e);
			for (int i = 0; i < max; i++)
				slices[e][i] = src[(int) ((long) i * n / max)];
		}
		return new SpectralStack(max, 1, stack.energies(), slices);
	}

	/**
	 * One energy shift per reference, minimising the total residual sum of squares of the fit over
	 * all (finite) pixels of {@code sample}: coordinate descent over the references, each a grid
	 * search over [−maxShift, maxShift] followed by a golden-section refinement around the best grid
	 * point down to {@value #SHIFT_TOLERANCE} eV, sweeps repeated until no shift moves by more than
	 * that (at most 4). Shifting reference j by δ means fitting with R_j(E − δ).
	 */
	static double[] findShifts(SpectralStack sample, int first, double[] fitEnergies, List<Spectrum> refs, Options o, Progress progress) {
		int k = refs.size();
		double max = o.maxShift;
		double[] rss = new double[sample.pixels()];
		String[] names = names(refs, o.constant);
		// starts: the best points of a joint grid of about JOINT_GRID evaluations (the shifts interact;
		// one at a time from 0 can end in a local minimum, notably on a single spectrum)
		int levels = Math.max(1, (int) Math.floor(Math.pow(JOINT_GRID, 1.0 / k) + 1e-9));
		long combos = 1;
		for (int j = 0; j < k; j++)
			combos *= levels;
		java.util.TreeMap<Double, double[]> starts = new java.util.TreeMap<>();
		starts.put(totalRss(sample, first, refs, fitEnergies, new double[k], names, o, rss), new double[k]);
		for (long c = 0; c < combos && levels > 1; c++) {
			double[] trial = new double[k];
			long rest = c;
			for (int j = 0; j < k; j++) {
				trial[j] = -max + (rest % levels) * 2 * max / (levels - 1);
				rest /= levels;
			}
			starts.put(totalRss(sample, first, refs, fitEnergies, trial, names, o, rss), trial);
			if (starts.size() > STARTS) starts.pollLastEntry();
			if (progress != null && c % 16 == 0) {
				progress.report("LCF: energy shifts", 0.5 * c / combos);
				progress.checkCancelled();
			}
		}
		double[] best = null;
		double bestCost = Double.POSITIVE_INFINITY;
		int done = 0;
		for (double[] start : starts.values()) {
			double[] shifts = start.clone();
			double cost = descend(sample, first, fitEnergies, refs, o, shifts, names, rss);
			if (cost < bestCost) {
				bestCost = cost;
				best = shifts;
			}
			if (progress != null) {
				progress.report("LCF: energy shifts", 0.5 + 0.5 * ++done / starts.size());
				progress.checkCancelled();
			}
		}
		return best;
	}

	/** Evaluations of the joint grid of starting shifts (levels per reference = this^(1/k)). */
	static final int JOINT_GRID = 1500;
	/** Coordinate descents run from this many of the best grid points. */
	static final int STARTS = 3;

	/** Coordinate descent from {@code shifts} (updated in place); returns the final total RSS. */
	private static double descend(SpectralStack sample, int first, double[] fitEnergies, List<Spectrum> refs, Options o, double[] shifts,
		String[] names, double[] rss) {
		int k = refs.size();
		double max = o.maxShift;
		int steps = (int) Math.min(40, Math.max(8, Math.ceil(2 * max / 0.2)));
		double h = 2 * max / steps;
		double current = Double.NaN;
		for (int sweep = 0; sweep < 4; sweep++) {
			double moved = 0;
			for (int j = 0; j < k; j++) {
				final int jj = j;
				java.util.function.DoubleUnaryOperator f = d -> {
					double[] trial = shifts.clone();
					trial[jj] = d;
					return totalRss(sample, first, refs, fitEnergies, trial, names, o, rss);
				};
				double best = f.applyAsDouble(shifts[j]), bestD = shifts[j];
				for (int g = 0; g <= steps; g++) {
					double d = -max + g * h;
					double c = f.applyAsDouble(d);
					if (c < best) {
						best = c;
						bestD = d;
					}
				}
				double a = Math.max(-max, bestD - h), b = Math.min(max, bestD + h);
				double phi = (Math.sqrt(5) - 1) / 2;
				double x1 = b - phi * (b - a), x2 = a + phi * (b - a);
				double f1 = f.applyAsDouble(x1), f2 = f.applyAsDouble(x2);
				while (b - a > SHIFT_TOLERANCE) {
					if (f1 <= f2) {
						b = x2;
						x2 = x1;
						f2 = f1;
						x1 = b - phi * (b - a);
						f1 = f.applyAsDouble(x1);
					} else {
						a = x1;
						x1 = x2;
						f1 = f2;
						x2 = a + phi * (b - a);
						f2 = f.applyAsDouble(x2);
					}
				}
				double refined = 0.5 * (a + b);
				double fr = f.applyAsDouble(refined);
				double d = fr <= best ? refined : bestD;
				current = Math.min(fr, best);
				moved = Math.max(moved, Math.abs(d - shifts[j]));
				shifts[j] = d;
			}
			if (moved <= SHIFT_TOLERANCE) break;
		}
		if (k < 2) return current;
		// the shifts of references with neighbouring features trade off along narrow valleys, which
		// one-at-a-time steps climb slowly: finish jointly with BOBYQA (bounded, derivative-free)
		double[] lower = new double[k], upper = new double[k];
		java.util.Arrays.fill(lower, -max);
		java.util.Arrays.fill(upper, max);
		org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer opt =
			new org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer(2 * k + 1, Math.min(h, max / 2), SHIFT_TOLERANCE / 10);
		try {
			org.apache.commons.math3.optim.PointValuePair r = opt.optimize(new org.apache.commons.math3.optim.MaxEval(2000),
				new org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction(x -> totalRss(sample, first, refs, fitEnergies, x, names, o, rss)),
				org.apache.commons.math3.optim.nonlinear.scalar.GoalType.MINIMIZE, new org.apache.commons.math3.optim.InitialGuess(shifts.clone()),
				new org.apache.commons.math3.optim.SimpleBounds(lower, upper));
			if (r.getValue() < current) {
				System.arraycopy(r.getPoint(), 0, shifts, 0, k);
				current = r.getValue();
			}
		} catch (org.apache.commons.math3.exception.TooManyEvaluationsException e) {
			// keep the coordinate-descent point
		}
		return current;
	}

	/** Σ over the finite pixels of the residual sum of squares with the references shifted by {@code shifts}. */
	private static double totalRss(SpectralStack sample, int first, List<Spectrum> refs, double[] fitEnergies, double[] shifts, String[] names,
		Options o, double[] rss) {
		solveAll(sample, first, columns(refs, fitEnergies, shifts, o.constant), names, refs.size(), o, rss, null, null, null, null, null,
			Progress.NONE, "");
		double total = 0;
		for (double r : rss)
			if (!Double.isNaN(r)) total += r;
		return total;
	}
}
