package org.interphase.core.stack;

/**
 * In-place radix-2 complex FFT of one power-of-two length, with precomputed twiddles and
 * bit-reversal table. Thread-safe after construction (the tables are read-only); the inverse is
 * not scaled.
 */
public final class Fft {

	private final int n;
	private final int[] rev;
	private final double[] cos, sin;

	public Fft(int n) {
		if (n < 1 || Integer.bitCount(n) != 1) throw new IllegalArgumentException("FFT length must be a power of two, got " + n);
		this.n = n;
		int bits = Integer.numberOfTrailingZeros(n);
		rev = new int[n];
		for (int i = 0; i < n; i++)
			rev[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
		cos = new double[n / 2 + 1];
		sin = new double[n / 2 + 1];
		for (int i = 0; i < cos.length; i++) {
			double a = -2 * Math.PI * i / n;
			cos[i] = Math.cos(a);
			sin[i] = Math.sin(a);
		}
	}

	/** The smallest power of two ≥ {@code v}. */
	public static int nextPowerOfTwo(int v) {
		int p = 1;
		while (p < v)
			p <<= 1;
		return p;
	}

	public int length() {
		return n;
	}

	/** Transforms {@code re[off…off+n)}, {@code im[off…off+n)} in place; {@code inverse} uses e^{+i…} (unscaled). */
	public void transform(double[] re, double[] im, int off, boolean inverse) {
		for (int i = 0; i < n; i++) {
			int j = rev[i];
			if (j > i) {
				double t = re[off + i];
				re[off + i] = re[off + j];
				re[off + j] = t;
				t = im[off + i];
				im[off + i] = im[off + j];
				im[off + j] = t;
			}
		}
		// first stage (twiddle 1): sums and differences of neighbours
		for (int p = off, end = off + n; p + 1 < end; p += 2) {
			double xr = re[p + 1], xi = im[p + 1];
			re[p + 1] = re[p] - xr;
			im[p + 1] = im[p] - xi;
			re[p] += xr;
			im[p] += xi;
		}
		double sign = inverse ? -1 : 1;
		for (int size = 4; size <= n; size <<= 1) {
			int half = size >> 1, step = n / size;
			// twiddle outer, butterflies inner: each twiddle is loaded once per stage
			for (int k = 0, t = 0; k < half; k++, t += step) {
				double wr = cos[t], wi = sign * sin[t];
				for (int p = off + k, end = off + n; p < end; p += size) {
					int q = p + half;
					double xr = re[q] * wr - im[q] * wi;
					double xi = re[q] * wi + im[q] * wr;
					re[q] = re[p] - xr;
					im[q] = im[p] - xi;
					re[p] += xr;
					im[p] += xi;
				}
			}
		}
	}
}
