package org.interphase.core.profile;

import java.util.Arrays;
import java.util.List;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;

/**
 * Histograms of several images on identical bin edges, and per-image statistics (SCIENCE.md §3).
 * Values considered: the finite pixels (NaN and ±∞ left out) inside the image's mask, if any.
 * Statistics: n, mean, sample SD (n−1), CV = SD/mean, skewness g1 = m3/m2^1.5 and excess
 * kurtosis g2 = m4/m2² − 3 from population central moments (as scipy.stats with bias=True),
 * percentiles by linear interpolation between order statistics (numpy's default, "type 7"),
 * exact; sum of the values. Bins: {@code bins} equal bins over [min, max]; the last bin includes
 * max; values outside [min, max] are not binned and are counted as below/above.
 */
public final class HistogramComparison {

	public static final double[] PERCENTILES = { 1, 5, 50, 95, 99 };
	/** Fine bins used to locate the exact percentiles. */
	private static final int FINE = 1 << 16;

	/** Statistics of one image. */
	public static final class Stats {
		public long n, below, above;
		public double mean, sd, cv, skewness, excessKurtosis, sum, min, max;
		/** At {@link #PERCENTILES}. */
		public final double[] percentiles = new double[PERCENTILES.length];
	}

	public static final class Result {
		/** bins + 1 edges, bins centres. */
		public final double[] edges, centres;
		/** counts[image][bin] (fractions of the image's n when normalised). */
		public final double[][] counts;
		public final Stats[] stats;

		Result(double[] edges, double[] centres, double[][] counts, Stats[] stats) {
			this.edges = edges;
			this.centres = centres;
			this.counts = counts;
			this.stats = stats;
		}
	}

	private HistogramComparison() {}

	/**
	 * @param images pixel arrays (any lengths)
	 * @param masks per image a mask of the same length (true = counted), or null entries / null list
	 * @param min lower edge, NaN = smallest value over all images
	 * @param max upper edge, NaN = largest value over all images
	 * @param fraction normalise each histogram to fractions of its n
	 */
	public static Result compute(List<float[]> images, List<boolean[]> masks, int bins, double min, double max, boolean fraction, Progress progress) {
		if (images.isEmpty()) throw new InvalidInputException("images: none given");
		if (bins < 1) throw new InvalidInputException("bins: must be at least 1, got " + bins);
		int m = images.size();
		Stats[] stats = new Stats[m];
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (int k = 0; k < m; k++) {
			boolean[] mask = masks == null ? null : masks.get(k);
			if (mask != null && mask.length != images.get(k).length)
				throw new InvalidInputException("masks: mask " + (k + 1) + " has " + mask.length + " pixels, its image " + images.get(k).length);
			stats[k] = firstPass(images.get(k), mask, progress);
			if (stats[k].n == 0) throw new InvalidInputException("images: image " + (k + 1) + " has no finite pixel (inside its mask)");
			lo = Math.min(lo, stats[k].min);
			hi = Math.max(hi, stats[k].max);
		}
		double a = Double.isNaN(min) ? lo : min, b = Double.isNaN(max) ? hi : max;
		if (a == b && Double.isNaN(min) && Double.isNaN(max)) {
			a -= 0.5;
			b += 0.5;
		}
		if (!(b > a)) throw new InvalidInputException("max: must be larger than min (" + a + " … " + b + ")");
		double[] edges = new double[bins + 1], centres = new double[bins];
		for (int i = 0; i <= bins; i++)
			edges[i] = a + (b - a) * i / bins;
		edges[bins] = b;
		for (int i = 0; i < bins; i++)
			centres[i] = 0.5 * (edges[i] + edges[i + 1]);
		double[][] counts = new double[m][];
		for (int k = 0; k < m; k++) {
			boolean[] mask = masks == null ? null : masks.get(k);
			long[] fine = new long[FINE];
			counts[k] = secondPass(images.get(k), mask, stats[k], a, b, bins, fine, progress);
			percentiles(images.get(k), mask, stats[k], fine);
			if (fraction)
				for (int i = 0; i < bins; i++)
					counts[k][i] /= stats[k].n;
		}
		return new Result(edges, centres, counts, stats);
	}

	private static boolean use(float v, boolean[] mask, int i) {
		return v - v == 0 && (mask == null || mask[i]);
	}

	private static final int BLOCK = 1 << 16;

	private static Stats firstPass(float[] v, boolean[] mask, Progress progress) {
		Stats s = new Stats();
		s.min = Double.POSITIVE_INFINITY;
		s.max = Double.NEGATIVE_INFINITY;
		Parallel.forBlocks(v.length, BLOCK, progress, "histogram statistics", () -> (from, to) -> {
			long n = 0;
			double sum = 0, mn = Double.POSITIVE_INFINITY, mx = Double.NEGATIVE_INFINITY;
			for (int i = from; i < to; i++) {
				float x = v[i];
				if (!use(x, mask, i)) continue;
				n++;
				sum += x;
				if (x < mn) mn = x;
				if (x > mx) mx = x;
			}
			synchronized (s) {
				s.n += n;
				s.sum += sum;
				s.min = Math.min(s.min, mn);
				s.max = Math.max(s.max, mx);
			}
		});
		s.mean = s.n > 0 ? s.sum / s.n : Double.NaN;
		return s;
	}

	/** Moments, the histogram on the common bins, and the fine histogram over the image's own range, in one pass. */
	private static double[] secondPass(float[] v, boolean[] mask, Stats s, double a, double b, int bins, long[] fine, Progress progress) {
		double[] total = new double[bins];
		double[] moments = new double[3];
		long[] outside = new long[2];
		double mean = s.mean;
		double scale = bins / (b - a);
		final double lo = s.min;
		final boolean flat = !(s.max > s.min);
		final double fineScale = flat ? 0 : FINE / (s.max - s.min);
		Parallel.forBlocks(v.length, BLOCK * 4, progress, "histograms", () -> {
			long[] h = new long[bins];
			int[] hf = new int[FINE];
			return (from, to) -> {
				Arrays.fill(h, 0);
				double m2 = 0, m3 = 0, m4 = 0;
				long below = 0, above = 0;
				for (int i = from; i < to; i++) {
					float x = v[i];
					if (!use(x, mask, i)) continue;
					double d = x - mean, d2 = d * d;
					m2 += d2;
					m3 += d2 * d;
					m4 += d2 * d2;
					if (x < a) below++;
					else if (x > b) above++;
					else {
						int bin = (int) ((x - a) * scale);
						h[bin >= bins ? bins - 1 : bin]++;
					}
					int fb = (int) ((x - lo) * fineScale);
					hf[fb >= FINE ? FINE - 1 : fb]++;
				}
				synchronized (fine) {
					for (int i = 0; i < FINE; i++)
						if (hf[i] != 0) {
							fine[i] += hf[i];
							hf[i] = 0;
						}
				}
				synchronized (total) {
					for (int i = 0; i < bins; i++)
						total[i] += h[i];
					moments[0] += m2;
					moments[1] += m3;
					moments[2] += m4;
					outside[0] += below;
					outside[1] += above;
				}
			};
		});
		double m2 = moments[0] / s.n, m3 = moments[1] / s.n, m4 = moments[2] / s.n;
		s.sd = s.n > 1 ? Math.sqrt(moments[0] / (s.n - 1)) : Double.NaN;
		s.cv = s.sd / s.mean;
		s.skewness = m2 > 0 ? m3 / Math.pow(m2, 1.5) : Double.NaN;
		s.excessKurtosis = m2 > 0 ? m4 / (m2 * m2) - 3 : Double.NaN;
		s.below = outside[0];
		s.above = outside[1];
		return total;
	}

	/** Exact type-7 percentiles: the fine histogram locates each order statistic, the values of its fine bin are sorted. */
	private static void percentiles(float[] v, boolean[] mask, Stats s, long[] fine) {
		double lo = s.min, hi = s.max;
		if (!(hi > lo)) {
			Arrays.fill(s.percentiles, lo);
			return;
		}
		double scale = FINE / (hi - lo);
		long[] cum = new long[FINE + 1];
		for (int i = 0; i < FINE; i++)
			cum[i + 1] = cum[i] + fine[i];
		int np = PERCENTILES.length;
		long[] ranks = new long[2 * np];
		double[] frac = new double[np];
		for (int p = 0; p < np; p++) {
			double pos = PERCENTILES[p] / 100 * (s.n - 1);
			ranks[2 * p] = (long) Math.floor(pos);
			frac[p] = pos - ranks[2 * p];
			ranks[2 * p + 1] = Math.min(ranks[2 * p] + 1, s.n - 1);
		}
		// the fine bins holding the wanted ranks; one pass collects their values
		int[] slotOfBin = new int[FINE];
		Arrays.fill(slotOfBin, -1);
		int[] binOfRank = new int[ranks.length];
		int slots = 0;
		int[] slotBin = new int[ranks.length];
		for (int r = 0; r < ranks.length; r++) {
			int bin = binOf(cum, ranks[r]);
			binOfRank[r] = bin;
			if (slotOfBin[bin] < 0) {
				slotBin[slots] = bin;
				slotOfBin[bin] = slots++;
			}
		}
		float[][] vals = new float[slots][];
		int[] filled = new int[slots];
		for (int t = 0; t < slots; t++)
			vals[t] = new float[(int) (cum[slotBin[t] + 1] - cum[slotBin[t]])];
		for (int i = 0; i < v.length; i++) {
			float x = v[i];
			if (!use(x, mask, i)) continue;
			int b = (int) ((x - lo) * scale);
			int t = slotOfBin[b >= FINE ? FINE - 1 : b];
			if (t >= 0) vals[t][filled[t]++] = x;
		}
		for (int t = 0; t < slots; t++)
			Arrays.sort(vals[t]);
		for (int p = 0; p < np; p++) {
			double vk = vals[slotOfBin[binOfRank[2 * p]]][(int) (ranks[2 * p] - cum[binOfRank[2 * p]])];
			double vk1 = vals[slotOfBin[binOfRank[2 * p + 1]]][(int) (ranks[2 * p + 1] - cum[binOfRank[2 * p + 1]])];
			s.percentiles[p] = vk + frac[p] * (vk1 - vk);
		}
	}

	/** The fine bin holding the k-th smallest value (0-based): the first bin with cum[bin + 1] > k. */
	private static int binOf(long[] cum, long k) {
		int l = 0, r = cum.length - 2;
		while (l < r) {
			int mid = (l + r) >>> 1;
			if (cum[mid + 1] > k) r = mid;
			else l = mid + 1;
		}
		return l;
	}
}
