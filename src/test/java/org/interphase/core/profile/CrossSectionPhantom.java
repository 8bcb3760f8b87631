package org.interphase.core.profile;

import java.util.SplittableRandom;

import org.apache.commons.math3.special.Erf;

/**
 * Phantom S XRF cross-section of a cell at 1 µm/px: electrode (background level) | electrolyte
 * (bulk level, 100 µm) | electrode, along x; constant along y. The true S concentration is a
 * piecewise constant profile (depleted zones at 0–10 µm and 78–90 µm from the negative interface)
 * blurred by a Gaussian beam of σ, i.e. a sum of erf steps; Poisson noise with a fixed seed.
 * The depletion factors are solved so that the noise-free phantom, averaged over the positions a
 * profile from x = 0 samples (integer x) inside each zone, is depleted by exactly the wanted
 * percentage relative to the bulk zone.
 */
final class CrossSectionPhantom {

	final int width = 140, height = 40;
	final double left = 20.3, right = 120.3, sigma = 1.5, bulk = 1000, background = 120;
	final double[][] zones = { { 0, 10 }, { 78, 90 } };
	final double[] bulkZone = { 20, 70 };
	final double[] wanted = { 16.4, 25.9 };
	final double[] factor = new double[2];
	final float[] pixels;

	CrossSectionPhantom(long seed) {
		for (int z = 0; z < 2; z++) {
			double lo = 0, hi = 0.9;
			for (int it = 0; it < 100; it++) {
				double mid = (lo + hi) / 2;
				factor[z] = mid;
				if (trueDepletion(z) < wanted[z]) lo = mid;
				else hi = mid;
			}
			factor[z] = (lo + hi) / 2;
		}
		pixels = new float[width * height];
		SplittableRandom rnd = new SplittableRandom(seed);
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++)
				pixels[y * width + x] = poisson(rnd, model(x));
	}

	private static double phi(double t) {
		return 0.5 * (1 + Erf.erf(t / Math.sqrt(2)));
	}

	/** Noise-free intensity at x (px = µm). */
	double model(double x) {
		// concentration steps: (position, jump)
		double d1 = factor[0] * bulk, d2 = factor[1] * bulk;
		double[][] steps = { { left, bulk - d1 - background }, { left + 10, d1 }, { left + 78, -d2 }, { left + 90, d2 }, { right, background - bulk } };
		double v = background;
		for (double[] s : steps)
			v += s[1] * phi((x - s[0]) / sigma);
		return v;
	}

	/** Noise-free mean over integer x with x − left in [a, b]. */
	double zoneMean(double a, double b) {
		double s = 0;
		int n = 0;
		for (int x = 0; x < width; x++) {
			double d = x - left;
			if (d >= a && d <= b) {
				s += model(x);
				n++;
			}
		}
		return s / n;
	}

	double trueDepletion(int z) {
		return 100 * (1 - zoneMean(zones[z][0], zones[z][1]) / zoneMean(bulkZone[0], bulkZone[1]));
	}

	static float poisson(SplittableRandom rnd, double mean) {
		if (mean > 50) {
			double u = 1 - rnd.nextDouble(), v = rnd.nextDouble();
			double g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
			return (float) Math.max(0, Math.round(mean + Math.sqrt(mean) * g));
		}
		double l = Math.exp(-mean), p = 1;
		int k = 0;
		do {
			k++;
			p *= rnd.nextDouble();
		} while (p > l);
		return k - 1;
	}
}
