package org.interphase.core.decompose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.interphase.core.Parallel;
import org.interphase.core.Progress;
import org.interphase.core.stack.SpectralStack;
import org.junit.jupiter.api.Test;

class ClusterAnalysisTest {

	static final int W = 80, H = 60;

	/** Fraction of pixels whose cluster is the one of their phase, with phase i ↔ cluster i+1 (sizes rank so). */
	static double correct(int[] labels) {
		long ok = 0;
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				if (labels[y * W + x] == Phantoms.phase(x, y, W, H) + 1) ok++;
		return ok / (double) (W * H);
	}

	@Test
	void threePhasesAreRecoveredAndNumberedBySize() {
		double[] en = Phantoms.energies(40);
		SpectralStack s = Phantoms.threePhase(W, H, en, false, 0.05, 21);
		ClusterAnalysis.Options o = new ClusterAnalysis.Options();
		o.clusters = 3;
		o.seed = 7;
		ClusterAnalysis.Result r = ClusterAnalysis.compute(s, o, Progress.NONE);
		// without renumbering freedom: largest phase must be cluster 1, etc.
		assertTrue(correct(r.labels) >= 0.99, "fraction correct " + correct(r.labels));
		assertTrue(r.pixels[0] >= r.pixels[1] && r.pixels[1] >= r.pixels[2], "numbered by size");
		assertEquals(1.0, r.fraction[0] + r.fraction[1] + r.fraction[2], 1e-12);
		// cluster spectra through RegionSpectra: the phase spectra within the noise
		double[][] truth = Phantoms.spectra(en);
		for (int c = 0; c < 3; c++)
			for (int e = 0; e < en.length; e++)
				assertEquals(truth[c][e], r.spectra.mean[c][e], 0.01, "cluster " + (c + 1) + " spectrum at " + en[e]);
		// error map: Σ_E noise² ≈ nE σ² per pixel
		assertEquals(en.length * 0.05 * 0.05, r.meanError[0], 0.15 * en.length * 0.05 * 0.05);
	}

	@Test
	void sameSeedGivesBitIdenticalResultsWhateverTheThreads() {
		SpectralStack s = Phantoms.threePhase(W, H, Phantoms.energies(30), true, 0.08, 4);
		ClusterAnalysis.Options o = new ClusterAnalysis.Options();
		o.clusters = 4;
		o.components = 4;
		o.seed = 12345;
		o.restarts = 3;
		try {
			Parallel.setThreads(3);
			ClusterAnalysis.Result a = ClusterAnalysis.compute(s, o, Progress.NONE);
			Parallel.setThreads(1);
			ClusterAnalysis.Result b = ClusterAnalysis.compute(s, o, Progress.NONE);
			Parallel.setThreads(0);
			ClusterAnalysis.Result c = ClusterAnalysis.compute(s, o, Progress.NONE);
			assertArrayEquals(a.labels, b.labels);
			assertArrayEquals(a.labels, c.labels);
			assertArrayEquals(a.errorMap, b.errorMap);
			assertEquals(a.inertia, b.inertia, 0.0);
			assertEquals(a.inertia, c.inertia, 0.0);
		} finally {
			Parallel.setThreads(0);
		}
	}

	@Test
	void spectralAngleIgnoresThicknessScaling() {
		double[] en = Phantoms.energies(40);
		SpectralStack s = Phantoms.threePhase(W, H, en, true, 0.01, 8); // thickness 0.3–1.8 per pixel
		ClusterAnalysis.Options o = new ClusterAnalysis.Options();
		o.clusters = 3;
		o.components = 3;
		o.spectralAngle = true;
		ClusterAnalysis.Result r = ClusterAnalysis.compute(s, o, Progress.NONE);
		assertTrue(correct(r.labels) >= 0.99, "spectral angle: fraction correct " + correct(r.labels));
		o.spectralAngle = false;
		ClusterAnalysis.Result e = ClusterAnalysis.compute(s, o, Progress.NONE);
		assertTrue(correct(e.labels) < 0.9, "Euclidean is fooled by thickness (control): " + correct(e.labels));
	}

	@Test
	void dropFirstAndWeightingRun() {
		SpectralStack s = Phantoms.threePhase(W, H, Phantoms.energies(30), false, 0.05, 2);
		ClusterAnalysis.Options o = new ClusterAnalysis.Options();
		o.clusters = 3;
		o.components = 3;
		o.dropFirst = true;
		o.weighting = 1;
		ClusterAnalysis.Result r = ClusterAnalysis.compute(s, o, Progress.NONE);
		assertEquals(2, r.componentsUsed);
		assertTrue(correct(r.labels) >= 0.99, "drop_first + γ = 1: fraction correct " + correct(r.labels));
	}
}
