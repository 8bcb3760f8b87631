package org.interphase.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.interphase.core.morphology.RateFit;
import org.junit.jupiter.api.Test;

/** A front moving at a known velocity through a Poisson-noisy time series. */
public class InterfaceFrontTest {

	static final double VELOCITY = 1.33, START = 30, SIGMA = 2.5;
	static final double[] TIMES = { 0, 1, 2, 3, 4.5, 6, 7, 8 }; // uneven: one frame missed

	/** Electrode (20 counts) left of the front, electrolyte (200 counts) right of it, 1 µm pixels. */
	static float[] frame(int w, int h, double x0, SplittableRandom rnd) {
		float[] px = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double mean = ErfEdgeFit.model(x, 20, 200, x0, SIGMA);
				px[y * w + x] = poisson(rnd, mean);
			}
		return px;
	}

	@Test
	void velocityRecoveredWithin5Percent() {
		SplittableRandom rnd = new SplittableRandom(1327);
		int w = 100, h = 40;
		LineProfile[] profiles = new LineProfile[TIMES.length];
		for (int t = 0; t < TIMES.length; t++) {
			float[] px = frame(w, h, START + VELOCITY * TIMES[t], rnd);
			profiles[t] = LineProfile.sample(px, w, h, 5, 20, 95, 20, 9, 1, 1, null);
		}
		ErfEdgeFit.Options o = new ErfEdgeFit.Options();
		InterfaceFront.Result r = InterfaceFront.track(profiles, TIMES, o);
		RateFit f = r.rate;
		assertEquals(TIMES.length, f.n, "every frame has a position");
		assertEquals(VELOCITY, f.slope, 0.05 * VELOCITY, "velocity within 5 %");
		for (int t = 0; t < TIMES.length; t++) {
			// distances run from the line start at x = 5
			assertEquals(START + VELOCITY * TIMES[t] - 5, r.position[t], 0.5, "frame " + t + " position within 0.5 px");
			assertEquals(SIGMA, r.sigma[t], 0.25 * SIGMA, "σ within 25 % in frame " + t);
		}
		assertEquals(true, f.slopeSe < 0.05, "SE of the velocity is small: " + f.slopeSe);
	}

	public static float poisson(SplittableRandom rnd, double mean) {
		if (mean > 50) return (float) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rnd)));
		double l = Math.exp(-mean), p = 1;
		int k = 0;
		do {
			k++;
			p *= rnd.nextDouble();
		} while (p > l);
		return k - 1;
	}

	static double gaussian(SplittableRandom rnd) {
		return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
	}
}
