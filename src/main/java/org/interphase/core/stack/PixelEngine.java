package org.interphase.core.stack;

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
}
