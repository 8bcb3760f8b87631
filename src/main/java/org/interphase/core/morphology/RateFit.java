package org.interphase.core.morphology;

/**
 * Ordinary least squares y = a + b·t with the standard error of the slope,
 * SE(b) = √(Σr²/(n−2) / Σ(t−t̄)²), R², and the extrapolated zero crossing t = −a/b
 * (SCIENCE.md §2, healing rate). NaN where a value is undefined (n &lt; 2; SE needs n ≥ 3).
 */
public final class RateFit {
	public final int n;
	public final double intercept, slope, slopeSe, rSquared;

	private RateFit(int n, double a, double b, double se, double r2) {
		this.n = n;
		this.intercept = a;
		this.slope = b;
		this.slopeSe = se;
		this.rSquared = r2;
	}

	/** Time where the fitted line reaches zero (−a/b); NaN for a flat or undefined line. */
	public double zeroCrossing() {
		return slope == 0 || Double.isNaN(slope) ? Double.NaN : -intercept / slope;
	}

	/** Fits the finite (t, y) pairs among the first {@code len}. */
	public static RateFit fit(double[] t, double[] y, int len) {
		int n = 0;
		double st = 0, sy = 0;
		for (int i = 0; i < len; i++)
			if (Double.isFinite(t[i]) && Double.isFinite(y[i])) {
				n++;
				st += t[i];
				sy += y[i];
			}
		if (n < 2) return new RateFit(n, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
		double mt = st / n, my = sy / n, stt = 0, sty = 0, syy = 0;
		for (int i = 0; i < len; i++)
			if (Double.isFinite(t[i]) && Double.isFinite(y[i])) {
				double dt = t[i] - mt, dy = y[i] - my;
				stt += dt * dt;
				sty += dt * dy;
				syy += dy * dy;
			}
		if (stt == 0) return new RateFit(n, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
		double b = sty / stt, a = my - b * mt;
		double rss = Math.max(0, syy - b * sty);
		double se = n > 2 ? Math.sqrt(rss / (n - 2) / stt) : Double.NaN;
		double r2 = syy > 0 ? 1 - rss / syy : Double.NaN;
		return new RateFit(n, a, b, se, r2);
	}
}
