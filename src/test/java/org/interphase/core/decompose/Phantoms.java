package org.interphase.core.decompose;

import java.util.SplittableRandom;

import org.interphase.core.stack.SpectralStack;

/** Phantom OD stacks with known spectra and abundances. */
final class Phantoms {

	private Phantoms() {}

	static double[] energies(int nE) {
		double[] e = new double[nE];
		for (int i = 0; i < nE; i++)
			e[i] = 850 + 0.25 * i;
		return e;
	}

	/** Three distinct spectra: Gaussian peaks at different energies on different edge steps. */
	static double[][] spectra(double[] en) {
		double[][] s = new double[3][en.length];
		double[] centre = { 853, 855, 857 }, step = { 0.2, 0.5, 0.1 };
		for (int k = 0; k < 3; k++)
			for (int e = 0; e < en.length; e++)
				s[k][e] = step[k] * (0.5 + Math.atan((en[e] - 852) / 0.5) / Math.PI) + Math.exp(-0.5 * Math.pow((en[e] - centre[k]) / 0.6, 2));
		return s;
	}

	static double gaussian(SplittableRandom rnd) {
		return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
	}

	/**
	 * Three-phase phantom: phase of pixel (x, y) from {@link #phase}, spectrum × thickness(x, y) +
	 * Gaussian noise of SD {@code noise}.
	 */
	static SpectralStack threePhase(int w, int h, double[] en, boolean varyThickness, double noise, long seed) {
		double[][] spec = spectra(en);
		SpectralStack s = SpectralStack.allocate(w, h, en);
		SplittableRandom rnd = new SplittableRandom(seed);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int p = y * w + x;
				int ph = phase(x, y, w, h);
				double t = varyThickness ? 0.3 + 1.5 * rnd.nextDouble() : 1;
				for (int e = 0; e < en.length; e++)
					s.slice(e)[p] = (float) (t * spec[ph][e] + noise * gaussian(rnd));
			}
		return s;
	}

	/** Phase 0 on 50 % of the columns, phase 1 on 30 %, phase 2 on 20 % (so sizes rank 0 > 1 > 2). */
	static int phase(int x, int y, int w, int h) {
		return x < w / 2 ? 0 : x < w * 8 / 10 ? 1 : 2;
	}
}
