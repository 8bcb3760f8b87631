package org.interphase.core.morphology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.interphase.core.Progress;
import org.junit.jupiter.api.Test;

class DistanceTransformTest {

	/** Exact against brute force on random small masks, isotropic and anisotropic pixels. */
	@Test
	void exactAgainstBruteForce() {
		SplittableRandom rnd = new SplittableRandom(99);
		for (int trial = 0; trial < 200; trial++) {
			int w = 1 + rnd.nextInt(23), h = 1 + rnd.nextInt(23);
			double density = rnd.nextDouble() * 0.3;
			double pw = trial % 2 == 0 ? 1 : 0.5 + rnd.nextDouble() * 2, ph = trial % 2 == 0 ? 1 : 0.5 + rnd.nextDouble() * 2;
			boolean[] f = new boolean[w * h];
			for (int i = 0; i < f.length; i++)
				f[i] = rnd.nextDouble() < density;
			double[] d = DistanceTransform.distance(f, w, h, pw, ph, Progress.NONE);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double best = Double.POSITIVE_INFINITY;
					for (int v = 0; v < h; v++)
						for (int u = 0; u < w; u++)
							if (f[v * w + u]) best = Math.min(best, Math.hypot((u - x) * pw, (v - y) * ph));
					if (Double.isInfinite(best)) assertTrue(Double.isInfinite(d[y * w + x]), "no feature → ∞");
					else assertEquals(best, d[y * w + x], 1e-9 * (1 + best), "trial " + trial + " at (" + x + "," + y + ")");
				}
		}
	}
}
