package org.interphase.core.decompose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;
import org.interphase.core.stack.SpectralStack;
import org.junit.jupiter.api.Test;

class PcaTest {

	/** 3 known spectra × smooth, independent abundance maps + noise. */
	static SpectralStack mixture(int w, int h, double[] en, double noise, long seed) {
		double[][] spec = Phantoms.spectra(en);
		SpectralStack s = SpectralStack.allocate(w, h, en);
		SplittableRandom rnd = new SplittableRandom(seed);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double a = 0.5 + 0.5 * Math.sin(x * 0.21), b = 0.5 + 0.5 * Math.cos(y * 0.17), c = (x + y) / (double) (w + h);
				for (int e = 0; e < en.length; e++)
					s.slice(e)[y * w + x] = (float) (a * spec[0][e] + b * spec[1][e] + c * spec[2][e] + noise * Phantoms.gaussian(rnd));
			}
		return s;
	}

	@Test
	void threeComponentsAreFoundAndEigenvaluesMatchADirectDecomposition() {
		double[] en = Phantoms.energies(61); // odd: covers the edge of the 2×2 blocking
		int w = 70, h = 50;
		SpectralStack s = mixture(w, h, en, 0.01, 11);
		for (boolean centre : new boolean[] { false, true }) {
			Pca.Result r = Pca.compute(s, centre, Progress.NONE);
			if (!centre) assertEquals(3, r.significant, "significant components of a 3-spectrum mixture: " + Arrays.toString(r.eigenvalues));
			// direct DᵀD in the plainest way
			int nE = en.length, n = w * h;
			double[] mean = new double[nE];
			if (centre) {
				for (int e = 0; e < nE; e++) {
					for (int p = 0; p < n; p++)
						mean[e] += s.slice(e)[p];
					mean[e] /= n;
				}
			}
			double[][] c = new double[nE][nE];
			for (int a = 0; a < nE; a++)
				for (int b = 0; b < nE; b++)
					for (int p = 0; p < n; p++)
						c[a][b] += (s.slice(a)[p] - mean[a]) * (s.slice(b)[p] - mean[b]);
			double[] direct = new EigenDecomposition(new Array2DRowRealMatrix(c)).getRealEigenvalues();
			Arrays.sort(direct);
			for (int i = 0; i < nE; i++)
				assertEquals(direct[nE - 1 - i], r.eigenvalues[i], 1e-9 * direct[nE - 1], "eigenvalue " + i);
			assertEquals(1.0, Arrays.stream(r.explained).sum(), 1e-12, "explained variance sums to 1");
			assertEquals(1.0, r.cumulative[nE - 1], 1e-12);
		}
	}

	@Test
	void eigenimagesAreProjectionsAndNaNPixelsStayNaN() {
		double[] en = Phantoms.energies(20);
		SpectralStack s = mixture(30, 20, en, 0.01, 3);
		s.slice(4)[7] = Float.NaN;
		Pca.Result r = Pca.compute(s, false, Progress.NONE);
		assertEquals(599, r.pixelsUsed);
		float[][] img = Pca.eigenimages(s, r, 3, Progress.NONE);
		assertEquals(Float.NaN, img[0][7]);
		double expect = 0;
		for (int e = 0; e < en.length; e++)
			expect += s.slice(e)[100] * r.vectors[1][e];
		assertEquals(expect, img[1][100], 1e-5);
	}

	/**
	 * DᵀD by four-spectra outer-product sweeps equals the plain double sum over valid pixels (1e-12
	 * relative), with NaN pixels that leave tiles with counts that are not multiples of four; the
	 * eigenimages of a centred PCA equal (s − mean)·v (1e-5, float output).
	 */
	@Test
	void scatterAndCentredEigenimagesEqualDirectSums() {
		double[] en = Phantoms.energies(13);
		SpectralStack s = mixture(61, 23, en, 0.05, 11);
		for (int p = 5; p < s.pixels(); p += 97)
			s.slice(p % en.length)[p] = Float.NaN;
		int nE = en.length;
		double[] shift = new double[nE];
		for (int e = 0; e < nE; e++)
			shift[e] = 0.1 * e;
		double[] got = Pca.scatter(s, shift, Progress.NONE);
		double[] want = new double[nE * nE];
		for (int p = 0; p < s.pixels(); p++) {
			if (!Pca.valid(s.slices(), p)) continue;
			for (int a = 0; a < nE; a++)
				for (int b = a; b < nE; b++)
					want[a * nE + b] += (s.slice(a)[p] - shift[a]) * (s.slice(b)[p] - shift[b]);
		}
		for (int a = 0; a < nE; a++)
			for (int b = a; b < nE; b++)
				assertEquals(want[a * nE + b], got[a * nE + b], 1e-12 * Math.abs(want[a * nE + b]), "DᵀD " + a + "," + b);
		Pca.Result r = Pca.compute(s, true, Progress.NONE);
		float[][] img = Pca.eigenimages(s, r, 2, Progress.NONE);
		for (int p = 0; p < s.pixels(); p += 7) {
			if (!Pca.valid(s.slices(), p)) {
				assertEquals(Float.NaN, img[0][p]);
				continue;
			}
			double expect = 0;
			for (int e = 0; e < nE; e++)
				expect += (s.slice(e)[p] - r.mean[e]) * r.vectors[1][e];
			assertEquals(expect, img[1][p], 1e-5, "eigenimage 2 at pixel " + p);
		}
	}

	@Test
	void resultsDoNotDependOnTheThreadCount() {
		SpectralStack s = mixture(200, 150, Phantoms.energies(30), 0.02, 5);
		try {
			Parallel.setThreads(1);
			Pca.Result one = Pca.compute(s, true, Progress.NONE);
			Parallel.setThreads(4);
			Pca.Result four = Pca.compute(s, true, Progress.NONE);
			assertArrayEquals(one.eigenvalues, four.eigenvalues, 0.0);
		} finally {
			Parallel.setThreads(0);
		}
	}

	@Test
	void elbowOfAnLShapedCurve() {
		double[] ev = new double[30];
		for (int i = 0; i < ev.length; i++)
			ev[i] = i < 4 ? 1000.0 / (i + 1) : 0.01 * (1 - 0.001 * i);
		assertEquals(4, Pca.significantComponents(ev));
	}
}
