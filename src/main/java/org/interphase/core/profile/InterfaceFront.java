package org.interphase.core.profile;

import java.util.List;

import org.interphase.core.InvalidInputException;
import org.interphase.core.morphology.RateFit;

/**
 * An electrode|electrolyte front followed through time (SCIENCE.md §2, "Interface front"): in each
 * frame's wide line profile the edge is measured by the erf fit (or the gradient maximum) of
 * {@link ErfEdgeFit}; the first frame takes the strongest edge, later frames the edge nearest the
 * previous position, so a second, weaker boundary on the line does not capture the track. The front
 * velocity is the OLS slope of position against time ({@link RateFit}), with its standard error.
 */
public final class InterfaceFront {

	/** Per-frame positions and the fitted velocity. */
	public static final class Result {
		public final double[] timesH, position, sigma, r2, level1, level2;
		/** "ok", or why the frame has no position ("no edge", "fit failed"). */
		public final String[] status;
		public final RateFit rate;

		Result(int n, RateFit rate, double[] timesH) {
			this.timesH = timesH.clone();
			position = new double[n];
			sigma = new double[n];
			r2 = new double[n];
			level1 = new double[n];
			level2 = new double[n];
			status = new String[n];
			this.rate = rate;
		}
	}

	private InterfaceFront() {}

	/**
	 * Follows the front through {@code profiles} (one per frame, distances in calibrated units)
	 * taken at {@code timesH} (hours). Needs at least two frames with an edge for a velocity.
	 */
	public static Result track(LineProfile[] profiles, double[] timesH, ErfEdgeFit.Options options) {
		int n = profiles.length;
		if (n == 0) throw new InvalidInputException("maps: no frame to follow the interface in");
		if (timesH.length != n) throw new InvalidInputException("maps: " + n + " frames but " + timesH.length + " frame times");
		ErfEdgeFit.Options o = copy(options);
		o.maxEdges = Math.max(options.maxEdges, 3);
		double[] pos = new double[n], sig = new double[n], r2 = new double[n], l1 = new double[n], l2 = new double[n];
		String[] status = new String[n];
		double previous = Double.NaN;
		for (int f = 0; f < n; f++) {
			List<ErfEdgeFit.Edge> edges = ErfEdgeFit.findEdges(profiles[f].distance, profiles[f].mean, o);
			ErfEdgeFit.Edge chosen = null;
			double best = Double.POSITIVE_INFINITY;
			for (ErfEdgeFit.Edge e : edges) {
				if (!e.ok) continue;
				// strongest step first; then continuity with the previous frame
				double score = Double.isNaN(previous) ? -Math.abs(e.level2 - e.level1) : Math.abs(e.x0 - previous);
				if (score < best) {
					best = score;
					chosen = e;
				}
			}
			if (chosen == null) {
				pos[f] = sig[f] = r2[f] = l1[f] = l2[f] = Double.NaN;
				status[f] = edges.isEmpty() ? "no edge" : "fit failed";
				continue;
			}
			pos[f] = chosen.x0;
			sig[f] = chosen.sigma;
			r2[f] = chosen.r2;
			l1[f] = chosen.level1;
			l2[f] = chosen.level2;
			status[f] = "ok";
			previous = chosen.x0;
		}
		Result r = new Result(n, RateFit.fit(timesH, pos, n), timesH);
		System.arraycopy(pos, 0, r.position, 0, n);
		System.arraycopy(sig, 0, r.sigma, 0, n);
		System.arraycopy(r2, 0, r.r2, 0, n);
		System.arraycopy(l1, 0, r.level1, 0, n);
		System.arraycopy(l2, 0, r.level2, 0, n);
		System.arraycopy(status, 0, r.status, 0, n);
		return r;
	}

	private static ErfEdgeFit.Options copy(ErfEdgeFit.Options a) {
		ErfEdgeFit.Options o = new ErfEdgeFit.Options();
		o.smoothing = a.smoothing;
		o.threshold = a.threshold;
		o.maxEdges = a.maxEdges;
		o.minSeparation = a.minSeparation;
		o.minHalfWindow = a.minHalfWindow;
		o.maxHalfWindow = a.maxHalfWindow;
		o.method = a.method;
		return o;
	}
}
