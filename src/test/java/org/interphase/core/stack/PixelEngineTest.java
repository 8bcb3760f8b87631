package org.interphase.core.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;

import org.interphase.core.CancelledException;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;
import org.junit.jupiter.api.Test;

class PixelEngineTest {

	@Test
	void everyPixelGetsItsOwnSpectrumOnce() {
		int w = 37, h = 53; // not a multiple of the tile size
		double[] en = { 1, 2, 3, 4, 5 };
		SpectralStack s = SpectralStack.allocate(w, h, en);
		for (int e = 0; e < en.length; e++)
			for (int p = 0; p < w * h; p++)
				s.slice(e)[p] = p * 10 + e;
		int[] visits = new int[w * h];
		float[] sum = new float[w * h];
		Parallel.setThreads(3);
		try {
			PixelEngine.forEachSpectrum(s, () -> (pixel, spectrum) -> {
				visits[pixel]++;
				double t = 0;
				for (int e = 0; e < en.length; e++) {
					assertEquals(pixel * 10 + e, spectrum[e], 0);
					t += spectrum[e];
				}
				sum[pixel] = (float) t;
			}, Progress.NONE, "test");
		} finally {
			Parallel.setThreads(0);
		}
		for (int p = 0; p < w * h; p++) {
			assertEquals(1, visits[p]);
			assertEquals(p * 50 + 10, sum[p], 1e-3);
		}
	}

	@Test
	void tilesHoldEveryPixelOnceEnergyMajor() {
		int w = 37, h = 29; // 1073 pixels: tiles of 100, the last one partial
		double[] en = { 1, 2, 3, 4 };
		SpectralStack s = SpectralStack.allocate(w, h, en);
		for (int e = 0; e < en.length; e++)
			for (int p = 0; p < w * h; p++)
				s.slice(e)[p] = p * 10 + e;
		int[] visits = new int[w * h];
		Parallel.setThreads(3);
		try {
			PixelEngine.forEachTile(s, 100, () -> (from, count, rows) -> {
				assertEquals(true, count >= 1 && count <= 100, "tile size " + count);
				for (int i = 0; i < count; i++) {
					visits[from + i]++;
					for (int e = 0; e < en.length; e++)
						assertEquals((from + i) * 10 + e, rows[e][i], 0);
				}
			}, Progress.NONE, "test");
		} finally {
			Parallel.setThreads(0);
		}
		for (int p = 0; p < w * h; p++)
			assertEquals(1, visits[p], "pixel " + p);
	}

	@Test
	void projectionsEqualSumsOverEachGatheredSpectrum() {
		int w = 131, h = 67; // several projection tiles, the last one partial
		double[] en = new double[9];
		for (int e = 0; e < en.length; e++)
			en[e] = 700 + e;
		SpectralStack s = SpectralStack.allocate(w, h, en);
		java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
		for (int e = 0; e < en.length; e++)
			for (int p = 0; p < w * h; p++)
				s.slice(e)[p] = (float) rnd.nextDouble(-1, 2);
		s.slice(4)[17] = Float.NaN;
		int first = 2, n = 6; // one group of four energies per accumulator sweep, then a partial group of two
		for (int count = 1; count <= 6; count++) { // every way the engine groups projections (1–4, then 4 + 1, 4 + 2)
			final int m = count;
			double[][] weights = new double[m][n];
			for (int k = 0; k < m; k++)
				for (int i = 0; i < n; i++)
					weights[k][i] = rnd.nextDouble(-2, 2);
			double[][] got = new double[m + 1][w * h];
			int[] visits = new int[w * h];
			Parallel.setThreads(3);
			try {
				PixelEngine.forEachProjection(s, first, weights, () -> (pixel, projections, squares) -> {
					visits[pixel]++;
					for (int k = 0; k < m; k++)
						got[k][pixel] = projections[k];
					got[m][pixel] = squares;
				}, Progress.NONE, "test");
			} finally {
				Parallel.setThreads(0);
			}
			for (int p = 0; p < w * h; p++) {
				assertEquals(1, visits[p]);
				double yy = 0; // the same sums, in energy order, as a loop over the pixel's spectrum
				for (int i = 0; i < n; i++) {
					double v = s.slice(first + i)[p];
					yy += v * v;
				}
				if (p == 17) {
					assertEquals(true, Double.isNaN(got[m][p]), "a NaN value makes the sum of squares NaN");
					continue;
				}
				assertEquals(yy, got[m][p], 0);
				for (int k = 0; k < m; k++) {
					double b = 0;
					for (int i = 0; i < n; i++)
						b += weights[k][i] * s.slice(first + i)[p];
					assertEquals(b, got[k][p], 0, "projection " + k + " of " + m + " at pixel " + p);
				}
			}
		}
	}

	@Test
	void cancellationStopsBetweenTiles() {
		SpectralStack s = SpectralStack.allocate(200, 200, new double[] { 1, 2 });
		AtomicInteger seen = new AtomicInteger();
		Progress cancelAfterFirst = new Progress() {
			@Override
			public void report(String task, double fraction) {}

			@Override
			public boolean cancelled() {
				return seen.get() > 0;
			}
		};
		assertThrows(CancelledException.class,
			() -> PixelEngine.forEachSpectrum(s, () -> (pixel, spectrum) -> seen.incrementAndGet(), cancelAfterFirst, "test"));
		assertEquals(true, seen.get() < 200 * 200, "stopped early");
	}
}
