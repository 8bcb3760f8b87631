package org.interphase.core.sims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.interphase.cli.demo.SimsPhantom;
import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.junit.jupiter.api.Test;

/** Region statistics, the Poisson dead-time correction, normalisations and depth axes. */
class DepthProfileTest {

	@Test
	void meanAndSdInsideTheMaskOnly() {
		// 4×2 pixels, 2 cycles; the right half (the "particle") holds 100, the left half 1,2,3,4
		float[][][] d = { { { 1, 2, 100, 100, 3, 4, 100, 100 }, { 2, 2, 100, 100, 2, 2, 100, 100 } } };
		SimsVolume v = new SimsVolume(4, 2, new String[] { "A-" }, d);
		boolean[] left = DepthProfile.rectangle(4, 2, 0, 0, 2, 2);
		DepthProfile p = DepthProfile.compute(v, left, 0, "none", new double[] { 0, 1 }, Progress.NONE);
		assertEquals(4, p.pixels);
		assertEquals(2.5, p.mean[0][0], 1e-12);
		assertEquals(Math.sqrt(5 / 3.0), p.sd[0][0], 1e-12);
		assertEquals(0, p.sd[0][1], 1e-12);
	}

	@Test
	void deadTimeCorrectionRecoversTheTrueRateOfASaturatedDetector() {
		// phantom with N = 100 pulses per pixel and cycle at up to 60 counts: the detector saw 45 (25 % lost)
		SimsVolume sat = SimsPhantom.generate(SimsPhantom.QUASI_SOLID, 32, 100, 1, 60, 100, 7);
		SimsVolume ideal = SimsPhantom.generate(SimsPhantom.QUASI_SOLID, 32, 100, 1, 60, 0, 8);
		double[] z = DepthAxis.depths(DepthAxis.Mode.CYCLES, 100, 0, 0, null, 0);
		DepthProfile raw = DepthProfile.compute(sat, null, 0, "none", z, Progress.NONE);
		DepthProfile corr = DepthProfile.compute(sat, null, 100, "none", z, Progress.NONE);
		DepthProfile truth = DepthProfile.compute(ideal, null, 0, "none", z, Progress.NONE);
		int li = truth.indexOf("Li2-");
		assertEquals(60, truth.mean[li][99], 1.0); // 4 SD of a 1024-pixel mean
		assertTrue(raw.mean[li][99] < 0.8 * truth.mean[li][99], "the raw counts are saturated");
		// corrected region means agree with the unsaturated phantom within 1 % (plus Poisson scatter of the means)
		for (int c = 0; c < 100; c += 9)
			assertEquals(truth.mean[li][c], corr.mean[li][c], 0.01 * truth.mean[li][c] + 0.5, "cycle " + c);
		assertEquals(60, corr.mean[li][99], 1.5);
		assertEquals(-100 * Math.log(1 - 0.5), DepthProfile.deadTime(50, 100), 1e-12);
		assertTrue(Double.isNaN(DepthProfile.deadTime(100, 100)));
	}

	@Test
	void normalisations() {
		float[][][] d = { { { 2, 2 }, { 6, 6 } }, { { 6, 6 }, { 2, 2 } } };
		SimsVolume v = new SimsVolume(2, 1, new String[] { "A-", "B-" }, d);
		double[] z = { 0, 1 };
		DepthProfile t = DepthProfile.compute(v, null, 0, "total_ion", z, Progress.NONE);
		assertEquals(0.25, t.mean[0][0], 1e-12);
		assertEquals(0.75, t.mean[0][1], 1e-12);
		DepthProfile b = DepthProfile.compute(v, null, 0, "b-", z, Progress.NONE);
		assertEquals(1.0 / 3, b.mean[0][0], 1e-12);
		assertEquals(1.0, b.mean[1][1], 1e-12);
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> DepthProfile.compute(v, null, 0, "C-", z, Progress.NONE));
		assertTrue(e.getMessage().startsWith("normalize: no ion \"C-\""), e.getMessage());
	}

	@Test
	void depthAxes() {
		assertEquals(3 * 2 * 0.5, DepthAxis.depths(DepthAxis.Mode.RATE_PER_S, 5, 0.5, 2, null, 0)[3], 1e-12);
		assertEquals(3 * 0.7, DepthAxis.depths(DepthAxis.Mode.RATE_PER_CYCLE, 5, 0.7, 0, null, 0)[3], 1e-12);
		assertEquals(3 * 100.0 / 5, DepthAxis.depths(DepthAxis.Mode.CRATER, 5, 0, 0, null, 100)[3], 1e-12);
		assertEquals((7.5 - 1.5) * 0.2, DepthAxis.depths(DepthAxis.Mode.RATE_PER_S, 3, 0.2, 0, new double[] { 1.5, 4, 7.5 }, 0)[2], 1e-12);
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> DepthAxis.depths(DepthAxis.Mode.RATE_PER_S, 5, 0.5, 0, null, 0));
		assertTrue(e.getMessage().startsWith("cycle_time:"), e.getMessage());
	}
}
