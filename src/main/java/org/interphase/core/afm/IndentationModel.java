package org.interphase.core.afm;

/**
 * Contact models F = a · δ^p (SCIENCE.md §4), with E_red = E / (1 − ν²) for a rigid tip. Units: F in
 * nN, δ and R in nm, so a in nN/nm^p and E = a / prefactor in GPa (nN/nm²).
 */
public enum IndentationModel {
	/** Hertz paraboloid/sphere: F = (4/3) · E/(1−ν²) · √R · δ^1.5. */
	HERTZ_SPHERE("hertz_sphere", 1.5),
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
			case SNEDDON_CONE:
				return 2 / Math.PI * red * tan;
			default:
				return 0.7453 * red * tan;
		}
	}

	/** δ^p for δ > 0, else 0 (no contact); cheap for the two exponents used. */
	public double power(double delta) {
		if (delta <= 0) return 0;
		return exponent == 2 ? delta * delta : delta * Math.sqrt(delta);
	}
}
