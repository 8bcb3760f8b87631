package org.interphase.core.spectrum;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.interphase.core.stack.PixelEngine;
import org.interphase.core.stack.SpectralStack;

/**
 * Edge features of every pixel of a (normalized) XANES stack (SCIENCE.md §1, TXM-XANES practice):
 * white-line energy and height (the maximum inside a window, refined by the vertex of the parabola
 * through the maximum sample and its two neighbours, on the actual uneven energies), the energy
 * where μ first crosses 0.5, the energy centroid over a window, and a peak ratio I(E1)/I(E2)
 * (linear interpolation between samples) or, with a window, the ratio of the integrals over
 * [E ± window/2]. Integrals are exact for the piecewise-linear interpolant of the samples.
 */
public final class EdgeFeatures {

	/** Parameters; NaN limits mean the whole energy range. */
	public static final class Options {
		public double whiteLineMin = Double.NaN, whiteLineMax = Double.NaN;
		public double centroidMin = Double.NaN, centroidMax = Double.NaN;
		/** Ratio energies (eV); NaN: no ratio map. */
		public double ratioEnergy1 = Double.NaN, ratioEnergy2 = Double.NaN;
		/** 0: ratio of interpolated intensities; > 0: ratio of integrals over this width (eV). */
		public double ratioWindow = 0;
	}

	/** Feature maps, one per label. */
	public static final class Result {
		public final String[] labels;
		public final float[][] maps;

		Result(String[] labels, float[][] maps) {
			this.labels = labels;
			this.maps = maps;
		}

		/** The map labelled {@code label}. */
		public float[] map(String label) {
			for (int i = 0; i < labels.length; i++)
				if (labels[i].equals(label)) return maps[i];
			throw new IllegalArgumentException("no feature " + label);
		}
	}

	public static final String WHITE_LINE_ENERGY = "white_line_energy_eV", WHITE_LINE_HEIGHT = "white_line_height", HALF_ENERGY = "e_half_eV",
		CENTROID = "centroid_eV", PEAK_RATIO = "peak_ratio";

	private EdgeFeatures() {}

	/** Computes the feature maps of {@code stack}. */
	public static Result compute(SpectralStack stack, Options o, Progress progress) {
		final double[] en = stack.energies();
		final int n = en.length;
		if (n < 3) throw new InvalidInputException("stack: edge features need at least 3 energies, got " + n);
		final int[] wl = indexRange(en, o.whiteLineMin, o.whiteLineMax, "white_line_min/white_line_max");
		final int[] cw = indexRange(en, o.centroidMin, o.centroidMax, "centroid_min/centroid_max");
		final double cLo = Double.isNaN(o.centroidMin) ? en[0] : o.centroidMin, cHi = Double.isNaN(o.centroidMax) ? en[n - 1] : o.centroidMax;
		final boolean ratio = !Double.isNaN(o.ratioEnergy1) || !Double.isNaN(o.ratioEnergy2);
		if (ratio) {
			if (Double.isNaN(o.ratioEnergy1) || Double.isNaN(o.ratioEnergy2))
				throw new InvalidInputException("ratio_energy1/ratio_energy2: give both energies for a peak ratio map");
			if (o.ratioWindow < 0) throw new InvalidInputException("ratio_window must be ≥ 0 eV, got " + o.ratioWindow);
			double half = o.ratioWindow / 2;
			for (double e : new double[] { o.ratioEnergy1, o.ratioEnergy2 })
				if (e - half < en[0] - 1e-9 || e + half > en[n - 1] + 1e-9)
					throw new InvalidInputException(String.format(Locale.ROOT, "ratio_energy1/ratio_energy2: %.4g eV%s is outside the stack's %.4g–%.4g eV", e,
						half > 0 ? String.format(Locale.ROOT, " ± %.4g", half) : "", en[0], en[n - 1]));
		}
		List<String> labels = new ArrayList<>(List.of(WHITE_LINE_ENERGY, WHITE_LINE_HEIGHT, HALF_ENERGY, CENTROID));
		if (ratio) labels.add(PEAK_RATIO);
		final int pixels = stack.pixels();
		final float[][] maps = new float[labels.size()][pixels];
		// every integral and interpolation is a fixed linear functional of μ: weights computed once
		final double cRef = 0.5 * (cLo + cHi);
		final double[] c0 = weights(en, cLo, cHi, 0, cRef), c1 = weights(en, cLo, cHi, 1, cRef);
		final int cFirst = firstNonZero(c0, c1), cLast = lastNonZero(c0, c1);
		final double rw = o.ratioWindow;
		final double[] w1 = ratio ? (rw > 0 ? weights(en, o.ratioEnergy1 - rw / 2, o.ratioEnergy1 + rw / 2, 0, o.ratioEnergy1) : pointWeights(en, o.ratioEnergy1)) : null;
		final double[] w2 = ratio ? (rw > 0 ? weights(en, o.ratioEnergy2 - rw / 2, o.ratioEnergy2 + rw / 2, 0, o.ratioEnergy2) : pointWeights(en, o.ratioEnergy2)) : null;
		final int r1First = ratio ? firstNonZero(w1, w1) : 0, r1Last = ratio ? lastNonZero(w1, w1) : -1;
		final int r2First = ratio ? firstNonZero(w2, w2) : 0, r2Last = ratio ? lastNonZero(w2, w2) : -1;
		PixelEngine.forEachSpectrum(stack, () -> (pixel, mu) -> {
			double sum = 0, sumAbs = 0;
			for (int i = 0; i < n; i++) {
				sum += mu[i];
				sumAbs += Math.abs(mu[i]);
			}
			if (!(Math.abs(sum) < Double.POSITIVE_INFINITY) || sumAbs == 0) { // a NaN or infinity, or no signal at all (padding)
				for (float[] m : maps)
					m[pixel] = Float.NaN;
				return;
			}
			// white line: maximum in the window, parabola vertex through it and its neighbours
			int best = wl[0];
			double top = mu[best];
			for (int i = wl[0] + 1; i <= wl[1]; i++)
				if (mu[i] > top) {
					top = mu[i];
					best = i;
				}
			double we = en[best], wh = top;
			if (best > 0 && best < n - 1) {
				double x1 = en[best - 1], x2 = en[best], x3 = en[best + 1];
				double y1 = mu[best - 1], y2 = mu[best], y3 = mu[best + 1];
				we = XanesNormalization.parabolaVertex(x1, y1, x2, y2, x3, y3);
				double d1 = (y2 - y1) / (x2 - x1), a = ((y3 - y2) / (x3 - x2) - d1) / (x3 - x1);
				wh = y1 + d1 * (we - x1) + a * (we - x1) * (we - x2);
			}
			maps[0][pixel] = (float) we;
			maps[1][pixel] = (float) wh;
			// first upward crossing of 0.5
			double half = Double.NaN;
			for (int i = 1; i < n; i++)
				if (mu[i - 1] < 0.5 && mu[i] >= 0.5) {
					half = en[i - 1] + (0.5 - mu[i - 1]) / (mu[i] - mu[i - 1]) * (en[i] - en[i - 1]);
					break;
				}
			maps[2][pixel] = (float) half;
			// centroid ∫E μ dE / ∫μ dE of the piecewise-linear μ over [cLo, cHi]
			double s0 = 0, s1 = 0;
			for (int i = cFirst; i <= cLast; i++) {
				s0 += c0[i] * mu[i];
				s1 += c1[i] * mu[i];
			}
			maps[3][pixel] = (float) (cRef + s1 / s0);
			if (ratio) {
				double v1 = 0, v2 = 0;
				for (int i = r1First; i <= r1Last; i++)
					v1 += w1[i] * mu[i];
				for (int i = r2First; i <= r2Last; i++)
					v2 += w2[i] * mu[i];
				maps[4][pixel] = (float) (v1 / v2);
			}
		}, progress, "XANES feature maps");
		return new Result(labels.toArray(new String[0]), maps);
	}

	/** Indices [first, last] of the energies inside [lo, hi] (NaN = that end); at least 3 points. */
	static int[] indexRange(double[] en, double lo, double hi, String field) {
		int n = en.length;
		double a = Double.isNaN(lo) ? en[0] : lo, b = Double.isNaN(hi) ? en[n - 1] : hi;
		if (!(a < b)) throw new InvalidInputException(String.format(Locale.ROOT, "%s: the window %.4g–%.4g eV is empty", field, a, b));
		int first = -1, last = -1;
		for (int i = 0; i < n; i++)
			if (en[i] >= a - 1e-9 && en[i] <= b + 1e-9) {
				if (first < 0) first = i;
				last = i;
			}
		if (first < 0 || last - first < 1)
			throw new InvalidInputException(String.format(Locale.ROOT, "%s: fewer than 2 stack energies lie in %.4g–%.4g eV (the stack covers %.4g–%.4g eV)", field,
				a, b, en[0], en[n - 1]));
		return new int[] { first, last };
	}

	/**
	 * Weights w with Σ wᵢ μᵢ = ∫ₐᵇ (E − ref)^power μ(E) dE for the piecewise-linear interpolant of
	 * μ on {@code en} (power 0 or 1; [a, b] inside the energy range).
	 */
	static double[] weights(double[] en, double a, double b, int power, double ref) {
		double[] w = new double[en.length];
		for (int i = 0; i < en.length - 1; i++) {
			double lo = Math.max(en[i], a), hi = Math.min(en[i + 1], b);
			if (!(hi > lo)) continue;
			// μ(E) = μᵢ (e1 − E)/h + μᵢ₊₁ (E − e0)/h, shifted so that E' = E − ref
			double e0 = en[i] - ref, e1 = en[i + 1] - ref, h = en[i + 1] - en[i];
			double l = lo - ref, u = hi - ref;
			double m0 = u - l, m1 = (u * u - l * l) / 2, m2 = (u * u * u - l * l * l) / 3;
			if (power == 0) {
				w[i] += (e1 * m0 - m1) / h;
				w[i + 1] += (m1 - e0 * m0) / h;
			} else {
				w[i] += (e1 * m1 - m2) / h;
				w[i + 1] += (m2 - e0 * m1) / h;
			}
		}
		return w;
	}

	/** Weights of linear interpolation at energy e (inside the range). */
	static double[] pointWeights(double[] en, double e) {
		double[] w = new double[en.length];
		int i = 0;
		while (i < en.length - 2 && en[i + 1] < e)
			i++;
		double f = Math.min(1, Math.max(0, (e - en[i]) / (en[i + 1] - en[i])));
		w[i] = 1 - f;
		w[i + 1] += f;
		return w;
	}

	private static int firstNonZero(double[] a, double[] b) {
		for (int i = 0; i < a.length; i++)
			if (a[i] != 0 || b[i] != 0) return i;
		return 0;
	}

	private static int lastNonZero(double[] a, double[] b) {
		for (int i = a.length - 1; i >= 0; i--)
			if (a[i] != 0 || b[i] != 0) return i;
		return -1;
	}
}
