package org.interphase.core.afm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.interphase.core.Progress;
import org.junit.jupiter.api.Test;

class LocalRoughnessTest {

	/** Brute force: Sq of the clipped window around (x, y), optionally after a least-squares plane. */
	private static double direct(float[] z, int w, int h, int x, int y, int win, boolean plane) {
		int lo = (win - 1) / 2, hi = win / 2;
		int xa = Math.max(0, x - lo), xb = Math.min(w - 1, x + hi), ya = Math.max(0, y - lo), yb = Math.min(h - 1, y + hi);
		int n = (xb - xa + 1) * (yb - ya + 1);
		float[] sub = new float[n];
		int k = 0;
		for (int yy = ya; yy <= yb; yy++)
			for (int xx = xa; xx <= xb; xx++)
				sub[k++] = z[yy * w + xx];
		int sw = xb - xa + 1, sh = yb - ya + 1;
		if (plane && sw > 1 && sh > 1) sub = Leveling.level(sub, sw, sh, "plane", 1, null, Progress.NONE);
		else if (plane) sub = Leveling.level(sub, sw, sh, "polynomial", 1, null, Progress.NONE);
		double m = 0, v = 0;
		for (float f : sub)
			m += f;
		m /= n;
		for (float f : sub)
			v += (f - m) * (f - m);
		return Math.sqrt(v / n);
	}

	@Test
	void matchesBruteForce() {
		int w = 37, h = 29;
		float[] z = AfmPhantoms.gaussianSurface(w, h, 1.2, 3, 5);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				z[y * w + x] += 1000 + 0.5 * x + 0.3 * y; // offset and tilt: the tables must stay accurate
		for (int win : new int[] { 4, 7 }) {
			for (boolean plane : new boolean[] { false, true }) {
				float[] map = LocalRoughness.sqMap(z, w, h, win, plane, Progress.NONE);
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) {
						double d = direct(z, w, h, x, y, win, plane);
						assertEquals(d, map[y * w + x], 1e-4 * (1 + d), "window " + win + " plane " + plane + " at " + x + "," + y);
					}
			}
		}
	}

	/**
	 * Tall image (several blocks of rows, each restarting its column sums), with and without NaNs:
	 * every pixel against the brute-force window, to 1e-4·(1 + Sq).
	 */
	@Test
	void matchesBruteForceAcrossRowBlocks() {
		int w = 45, h = 150;
		float[] z = AfmPhantoms.gaussianSurface(w, h, 1.5, 2, 9);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				z[y * w + x] += 500 - 0.2 * x + 0.4 * y;
		for (int win : new int[] { 6, 9 }) {
			for (boolean plane : new boolean[] { false, true }) {
				float[] map = LocalRoughness.sqMap(z, w, h, win, plane, Progress.NONE);
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) {
						double d = direct(z, w, h, x, y, win, plane);
						assertEquals(d, map[y * w + x], 1e-4 * (1 + d), "window " + win + " plane " + plane + " at " + x + "," + y);
					}
			}
		}
		float[] holes = z.clone();
		for (int p = 7; p < holes.length; p += 97)
			holes[p] = Float.NaN;
		int win = 8, lo = (win - 1) / 2, hi = win / 2;
		float[] map = LocalRoughness.sqMap(holes, w, h, win, false, Progress.NONE);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				if (Float.isNaN(holes[y * w + x])) {
					assertTrue(Float.isNaN(map[y * w + x]));
					continue;
				}
				double m = 0, v = 0;
				int n = 0;
				for (int yy = Math.max(0, y - lo); yy <= Math.min(h - 1, y + hi); yy++)
					for (int xx = Math.max(0, x - lo); xx <= Math.min(w - 1, x + hi); xx++)
						if (!Float.isNaN(holes[yy * w + xx])) {
							m += holes[yy * w + xx];
							n++;
						}
				m /= n;
				for (int yy = Math.max(0, y - lo); yy <= Math.min(h - 1, y + hi); yy++)
					for (int xx = Math.max(0, x - lo); xx <= Math.min(w - 1, x + hi); xx++)
						if (!Float.isNaN(holes[yy * w + xx])) v += (holes[yy * w + xx] - m) * (holes[yy * w + xx] - m);
				double d = Math.sqrt(v / n);
				assertEquals(d, map[y * w + x], 1e-4 * (1 + d), "NaN holes at " + x + "," + y);
			}
	}

	/** A pure plane has zero local Sq with local_plane and the plane's own spread without. */
	@Test
	void planeAndNaN() {
		int w = 20, h = 20;
		float[] z = new float[w * h];
		for (int p = 0; p < z.length; p++)
			z[p] = (float) (2.0 * (p % w));
		float[] a = LocalRoughness.sqMap(z, w, h, 5, true, Progress.NONE);
		for (float v : a)
			assertEquals(0, v, 1e-3);
		float[] b = LocalRoughness.sqMap(z, w, h, 5, false, Progress.NONE);
		assertEquals(2 * Math.sqrt(2), b[10 * w + 10], 1e-4, "Sq of 5 equally spaced values 2 apart");
		z[10 * w + 10] = Float.NaN;
		float[] c = LocalRoughness.sqMap(z, w, h, 5, false, Progress.NONE);
		assertTrue(Float.isNaN(c[10 * w + 10]));
		// the neighbour's window x 9..13, y 8..12 without the NaN: 5 rows of 18..26 less one 20
		double m = (25 * 22.0 - 20) / 24, v = 0;
		for (int x = 9; x <= 13; x++)
			v += (x == 10 ? 4 : 5) * Math.pow(2 * x - m, 2);
		assertEquals(Math.sqrt(v / 24), c[10 * w + 11], 1e-4, "the NaN is left out of the neighbour's window");
	}
}
