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
