package org.interphase.core.sims;

import org.interphase.core.InvalidInputException;

/**
 * Depth of each sputter cycle. Cycle k (0-based) is analysed after k sputter steps, so its depth is
 * k·d with d the depth sputtered per cycle: d = rate (nm/s) × time per cycle (s), or d = rate
 * (nm/cycle), or d = crater depth / number of cycles (the crater is measured after the last cycle).
 * With sputter times per cycle (a text export's time column) the depth is t_k × rate (nm/s).
 */
public final class DepthAxis {

	/** How the depth axis is made. */
	public enum Mode {
		/** No calibration: depth = cycle index (0-based). */
		CYCLES,
		/** Sputter rate in nm/s times the sputter time. */
		RATE_PER_S,
		/** Sputter rate in nm per cycle. */
		RATE_PER_CYCLE,
		/** A measured crater depth spread evenly over the cycles. */
		CRATER
	}

	private DepthAxis() {}

	/**
	 * Depths of {@code cycles} cycles. {@code times} (s, one per cycle) may be null; then time k is
	 * k × {@code cycleTime}. Values: rate in nm/s or nm/cycle, crater depth in nm.
	 */
	public static double[] depths(Mode mode, int cycles, double rate, double cycleTime, double[] times, double craterDepth) {
		double[] z = new double[cycles];
		switch (mode) {
			case CYCLES:
				for (int k = 0; k < cycles; k++)
					z[k] = k;
				return z;
			case RATE_PER_CYCLE:
				positive(rate, "sputter_rate", "nm/cycle");
				for (int k = 0; k < cycles; k++)
					z[k] = k * rate;
				return z;
			case CRATER:
				positive(craterDepth, "crater_depth", "nm");
				for (int k = 0; k < cycles; k++)
					z[k] = k * craterDepth / cycles;
				return z;
			case RATE_PER_S:
				positive(rate, "sputter_rate", "nm/s");
				if (times != null && times.length == cycles) {
					double t0 = times[0];
					for (int k = 0; k < cycles; k++)
						z[k] = (times[k] - t0) * rate;
					return z;
				}
				if (!(cycleTime > 0))
					throw new InvalidInputException("cycle_time: the image holds no sputter time per cycle; give cycle_time (s) or use depth_axis=rate_per_cycle");
				for (int k = 0; k < cycles; k++)
					z[k] = k * cycleTime * rate;
				return z;
			default:
				throw new IllegalStateException(mode.toString());
		}
	}

	private static void positive(double v, String field, String unit) {
		if (!(v > 0) || Double.isInfinite(v)) throw new InvalidInputException(field + ": give a positive value in " + unit + " (got " + v + ")");
	}
}
