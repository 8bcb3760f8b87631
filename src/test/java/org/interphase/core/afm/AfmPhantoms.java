package org.interphase.core.afm;

import java.util.SplittableRandom;

/** Random surfaces with known statistics for the AFM tests (fixed seeds). */
final class AfmPhantoms {

	private AfmPhantoms() {}

	static double gaussian(SplittableRandom rnd) {
		double u = 1 - rnd.nextDouble(), v = rnd.nextDouble();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/**
	 * Gaussian random surface: white noise smoothed by a Gaussian kernel of {@code corr} px
	 * (periodic), scaled so its population Sq is exactly {@code sq} and its mean 0.
	 */
	static float[] gaussianSurface(int w, int h, double corr, double sq, long seed) {
		SplittableRandom rnd = new SplittableRandom(seed);
		double[] a = new double[w * h];
		for (int i = 0; i < a.length; i++)
			a[i] = gaussian(rnd);
		int r = (int) Math.ceil(3 * corr);
		double[] k = new double[2 * r + 1];
		for (int i = -r; i <= r; i++)
			k[i + r] = Math.exp(-0.5 * i * i / (corr * corr));
		double[] b = new double[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double s = 0;
				for (int i = -r; i <= r; i++)
					s += k[i + r] * a[y * w + Math.floorMod(x + i, w)];
				b[y * w + x] = s;
			}
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double s = 0;
				for (int i = -r; i <= r; i++)
					s += k[i + r] * b[Math.floorMod(y + i, h) * w + x];
				a[y * w + x] = s;
			}
		double m = 0, v = 0;
		for (double d : a)
			m += d;
		m /= a.length;
		for (double d : a)
			v += (d - m) * (d - m);
		double f = sq / Math.sqrt(v / a.length);
		float[] z = new float[w * h];
		for (int i = 0; i < z.length; i++)
			z[i] = (float) ((a[i] - m) * f);
		return z;
	}
}
