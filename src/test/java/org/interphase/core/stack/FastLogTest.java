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
			// counts, ratios and tiny/huge values, over the whole float range
			double x = Math.exp(rnd.nextDouble(-87, 88));
			double err = Math.abs(FastLog.log(x) - Math.log(x));
			worst = Math.max(worst, err / Math.max(1, Math.abs(Math.log(x))));
		}
		assertTrue(worst < 1e-15, "worst relative error " + worst + " (a few ulp of the double)");
		assertEquals(0, FastLog.log(1), 1e-18);
		assertEquals(Math.log(2), FastLog.log(2), 1e-16);
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
		for (double x : new double[] { 0, -1, Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NaN, 1e-310 })
			if (Double.isFinite(Math.log(x))) assertEquals(Math.log(x), FastLog.log(x), Math.abs(Math.log(x)) * 1e-15, "x = " + x);
			else assertEquals(Math.log(x), FastLog.log(x), "x = " + x);
	}
}
