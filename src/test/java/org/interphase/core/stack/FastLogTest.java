package org.interphase.core.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class FastLogTest {

	@Test
	void agreesWithMathLogToTheLastBits() {
		SplittableRandom rnd = new SplittableRandom(11);
		double worst = 0;
		for (int i = 0; i < 2_000_000; i++) {
			// counts, ratios and tiny/huge values, over the whole normal float range
			float x = (float) Math.exp(rnd.nextDouble(-87, 88));
			double err = Math.abs(FastLog.log(x) - Math.log(x));
			worst = Math.max(worst, err / Math.max(1, Math.abs(Math.log(x))));
		}
		assertTrue(worst < 1e-15, "worst relative error " + worst + " (a few ulp of the double)");
		assertEquals(0, FastLog.log(1f), 1e-18);
		assertEquals(Math.log(2), FastLog.log(2f), 1e-16);
		// just below 1, −ln 2 + log c cancels: 3e-10 relative is left, far below a float's 6e-8
		assertEquals(Math.log(0.99999994f), FastLog.log(0.99999994f), 1e-9 * 5.96e-8, "just below 1");
	}

	@Test
	void odEqualsTheFloatOfTheExactLogarithm() {
		// OD is stored as float32: the fast log must give the same float as Math.log (at most 1 ulp apart
		// where the double lands on a rounding boundary)
		SplittableRandom rnd = new SplittableRandom(12);
		int differ = 0, n = 1_000_000;
		for (int i = 0; i < n; i++) {
			float counts = (float) rnd.nextDouble(1e-3, 65535);
			double logRef = Math.log(rnd.nextDouble(100, 70000));
			float exact = (float) (logRef - Math.log(counts)), fast = (float) (logRef - FastLog.log(counts));
			if (exact != fast) {
				differ++;
				assertTrue(Math.abs(exact - fast) <= Math.ulp(exact), exact + " vs " + fast);
			}
		}
		assertTrue(differ < n / 10000, differ + " of " + n + " differ by one ulp");
	}

	@Test
	void specialValuesAsMathLog() {
		for (float x : new float[] { 0, -0f, -1, Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NaN, 1e-40f })
			if (Double.isFinite(Math.log(x))) assertEquals(Math.log(x), FastLog.log(x), Math.abs(Math.log(x)) * 1e-15, "x = " + x);
			else assertEquals(Math.log(x), FastLog.log(x), "x = " + x);
	}
}
