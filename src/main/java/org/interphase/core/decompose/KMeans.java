package org.interphase.core.decompose;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;

/**
 * k-means (Lloyd) with k-means++ seeding from a {@link SplittableRandom} of a given seed, several
 * restarts keeping the lowest inertia. Reproducible bit for bit: assignments are per point, and
 * centroid sums and inertia are added over fixed point chunks in chunk order, independent of the
 * thread count and timing. With {@code spherical}, the points are expected to be unit vectors and
 * centroids are re-normalised after each update (cosine / spectral-angle k-means).
 */
public final class KMeans {

	/** The best of the restarts. */
	public static final class Result {
		/** Cluster of each point, 0..k−1 (not yet renumbered by size). */
		public final int[] labels;
		/** centroids[cluster][feature]. */
		public final double[][] centroids;
		/** Sum of squared distances to the assigned centroids. */
		public final double inertia;
		/** Lloyd iterations of the kept restart. */
		public final int iterations;

		Result(int[] labels, double[][] centroids, double inertia, int iterations) {
			this.labels = labels;
			this.centroids = centroids;
			this.inertia = inertia;
			this.iterations = iterations;
		}
	}

	private KMeans() {}

	/**
	 * Clusters {@code n} points of {@code d} features, row-major in {@code data} (point i at
	 * [i·d, i·d + d)).
	 */
	public static Result cluster(double[] data, int n, int d, int k, long seed, int restarts, int maxIterations, boolean spherical,
		Progress progress) {
		if (k < 1) throw new InvalidInputException("clusters: must be at least 1, got " + k);
		if (n < k) throw new InvalidInputException("clusters: " + k + " clusters but only " + n + " valid pixels");
		if (restarts < 1) throw new InvalidInputException("restarts: must be at least 1, got " + restarts);
		Progress p = progress == null ? Progress.NONE : progress;
		SplittableRandom master = new SplittableRandom(seed);
		Result best = null;
		for (int r = 0; r < restarts; r++) {
			p.checkCancelled();
			SplittableRandom rnd = master.split();
			Result res = lloyd(data, n, d, k, rnd, maxIterations, spherical, p);
			if (best == null || res.inertia < best.inertia) best = res;
			p.report("k-means restarts", (r + 1) / (double) restarts);
		}
		return best;
	}

	/**
	 * Lloyd's iterations with Hamerly's bounds: per point an upper bound on the distance to its
	 * centre and a lower bound on the distance to every other centre, moved by how far the centres
	 * moved; a point whose upper bound is below the lower bound (and half the distance from its centre
	 * to the nearest other centre) cannot change cluster and is skipped. The assignments are those of
	 * plain Lloyd iterations (same labels each iteration, same iteration count), found with far fewer
	 * distance computations once the centres settle.
	 */
	private static Result lloyd(double[] data, int n, int d, int k, SplittableRandom rnd, int maxIterations, boolean spherical, Progress p) {
		double[][] c = seed(data, n, d, k, rnd, spherical, p);
		int[] labels = new int[n];
		double[] upper = new double[n], lower = new double[n];
		int chunk = Reductions.chunkSize(n, 4096);
		int chunks = Reductions.chunks(n, chunk);
		fullAssign(data, n, d, c, labels, upper, lower, chunk, p);
		int it = 1;
		while (it < maxIterations) {
			double[][] old = new double[k][];
			for (int j = 0; j < k; j++)
				old[j] = c[j].clone();
			if (update(data, n, d, k, c, old, labels, chunk, chunks, spherical, p)) {
				// an empty cluster was restarted on a point: bounds no longer hold, start them again
				fullAssign(data, n, d, c, labels, upper, lower, chunk, p);
				it++;
				continue;
			}
			double[] moved = new double[k];
			int far = 0, second = -1;
			for (int j = 0; j < k; j++) {
				moved[j] = Math.sqrt(sq(c[j], 0, old[j], d));
				if (moved[j] > moved[far]) far = j;
			}
			for (int j = 0; j < k; j++)
				if (j != far && (second < 0 || moved[j] > moved[second])) second = j;
			double[] half = halfNearest(c, d);
			it++;
			long changed = boundedAssign(data, n, d, c, labels, upper, lower, moved, far, second < 0 ? 0 : moved[second], half, chunk, chunks, p);
			if (changed == 0) break;
		}
		// the inertia from exact distances (the bounds are only bounds)
		double[] dist = new double[n];
		Parallel.forRange(n, chunk, p, "k-means", (from, to) -> {
			for (int i = from; i < to; i++)
				dist[i] = sq(data, i * d, c[labels[i]], d);
		});
		return new Result(labels, c, orderedSum(dist, n, chunk, chunks), it);
	}

	/** Half the distance from each centre to its nearest other centre. */
	private static double[] halfNearest(double[][] c, int d) {
		int k = c.length;
		double[] half = new double[k];
		Arrays.fill(half, Double.POSITIVE_INFINITY);
		for (int j = 0; j < k; j++)
			for (int q = j + 1; q < k; q++) {
				double h = 0.5 * Math.sqrt(sq(c[j], 0, c[q], d));
				half[j] = Math.min(half[j], h);
				half[q] = Math.min(half[q], h);
			}
		return half;
	}

	/** Nearest centre of every point (lowest index on ties), its distance and the second-nearest distance. */
	private static void fullAssign(double[] data, int n, int d, double[][] c, int[] labels, double[] upper, double[] lower, int chunk, Progress p) {
		Parallel.forRange(n, chunk, p, "k-means", (from, to) -> {
			for (int i = from; i < to; i++)
				nearest(data, i, d, c, labels, upper, lower);
		});
	}

	/** Returns the point's previous label after setting label, upper (nearest distance) and lower (second nearest). */
	private static int nearest(double[] data, int i, int d, double[][] c, int[] labels, double[] upper, double[] lower) {
		int best = 0;
		double bd = sq(data, i * d, c[0], d), sd = Double.POSITIVE_INFINITY;
		for (int j = 1; j < c.length; j++) {
			double s = sq(data, i * d, c[j], d);
			if (s < bd) {
				sd = bd;
				bd = s;
				best = j;
			} else if (s < sd) sd = s;
		}
		int was = labels[i];
		labels[i] = best;
		upper[i] = Math.sqrt(bd);
		lower[i] = Math.sqrt(sd);
		return was;
	}

	/** Relative slack on the bound test: a point within rounding of a tie is always recomputed. */
	private static final double SLACK = 1e-9;

	private static long boundedAssign(double[] data, int n, int d, double[][] c, int[] labels, double[] upper, double[] lower, double[] moved,
		int far, double secondMove, double[] half, int chunk, int chunks, Progress p) {
		long[] changed = new long[chunks];
		Parallel.forRange(n, chunk, p, "k-means", (from, to) -> changed[from / chunk] = boundedRange(data, from, to, d, c, labels, upper, lower, moved, far,
			secondMove, half));
		long total = 0;
		for (long x : changed)
			total += x;
		return total;
	}

	/**
	 * The bounded assignment of points [from, to); returns how many changed cluster. A method of its
	 * own rather than a loop in the lambda: the JIT compiles such a method with its calls inlined
	 * (the same loop inside a lambda ran several times slower in the optical density).
	 */
	private static long boundedRange(double[] data, int from, int to, int d, double[][] c, int[] labels, double[] upper, double[] lower,
		double[] moved, int far, double secondMove, double[] half) {
		long ch = 0;
		for (int i = from; i < to; i++) {
			int a = labels[i];
			double u = upper[i] + moved[a];
			double l = lower[i] - (a == far ? secondMove : moved[far]);
			double bound = Math.max(half[a], l);
			if (u < bound * (1 - SLACK)) {
				upper[i] = u;
				lower[i] = l;
				continue;
			}
			u = Math.sqrt(sq(data, i * d, c[a], d)); // tighten the upper bound first
			if (u < bound * (1 - SLACK)) {
				upper[i] = u;
				lower[i] = l;
				continue;
			}
			if (nearest(data, i, d, c, labels, upper, lower) != labels[i]) ch++;
		}
		return ch;
	}

	/** k-means++: first centre uniform, each next one drawn with probability ∝ squared distance. */
	static double[][] seed(double[] data, int n, int d, int k, SplittableRandom rnd, boolean spherical, Progress p) {
		double[][] c = new double[k][d];
		int first = rnd.nextInt(n);
		System.arraycopy(data, first * d, c[0], 0, d);
		double[] dist = new double[n];
		Arrays.fill(dist, Double.POSITIVE_INFINITY);
		int chunk = Reductions.chunkSize(n, 4096);
		for (int j = 1; j < k; j++) {
			final double[] cj = c[j - 1];
			Parallel.forRange(n, chunk, p, "k-means++", (from, to) -> {
				for (int i = from; i < to; i++) {
					double s = sq(data, i * d, cj, d);
					if (s < dist[i]) dist[i] = s;
				}
			});
			double total = orderedSum(dist, n, chunk, Reductions.chunks(n, chunk));
			int pick;
			if (!(total > 0)) {
				pick = rnd.nextInt(n); // every point sits on a centre already
			} else {
				double target = rnd.nextDouble() * total, run = 0;
				pick = n - 1;
				for (int i = 0; i < n; i++) {
					run += dist[i];
					if (run > target) {
						pick = i;
						break;
					}
				}
			}
			System.arraycopy(data, pick * d, c[j], 0, d);
		}
		if (spherical) for (double[] cj : c)
			normalize(cj);
		return c;
	}

	/**
	 * New centres: the mean of their points, in fixed chunk order. An empty cluster restarts on the
	 * point farthest from its centre in {@code old} (lowest index on ties); returns whether that happened.
	 */
	private static boolean update(double[] data, int n, int d, int k, double[][] c, double[][] old, int[] labels, int chunk, int chunks,
		boolean spherical, Progress p) {
		double[][] sums = new double[chunks][k * d];
		long[][] counts = new long[chunks][k];
		Parallel.forRange(n, chunk, p, "k-means", (from, to) -> {
			int b = from / chunk;
			double[] s = sums[b];
			long[] cnt = counts[b];
			for (int i = from; i < to; i++) {
				int l = labels[i];
				cnt[l]++;
				int o = l * d;
				for (int f = 0; f < d; f++)
					s[o + f] += data[i * d + f];
			}
		});
		double[] total = new double[k * d];
		long[] count = new long[k];
		for (int b = 0; b < chunks; b++) {
			for (int j = 0; j < k; j++)
				count[j] += counts[b][j];
			for (int x = 0; x < k * d; x++)
				total[x] += sums[b][x];
		}
		boolean[] taken = null;
		double[] dist = null;
		for (int j = 0; j < k; j++) {
			if (count[j] == 0) {
				if (taken == null) {
					taken = new boolean[n];
					// exact squared distances to the centres of the assignment (the bounds are only bounds)
					dist = new double[n];
					for (int i = 0; i < n; i++)
						dist[i] = sq(data, i * d, old[labels[i]], d);
				}
				// empty cluster: restart it on the point farthest from its centre (lowest index on ties)
				int far = -1;
				for (int i = 0; i < n; i++)
					if (!taken[i] && (far < 0 || dist[i] > dist[far])) far = i;
				taken[far] = true;
				System.arraycopy(data, far * d, c[j], 0, d);
				dist[far] = 0;
			} else {
				for (int f = 0; f < d; f++)
					c[j][f] = total[j * d + f] / count[j];
			}
			if (spherical) normalize(c[j]);
		}
		return taken != null;
	}

	private static double orderedSum(double[] v, int n, int chunk, int chunks) {
		double[] part = new double[chunks];
		Parallel.forRange(n, chunk, Progress.NONE, "sum", (from, to) -> {
			double s = 0;
			for (int i = from; i < to; i++)
				s += v[i];
			part[from / chunk] = s;
		});
		double s = 0;
		for (double x : part)
			s += x;
		return s;
	}

	/** The centre nearest to point i (lowest index on ties), as the iterations assign it; for slab-wise assignment. */
	public static int nearestCentre(double[] data, int i, int d, double[][] c) {
		int best = 0;
		double bd = sq(data, i * d, c[0], d);
		for (int j = 1; j < c.length; j++) {
			double s = sq(data, i * d, c[j], d);
			if (s < bd) {
				bd = s;
				best = j;
			}
		}
		return best;
	}

	/** Squared distance from point i to centre c. */
	public static double squaredDistance(double[] data, int i, int d, double[] c) {
		return sq(data, i * d, c, d);
	}

	/** Squared distance between data[off, off + d) and c. */
	private static double sq(double[] data, int off, double[] c, int d) {
		double s = 0;
		for (int f = 0; f < d; f++) {
			double x = data[off + f] - c[f];
			s += x * x;
		}
		return s;
	}

	static void normalize(double[] v) {
		double s = 0;
		for (double x : v)
			s += x * x;
		if (s > 0) {
			double inv = 1 / Math.sqrt(s);
			for (int i = 0; i < v.length; i++)
				v[i] *= inv;
		}
	}
}
