package org.interphase.core.morphology;

import java.util.SplittableRandom;

/**
 * Time series of S and P maps (1 µm pixels, a frame every hour) with two irregular voids whose S
 * void shrinks linearly in ECD, the P void larger by a rim of known width, and Poisson counts.
 * Truth: void A ECD_S(t) = 37 − 1.83 t µm, void B ECD_S(t) = 28 − 5.6 t µm (closes at t = 5 h),
 * ECD_P = ECD_S + 2·RIM.
 */
public final class VoidPhantom {
	public static final int W = 128, H = 96, FRAMES = 9;
	public static final double RIM = 3;
	public static final double[] ECD0 = { 37, 28 }, RATE = { 1.83, 5.6 };
	public static final double[][] CENTRE = { { 40, 48 }, { 98, 46 } };
	public static final double S_BULK = 15, P_BULK = 10, VOID_LEVEL = 0.3;

	private VoidPhantom() {}

	/** S ECD of void v at time t (h); 0 once closed. */
	public static double ecdS(int v, double t) {
		return Math.max(0, ECD0[v] - RATE[v] * t);
	}

	/** First frame where void v is gone. */
	public static int closureFrame(int v) {
		for (int t = 0; t < FRAMES; t++)
			if (ecdS(v, t) <= 0) return t;
		return -1;
	}

	/** {@code [frame][channel 0 = S, 1 = P][pixel]} with Poisson noise (fixed seed). */
	public static float[][][] frames(long seed) {
		SplittableRandom rnd = new SplittableRandom(seed);
		float[][][] out = new float[FRAMES][2][W * H];
		for (int t = 0; t < FRAMES; t++) {
			double[] covS = coverage(t, 0), covP = coverage(t, RIM);
			for (int p = 0; p < W * H; p++) {
				out[t][0][p] = poisson(rnd, S_BULK * (1 - covS[p]) + VOID_LEVEL * covS[p]);
				out[t][1][p] = poisson(rnd, P_BULK * (1 - covP[p]) + VOID_LEVEL * covP[p]);
			}
		}
		return out;
	}

	/** Fraction of each pixel inside a void (4×4 supersampling), voids of S ECD + 2·rim. */
	static double[] coverage(int t, double rim) {
		double[] c = new double[W * H];
		for (int v = 0; v < 2; v++) {
			double ecd = ecdS(v, t);
			if (ecd <= 0) continue;
			ecd += 2 * rim;
			double a1 = 0.12, a2 = 0.06;
			double r0 = ecd / 2 / Math.sqrt(1 + (a1 * a1 + a2 * a2) / 2);
			double phase = v * 1.3;
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++) {
					double dx0 = x + 0.5 - CENTRE[v][0], dy0 = y + 0.5 - CENTRE[v][1];
					if (Math.hypot(dx0, dy0) > r0 * 1.25 + 1) continue;
					int in = 0;
					for (int sy = 0; sy < 4; sy++)
						for (int sx = 0; sx < 4; sx++) {
							double dx = x + (sx + 0.5) / 4 - CENTRE[v][0], dy = y + (sy + 0.5) / 4 - CENTRE[v][1];
							double th = Math.atan2(dy, dx);
							double r = r0 * (1 + a1 * Math.cos(3 * th + phase) + a2 * Math.cos(5 * th + 2 * phase));
							if (dx * dx + dy * dy < r * r) in++;
						}
					c[y * W + x] += in / 16.0;
				}
		}
		return c;
	}

	static float poisson(SplittableRandom rnd, double mean) {
		if (mean <= 0) return 0;
		double l = Math.exp(-mean), p = 1;
		int k = 0;
		do {
			k++;
			p *= rnd.nextDouble();
		} while (p > l);
		return k - 1;
	}
}
