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

	private static Result lloyd(double[] data, int n, int d, int k, SplittableRandom rnd, int maxIterations, boolean spherical, Progress p) {
		double[][] c = seed(data, n, d, k, rnd, spherical, p);
		int[] labels = new int[n];
		Arrays.fill(labels, -1);
		double[] dist = new double[n];
		int chunk = Reductions.chunkSize(n, 4096);
		int chunks = Reductions.chunks(n, chunk);
		int it = 0;
		while (true) {
			it++;
			long changed = assign(data, n, d, c, labels, dist, chunk, chunks, p);
			if (changed == 0 || it >= maxIterations) break;
			update(data, n, d, k, c, labels, dist, chunk, chunks, spherical, p);
		}
		return new Result(labels, c, orderedSum(dist, n, chunk, chunks), it);
	}

	/** k-means++: first centre uniform, each next one drawn with probability ∝ squared distance. */
	private static double[][] seed(double[] data, int n, int d, int k, SplittableRandom rnd, boolean spherical, Progress p) {
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

	private static long assign(double[] data, int n, int d, double[][] c, int[] labels, double[] dist, int chunk, int chunks, Progress p) {
		long[] changed = new long[chunks];
		int k = c.length;
		Parallel.forRange(n, chunk, p, "k-means", (from, to) -> {
			long ch = 0;
			for (int i = from; i < to; i++) {
				int best = 0;
				double bd = sq(data, i * d, c[0], d);
				for (int j = 1; j < k; j++) {
					double s = sq(data, i * d, c[j], d);
					if (s < bd) {
						bd = s;
						best = j;
					}
				}
				if (labels[i] != best) ch++;
				labels[i] = best;
				dist[i] = bd;
			}
			changed[from / chunk] = ch;
		});
		long total = 0;
		for (long x : changed)
			total += x;
		return total;
	}

	private static void update(double[] data, int n, int d, int k, double[][] c, int[] labels, double[] dist, int chunk, int chunks,
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
		for (int j = 0; j < k; j++) {
			if (count[j] == 0) {
				if (taken == null) taken = new boolean[n];
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
