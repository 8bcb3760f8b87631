package org.interphase.core.morphology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.interphase.core.Progress;
import org.interphase.core.spectrum.PeakWidth;
import org.interphase.core.stack.RegionSpectra;
import org.interphase.core.stack.SpectralStack;
import org.junit.jupiter.api.Test;

class ShellsTest {

	static final double R = 30.5;

	static double gauss(double e, double centre, double fwhm) {
		double sigma = fwhm / 2.3548200450309493;
		return Math.exp(-0.5 * Math.pow((e - centre) / sigma, 2));
	}

	/**
	 * Disk (radius 30.5 px) whose spectrum changes with depth below its edge in three equal rings:
	 * a Gaussian peak at 852.0 / 852.3 / 852.6 eV with FWHM 1.6 / 1.3 / 1.0 eV from outside in,
	 * sampled every 0.1 eV. Shells, shell spectra (through RegionSpectra) and peak energy and FWHM
	 * per shell are compared with the truth.
	 */
	@Test
	void diskWithRadialGradient() {
		int w = 80, h = 80;
		double[] en = new double[81];
		for (int i = 0; i < en.length; i++)
			en[i] = 848 + 0.1 * i;
		double[] centre = { 852.0, 852.3, 852.6 }, fwhm = { 1.6, 1.3, 1.0 };
		int[] mask = new int[w * h];
		int[] truthShell = new int[w * h];
		SpectralStack s = SpectralStack.allocate(w, h, en);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double r = Math.hypot(x - 40, y - 40);
				int p = y * w + x;
				if (r > R) {
					for (int e = 0; e < en.length; e++)
						s.slice(e)[p] = 0.05f;
					continue;
				}
				mask[p] = 1;
				int ring = Math.min(2, (int) Math.floor((R - r) / (R / 3)));
				truthShell[p] = ring + 1;
				for (int e = 0; e < en.length; e++)
					s.slice(e)[p] = (float) (0.2 + gauss(en[e], centre[ring], fwhm[ring]));
			}
		Shells.Result sh = Shells.compute(mask, w, h, 1, 1, 3, 0, Progress.NONE);
		assertEquals(1, sh.particles);
		long inside = 0, agree = 0;
		for (int p = 0; p < mask.length; p++) {
			if (mask[p] == 0) {
				assertEquals(0, sh.shell[p]);
				continue;
			}
			inside++;
			if (sh.shell[p] == truthShell[p]) agree++;
			else assertTrue(Math.abs(Math.abs(sh.shell[p] - truthShell[p])) == 1, "misassigned only to a neighbouring shell");
		}
		assertTrue(agree >= 0.9 * inside, "pixels in their geometric shell: " + agree + " of " + inside);
		RegionSpectra.Result rs = RegionSpectra.compute(s, sh.shell, Progress.NONE);
		assertEquals(3, rs.labels.length);
		for (int k = 0; k < 3; k++) {
			PeakWidth.Peak pk = PeakWidth.measure(en, rs.mean[k], 849, 856);
			assertEquals(centre[k], pk.energy, 0.1, "shell " + (k + 1) + " peak energy");
			assertEquals(fwhm[k], pk.fwhm, 0.1, "shell " + (k + 1) + " FWHM");
			int top = (int) Math.round((centre[k] - 848) / 0.1);
			assertEquals(0.2 + 1.0, rs.mean[k][top], 0.05, "shell " + (k + 1) + " spectrum at its peak");
		}
	}

	@Test
	void givenThicknessAndTouchingParticles() {
		// two touching 10×10 squares of different labels: each is its own particle, boundary between them
		int w = 24, h = 12;
		int[] lab = new int[w * h];
		for (int y = 1; y < 11; y++)
			for (int x = 1; x < 21; x++)
				lab[y * w + x] = x < 11 ? 1 : 2;
		Shells.Result sh = Shells.compute(lab, w, h, 10, 10, 4, 20, Progress.NONE);
		assertEquals(2, sh.particles);
		// pixel at the shared edge (x = 10) is outer shell of particle 1; depth 5 nm (half a pixel)
		assertEquals(1, sh.shell[5 * w + 10]);
		assertEquals(5, sh.depth[5 * w + 10], 1e-6);
		// depth of the centre of particle 1 (x = 5, y = 5): 4.5 px = 45 nm → shell floor(45/20)+1 = 3
		assertEquals(3, sh.shell[5 * w + 5]);
	}

	@Test
	void peakOfASampledGaussianOnUnevenGrid() {
		double[] en = new double[60];
		for (int i = 0; i < en.length; i++)
			en[i] = 840 + 0.17 * i + 0.002 * i * i;
		double[] v = new double[en.length];
		for (int i = 0; i < en.length; i++)
			v[i] = 0.3 + 2 * gauss(en[i], 846.23, 1.4);
		PeakWidth.Peak pk = PeakWidth.measure(en, v, 841, 852);
		assertEquals(846.23, pk.energy, 1e-6, "3-point Gaussian vertex is exact for a Gaussian");
		assertEquals(2.0, pk.height, 1e-3);
		assertEquals(1.4, pk.fwhm, 0.02);
	}
}
