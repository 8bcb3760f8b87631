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
	}

	/** Maps (NaN where the pixel had no usable spectrum) and the fit set-up. */
	public static final class Result {
		/** Weight names: the references, then "constant" when fitted. */
		public final String[] names;
		/** One map per name. */
		public final float[][] weights;
		public final float[] rFactor, chiSquare, residualRms;
		/** Stack energy indices [first, last] used by the fit. */
		public final int first, last;

		Result(String[] names, float[][] weights, float[] rFactor, float[] chiSquare, float[] residualRms, int first, int last) {
			this.names = names;
			this.weights = weights;
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
		double lo = Double.isNaN(fitMin) ? energies[0] : fitMin;
		double hi = Double.isNaN(fitMax) ? energies[energies.length - 1] : fitMax;
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
			if (r.minEnergy() > refLo) {
				refLo = r.minEnergy();
				loName = r.name();
			}
			if (r.maxEnergy() < refHi) {
				refHi = r.maxEnergy();
				hiName = r.name();
			}
		}
		if (energies[first] < refLo - 1e-6 || energies[last] > refHi + 1e-6)
			throw new InvalidInputException(String.format(Locale.ROOT,
				"fit range %.4g–%.4g eV is outside the references' common range %.4g–%.4g eV (%s starts at %.4g, %s ends at %.4g); set fit_min/fit_max inside it",
				energies[first], energies[last], refLo, refHi, loName, refLo, hiName, refHi));
		return new int[] { first, last };
	}

	/** Fits every pixel of {@code stack} with {@code refs}. */
	public static Result fit(SpectralStack stack, List<Spectrum> refs, Options o, Progress progress) {
		if (refs.isEmpty()) throw new InvalidInputException("references: no reference spectra");
		double[] energies = stack.energies();
		int[] range = fitRange(energies, refs, o.fitMin, o.fitMax);
		final int first = range[0], last = range[1], n = last - first + 1;
		int k = refs.size();
		int p = k + (o.constant ? 1 : 0);
		if (n <= p)
			throw new InvalidInputException("fit_min/fit_max: " + n + " energies in the fit range cannot determine " + p + " weights; widen the range");
		double[] fitEnergies = Arrays.copyOfRange(energies, first, last + 1);
		double[][] cols = new double[p][];
		String[] names = new String[p];
		for (int j = 0; j < k; j++) {
			cols[j] = refs.get(j).interpolateOnto(fitEnergies);
			names[j] = refs.get(j).name();
		}
		if (o.constant) {
			cols[k] = new double[n];
			Arrays.fill(cols[k], 1);
			names[k] = "constant";
		}
		LinearLeastSquares ls = new LinearLeastSquares(cols, names, k, o.nonnegative, o.sumToOne);
		int pixels = stack.pixels();
		float[][] w = new float[p][pixels];
		float[] rf = new float[pixels], chi = new float[pixels], rms = new float[pixels];
		final int dof = Math.max(1, n - p + (o.sumToOne ? 1 : 0));
		// the solver needs only Aᵀy and ‖y‖² per pixel: the engine projects the slices onto the columns
		PixelEngine.forEachProjection(stack, first, cols, () -> {
			LinearLeastSquares.Worker worker = ls.newWorker();
			double[] x = new double[p];
			return (pixel, b, yy) -> {
				if (!(yy > 0 && yy < Double.POSITIVE_INFINITY)) { // NaN/∞ in the spectrum, or all zero: no value
					for (int j = 0; j < p; j++)
						w[j][pixel] = Float.NaN;
					rf[pixel] = chi[pixel] = rms[pixel] = Float.NaN;
					return;
				}
				double rss = worker.solveNormal(b, yy, x);
				for (int j = 0; j < p; j++)
					w[j][pixel] = (float) x[j];
				rf[pixel] = (float) (rss / yy);
				chi[pixel] = (float) (rss / dof);
				rms[pixel] = (float) Math.sqrt(rss / n);
			};
		}, progress, "Linear combination fit");
		return new Result(names, w, rf, chi, rms, first, last);
	}
}
