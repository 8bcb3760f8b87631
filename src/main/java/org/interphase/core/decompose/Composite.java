package org.interphase.core.decompose;

import java.util.Arrays;

import org.interphase.core.morphology.InterphaseThickness;

/**
 * Three maps to the channels of an RGB composite: each map scaled linearly from its own
 * [min, max] (user limits, or the 0.5/99.5 percentiles of its finite values) to 0–255, clipped;
 * NaN → 0.
 */
public final class Composite {

	/** Default automatic limits: these percentiles of the finite values. */
	public static final double AUTO_LOW = 0.5, AUTO_HIGH = 99.5;

	private Composite() {}

	/** Automatic limits [low, high] of {@code map}: percentiles of its finite values; {0, 1} when none. */
	public static double[] autoLimits(float[] map) {
		double[] v = new double[map.length];
		int m = 0;
		for (float x : map)
			if (Float.isFinite(x)) v[m++] = x;
		if (m == 0) return new double[] { 0, 1 };
		double[] s = Arrays.copyOf(v, m);
		Arrays.sort(s);
		return new double[] { InterphaseThickness.percentile(s, AUTO_LOW), InterphaseThickness.percentile(s, AUTO_HIGH) };
	}

	/** Channel values 0–255 (as int) of {@code map} scaled from [min, max]. */
	public static int[] scale(float[] map, double min, double max) {
		int[] out = new int[map.length];
		double range = max - min;
		for (int p = 0; p < map.length; p++) {
			float x = map[p];
			if (!Float.isFinite(x)) continue;
			double t = range > 0 ? (x - min) / range : (x >= max ? 1 : 0);
			out[p] = (int) Math.round(255 * Math.max(0, Math.min(1, t)));
		}
		return out;
	}

	/** Packed 0xRRGGBB pixels from three channels of 0–255. */
	public static int[] pack(int[] r, int[] g, int[] b) {
		int[] out = new int[r.length];
		for (int p = 0; p < out.length; p++)
			out[p] = (r[p] << 16) | (g[p] << 8) | b[p];
		return out;
	}
}
