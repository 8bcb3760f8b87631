package org.interphase.core.afm;

/**
 * Contact-point methods (SCIENCE.md §4). The {@code residual} search itself lives in
 * {@link IndentationFit.Worker} because it needs the model fit; this class holds the two model-free
 * detectors, which work on a baseline-corrected force {@code fc} (approach order, far → near).
 */
public final class ContactPoint {

	/** How the contact point is chosen. */
	public enum Method {
		/** Minimise baseline-line residual + model residual over candidate points. */
		RESIDUAL("residual"),
		/** First point of the final run above 5 σ of the baseline noise, walked back to the zero crossing. */
		THRESHOLD("threshold"),
		/** Maximum ratio of the force variance in a window after the point to the one before it. */
		VARIANCE_RATIO("variance_ratio"),
		/**
		 * nanite-compatible: the contact point is a free parameter of the model fit, together with the
		 * amplitude (E) and a constant force baseline, on the tip position s = z − F/k.
		 */
		FIT("fit");

		public final String key;

		Method(String key) {
			this.key = key;
		}

		public static Method of(String key) {
			for (Method m : values())
				if (m.key.equals(key)) return m;
			throw new IllegalArgumentException("unknown contact method " + key);
		}
	}

	/** Multiple of the baseline noise σ that counts as contact for {@link Method#THRESHOLD}. */
	public static final double THRESHOLD_SIGMAS = 5;

	private ContactPoint() {}

	/**
	 * Threshold method: the last run of points above {@code THRESHOLD_SIGMAS · sigma} that lasts to the
	 * end of the curve, walked back while the force stays above zero. Returns −1 when no point exceeds it.
	 */
	public static int threshold(double[] fc, int n, double sigma) {
		double thr = THRESHOLD_SIGMAS * Math.max(sigma, 1e-300);
		int i = n - 1;
		if (fc[i] <= thr) return -1;
		while (i > 0 && fc[i - 1] > thr)
			i--;
		while (i > 0 && fc[i - 1] > 0)
			i--;
		return i;
	}

	/**
	 * Variance-ratio method: the index i in [w, n − w] that maximises var(fc[i, i+w)) / var(fc[i−w, i)),
	 * with windows of {@code w} points; O(n) with running sums. Returns −1 when the curve is too short.
	 */
	public static int varianceRatio(double[] fc, int n, int w) {
		if (n < 2 * w + 1 || w < 2) return -1;
		double s1 = 0, q1 = 0, s2 = 0, q2 = 0;
		for (int j = 0; j < w; j++) {
			s1 += fc[j];
			q1 += fc[j] * fc[j];
			s2 += fc[w + j];
			q2 += fc[w + j] * fc[w + j];
		}
		int best = -1;
		double bestRatio = -1;
		for (int i = w; i + w <= n; i++) {
			double vBefore = (q1 - s1 * s1 / w) / w, vAfter = (q2 - s2 * s2 / w) / w;
			double ratio = vAfter / Math.max(vBefore, 1e-300);
			if (ratio > bestRatio) {
				bestRatio = ratio;
				best = i;
			}
			if (i + w < n) {
				double out = fc[i - w], mid = fc[i], in = fc[i + w];
				s1 += mid - out;
				q1 += mid * mid - out * out;
				s2 += in - mid;
				q2 += in * in - mid * mid;
			}
		}
		return best;
	}
}
