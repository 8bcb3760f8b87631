package org.interphase.core.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.junit.jupiter.api.Test;

/** Optical density on phantoms with known I0 and known OD. */
class OpticalDensityTest {

	static final int W = 40, H = 30, BLANK = 8;

	/** Known I0(E) and OD(x, y, E); columns below {@link #BLANK} are sample-free. */
	static double trueI0(double e) {
		return 1500 - 10 * (e - 700) + 50 * Math.sin(e);
	}

	static double trueOd(int x, int y, double e) {
		if (x < BLANK) return 0;
		double thickness = 0.3 + 0.02 * x + 0.01 * y;
		return thickness * (0.4 + 0.5 / (1 + Math.exp(-(e - 708) / 0.7)));
	}

	static double[] energies() {
		return new double[] { 700, 702, 704, 706, 707, 707.5, 708, 708.25, 708.5, 709, 710, 712, 715, 720, 725 };
	}

	static SpectralStack phantom(SplittableRandom noise) {
		double[] en = energies();
		SpectralStack s = SpectralStack.allocate(W, H, en);
		for (int e = 0; e < en.length; e++)
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++) {
					double i = trueI0(en[e]) * Math.exp(-trueOd(x, y, en[e]));
					if (noise != null) i *= 1 + 0.002 * (noise.nextDouble() - 0.5);
					s.slice(e)[y * W + x] = (float) i;
				}
		return s;
	}

	@Test
	void knownI0RecoversOdWithoutNoise() {
		SpectralStack s = phantom(null);
		double[] en = energies();
		double[] i0 = new double[en.length];
		for (int e = 0; e < en.length; e++)
			i0[e] = trueI0(en[e]);
		OpticalDensity.Result r = OpticalDensity.compute(s, i0, 1, Progress.NONE);
		double maxErr = 0;
		for (int e = 0; e < en.length; e++)
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++)
					maxErr = Math.max(maxErr, Math.abs(r.od.slice(e)[y * W + x] - trueOd(x, y, en[e])));
		assertTrue(maxErr < 1e-5, "max OD error " + maxErr);
		assertEquals(0, r.clamped);
	}

	@Test
	void automaticI0FindsTheBlankRegionAndRecoversOd() {
		SpectralStack s = phantom(new SplittableRandom(7));
		boolean[] mask = OpticalDensity.brightestPixels(s, 0.2);
		int inBlank = 0, chosen = 0;
		for (int p = 0; p < mask.length; p++) {
			if (mask[p]) {
				chosen++;
				if (p % W < BLANK) inBlank++;
			}
		}
		assertEquals(chosen, inBlank, "every automatically chosen I0 pixel lies in the blank columns");
		assertEquals(Math.round(0.2 * W * H), chosen, 1);
		double[] i0 = OpticalDensity.meanSpectrum(s, mask, "auto");
		double[] en = energies();
		for (int e = 0; e < en.length; e++)
			assertEquals(trueI0(en[e]), i0[e], trueI0(en[e]) * 2e-4, "I0 at " + en[e] + " eV");
		OpticalDensity.Result r = OpticalDensity.compute(s, i0, 1, Progress.NONE);
		int p = 15 * W + 30;
		for (int e = 0; e < en.length; e++)
			assertEquals(trueOd(30, 15, en[e]), r.od.slice(e)[p], 2e-3, "OD with 0.1 % noise at " + en[e] + " eV");
	}

	@Test
	void nonPositiveIntensityIsClampedAndCountedNanStaysNan() {
		SpectralStack s = phantom(null);
		s.slice(3)[5] = 0;
		s.slice(4)[6] = -3;
		s.slice(5)[7] = Float.NaN;
		double[] i0 = new double[s.energyCount()];
		java.util.Arrays.fill(i0, 1000);
		OpticalDensity.Result r = OpticalDensity.compute(s, i0, 1, Progress.NONE);
		assertEquals(2, r.clamped);
		assertEquals(-Math.log(OpticalDensity.CLAMP_FRACTION), r.od.slice(3)[5], 1e-4);
		assertEquals(-Math.log(OpticalDensity.CLAMP_FRACTION), r.od.slice(4)[6], 1e-4);
		assertTrue(Float.isNaN(r.od.slice(5)[7]));
	}

	@Test
	void dwellRatioScalesTheTransmission() {
		SpectralStack s = phantom(null);
		double[] en = energies();
		double[] i0 = new double[en.length];
		for (int e = 0; e < en.length; e++)
			i0[e] = 2 * trueI0(en[e]); // I0 counted for twice the dwell
		OpticalDensity.Result r = OpticalDensity.compute(s, i0, 2, Progress.NONE);
		assertEquals(trueOd(20, 10, en[6]), r.od.slice(6)[10 * W + 20], 1e-5);
	}

	@Test
	void badI0IsRefusedWithTheEnergy() {
		SpectralStack s = phantom(null);
		double[] i0 = new double[s.energyCount()];
		java.util.Arrays.fill(i0, 1);
		i0[2] = 0;
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> OpticalDensity.compute(s, i0, 1, Progress.NONE));
		assertTrue(e.getMessage().contains("704"), e.getMessage());
		assertThrows(InvalidInputException.class, () -> OpticalDensity.compute(s, new double[3], 1, Progress.NONE));
	}
}
