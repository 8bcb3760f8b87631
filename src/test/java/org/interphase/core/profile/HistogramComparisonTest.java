package org.interphase.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.junit.jupiter.api.Test;

/** Identical bins, counts summing to n, statistics against a direct computation. */
class HistogramComparisonTest {

	static float[] image(long seed, int n, double mean, double spread, double nanFraction) {
		SplittableRandom rnd = new SplittableRandom(seed);
		float[] v = new float[n];
		for (int i = 0; i < n; i++) {
			double g = Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
			v[i] = rnd.nextDouble() < nanFraction ? Float.NaN : (float) (mean + spread * g * g * Math.signum(g) + (i % 7)); // skewed
		}
		return v;
	}

	/** numpy-style (type 7) percentile of sorted values. */
	static double percentile(double[] sorted, double q) {
		double pos = q / 100 * (sorted.length - 1);
		int k = (int) Math.floor(pos);
		double f = pos - k;
		return k + 1 < sorted.length ? sorted[k] + f * (sorted[k + 1] - sorted[k]) : sorted[k];
	}

	@Test
	void binsCountsAndStatisticsAgreeWithDirectComputation() {
		List<float[]> imgs = new ArrayList<>();
		imgs.add(image(1, 50_000, 100, 10, 0.01));
		imgs.add(image(2, 80_000, 80, 20, 0));
		imgs.add(image(3, 1_000, 120, 3, 0.1));
		boolean[] mask = new boolean[80_000];
		for (int i = 0; i < mask.length; i++)
			mask[i] = i % 3 != 0;
		List<boolean[]> masks = Arrays.asList(null, mask, null);
		HistogramComparison.Result r = HistogramComparison.compute(imgs, masks, 37, Double.NaN, Double.NaN, false, Progress.NONE);
		double gmin = Double.POSITIVE_INFINITY, gmax = Double.NEGATIVE_INFINITY;
		for (int k = 0; k < 3; k++) {
			double[] vals = values(imgs.get(k), masks.get(k));
			for (double v : vals) {
				gmin = Math.min(gmin, v);
				gmax = Math.max(gmax, v);
			}
		}
		assertEquals(gmin, r.edges[0], 0, "common range: smallest value of all images");
		assertEquals(gmax, r.edges[37], 0, "common range: largest value of all images");
		assertEquals(38, r.edges.length);
		for (int k = 0; k < 3; k++) {
			double[] vals = values(imgs.get(k), masks.get(k));
			HistogramComparison.Stats s = r.stats[k];
			assertEquals(vals.length, s.n);
			assertEquals(s.n, Arrays.stream(r.counts[k]).sum(), 0, "counts sum to n");
			// direct counts on the shared edges
			double[] direct = new double[37];
			for (double v : vals) {
				int b = 0;
				while (b < 36 && v >= r.edges[b + 1])
					b++;
				direct[b]++;
			}
			for (int b = 0; b < 37; b++)
				assertEquals(direct[b], r.counts[k][b], 1.0, "bin " + b + " (a value exactly on an edge may fall either side by rounding)");
			double mean = Arrays.stream(vals).average().getAsDouble();
			double m2 = 0, m3 = 0, m4 = 0, sum = 0;
			for (double v : vals) {
				double d = v - mean;
				m2 += d * d;
				m3 += d * d * d;
				m4 += d * d * d * d;
				sum += v;
			}
			int n = vals.length;
			assertEquals(mean, s.mean, 1e-9 * Math.abs(mean));
			assertEquals(Math.sqrt(m2 / (n - 1)), s.sd, 1e-9 * s.sd, "sample SD (n−1)");
			assertEquals(s.sd / mean, s.cv, 1e-12);
			assertEquals((m3 / n) / Math.pow(m2 / n, 1.5), s.skewness, 1e-9);
			assertEquals((m4 / n) / Math.pow(m2 / n, 2) - 3, s.excessKurtosis, 1e-9);
			assertEquals(sum, s.sum, 1e-9 * Math.abs(sum));
			double[] sorted = vals.clone();
			Arrays.sort(sorted);
			for (int p = 0; p < HistogramComparison.PERCENTILES.length; p++)
				assertEquals(percentile(sorted, HistogramComparison.PERCENTILES[p]), s.percentiles[p], 1e-9 * Math.abs(sorted[sorted.length - 1]),
					"p" + HistogramComparison.PERCENTILES[p]);
		}
	}

	@Test
	void fixedRangeAndFractions() {
		List<float[]> imgs = List.of(new float[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, new float[] { 2, 2, 2, 2 });
		HistogramComparison.Result r = HistogramComparison.compute(imgs, null, 4, 2, 6, true, Progress.NONE);
		org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] { 2, 3, 4, 5, 6 }, r.edges, 1e-12);
		assertEquals(0.1, r.counts[0][0], 1e-12); // 2
		assertEquals(0.2, r.counts[0][3], 1e-12); // 5 and 6 (last bin includes max)
		assertEquals(2, r.stats[0].below);
		assertEquals(3, r.stats[0].above);
		assertEquals(1.0, r.counts[1][0], 1e-12);
		assertThrows(InvalidInputException.class, () -> HistogramComparison.compute(imgs, null, 4, 5, 5, false, Progress.NONE));
	}

	static double[] values(float[] img, boolean[] mask) {
		return java.util.stream.IntStream.range(0, img.length).filter(i -> !Float.isNaN(img[i]) && (mask == null || mask[i])).mapToDouble(i -> img[i])
			.toArray();
	}
}
