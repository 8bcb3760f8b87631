package org.interphase.core.afm;

/**
 * Contact models F = a · δ^p (SCIENCE.md §4), with E_red = E / (1 − ν²) for a rigid tip. Units: F in
 * nN, δ and R in nm, so a in nN/nm^p and E = a / prefactor in GPa (nN/nm²).
 */
public enum IndentationModel {
	/** Hertz paraboloid/sphere: F = (4/3) · E/(1−ν²) · √R · δ^1.5. */
	HERTZ_SPHERE("hertz_sphere", 1.5),
	/**
	 * Sneddon's exact sphere: F = E/(1−ν²) · [(R² + a²)/2 · ln((R + a)/(R − a)) − a·R] with the
	 * contact radius a from δ = a/2 · ln((R + a)/(R − a)); tends to the Hertz paraboloid for δ ≪ R.
	 */
	SNEDDON_SPHERE("sneddon_sphere", Double.NaN),
	/** Sneddon cone: F = (2/π) · E/(1−ν²) · tan α · δ². */
	SNEDDON_CONE("sneddon_cone", 2),
	/** Four-sided pyramid (Bilodeau): F = 0.7453 · E/(1−ν²) · tan α · δ². */
	PYRAMID("pyramid", 2),
	/** DMT: F − F_adh = (4/3) · E/(1−ν²) · √R · δ^1.5, on the retract curve. */
	DMT("dmt", 1.5);

	public final String key;
	public final double exponent;

	IndentationModel(String key, double exponent) {
		this.key = key;
		this.exponent = exponent;
	}

	/** The model named {@code key} (the command's choice value). */
	public static IndentationModel of(String key) {
		for (IndentationModel m : values())
			if (m.key.equals(key)) return m;
		throw new IllegalArgumentException("unknown model " + key);
	}

	/**
	 * a / E: the factor between the fitted amplitude and Young's modulus (GPa).
	 *
	 * @param tipRadius nm (sphere, DMT)
	 * @param halfAngleDeg half-opening angle in degrees (cone, pyramid)
	 * @param poisson sample Poisson ratio ν
	 */
	public double prefactor(double tipRadius, double halfAngleDeg, double poisson) {
		double red = 1 / (1 - poisson * poisson);
		double tan = Math.tan(Math.toRadians(halfAngleDeg));
		switch (this) {
			case HERTZ_SPHERE:
			case DMT:
				return 4.0 / 3.0 * red * Math.sqrt(tipRadius);
			case SNEDDON_SPHERE:
				return red;
			case SNEDDON_CONE:
				return 2 / Math.PI * red * tan;
			default:
				return 0.7453 * red * tan;
		}
	}

	/** δ^p for δ > 0, else 0 (no contact); cheap for the two exponents used. Not for {@link #SNEDDON_SPHERE}. */
	public double power(double delta) {
		if (delta <= 0) return 0;
		return exponent == 2 ? delta * delta : delta * Math.sqrt(delta);
	}

	/** The force shape g(δ) with F = prefactor · E · g(δ): δ^p, or Sneddon's sphere function (R in nm). */
	public double shape(double delta, double tipRadius) {
		if (delta <= 0) return 0;
		if (this != SNEDDON_SPHERE) return power(delta);
		double r = tipRadius, a = sneddonContactRadius(delta, r);
		double x = a / r;
		// (R² + a²)/2 · ln((R+a)/(R−a)) − a·R; the series for small a/R avoids cancellation
		if (x < 1e-3) return 4.0 / 3.0 * r * r * x * x * x * (1 + 0.4 * x * x);
		return (r * r + a * a) / 2 * Math.log((r + a) / (r - a)) - a * r;
	}

	/**
	 * Contact radius a (nm) of a sphere of radius R at indentation δ: the root of
	 * δ = a/2 · ln((R + a)/(R − a)) in [0, R), by bisection on the monotonic right side
	 * then Newton steps; relative accuracy 1e-13.
	 */
	static double sneddonContactRadius(double delta, double r) {
		if (delta <= 0) return 0;
		// start from the Hertz value a = √(Rδ), capped below R
		double a = Math.min(Math.sqrt(r * delta), 0.999 * r);
		double lo = 0, hi = r;
		for (int it = 0; it < 100; it++) {
			double l = Math.log((r + a) / (r - a));
			double fa = a / 2 * l - delta;
			if (fa > 0) hi = a;
			else lo = a;
			double d = l / 2 + a * r / (r * r - a * a);
			double next = a - fa / d;
			if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
			if (Math.abs(next - a) <= 1e-13 * Math.max(a, 1e-300)) return next;
			a = next;
		}
		return a;
	}
}
