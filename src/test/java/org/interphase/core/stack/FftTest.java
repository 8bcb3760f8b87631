package org.interphase.core.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class FftTest {

	@Test
	void matchesTheDirectDftAndInvertsForEveryPowerOfTwoUpTo256() {
		SplittableRandom r = new SplittableRandom(5);
		for (int n = 1; n <= 256; n *= 2) {
			double[] re = new double[n + 3], im = new double[n + 3]; // offset 3 inside a larger array
			double[] xr = new double[n], xi = new double[n];
			for (int i = 0; i < n; i++) {
				xr[i] = re[3 + i] = r.nextDouble() - 0.5;
				xi[i] = im[3 + i] = r.nextDouble() - 0.5;
			}
			Fft f = new Fft(n);
			f.transform(re, im, 3, false);
			for (int k = 0; k < n; k++) {
				double sr = 0, si = 0;
				for (int j = 0; j < n; j++) {
					double a = -2 * Math.PI * j * k / n;
					sr += xr[j] * Math.cos(a) - xi[j] * Math.sin(a);
					si += xr[j] * Math.sin(a) + xi[j] * Math.cos(a);
				}
				assertEquals(sr, re[3 + k], 1e-9 * n, "n=" + n + " k=" + k);
				assertEquals(si, im[3 + k], 1e-9 * n, "n=" + n + " k=" + k);
			}
			f.transform(re, im, 3, true);
			for (int i = 0; i < n; i++) {
				assertEquals(xr[i], re[3 + i] / n, 1e-12);
				assertEquals(xi[i], im[3 + i] / n, 1e-12);
			}
		}
		assertThrows(IllegalArgumentException.class, () -> new Fft(12));
	}
}
