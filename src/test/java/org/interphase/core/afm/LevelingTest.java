package org.interphase.core.afm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.junit.jupiter.api.Test;

class LevelingTest {

	private static double sq(float[] z) {
		double m = 0, v = 0;
		int n = 0;
		for (float f : z)
			if (!Float.isNaN(f)) {
				m += f;
				n++;
			}
		m /= n;
		for (float f : z)
			if (!Float.isNaN(f)) v += (f - m) * (f - m);
		return Math.sqrt(v / n);
	}

	/** Known Sq 5 nm + tilt (20 nm across) + random row offsets (±30 nm): plane_then_rows recovers Sq within 2 %. */
	@Test
	void planeThenRowsRecoversSq() {
		int w = 512, h = 512;
		float[] z = AfmPhantoms.gaussianSurface(w, h, 2, 5.0, 42);
		SplittableRandom rnd = new SplittableRandom(7);
		float[] raw = new float[z.length];
		for (int y = 0; y < h; y++) {
			double off = 60 * (rnd.nextDouble() - 0.5);
			for (int x = 0; x < w; x++)
				raw[y * w + x] = (float) (z[y * w + x] + 0.04 * x + 0.02 * y + off);
		}
		assertTrue(sq(raw) > 15, "the phantom is far from leveled before");
		float[] lev = Leveling.level(raw, w, h, Leveling.PLANE_THEN_ROWS, 1, null, Progress.NONE);
		double got = sq(lev);
		assertEquals(5.0, got, 0.02 * 5.0, "Sq after plane_then_rows");
		Roughness.Areal a = Roughness.areal(lev, w, h, 1, 1, Progress.NONE);
		assertEquals(got, a.sq, 1e-6 * got);
	}

	/** A pure tilted plane (any mask) levels to zero to float precision; a polynomial of degree 2 likewise. */
	@Test
	void planeAndPolynomialAreExact() {
		int w = 70, h = 50;
		float[] z = new float[w * h];
		float[] q = new float[w * h];
		boolean[] mask = new boolean[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				boolean bump = x > 20 && x < 40 && y > 10 && y < 30;
				z[y * w + x] = (float) (3 + 0.5 * x - 0.25 * y + (bump ? 100 : 0));
				q[y * w + x] = (float) (1 + 0.1 * x + 0.2 * y + 0.01 * x * x - 0.02 * x * y + 0.005 * y * y);
				mask[y * w + x] = bump;
			}
		float[] lev = Leveling.level(z, w, h, "plane", 1, mask, Progress.NONE);
		for (int p = 0; p < z.length; p++)
			assertEquals(mask[p] ? 100 : 0, lev[p], 1e-3, "pixel " + p);
		float[] lq = Leveling.level(q, w, h, "polynomial", 2, null, Progress.NONE);
		for (float v : lq)
			assertEquals(0, v, 1e-3);
	}

	/** Rows = constant offsets + a common profile: median and mean alignment leave the common profile minus its own median/mean. */
	@Test
	void rowAlignment() {
		int w = 41, h = 30;
		float[] z = new float[w * h];
		float[] prof = new float[w];
		for (int x = 0; x < w; x++)
			prof[x] = (float) Math.sin(x * 0.7) * 3;
		double pm = 0;
		for (float v : prof)
			pm += v;
		pm /= w;
		float[] sorted = prof.clone();
		java.util.Arrays.sort(sorted);
		double med = sorted[w / 2];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				z[y * w + x] = prof[x] + 10 * y;
		float[] a = Leveling.level(z, w, h, "align_rows_median", 1, null, Progress.NONE);
		float[] b = Leveling.level(z, w, h, "align_rows_mean", 1, null, Progress.NONE);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				assertEquals(prof[x] - med, a[y * w + x], 1e-4);
				assertEquals(prof[x] - pm, b[y * w + x], 1e-4);
			}
	}

	@Test
	void badInput() {
		float[] z = new float[16];
		assertThrows(InvalidInputException.class, () -> Leveling.level(z, 4, 4, "wavy", 1, null, Progress.NONE));
		boolean[] all = new boolean[16];
		java.util.Arrays.fill(all, true);
		assertThrows(InvalidInputException.class, () -> Leveling.level(z, 4, 4, "plane", 1, all, Progress.NONE));
		assertThrows(InvalidInputException.class, () -> Leveling.level(z, 4, 4, "plane", 1, new boolean[3], Progress.NONE));
	}

	@Test
	void medianSelect() {
		SplittableRandom r = new SplittableRandom(3);
		for (int n = 1; n < 40; n++) {
			float[] a = new float[n];
			for (int i = 0; i < n; i++)
				a[i] = (float) Math.floor(r.nextDouble() * 10);
			float[] s = a.clone();
			java.util.Arrays.sort(s);
			double expect = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
			assertEquals(expect, Leveling.median(a, n), 0);
		}
	}
}
