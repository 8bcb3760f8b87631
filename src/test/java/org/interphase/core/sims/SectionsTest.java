package org.interphase.core.sims;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Sections, depth resampling and ion maps on hand-made volumes. */
class SectionsTest {

	/** 3×2 px, 6 cycles; value = 100·cycle + 10·y + x. */
	static SimsVolume ramp() {
		float[][][] d = new float[1][6][6];
		for (int k = 0; k < 6; k++)
			for (int p = 0; p < 6; p++)
				d[0][k][p] = 100 * k + 10 * (p / 3) + p % 3;
		return new SimsVolume(3, 2, new String[] { "A-" }, d);
	}

	@Test
	void sectionsAverageTheBand() {
		SimsVolume v = ramp();
		float[] xz = Sections.xz(v, 0, 0, 2); // rows 0 and 1: mean y = 0.5
		assertEquals(3 * 6, xz.length);
		assertEquals(200 + 5 + 2, xz[2 * 3 + 2], 1e-5);
		float[] yz = Sections.yz(v, 0, 1, 5); // columns 1–2 (clipped): mean x = 1.5
		assertEquals(2 * 6, yz.length);
		assertEquals(400 + 10 + 1.5, yz[4 * 2 + 1], 1e-5);
	}

	@Test
	void resamplingKeepsAThinLayer() {
		// one column, 12 cycles, a one-cycle layer at cycle 7: three output rows of 4 cycles each
		float[] img = new float[12];
		img[7] = 8;
		float[] out = Sections.stretch(img, 1, 12, 3);
		assertArrayEquals(new float[] { 0, 2, 0 }, out, 1e-6f);
		// 1.5 cycles per row: row 1 spans cycles 1.5–3, half of cycle 1 and all of cycle 2
		float[] ramp = { 0, 1, 2, 3, 4, 5 };
		assertEquals((0.5 * 1 + 2) / 1.5, Sections.stretch(ramp, 1, 6, 4)[1], 1e-6);
		// more rows: linear interpolation at the row centres
		float[] up = Sections.stretch(new float[] { 0, 10 }, 1, 2, 4);
		assertArrayEquals(new float[] { 0, 2.5f, 7.5f, 10 }, up, 1e-5f);
	}

	@Test
	void mapsAverageTheCycles() {
		float[] m = Sections.map(ramp(), 0, 1, 3);
		assertEquals(200 + 10 + 2, m[5], 1e-5);
	}
}
