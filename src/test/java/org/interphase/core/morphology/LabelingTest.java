package org.interphase.core.morphology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LabelingTest {

	/** Disks at known places: one component each; a diagonal pair joins only when 8-connected. */
	@Test
	void knownComponents() {
		int w = 60, h = 40;
		boolean[] m = new boolean[w * h];
		int[][] centres = { { 10, 10 }, { 40, 12 }, { 25, 30 } };
		for (int[] c : centres)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					if (Math.hypot(x - c[0], y - c[1]) <= 5) m[y * w + x] = true;
		// a U shape, whose arms meet only at the bottom: one component
		for (int y = 2; y < 9; y++) {
			m[y * w + 52] = true;
			m[y * w + 56] = true;
		}
		for (int x = 52; x <= 56; x++)
			m[8 * w + x] = true;
		// diagonal neighbours
		m[38 * w + 2] = true;
		m[37 * w + 3] = true;
		int[] l = new int[w * h];
		assertEquals(6, Labeling.label(m, w, h, false, l));
		assertEquals(1, l[2 * w + 52], "the U starts first in raster order: label 1");
		assertEquals(2, l[10 * w + 10]);
		assertEquals(l[2 * w + 52], l[2 * w + 56], "U arms joined through the bottom");
		assertNotEquals(l[38 * w + 2], l[37 * w + 3]);
		assertEquals(5, Labeling.label(m, w, h, true, l));
		assertEquals(l[38 * w + 2], l[37 * w + 3]);
	}

	/** Random masks: every pair of 4-neighbours in the mask shares a label; the count equals a flood fill's. */
	@Test
	void agreesWithFloodFillOnRandomMasks() {
		SplittableRandom rnd = new SplittableRandom(42);
		int w = 70, h = 50;
		for (int trial = 0; trial < 20; trial++) {
			boolean[] m = new boolean[w * h];
			for (int p = 0; p < m.length; p++)
				m[p] = rnd.nextDouble() < 0.45;
			int[] l = new int[w * h];
			int n = Labeling.label(m, w, h, false, l);
			assertEquals(floodCount(m, w, h), n);
			Set<Integer> seen = new HashSet<>();
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					int p = y * w + x;
					if (!m[p]) {
						assertEquals(0, l[p]);
						continue;
					}
					seen.add(l[p]);
					if (x + 1 < w && m[p + 1]) assertEquals(l[p], l[p + 1]);
					if (y + 1 < h && m[p + w]) assertEquals(l[p], l[p + w]);
				}
			assertEquals(n, seen.size(), "labels are 1..n");
		}
	}

	private static int floodCount(boolean[] m, int w, int h) {
		boolean[] done = new boolean[m.length];
		int[] stack = new int[m.length];
		int count = 0;
		for (int s = 0; s < m.length; s++) {
			if (!m[s] || done[s]) continue;
			count++;
			int top = 0;
			stack[top++] = s;
			done[s] = true;
			while (top > 0) {
				int p = stack[--top], x = p % w, y = p / w;
				int[] nb = { x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1 };
				for (int q : nb)
					if (q >= 0 && m[q] && !done[q]) {
						done[q] = true;
						stack[top++] = q;
					}
			}
		}
		return count;
	}
}
