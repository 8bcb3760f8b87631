package org.interphase.core.decompose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.interphase.core.Parallel;
import org.interphase.core.Progress;
import org.junit.jupiter.api.Test;

/** The bounded (Hamerly) iterations give exactly the assignments of plain Lloyd iterations. */
class KMeansTest {

	/** Overlapping Gaussian blobs: many points near the boundaries, so labels change for many iterations. */
	static double[] blobs(int n, int d, int blobs, long seed) {
		SplittableRandom rnd = new SplittableRandom(seed);
		double[][] centre = new double[blobs][d];
		for (double[] c : centre)
			for (int f = 0; f < d; f++)
				c[f] = rnd.nextDouble(-3, 3);
		double[] x = new double[n * d];
		for (int i = 0; i < n; i++) {
			double[] c = centre[rnd.nextInt(blobs)];
			for (int f = 0; f < d; f++)
				x[i * d + f] = c[f] + gaussian(rnd);
		}
		return x;
	}

	static double gaussian(SplittableRandom r) {
		return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
	}

	/** Textbook Lloyd from given centres: nearest centre (lowest index on ties), means; returns iterations. */
	static int referenceLloyd(double[] x, int n, int d, double[][] c, int[] labels, int maxIterations) {
		java.util.Arrays.fill(labels, -1);
		int it = 0;
		while (true) {
			it++;
			int changed = 0;
			for (int i = 0; i < n; i++) {
				int best = 0;
				double bd = Double.POSITIVE_INFINITY;
				for (int j = 0; j < c.length; j++) {
					double s = 0;
					for (int f = 0; f < d; f++)
						s += (x[i * d + f] - c[j][f]) * (x[i * d + f] - c[j][f]);
					if (s < bd) {
						bd = s;
						best = j;
					}
				}
				if (labels[i] != best) changed++;
				labels[i] = best;
			}
			if (changed == 0 || it >= maxIterations) return it;
			double[][] sum = new double[c.length][d];
			int[] count = new int[c.length];
			for (int i = 0; i < n; i++) {
				count[labels[i]]++;
				for (int f = 0; f < d; f++)
					sum[labels[i]][f] += x[i * d + f];
			}
			for (int j = 0; j < c.length; j++)
				for (int f = 0; f < d; f++)
					c[j][f] = sum[j][f] / count[j];
		}
	}

	@Test
	void boundedIterationsFollowLloydExactly() {
		for (long seed = 1; seed <= 5; seed++) {
			int n = 4000, d = 3, k = 6;
			double[] x = blobs(n, d, 4, seed);
			// the same k-means++ start as KMeans.cluster(…, seed, restarts = 1, …) draws
			double[][] c = KMeans.seed(x, n, d, k, new SplittableRandom(seed).split(), false, Progress.NONE);
			int[] expected = new int[n];
			int iterations = referenceLloyd(x, n, d, c, expected, 300);
			KMeans.Result r = KMeans.cluster(x, n, d, k, seed, 1, 300, false, Progress.NONE);
			assertTrue(iterations > 5, "the test data needs several iterations: " + iterations);
			assertEquals(iterations, r.iterations, "seed " + seed);
			assertArrayEquals(expected, r.labels, "seed " + seed);
			for (int j = 0; j < k; j++)
				assertArrayEquals(c[j], r.centroids[j], 1e-12);
		}
	}

	@Test
	void boundedIterationsAreThreadIndependent() {
		int n = 20000, d = 5, k = 5;
		double[] x = blobs(n, d, 5, 9);
		try {
			Parallel.setThreads(1);
			KMeans.Result one = KMeans.cluster(x, n, d, k, 3, 4, 300, false, Progress.NONE);
			Parallel.setThreads(3);
			KMeans.Result three = KMeans.cluster(x, n, d, k, 3, 4, 300, false, Progress.NONE);
			assertArrayEquals(one.labels, three.labels);
			assertEquals(Double.doubleToLongBits(one.inertia), Double.doubleToLongBits(three.inertia));
		} finally {
			Parallel.setThreads(0);
		}
	}
}
