package org.interphase.core.stack;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;

/**
 * Optical density OD = −ln(I / I0) of a transmission stack (SCIENCE.md §1).
 * <ul>
 * <li>I0 is a spectrum: the mean of a sample-free region (given as a mask, or found
 * automatically as the brightest pixels by mean intensity), or a measured I0 spectrum.</li>
 * <li>I ≤ 1e−6·I0 (in particular I ≤ 0) is clamped to {@link #CLAMP_FRACTION}·I0 (OD = 13.8) and counted; NaN stays NaN.</li>
 * <li>A dwell-time mismatch is corrected by the ratio I0 dwell / stack dwell.</li>
 * </ul>
 */
public final class OpticalDensity {

	/** Non-positive intensities become this fraction of I0, i.e. OD = −ln(1e−6) ≈ 13.8. */
	public static final double CLAMP_FRACTION = 1e-6;

	private OpticalDensity() {}

	/**
	 * OD of one slice: out = ln(I0/dwell) − ln I, or {@code clampedOd} where I ≤ {@code floor} (the
	 * clamp floor divided by the dwell ratio, as a float); NaN stays NaN (the comparison is false and
	 * FastLog hands NaN to Math.log). Returns how many values it clamped: counted in the same loop,
	 * which costs nothing beside the logarithm, where a second pass over the slice took a sixth of
	 * the time. Kept alone in a method of its own: inside the per-slice lambda the JIT ran this loop
	 * 4 times slower.
	 */
	static long odSlice(float[] in, float[] out, double logRefOverDwell, float floor, float clampedOd) {
		int n = in.length;
		long clamped = 0;
		for (int p = 0; p < n; p++) {
			float v = in[p];
			if (v <= floor) {
				out[p] = clampedOd;
				clamped++;
			} else {
				out[p] = (float) (logRefOverDwell - FastLog.log(v));
			}
		}
		return clamped;
	}

	/** What {@link #compute} made: the OD stack and how many pixels it had to clamp. */
	public static final class Result {
		public final SpectralStack od;
		public final double[] i0;
		public final long clamped;

		Result(SpectralStack od, double[] i0, long clamped) {
			this.od = od;
			this.i0 = i0;
			this.clamped = clamped;
		}
	}

	/**
	 * Mask of the automatically chosen blank region: the {@code fraction} of pixels with the
	 * highest mean intensity over all energies (pixels with any NaN are never chosen).
	 */
	public static boolean[] brightestPixels(SpectralStack stack, double fraction) {
		if (!(fraction > 0 && fraction <= 1))
			throw new InvalidInputException("i0_fraction must be in (0, 1], got " + fraction);
		int n = stack.pixels();
		double[] mean = meanImage(stack);
		double[] sorted = Arrays.stream(mean).filter(Double::isFinite).sorted().toArray();
		if (sorted.length == 0) throw new InvalidInputException("stack has no finite pixel to take I0 from");
		int count = Math.max(1, (int) Math.round(fraction * sorted.length));
		double cut = sorted[sorted.length - count];
		boolean[] mask = new boolean[n];
		for (int p = 0; p < n; p++)
			mask[p] = mean[p] >= cut;
		return mask;
	}

	/** Mean intensity of each pixel over all energies (NaN when any energy is NaN). */
	public static double[] meanImage(SpectralStack stack) {
		int n = stack.pixels(), nE = stack.energyCount();
		double[] mean = new double[n];
		Parallel.forRange(n, 4096, Progress.NONE, "mean image", (from, to) -> {
			for (int e = 0; e < nE; e++) {
				float[] s = stack.slice(e);
				for (int p = from; p < to; p++)
					mean[p] += s[p];
			}
			for (int p = from; p < to; p++)
				mean[p] /= nE;
		});
		return mean;
	}

	/** Mean spectrum of the pixels in {@code mask}, ignoring NaN values. */
	public static double[] meanSpectrum(SpectralStack stack, boolean[] mask, String regionName) {
		if (mask.length != stack.pixels())
			throw new InvalidInputException(regionName + " has " + mask.length + " pixels, the stack " + stack.pixels());
		int nE = stack.energyCount();
		double[] out = new double[nE];
		for (int e = 0; e < nE; e++) {
			float[] s = stack.slice(e);
			double sum = 0;
			long count = 0;
			for (int p = 0; p < s.length; p++) {
				if (mask[p] && !Float.isNaN(s[p])) {
					sum += s[p];
					count++;
				}
			}
			if (count == 0) throw new InvalidInputException(regionName + " holds no pixel with a value at " + stack.energy(e) + " eV");
			out[e] = sum / count;
		}
		return out;
	}

	/**
	 * OD of every pixel. {@code i0} has one value per stack energy; {@code dwellRatio} = I0 dwell /
	 * stack dwell (1 when both are equal or unknown) scales I up to the I0 dwell.
	 */
	public static Result compute(SpectralStack stack, double[] i0, double dwellRatio, Progress progress) {
		int nE = stack.energyCount();
		if (i0.length != nE)
			throw new InvalidInputException("I0 has " + i0.length + " values but the stack has " + nE + " energies");
		for (int e = 0; e < nE; e++) {
			if (!(i0[e] > 0))
				throw new InvalidInputException(String.format("I0 is %s at %.4g eV; it must be positive", i0[e], stack.energy(e)));
		}
		if (!(dwellRatio > 0 && Double.isFinite(dwellRatio)))
			throw new InvalidInputException("dwell ratio must be positive, got " + dwellRatio);
		SpectralStack od = SpectralStack.allocate(stack.width(), stack.height(), stack.energies());
		AtomicLong clamped = new AtomicLong();
		// one block = one slice: each thread walks whole slices sequentially
		Parallel.forRange(nE, 1, progress, "optical density", (from, to) -> {
			long localClamped = 0;
			for (int e = from; e < to; e++) {
				float[] in = stack.slice(e), out = od.slice(e);
				double ref = i0[e], floor = CLAMP_FRACTION * ref, logRef = Math.log(ref);
				// I·dwell ≤ floor is tested as I ≤ floor/dwell in float (the stack's precision)
				float rawFloor = (float) (floor / dwellRatio), clampedOd = (float) (logRef - Math.log(floor));
				localClamped += odSlice(in, out, logRef - Math.log(dwellRatio), rawFloor, clampedOd);
			}
			clamped.addAndGet(localClamped);
		});
		return new Result(od, i0.clone(), clamped.get());
	}

	/** Median above which values are taken for transmission counts: OD of real samples stays well below 10. */
	public static final double COUNTS_MEDIAN = 10;

	/**
	 * True when a stack's values look like transmission counts rather than optical density: their
	 * median is above {@link #COUNTS_MEDIAN}, or every value is above 1 (an OD stack has its blank
	 * and pre-edge near 0, some of it negative with noise). Looks at up to about a million values.
	 */
	public static boolean looksLikeTransmission(SpectralStack stack) {
		long total = (long) stack.pixels() * stack.energyCount();
		int stride = (int) Math.max(1, total / 1_000_000);
		float[] sample = new float[(int) Math.min(total, 1_000_000 + stack.energyCount())];
		int n = 0;
		float min = Float.POSITIVE_INFINITY;
		long k = 0;
		for (float[] slice : stack.slices()) {
			for (float v : slice) {
				if (k++ % stride != 0 || Float.isNaN(v) || n == sample.length) continue;
				sample[n++] = v;
				min = Math.min(min, v);
			}
		}
		if (n == 0) return false;
		float[] values = Arrays.copyOf(sample, n);
		Arrays.sort(values);
		double median = n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
		return median > COUNTS_MEDIAN || min > 1;
	}
}
