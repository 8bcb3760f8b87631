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

	/**
	 * Gaussian random surface with a Gaussian autocorrelation G(τ) = σ² exp(−τ²/T²) (T in pixels),
	 * made by filtering white noise in Fourier space (periodic, power-of-two sizes): each Fourier
	 * coefficient of unit white noise is multiplied by √(PSD) with PSD(K) ∝ exp(−K²T²/4), the constant
	 * chosen so that the expected variance is σ². Not rescaled afterwards: its Sq scatters around σ.
	 */
	static float[] gaussianAcfSurface(int w, int h, double t, double sigma, long seed) {
		SplittableRandom rnd = new SplittableRandom(seed);
		double[] re = new double[w * h], im = new double[w * h];
		for (int i = 0; i < re.length; i++)
			re[i] = gaussian(rnd);
		fft2(re, im, w, h, false);
		double sum2 = 0;
		double[] filt = new double[w * h];
		for (int y = 0; y < h; y++) {
			double ky = 2 * Math.PI * (y <= h / 2 ? y : y - h) / h;
			for (int x = 0; x < w; x++) {
				double kx = 2 * Math.PI * (x <= w / 2 ? x : x - w) / w;
				double f = Math.exp(-(kx * kx + ky * ky) * t * t / 8);
				filt[y * w + x] = f;
				sum2 += f * f;
			}
		}
		// unit white noise: E|X|² = wh; after filtering var = Σ f² / (wh)
		double c = sigma / Math.sqrt(sum2 / ((double) w * h));
		for (int i = 0; i < re.length; i++) {
			re[i] *= filt[i] * c;
			im[i] *= filt[i] * c;
		}
		fft2(re, im, w, h, true);
		float[] z = new float[w * h];
		for (int i = 0; i < z.length; i++)
			z[i] = (float) (re[i] / ((double) w * h));
		return z;
	}

	/**
	 * Rows of independent self-affine profiles with 1D PSD ∝ K^β (β &lt; 0) between the first and the
	 * Nyquist frequency, random phases, rms {@code sigma}: a fractal dimension 7/2 + β/2.
	 */
	static float[] powerLawRows(int w, int h, double beta, double sigma, long seed) {
		SplittableRandom rnd = new SplittableRandom(seed);
		org.interphase.core.stack.Fft f = new org.interphase.core.stack.Fft(w);
		double[] re = new double[w], im = new double[w];
		float[] z = new float[w * h];
		for (int y = 0; y < h; y++) {
			for (int j = 0; j < w; j++) {
				int jj = Math.min(j, w - j);
				double a = jj == 0 ? 0 : Math.pow(jj, beta / 2);
				re[j] = gaussian(rnd) * a;
				im[j] = gaussian(rnd) * a;
			}
			f.transform(re, im, 0, true);
			double ss = 0;
			for (int i = 0; i < w; i++)
				ss += re[i] * re[i];
			double s = sigma / Math.sqrt(ss / w);
			for (int i = 0; i < w; i++)
				z[y * w + i] = (float) (re[i] * s);
		}
		return z;
	}

	private static void fft2(double[] re, double[] im, int w, int h, boolean inverse) {
		org.interphase.core.stack.Fft fx = new org.interphase.core.stack.Fft(w), fy = new org.interphase.core.stack.Fft(h);
		for (int y = 0; y < h; y++)
			fx.transform(re, im, y * w, inverse);
		double[] cr = new double[h], ci = new double[h];
		for (int x = 0; x < w; x++) {
			for (int y = 0; y < h; y++) {
				cr[y] = re[y * w + x];
				ci[y] = im[y * w + x];
			}
			fy.transform(cr, ci, 0, inverse);
			for (int y = 0; y < h; y++) {
				re[y * w + x] = cr[y];
				im[y * w + x] = ci[y];
			}
		}
	}
}
