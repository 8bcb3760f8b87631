package org.interphase.io;

import java.util.Arrays;

import org.interphase.core.InvalidInputException;

/** Storage-ring current normalisation of STXM data: I' = I / (R / median R). */
final class RingCurrent {

	private RingCurrent() {}

	/** Median of the finite, positive values; NaN when there are none. */
	static double median(double[] r) {
		double[] v = Arrays.stream(r).filter(x -> Double.isFinite(x) && x > 0).sorted().toArray();
		if (v.length == 0) return Double.NaN;
		int m = v.length / 2;
		return v.length % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]);
	}

	/** One current per slice. */
	static void normalizePerSlice(float[][] slices, double[] ring) {
		double med = median(ring);
		if (!(med > 0)) throw new InvalidInputException("ring_current: the file's ring currents are not positive");
		for (int e = 0; e < slices.length; e++) {
			double f = ring[e] > 0 ? med / ring[e] : Double.NaN;
			float[] s = slices[e];
			for (int p = 0; p < s.length; p++)
				s[p] = (float) (s[p] * f);
		}
	}

	/** One current per pixel of every slice ({@code ring[e][p]}). */
	static void normalizePerPixel(float[][] slices, double[][] ring) {
		double[] all = new double[slices.length * slices[0].length];
		int k = 0;
		for (double[] r : ring)
			for (double v : r)
				all[k++] = v;
		double med = median(all);
		if (!(med > 0)) throw new InvalidInputException("ring_current: the file's ring currents are not positive");
		for (int e = 0; e < slices.length; e++) {
			float[] s = slices[e];
			for (int p = 0; p < s.length; p++) {
				double r = ring[e][p];
				s[p] = r > 0 ? (float) (s[p] * med / r) : Float.NaN;
			}
		}
	}
}
