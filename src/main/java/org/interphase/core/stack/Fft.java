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
		int L = 1;
		if ((Integer.numberOfTrailingZeros(n) & 1) == 1) {
			// odd number of stages: the first (twiddle 1) alone, sums and differences of neighbours
			for (int p = off, end = off + n; p + 1 < end; p += 2) {
				double xr = re[p + 1], xi = im[p + 1];
				re[p + 1] = re[p] - xr;
				im[p + 1] = im[p] - xi;
				re[p] += xr;
				im[p] += xi;
			}
			L = 2;
		}
		double sign = inverse ? -1 : 1;
		// two radix-2 stages (sizes 2L and 4L) per pass: each element is loaded and stored once per two stages
		for (; 4 * L <= n; L *= 4) {
			int stepA = n / (2 * L), stepB = n / (4 * L), span = 4 * L;
			for (int k = 0; k < L; k++) {
				double ar = cos[k * stepA], ai = sign * sin[k * stepA];
				double br = cos[k * stepB], bi = sign * sin[k * stepB];
				for (int p0 = off + k, end = off + n; p0 < end; p0 += span) {
					int p1 = p0 + L, p2 = p1 + L, p3 = p2 + L;
					double x1r = re[p1], x1i = im[p1], x3r = re[p3], x3i = im[p3];
					double a1r = x1r * ar - x1i * ai, a1i = x1r * ai + x1i * ar;
					double a3r = x3r * ar - x3i * ai, a3i = x3r * ai + x3i * ar;
					double x0r = re[p0], x0i = im[p0], x2r = re[p2], x2i = im[p2];
					double y0r = x0r + a1r, y0i = x0i + a1i, y1r = x0r - a1r, y1i = x0i - a1i;
					double y2r = x2r + a3r, y2i = x2i + a3i, y3r = x2r - a3r, y3i = x2i - a3i;
					double b2r = y2r * br - y2i * bi, b2i = y2r * bi + y2i * br;
					double tr = y3r * br - y3i * bi, ti = y3r * bi + y3i * br;
					// × W_{4L}^L = ∓i (forward −i, inverse +i)
					double b3r = sign * ti, b3i = -sign * tr;
					re[p0] = y0r + b2r;
					im[p0] = y0i + b2i;
					re[p2] = y0r - b2r;
					im[p2] = y0i - b2i;
					re[p1] = y1r + b3r;
					im[p1] = y1i + b3i;
					re[p3] = y1r - b3r;
					im[p3] = y1i - b3i;
				}
			}
		}
	}
}
