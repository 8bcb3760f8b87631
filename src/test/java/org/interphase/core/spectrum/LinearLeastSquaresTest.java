package org.interphase.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.interphase.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class LinearLeastSquaresTest {

	/**
	 * The run solver (pixels held pixel-minor, the engine's path for maps) gives the per-pixel
	 * solver's weights and residuals bit for bit, for every combination of constraints, on runs
	 * where some pixels' projections are feasible and others need the active set, with a NaN pixel.
	 */
	@Test
	void runSolverEqualsPerPixelSolverExactly() {
		SplittableRandom rnd = new SplittableRandom(11);
		int n = 12, refs = 3, count = 77;
		for (int variant = 0; variant < 8; variant++) {
			boolean constant = (variant & 1) != 0, sum = (variant & 2) != 0, nonnegative = (variant & 4) != 0 || sum;
			int p = refs + (constant ? 1 : 0);
			double[][] cols = new double[p][n];
			for (int j = 0; j < p; j++)
				for (int i = 0; i < n; i++)
					cols[j][i] = j == refs ? 1 : rnd.nextDouble() * 2 - 0.5;
			String[] names = new String[p];
			for (int j = 0; j < p; j++)
				names[j] = "c" + j;
			LinearLeastSquares ls = new LinearLeastSquares(cols, names, refs, nonnegative, sum);
			LinearLeastSquares.Worker single = ls.newWorker(), run = ls.newWorker();
			double[][] b = new double[p][count], x = new double[p][count];
			double[] yy = new double[count], rss = new double[count];
			double[][] expectedX = new double[p][count];
			double[] expectedRss = new double[count], y = new double[n], one = new double[p];
			int active = 0;
			for (int i = 0; i < count; i++) {
				for (int e = 0; e < n; e++)
					y[e] = i == 40 ? Double.NaN : rnd.nextDouble() * 2 - 0.7;
				single.accumulate(y, 0);
				yy[i] = single.sumOfSquares;
				for (int j = 0; j < p; j++) {
					double s = 0;
					for (int e = 0; e < n; e++)
						s += cols[j][e] * y[e];
					b[j][i] = s;
				}
				double[] bi = new double[p];
				for (int j = 0; j < p; j++)
					bi[j] = b[j][i];
				expectedRss[i] = single.solveNormal(bi, yy[i], one);
				if (single.iterations > 0) active++;
				for (int j = 0; j < p; j++)
					expectedX[j][i] = one[j];
			}
			run.solveNormalRun(b, yy, count, x, rss);
			for (int i = 0; i < count; i++) {
				assertEquals(Double.doubleToLongBits(expectedRss[i]), Double.doubleToLongBits(rss[i]), "variant " + variant + " pixel " + i + " rss");
				for (int j = 0; j < p; j++)
					assertEquals(Double.doubleToLongBits(expectedX[j][i]), Double.doubleToLongBits(x[j][i]), "variant " + variant + " pixel " + i + " weight " + j);
			}
			if (nonnegative) assertTrue(active > 5 && active < count - 5, "variant " + variant + ": both paths exercised, " + active + " active");
		}
	}

	/**
	 * The solver against brute force: on random small problems, every subset of weights is tried
	 * as the free set (the others fixed at zero), each subproblem solved exactly with the equality
	 * constraint, infeasible ones dropped; the best objective is the constrained optimum.
	 */
	@Test
	void nnlsMatchesBruteForceEnumerationOfActiveSets() {
		SplittableRandom rnd = new SplittableRandom(7);
		int checked = 0, withActive = 0;
		for (int trial = 0; trial < 400; trial++) {
			int n = 6 + rnd.nextInt(6);
			int refs = 2 + rnd.nextInt(3);
			boolean constant = rnd.nextBoolean();
			boolean sum = rnd.nextInt(3) == 0;
			int p = refs + (constant ? 1 : 0);
			double[][] cols = new double[p][n];
			double[] y = new double[n];
			for (int j = 0; j < p; j++)
				for (int i = 0; i < n; i++)
					cols[j][i] = j == refs ? 1 : rnd.nextDouble() * 2 - 0.5;
			for (int i = 0; i < n; i++)
				y[i] = rnd.nextDouble() * 2 - 1;
			String[] names = new String[p];
			for (int j = 0; j < p; j++)
				names[j] = "c" + j;
			LinearLeastSquares ls = new LinearLeastSquares(cols, names, refs, true, sum);
			LinearLeastSquares.Worker w = ls.newWorker();
			double[] x = new double[p];
			double rss = w.solve(y, 0, x);
			double[] best = bruteForce(cols, y, refs, sum);
			double bestRss = rss(cols, y, best);
			assertEquals(bestRss, rss, 1e-9 * (1 + bestRss), "trial " + trial);
			assertEquals(rss(cols, y, x), rss, 1e-9 * (1 + rss), "reported RSS, trial " + trial);
			for (int j = 0; j < p; j++)
				assertEquals(best[j], x[j], 1e-7, "trial " + trial + " weight " + j);
			for (int j = 0; j < refs; j++)
				assertTrue(x[j] >= 0, "non-negative exactly");
			if (sum) {
				double s = 0;
				for (int j = 0; j < refs; j++)
					s += x[j];
				assertEquals(1, s, 1e-12, "sum to one");
			}
			checked++;
			if (w.iterations > 0) withActive++;
		}
		assertEquals(400, checked);
		assertTrue(withActive > 100, "enough problems had active constraints: " + withActive);
	}

	@Test
	void unconstrainedIsTheOrdinaryLeastSquaresSolution() {
		// y = 2 c0 − 3 c1 + 0.5 exactly: recovered exactly, negative weights allowed
		double[][] cols = { { 1, 2, 3, 4, 5 }, { 1, 0, 1, 0, 2 }, { 1, 1, 1, 1, 1 } };
		double[] y = new double[5];
		for (int i = 0; i < 5; i++)
			y[i] = 2 * cols[0][i] - 3 * cols[1][i] + 0.5;
		LinearLeastSquares ls = new LinearLeastSquares(cols, new String[] { "a", "b", "constant" }, 2, false, false);
		double[] x = new double[3];
		double rss = ls.newWorker().solve(y, 0, x);
		assertEquals(2, x[0], 1e-12);
		assertEquals(-3, x[1], 1e-12);
		assertEquals(0.5, x[2], 1e-12);
		assertEquals(0, rss, 1e-20);
	}

	@Test
	void dependentColumnsAreRefusedByName() {
		double[][] cols = { { 1, 2, 3 }, { 2, 4, 6 } };
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> new LinearLeastSquares(cols, new String[] { "a", "twice_a" }, 2, true, false));
		assertTrue(e.getMessage().contains("twice_a"), e.getMessage());
	}

	static double rss(double[][] cols, double[] y, double[] x) {
		double s = 0;
		for (int i = 0; i < y.length; i++) {
			double r = y[i];
			for (int j = 0; j < cols.length; j++)
				r -= cols[j][i] * x[j];
			s += r * r;
		}
		return s;
	}

	/** Tries every free set of the constrained weights; returns the best feasible solution. */
	static double[] bruteForce(double[][] cols, double[] y, int refs, boolean sum) {
		int p = cols.length, n = y.length;
		double[] best = null;
		double bestRss = Double.POSITIVE_INFINITY;
		for (int mask = 0; mask < (1 << refs); mask++) {
			if (sum && mask == 0) continue;
			int[] free = new int[p];
			int f = 0;
			for (int j = 0; j < p; j++)
				if (j >= refs || (mask & (1 << j)) != 0) free[f++] = j;
			int m = sum ? f + 1 : f;
			double[] mat = new double[m * m];
			double[] rhs = new double[m];
			for (int r = 0; r < f; r++) {
				for (int c = 0; c < f; c++)
					for (int i = 0; i < n; i++)
						mat[r * m + c] += cols[free[r]][i] * cols[free[c]][i];
				for (int i = 0; i < n; i++)
					rhs[r] += cols[free[r]][i] * y[i];
				if (sum) {
					mat[r * m + f] = free[r] < refs ? 1 : 0;
					mat[f * m + r] = free[r] < refs ? 1 : 0;
				}
			}
			if (sum) rhs[f] = 1;
			if (f == 0) {
				double[] x = new double[p];
				double r = rss(cols, y, x);
				if (r < bestRss) {
					bestRss = r;
					best = x;
				}
				continue;
			}
			if (!LinearLeastSquares.gaussSolve(mat, rhs, m)) continue;
			double[] x = new double[p];
			boolean ok = true;
			for (int r = 0; r < f; r++) {
				x[free[r]] = rhs[r];
				if (free[r] < refs && rhs[r] < -1e-12) ok = false;
			}
			if (!ok) continue;
			double r = rss(cols, y, x);
			if (r < bestRss) {
				bestRss = r;
				best = x;
			}
		}
		return best;
	}
}
