package org.interphase.core.stack;

/**
 * Complex DFT of any length n (unscaled, forward e^{−2πi jk/n}), on top of the radix-2 {@link Fft}:
 * a power of two goes straight to it, any other length through Bluestein's chirp-z identity
 * jk = (j² + k² − (k−j)²)/2, which turns the DFT into one circular convolution of power-of-two
 * length m ≥ 2n−1. Used where the transform length must be the data length (spectral densities
 * whose frequencies are multiples of 2π/L). Not thread-safe (it keeps scratch arrays); make one per
 * thread.
 */
public final class AnyFft {

	private final int n, m;
	private final Fft fft;
	/** Chirp e^{−iπ j²/n} and the transform of its conjugate, zero-padded to m (Bluestein only). */
	private final double[] wr, wi, br, bi, ar, ai;

	public AnyFft(int n) {
		if (n < 1) throw new IllegalArgumentException("DFT length must be positive, got " + n);
		this.n = n;
		if (Integer.bitCount(n) == 1) {
			m = n;
			fft = new Fft(n);
			wr = wi = br = bi = ar = ai = null;
			return;
		}
		m = Fft.nextPowerOfTwo(2 * n - 1);
		fft = new Fft(m);
		wr = new double[n];
		wi = new double[n];
		for (int j = 0; j < n; j++) {
			// j² mod 2n keeps the angle small and exact for large j
			long q = ((long) j * j) % (2L * n);
			double a = -Math.PI * q / n;
			wr[j] = Math.cos(a);
			wi[j] = Math.sin(a);
		}
		br = new double[m];
		bi = new double[m];
		br[0] = wr[0];
		bi[0] = -wi[0];
		for (int j = 1; j < n; j++) {
			br[j] = br[m - j] = wr[j];
			bi[j] = bi[m - j] = -wi[j];
		}
		fft.transform(br, bi, 0, false);
		ar = new double[m];
		ai = new double[m];
	}

	public int length() {
		return n;
	}

	/** Forward transform of {@code re[off…off+n)}, {@code im[off…off+n)} in place (unscaled). */
	public void forward(double[] re, double[] im, int off) {
		if (ar == null) {
			fft.transform(re, im, off, false);
			return;
		}
		java.util.Arrays.fill(ar, 0);
		java.util.Arrays.fill(ai, 0);
		for (int j = 0; j < n; j++) {
			double xr = re[off + j], xi = im[off + j];
			ar[j] = xr * wr[j] - xi * wi[j];
			ai[j] = xr * wi[j] + xi * wr[j];
		}
		fft.transform(ar, ai, 0, false);
		for (int k = 0; k < m; k++) {
			double xr = ar[k] * br[k] - ai[k] * bi[k];
			double xi = ar[k] * bi[k] + ai[k] * br[k];
			ar[k] = xr;
			ai[k] = xi;
		}
		fft.transform(ar, ai, 0, true);
		double s = 1.0 / m;
		for (int k = 0; k < n; k++) {
			double xr = ar[k] * s, xi = ai[k] * s;
			re[off + k] = xr * wr[k] - xi * wi[k];
			im[off + k] = xr * wi[k] + xi * wr[k];
		}
	}
}
