package org.interphase.core.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.junit.jupiter.api.Test;

class RegionSpectraTest {

	/** Two regions with known spectra plus Gaussian noise of known SD → mean and SD recovered. */
	@Test
	void knownSpectraAndNoiseAreRecovered() {
		int w = 100, h = 80;
		double[] en = { 700, 705, 708, 710, 715 };
		double[][] truth = { { 0.1, 0.2, 1.0, 0.8, 0.7 }, { 0.3, 0.3, 0.5, 1.2, 1.1 } };
		double noise = 0.05;
		SpectralStack s = SpectralStack.allocate(w, h, en);
		int[] labels = new int[w * h];
		SplittableRandom rnd = new SplittableRandom(3);
		for (int p = 0; p < w * h; p++) {
			int x = p % w;
			labels[p] = x < 10 ? 0 : x < 55 ? 4 : 9; // labels need not be consecutive
			for (int e = 0; e < en.length; e++) {
				double base = labels[p] == 4 ? truth[0][e] : labels[p] == 9 ? truth[1][e] : 5;
				s.slice(e)[p] = (float) (base + noise * gaussian(rnd));
			}
		}
		s.slice(2)[20] = Float.NaN; // skipped, not poisoning the mean
		RegionSpectra.Result r = RegionSpectra.compute(s, labels, Progress.NONE);
		assertArrayEquals(new int[] { 4, 9 }, r.labels);
		assertEquals(45 * h, r.pixels[0]);
		assertEquals(45 * h - 1, r.n[0][2]);
		for (int i = 0; i < 2; i++)
			for (int e = 0; e < en.length; e++) {
				// standard error of the mean with 3600 px is 0.05/60 ≈ 0.0008: 5 SE tolerance
				assertEquals(truth[i][e], r.mean[i][e], 0.0045, "mean of region " + r.labels[i] + " at " + en[e]);
				assertEquals(noise, r.sd[i][e], noise * 0.05, "SD within 5 %");
			}
	}

	@Test
	void emptyOrMismatchedLabelsAreRefused() {
		SpectralStack s = SpectralStack.allocate(4, 4, new double[] { 1, 2 });
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> RegionSpectra.compute(s, new int[16], Progress.NONE));
		assertTrue(e.getMessage().contains("no region"));
		assertThrows(InvalidInputException.class, () -> RegionSpectra.compute(s, new int[15], Progress.NONE));
	}

	static double gaussian(SplittableRandom rnd) {
		return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
	}
}
