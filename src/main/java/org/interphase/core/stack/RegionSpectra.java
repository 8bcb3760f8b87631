package org.interphase.core.stack;

import java.util.Arrays;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;

/**
 * Mean ± SD spectrum of each region of a label image (label 0 = background, ignored). The one
 * region-spectrum path: region spectra, cluster spectra and shell spectra all use it. NaN values
 * are skipped energy by energy; SD is the sample SD (n − 1), NaN for a single pixel.
 */
public final class RegionSpectra {

	/** Spectra of every region, indexed like {@link #labels}. */
	public static final class Result {
		/** The labels present, ascending. */
		public final int[] labels;
		/** Pixels carrying each label. */
		public final long[] pixels;
		/** mean[region][energy], sd[region][energy], n[region][energy] (non-NaN values used). */
		public final double[][] mean, sd;
		public final long[][] n;

		Result(int[] labels, long[] pixels, double[][] mean, double[][] sd, long[][] n) {
			this.labels = labels;
			this.pixels = pixels;
			this.mean = mean;
			this.sd = sd;
			this.n = n;
		}

		/** Row of {@code label} in the arrays, or −1. */
		public int indexOf(int label) {
			return Arrays.binarySearch(labels, label) >= 0 ? Arrays.binarySearch(labels, label) : -1;
		}
	}

	private RegionSpectra() {}

	public static Result compute(SpectralStack stack, int[] labelImage, Progress progress) {
		if (labelImage.length != stack.pixels())
			throw new InvalidInputException("labels: the label image has " + labelImage.length + " pixels, the stack " + stack.pixels());
		int max = 0;
		for (int l : labelImage) {
			if (l < 0) throw new InvalidInputException("labels: negative label " + l);
			max = Math.max(max, l);
		}
		long[] count = new long[max + 1];
		for (int l : labelImage)
			count[l]++;
		int found = 0;
		for (int l = 1; l <= max; l++)
			if (count[l] > 0) found++;
		final int regions = found;
		if (regions == 0) throw new InvalidInputException("labels: the label image holds no region (all pixels are 0)");
		int[] labels = new int[regions];
		int[] row = new int[max + 1];
		Arrays.fill(row, -1);
		long[] pixels = new long[regions];
		for (int l = 1, r = 0; l <= max; l++) {
			if (count[l] > 0) {
				labels[r] = l;
				row[l] = r;
				pixels[r++] = count[l];
			}
		}
		int nE = stack.energyCount();
		double[][] mean = new double[regions][nE], sd = new double[regions][nE];
		long[][] n = new long[regions][nE];
		// one energy per block: each thread keeps per-region sums for its slice (Welford-free:
		// sums in double with a shift by the first value keep the variance stable)
		Parallel.forBlocks(nE, 1, progress, "region spectra", () -> {
			double[] sum = new double[regions], sum2 = new double[regions], shift = new double[regions];
			long[] cnt = new long[regions];
			return (from, to) -> {
				for (int e = from; e < to; e++) {
					Arrays.fill(sum, 0);
					Arrays.fill(sum2, 0);
					Arrays.fill(cnt, 0);
					Arrays.fill(shift, Double.NaN);
					float[] s = stack.slice(e);
					for (int p = 0; p < s.length; p++) {
						int r = row[labelImage[p]];
						if (r < 0) continue;
						float v = s[p];
						if (Float.isNaN(v)) continue;
						if (Double.isNaN(shift[r])) shift[r] = v;
						double d = v - shift[r];
						sum[r] += d;
						sum2[r] += d * d;
						cnt[r]++;
					}
					for (int r = 0; r < regions; r++) {
						n[r][e] = cnt[r];
						if (cnt[r] == 0) {
							mean[r][e] = Double.NaN;
							sd[r][e] = Double.NaN;
							continue;
						}
						double m = sum[r] / cnt[r];
						mean[r][e] = shift[r] + m;
						sd[r][e] = cnt[r] > 1 ? Math.sqrt(Math.max(0, (sum2[r] - cnt[r] * m * m) / (cnt[r] - 1))) : Double.NaN;
					}
				}
			};
		});
		return new Result(labels, pixels, mean, sd, n);
	}
}
