package org.interphase.core.morphology;

import java.util.Arrays;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;

/**
 * Local thickness of an interphase between two phases A and C in a label image: for each
 * interphase pixel, (distance to the nearest A pixel) + (distance to the nearest C pixel), both by
 * the exact Euclidean distance transform in calibrated units, minus one pixel: the transforms
 * measure between pixel centres, and the layer ends half a pixel before the centre of the first A
 * (and the first C) pixel on each side. A layer W pixels wide across a straight interface thus
 * measures W pixels.
 */
public final class InterphaseThickness {

	/** The map and its statistics (over interphase pixels with a finite thickness). */
	public static final class Result {
		/** Thickness per pixel; NaN outside the interphase. */
		public final float[] map;
		public final long pixels;
		public final double mean, median, sd, p10, p90, min, max, area;
		/** Interphase pixels not reached (A or C missing from their region): none unless a phase is absent. */
		public final double[] values;

		Result(float[] map, double[] values, double pixelArea) {
			this.map = map;
			this.values = values;
			pixels = values.length;
			double[] s = values.clone();
			Arrays.sort(s);
			double sum = 0;
			for (double v : s)
				sum += v;
			mean = s.length > 0 ? sum / s.length : Double.NaN;
			double ss = 0;
			for (double v : s)
				ss += (v - mean) * (v - mean);
			sd = s.length > 1 ? Math.sqrt(ss / (s.length - 1)) : Double.NaN;
			median = percentile(s, 50);
			p10 = percentile(s, 10);
			p90 = percentile(s, 90);
			min = s.length > 0 ? s[0] : Double.NaN;
			max = s.length > 0 ? s[s.length - 1] : Double.NaN;
			area = s.length * pixelArea;
		}
	}

	private InterphaseThickness() {}

	public static Result compute(int[] labels, int width, int height, int phaseA, int interphase, int phaseC, double pixelWidth,
		double pixelHeight, Progress progress) {
		if (phaseA == interphase || phaseC == interphase || phaseA == phaseC)
			throw new InvalidInputException("phase_a, interphase and phase_c must be three different labels, got " + phaseA + ", " + interphase
				+ ", " + phaseC);
		int n = width * height;
		boolean[] a = new boolean[n], c = new boolean[n];
		long na = 0, nc = 0, ni = 0;
		for (int p = 0; p < n; p++) {
			if (labels[p] == phaseA) {
				a[p] = true;
				na++;
			} else if (labels[p] == phaseC) {
				c[p] = true;
				nc++;
			} else if (labels[p] == interphase) ni++;
		}
		if (na == 0) throw new InvalidInputException("phase_a: no pixel carries label " + phaseA);
		if (nc == 0) throw new InvalidInputException("phase_c: no pixel carries label " + phaseC);
		if (ni == 0) throw new InvalidInputException("interphase: no pixel carries label " + interphase);
		double[] da = DistanceTransform.distance(a, width, height, pixelWidth, pixelHeight, progress);
		double[] dc = DistanceTransform.distance(c, width, height, pixelWidth, pixelHeight, progress);
		double pixel = 0.5 * (pixelWidth + pixelHeight);
		float[] map = new float[n];
		double[] values = new double[(int) ni];
		int k = 0;
		for (int p = 0; p < n; p++) {
			if (labels[p] != interphase) {
				map[p] = Float.NaN;
				continue;
			}
			double t = da[p] + dc[p] - pixel;
			map[p] = (float) t;
			values[k++] = t;
		}
		return new Result(map, values, pixelWidth * pixelHeight);
	}

	/** Percentile q (0–100) of sorted values, linear between order statistics (NumPy's default); NaN when empty. */
	public static double percentile(double[] sorted, double q) {
		if (sorted.length == 0) return Double.NaN;
		double pos = q / 100 * (sorted.length - 1);
		int lo = (int) Math.floor(pos);
		int hi = Math.min(sorted.length - 1, lo + 1);
		return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
	}
}
