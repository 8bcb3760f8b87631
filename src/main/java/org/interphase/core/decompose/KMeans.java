package org.interphase.core.decompose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
		int chunk = Reductions.chunkSize(n, 4096), chunks = Reductions.chunks(n, chunk);
		List<Restart> all = new ArrayList<>();
		for (int r = 0; r < restarts; r++) {
			p.checkCancelled();
			all.add(new Restart(seed(data, n, d, k, master.split(), spherical, p), n, d, chunks, chunks * blocksPerChunk(chunk)));
		}
		// the restarts advance in lockstep: one parallel pass over the points per round serves every
		// restart still running (one dispatch to the threads instead of one per restart, and the chunk's
		// features read once); each restart computes exactly what it would alone
		assignAll(data, n, d, all, chunk, p);
		List<Restart> active = new ArrayList<>();
		for (Restart run : all)
			if (run.iterations < maxIterations) active.add(run);
		while (!active.isEmpty()) {
			p.checkCancelled();
			List<Restart> full = new ArrayList<>(), bounded = new ArrayList<>();
			for (Restart run : active) {
				double[][] old = new double[k][];
				for (int j = 0; j < k; j++)
					old[j] = run.c[j].clone();
				// an empty cluster restarted on a point: the bounds no longer hold, assign from scratch
				if (run.update(data, n, d, old, spherical)) full.add(run);
				else {
					run.moveBounds(old, d);
					bounded.add(run);
				}
				run.iterations++;
			}
			assignAll(data, n, d, full, chunk, p);
			boundedAll(data, n, d, bounded, chunk, p);
			List<Restart> next = new ArrayList<>();
			for (Restart run : active)
				if (run.iterations < maxIterations && !(bounded.contains(run) && run.changedTotal() == 0)) next.add(run);
			active = next;
			p.report("k-means restarts", 1 - active.size() / (double) all.size());
		}
		// inertia from exact distances (the bounds are only bounds), added in chunk order
		Parallel.forRange(n, chunk, p, "k-means", (from, to) -> {
			for (Restart run : all)
				run.partial[from / chunk] = inertiaRange(data, from, to, d, run.c, run.labels);
		});
		Result best = null;
		for (Restart run : all) {
			double inertia = 0;
			for (double x : run.partial)
				inertia += x;
			if (best == null || inertia < best.inertia) best = new Result(run.labels, run.c, inertia, run.iterations);
		}
		return best;
	}

	/**
	 * One restart: Lloyd's iterations with Hamerly's bounds. Per point an upper bound on the distance
	 * to its centre and a lower bound on the distance to every other centre, moved by how far the
	 * centres moved; a point whose upper bound is below the lower bound (and half the distance from
	 * its centre to the nearest other centre) cannot change cluster and is skipped. The assignments
	 * are those of plain Lloyd iterations (same labels each iteration, same iteration count), found
	 * with far fewer distance computations once the centres settle. The centroid sums of each block
	 * of points are added during its assignment.
	 */
	private static final class Restart {
		final double[][] c;
		final int[] labels;
		final double[] upper, lower;
		/**
		 * Per block of {@link #SUM_BLOCK} points: centroid sums (k·d) and counts; per chunk: the same
		 * added over its blocks in order (refreshed when one of its blocks changed), changed labels, inertia.
		 */
		final double[][] sums, chunkSums;
		final long[][] counts, chunkCounts;
		final long[] changed;
		final double[] partial;
		int iterations = 1;
		double[] half;
		/**
		 * Per centre: how far the upper bounds of its points have grown and their lower bounds have
		 * shrunk since the start (sums of the moves). A point stores its bounds less/plus these sums at
		 * the time they were set, so a point that is skipped needs no write; the test adds the sums
		 * raised by {@link #DRIFT_MARGIN} (the bounds stay bounds despite rounding).
		 */
		final double[] growth, shrink, growthTest, shrinkTest;
		/**
		 * Σ over iterations of twice the largest centre move: no point's room (bound − upper bound)
		 * shrinks faster. A block of points whose smallest room at its last visit exceeds what this
		 * sum has added since is skipped whole ({@link #blockSkipUntil}).
		 */
		double drift;
		final double[] blockSkipUntil;

		Restart(double[][] c, int n, int d, int chunks, int blocks) {
			this.c = c;
			int k = c.length;
			labels = new int[n];
			upper = new double[n];
			lower = new double[n];
			sums = new double[blocks][k * d];
			counts = new long[blocks][k];
			chunkSums = new double[chunks][k * d];
			chunkCounts = new long[chunks][k];
			changed = new long[chunks];
			partial = new double[chunks];
			growth = new double[k];
			shrink = new double[k];
			growthTest = new double[k];
			shrinkTest = new double[k];
			blockSkipUntil = new double[blocks];
		}

		/** The chunk's sums and counts from its blocks, in block order. */
		void addBlocks(int chunk, int perChunk) {
			double[] s = chunkSums[chunk];
			long[] cnt = chunkCounts[chunk];
			Arrays.fill(s, 0);
			Arrays.fill(cnt, 0);
			for (int blk = chunk * perChunk, end = blk + perChunk; blk < end; blk++) {
				for (int x = 0; x < s.length; x++)
					s[x] += sums[blk][x];
				for (int j = 0; j < cnt.length; j++)
					cnt[j] += counts[blk][j];
			}
		}

		long changedTotal() {
			long total = 0;
			for (long x : changed)
				total += x;
			return total;
		}

		/**
		 * How far each centre moved since {@code old}: its points' upper bounds grow by its move, their
		 * lower bounds shrink by the largest move of another centre; and half the centre spacing.
		 */
		void moveBounds(double[][] old, int d) {
			int k = c.length;
			double[] moved = new double[k];
			int far = 0;
			int second = -1;
			for (int j = 0; j < k; j++) {
				moved[j] = Math.sqrt(sq(c[j], 0, old[j], d));
				if (moved[j] > moved[far]) far = j;
			}
			for (int j = 0; j < k; j++)
				if (j != far && (second < 0 || moved[j] > moved[second])) second = j;
			double secondMove = second < 0 ? 0 : moved[second];
			for (int j = 0; j < k; j++) {
				growth[j] += moved[j];
				shrink[j] += j == far ? secondMove : moved[far];
				growthTest[j] = growth[j] * (1 + DRIFT_MARGIN);
				shrinkTest[j] = shrink[j] * (1 + DRIFT_MARGIN);
			}
			drift += 2 * moved[far] * (1 + DRIFT_MARGIN);
			half = halfNearest(c, d);
		}

		/**
		 * New centres: the mean of their points from the chunk sums, in chunk order. An empty cluster
		 * restarts on the point farthest from its centre in {@code old} (lowest index on ties); returns
		 * whether that happened.
		 */
		boolean update(double[] data, int n, int d, double[][] old, boolean spherical) {
			int k = c.length;
			double[] total = new double[k * d];
			long[] count = new long[k];
			for (int b = 0; b < chunkSums.length; b++) {
				for (int j = 0; j < k; j++)
					count[j] += chunkCounts[b][j];
				for (int x = 0; x < k * d; x++)
					total[x] += chunkSums[b][x];
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
					int farthest = -1;
					for (int i = 0; i < n; i++)
						if (!taken[i] && (farthest < 0 || dist[i] > dist[farthest])) farthest = i;
					taken[farthest] = true;
					System.arraycopy(data, farthest * d, c[j], 0, d);
					dist[farthest] = 0;
				} else {
					for (int f = 0; f < d; f++)
						c[j][f] = total[j * d + f] / count[j];
				}
				if (spherical) normalize(c[j]);
			}
			return taken != null;
		}
	}

	/**
	 * Points per block: a block whose labels all stayed keeps its centroid sums (the same values a
	 * new sum would give), and a block whose points all have room left is skipped whole. 64 was the
	 * fastest of 16–256 (interleaved runs, 512² points, k = 5).
	 */
	private static final int SUM_BLOCK = 64;

	/** Blocks of {@link #SUM_BLOCK} points per chunk (the last one may be short). */
	private static int blocksPerChunk(int chunk) {
		return (chunk + SUM_BLOCK - 1) / SUM_BLOCK;
	}

	/** Nearest centre of every point of each restart (lowest index on ties), with bounds and block sums. */
	private static void assignAll(double[] data, int n, int d, List<Restart> runs, int chunk, Progress p) {
		if (runs.isEmpty()) return;
		int perChunk = blocksPerChunk(chunk);
		Parallel.forRange(n, chunk, p, "k-means", (from, to) -> {
			for (Restart run : runs) {
				nearestRange(data, from, to, d, run.c, run.labels, run.upper, run.lower, run.growth, run.shrink);
				for (int blk = from / chunk * perChunk, end = blk + perChunk; blk < end; blk++)
					run.blockSkipUntil[blk] = Double.NEGATIVE_INFINITY; // visit every block next time
				for (int b0 = from, blk = from / chunk * perChunk; b0 < to; b0 += SUM_BLOCK, blk++)
					sumRange(data, d, run.labels, b0, Math.min(to, b0 + SUM_BLOCK), run.sums[blk], run.counts[blk]);
				run.addBlocks(from / chunk, perChunk);
			}
		});
	}

	/** The bounded assignment of every point of each restart, with block sums and changed counts. */
	private static void boundedAll(double[] data, int n, int d, List<Restart> runs, int chunk, Progress p) {
		if (runs.isEmpty()) return;
		int perChunk = blocksPerChunk(chunk);
		Parallel.forRange(n, chunk, p, "k-means", (from, to) -> {
			for (Restart run : runs) {
				long changed = 0;
				for (int b0 = from, blk = from / chunk * perChunk; b0 < to; b0 += SUM_BLOCK, blk++) {
					int b1 = Math.min(to, b0 + SUM_BLOCK);
					if (run.drift < run.blockSkipUntil[blk]) continue; // no point of the block can have changed cluster
					long c = boundedRange(data, b0, b1, d, run, blk);
					if (c != 0) sumRange(data, d, run.labels, b0, b1, run.sums[blk], run.counts[blk]);
					changed += c;
				}
				run.changed[from / chunk] = changed;
				if (changed != 0) run.addBlocks(from / chunk, perChunk);
			}
		});
	}

	/** {@link #nearest} for the points [from, to) (a method of its own: see boundedRange). */
	private static void nearestRange(double[] data, int from, int to, int d, double[][] c, int[] labels, double[] upper, double[] lower,
		double[] growth, double[] shrink) {
		for (int i = from; i < to; i++)
			nearest(data, i, d, c, labels, upper, lower, growth, shrink);
	}

	/** Σ squared distance of the points [from, to) to their centres, in point order. */
	private static double inertiaRange(double[] data, int from, int to, int d, double[][] c, int[] labels) {
		double s = 0;
		for (int i = from; i < to; i++)
			s += sq(data, i * d, c[labels[i]], d);
		return s;
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

	/**
	 * Returns the point's previous label after setting label, upper (nearest distance) and lower
	 * (second nearest), stored less/plus the new centre's growth/shrink sums (see {@link Restart#growth}).
	 */
	private static int nearest(double[] data, int i, int d, double[][] c, int[] labels, double[] upper, double[] lower, double[] growth,
		double[] shrink) {
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
		upper[i] = Math.sqrt(bd) - growth[best];
		lower[i] = Math.sqrt(sd) + shrink[best];
		return was;
	}

	/** Relative slack on the bound test: a point within rounding of a tie is always recomputed. */
	private static final double SLACK = 1e-9;
	/** Relative margin on the drift sums: far above their rounding (1e-15), far below any move that matters. */
	private static final double DRIFT_MARGIN = 1e-12;

	/**
	 * The bounded assignment of points [from, to); returns how many changed cluster. A method of its
	 * own rather than a loop in the lambda: the JIT compiles such a method with its calls inlined
	 * (the same loop inside a lambda ran several times slower in the optical density).
	 */
	private static long boundedRange(double[] data, int from, int to, int d, Restart run, int block) {
		double[][] c = run.c;
		int[] labels = run.labels;
		double[] upper = run.upper, lower = run.lower;
		double[] half = run.half, growth = run.growth, shrink = run.shrink, growthTest = run.growthTest, shrinkTest = run.shrinkTest;
		long ch = 0;
		double room = Double.POSITIVE_INFINITY; // the smallest bound − upper bound of the block's points
		for (int i = from; i < to; i++) {
			int a = labels[i];
			double bound = Math.max(half[a], lower[i] - shrinkTest[a]) * (1 - SLACK);
			double u = upper[i] + growthTest[a];
			if (u >= bound) {
				u = Math.sqrt(sq(data, i * d, c[a], d)); // tighten the upper bound first
				upper[i] = u - growth[a];
				if (u >= bound) {
					nearest(data, i, d, c, labels, upper, lower, growth, shrink);
					if (labels[i] != a) ch++;
					int b = labels[i];
					bound = Math.max(half[b], lower[i] - shrinkTest[b]) * (1 - SLACK);
					u = upper[i] + growthTest[b];
				}
			}
			room = Math.min(room, bound - u);
		}
		run.blockSkipUntil[block] = run.drift + room * (1 - DRIFT_MARGIN);
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
		double[] part = new double[Reductions.chunks(n, chunk)];
		for (int j = 1; j < k; j++) {
			final double[] cj = c[j - 1];
			// one pass: the distances to the nearest centre so far and their sum per chunk
			Parallel.forRange(n, chunk, p, "k-means++", (from, to) -> part[from / chunk] = closerRange(data, from, to, d, cj, dist));
			double total = 0;
			for (double x : part)
				total += x;
			int pick;
			if (!(total > 0)) {
				pick = rnd.nextInt(n); // every point sits on a centre already
			} else {
				// the first point whose running sum passes the target, found chunk by chunk
				double target = rnd.nextDouble() * total, run = 0;
				pick = n - 1;
				search: for (int b = 0; b < part.length; b++) {
					if (run + part[b] <= target && b < part.length - 1) {
						run += part[b];
						continue;
					}
					for (int i = b * chunk, end = Math.min(n, i + chunk); i < end; i++) {
						run += dist[i];
						if (run > target) {
							pick = i;
							break search;
						}
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
	 * The sums and counts of the clusters over the points [from, to), in point order. The features
	 * of a point are added by a switch for up to 8 of them: a loop over so few costs more than the
	 * additions (3.5 instead of 5.7 ns per point of 5 features). A method of its own: see boundedRange.
	 */
	private static void sumRange(double[] data, int d, int[] labels, int from, int to, double[] s, long[] cnt) {
		Arrays.fill(s, 0);
		Arrays.fill(cnt, 0);
		for (int i = from; i < to; i++) {
			int l = labels[i];
			cnt[l]++;
			int o = l * d, x = i * d;
			switch (d) {
				case 8: s[o + 7] += data[x + 7]; // fall through: each case adds one feature
				case 7: s[o + 6] += data[x + 6];
				case 6: s[o + 5] += data[x + 5];
				case 5: s[o + 4] += data[x + 4];
				case 4: s[o + 3] += data[x + 3];
				case 3: s[o + 2] += data[x + 2];
				case 2: s[o + 1] += data[x + 1];
				case 1: s[o] += data[x];
					break;
				default:
					for (int f = 0; f < d; f++)
						s[o + f] += data[x + f];
			}
		}
	}

	/**
	 * dist[i] = min(dist[i], squared distance to c) for the points [from, to); returns their sum in
	 * point order (a method of its own: see boundedRange).
	 */
	private static double closerRange(double[] data, int from, int to, int d, double[] c, double[] dist) {
		double sum = 0;
		for (int i = from; i < to; i++) {
			double s = sq(data, i * d, c, d);
			if (s < dist[i]) dist[i] = s;
			sum += dist[i];
		}
		return sum;
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

	/**
	 * {@link #sq} for 2 to 8 features without a loop (10 % less k-means time than the loop, whose
	 * set-up costs more than so few terms): the same terms added in the same order.
	 */
	private static double sqUnrolled(double[] data, int off, double[] c, int d) {
		double x0 = data[off] - c[0], x1 = data[off + 1] - c[1];
		double s = x0 * x0 + x1 * x1;
		if (d == 2) return s;
		double x2 = data[off + 2] - c[2];
		s += x2 * x2;
		if (d == 3) return s;
		double x3 = data[off + 3] - c[3];
		s += x3 * x3;
		if (d == 4) return s;
		double x4 = data[off + 4] - c[4];
		s += x4 * x4;
		if (d == 5) return s;
		double x5 = data[off + 5] - c[5];
		s += x5 * x5;
		if (d == 6) return s;
		double x6 = data[off + 6] - c[6];
		s += x6 * x6;
		if (d == 7) return s;
		double x7 = data[off + 7] - c[7];
		return s + x7 * x7;
	}

	/** Squared distance between data[off, off + d) and c. */
	private static double sq(double[] data, int off, double[] c, int d) {
		if (d >= 2 && d <= 8) return sqUnrolled(data, off, c, d);
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
