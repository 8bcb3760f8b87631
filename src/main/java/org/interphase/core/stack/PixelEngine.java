package org.interphase.core.stack;

import java.util.Arrays;

import org.interphase.core.Parallel;
import org.interphase.core.Progress;

/**
 * The per-pixel mapping engine: hands every pixel's spectrum to a kernel, on all cores, in tiles
 * of consecutive pixels. A tile is gathered slice by slice (sequential reads of each slice), so
 * energy-major stacks are read at memory speed; kernels get a reused spectrum buffer and must
 * write their results straight into their output arrays at the pixel index.
 */
public final class PixelEngine {

	/** Pixels per tile: large enough to amortise the gather, small enough to stay in cache. */
	static final int TILE = 512;

	/** Work on one pixel's spectrum; one instance per thread, so it may keep scratch state. */
	public interface SpectrumWorker {
		/** {@code spectrum} holds the values at every energy of pixel {@code pixel}; reused, do not keep. */
		void apply(int pixel, double[] spectrum);
	}

	/** Creates one worker per thread. */
	public interface SpectrumKernel {
		SpectrumWorker newWorker();
	}

	/** Work on a tile of consecutive pixels held energy-major (see {@link #forEachTile}); one instance per thread. */
	public interface TileWorker {
		/**
		 * {@code rows[e][i]} is the value at energy e of pixel {@code from + i}, for i <
		 * {@code count}; reused, do not keep.
		 */
		void apply(int from, int count, double[][] rows);
	}

	/** Creates one tile worker per thread. */
	public interface TileKernel {
		TileWorker newWorker();
	}

	/** Work on one pixel's projections (see {@link #forEachProjection}); one instance per thread. */
	public interface ProjectionWorker {
		/**
		 * {@code projections[k]} = Σ_e weights[k][e]·s_e over the energy range of pixel
		 * {@code pixel}, {@code sumOfSquares} = Σ_e s_e² (NaN or ∞ when a value is); reused, do not keep.
		 */
		void apply(int pixel, double[] projections, double sumOfSquares);
	}

	/** Creates one projection worker per thread. */
	public interface ProjectionKernel {
		ProjectionWorker newWorker();
	}

	/** The longest run a {@link ProjectionRunWorker} is handed. */
	public static final int MAX_RUN = 512;

	/** Work on the projections of a run of consecutive pixels (see {@link #forEachProjectionRun}); one instance per thread. */
	public interface ProjectionRunWorker {
		/**
		 * For i < {@code count}: {@code projections[k][i]} = Σ_e weights[k][e]·s_e and
		 * {@code sumsOfSquares[i]} = Σ_e s_e² of pixel {@code from + i}; reused, do not keep.
		 */
		void apply(int from, int count, double[][] projections, double[] sumsOfSquares);
	}

	/** Creates one projection-run worker per thread. */
	public interface ProjectionRunKernel {
		ProjectionRunWorker newWorker();
	}

	private PixelEngine() {}

	/** Runs {@code kernel} on every pixel of {@code stack}. */
	public static void forEachSpectrum(SpectralStack stack, SpectrumKernel kernel, Progress progress, String task) {
		final int nE = stack.energyCount();
		final float[][] slices = stack.slices();
		Parallel.forBlocks(stack.pixels(), TILE, progress, task, () -> {
			final SpectrumWorker worker = kernel.newWorker();
			final double[] tile = new double[TILE * nE];
			final double[] spectrum = new double[nE];
			return (from, to) -> {
				int n = to - from;
				// four slices per sweep: each tile row then gets four neighbouring values per visit
				// (a third less time than one slice per sweep, whose writes hit a new row every value)
				int e = 0;
				for (; e + 3 < nE; e += 4) {
					float[] s0 = slices[e], s1 = slices[e + 1], s2 = slices[e + 2], s3 = slices[e + 3];
					for (int i = 0, k = e; i < n; i++, k += nE) {
						int p = from + i;
						tile[k] = s0[p];
						tile[k + 1] = s1[p];
						tile[k + 2] = s2[p];
						tile[k + 3] = s3[p];
					}
				}
				for (; e < nE; e++) {
					float[] s = slices[e];
					for (int i = 0; i < n; i++)
						tile[i * nE + e] = s[from + i];
				}
				for (int i = 0; i < n; i++) {
					System.arraycopy(tile, i * nE, spectrum, 0, nE);
					worker.apply(from + i, spectrum);
				}
			};
		});
	}

	/**
	 * Projects every pixel's spectrum over the energies [first, first + weights[0].length) onto
	 * the rows of {@code weights} and hands the projections and the sum of squares to a kernel.
	 * For kernels that need only these (linear least squares on the normal equations), this
	 * reads each slice once, sequentially, without gathering spectra: per tile, every energy
	 * adds its slice's run of values into per-pixel accumulators. Each sum runs in energy order,
	 * exactly as a loop over a gathered spectrum would.
	 */
	public static void forEachProjection(SpectralStack stack, int first, double[][] weights, ProjectionKernel kernel, Progress progress, String task) {
		final int m = weights.length;
		forEachProjectionRun(stack, first, weights, () -> {
			final ProjectionWorker worker = kernel.newWorker();
			final double[] projections = new double[m];
			return (from, count, acc, squares) -> {
				for (int i = 0; i < count; i++) {
					for (int k = 0; k < m; k++)
						projections[k] = acc[k][i];
					worker.apply(from + i, projections, squares[i]);
				}
			};
		}, progress, task);
	}

	/**
	 * As {@link #forEachProjection}, handing the kernel runs of up to {@value #MAX_RUN} consecutive
	 * pixels at once, projections held pixel-minor, so that a kernel can work on every pixel of a
	 * run with plain loops (which the JIT vectorises).
	 */
	public static void forEachProjectionRun(SpectralStack stack, int first, double[][] weights, ProjectionRunKernel kernel, Progress progress,
		String task) {
		final int m = weights.length;
		final int n = m == 0 ? 0 : weights[0].length;
		if (first < 0 || first + n > stack.energyCount()) throw new IllegalArgumentException("energy range outside the stack");
		final float[][] slices = stack.slices();
		// Two levels, because the sweeps are bound by cache traffic, not arithmetic. A tile's runs of
		// every slice are first copied as floats into a buffer that stays in a core's L2 cache (long
		// sequential runs keep the prefetcher streaming); then sub-tiles small enough that the widened
		// rows and the accumulators stay in L1 are summed from that buffer (20 % less time than
		// summing whole 4096-pixel tiles through L2).
		final int sub = Math.max(64, Math.min(MAX_RUN, Integer.highestOneBit(L1_BUDGET / (8 * (m + 1 + ENERGY_GROUP)))));
		final int tile = Math.max(sub, Math.min(8192, L2_BUDGET / (4 * Math.max(1, n)) / sub * sub));
		Parallel.forBlocks(stack.pixels(), tile, progress, task, () -> {
			final ProjectionRunWorker worker = kernel.newWorker();
			final float[][] runs = new float[n][tile];
			final double[][] acc = new double[m][sub];
			final double[] squares = new double[sub];
			final double[][] rows = new double[ENERGY_GROUP][sub];
			return (from, to) -> {
				for (int e = 0; e < n; e++)
					System.arraycopy(slices[first + e], from, runs[e], 0, to - from);
				for (int start = 0; start < to - from; start += sub) {
					int len = Math.min(sub, to - from - start);
					Arrays.fill(squares, 0, len, 0);
					for (double[] a : acc)
						Arrays.fill(a, 0, len, 0);
					for (int e = 0; e < n; e += ENERGY_GROUP) {
						int group = Math.min(ENERGY_GROUP, n - e);
						// widened first: the loops below are then plain double loops, which the JIT vectorises
						for (int g = 0; g < group; g++)
							widen(runs[e + g], start, len, rows[g]);
						addSquares(rows, group, len, squares);
						if (group == ENERGY_GROUP) {
							// each accumulator loaded and stored once per group, the group's terms added in energy order
							double[] r0 = rows[0], r1 = rows[1], r2 = rows[2], r3 = rows[3];
							for (int k = 0; k < m; k++) {
								double[] w = weights[k];
								addGroup(acc[k], r0, r1, r2, r3, w[e], w[e + 1], w[e + 2], w[e + 3], len);
							}
						} else {
							// the last energies, one at a time: up to four projections per sweep of a run
							for (int g = 0; g < group; g++)
								for (int k = 0; k < m; k += 4)
									addProjections(rows[g], len, weights, k, Math.min(4, m - k), e + g, acc);
						}
					}
					worker.apply(from + start, len, acc, squares);
				}
			};
		});
	}

	/** Bytes of a tile's float runs, to stay within a core's L2 cache (1.25–2 MB on current Xeons) beside the rest. */
	private static final int L2_BUDGET = 1 << 20;
	/** Bytes of a sub-tile's widened rows and accumulators, to stay within a core's L1 data cache (32–48 KB). */
	private static final int L1_BUDGET = 24 << 10;

	/** out[i] = run[from + i] for i < count, as doubles (scalar: Java 17's JIT does not vectorise the widening). */
	private static void widen(float[] run, int from, int count, double[] out) {
		for (int i = 0; i < count; i++)
			out[i] = run[from + i];
	}

	/** Energies whose runs one sweep of the accumulators adds (fewer loads and stores of the accumulators). */
	private static final int ENERGY_GROUP = 4;

	/** squares[i] += rows[g][i]² for g < group, in that order. */
	private static void addSquares(double[][] rows, int group, int len, double[] squares) {
		if (group == ENERGY_GROUP) {
			double[] r0 = rows[0], r1 = rows[1], r2 = rows[2], r3 = rows[3];
			for (int i = 0; i < len; i++)
				squares[i] = squares[i] + r0[i] * r0[i] + r1[i] * r1[i] + r2[i] * r2[i] + r3[i] * r3[i];
			return;
		}
		for (int g = 0; g < group; g++) {
			double[] r = rows[g];
			for (int i = 0; i < len; i++)
				squares[i] += r[i] * r[i];
		}
	}

	/** a[i] = a[i] + w0·r0[i] + w1·r1[i] + w2·r2[i] + w3·r3[i], left to right. */
	private static void addGroup(double[] a, double[] r0, double[] r1, double[] r2, double[] r3, double w0, double w1, double w2, double w3,
		int len) {
		for (int i = 0; i < len; i++)
			a[i] = a[i] + w0 * r0[i] + w1 * r1[i] + w2 * r2[i] + w3 * r3[i];
	}

	/** acc[k + c][i] += weights[k + c][e] · row[i] for c < count (count ≤ 4). */
	private static void addProjections(double[] row, int len, double[][] weights, int k, int count, int e, double[][] acc) {
		double w0 = weights[k][e];
		double[] a0 = acc[k];
		if (count == 1) {
			for (int i = 0; i < len; i++)
				a0[i] += w0 * row[i];
			return;
		}
		double w1 = weights[k + 1][e];
		double[] a1 = acc[k + 1];
		if (count == 2) {
			for (int i = 0; i < len; i++) {
				double v = row[i];
				a0[i] += w0 * v;
				a1[i] += w1 * v;
			}
			return;
		}
		double w2 = weights[k + 2][e];
		double[] a2 = acc[k + 2];
		if (count == 3) {
			for (int i = 0; i < len; i++) {
				double v = row[i];
				a0[i] += w0 * v;
				a1[i] += w1 * v;
				a2[i] += w2 * v;
			}
			return;
		}
		double w3 = weights[k + 3][e];
		double[] a3 = acc[k + 3];
		for (int i = 0; i < len; i++) {
			double v = row[i];
			a0[i] += w0 * v;
			a1[i] += w1 * v;
			a2[i] += w2 * v;
			a3[i] += w3 * v;
		}
	}

	/**
	 * Hands tiles of up to {@code tilePixels} consecutive pixels to a kernel, energy-major: one row
	 * per energy with that slice's run of values, copied with sequential reads and writes, so that
	 * a kernel can run each step over all pixels of the tile as plain loops. The rows are separate
	 * arrays: the JIT vectorises a loop that reads two rows and writes a third, but not one that
	 * reads and writes at offsets of a single array (it cannot rule out overlap).
	 */
	public static void forEachTile(SpectralStack stack, int tilePixels, TileKernel kernel, Progress progress, String task) {
		final int nE = stack.energyCount();
		final float[][] slices = stack.slices();
		final int size = Math.max(1, tilePixels);
		Parallel.forBlocks(stack.pixels(), size, progress, task, () -> {
			final TileWorker worker = kernel.newWorker();
			// rows one cache line longer than a power of two apart: a kernel that walks one pixel down
			// the rows then touches lines spread over the cache sets instead of a few conflicting ones
			final double[][] rows = new double[nE][size + 8];
			final float[] run = new float[size];
			return (from, to) -> {
				int count = to - from;
				for (int e = 0; e < nE; e++)
					readRun(slices[e], from, count, run, rows[e]);
				worker.apply(from, count, rows);
			};
		});
	}

	/**
	 * out[i] = slice[from + i] for i < count, as doubles. The copy stub streams the run from memory
	 * faster than a converting loop reads it, so the run is copied into {@code buffer} first and
	 * widened from the cache.
	 */
	private static void readRun(float[] slice, int from, int count, float[] buffer, double[] out) {
		System.arraycopy(slice, from, buffer, 0, count);
		for (int i = 0; i < count; i++)
			out[i] = buffer[i];
	}
}
