package org.interphase.core.afm;

/**
 * One force–distance curve in the units every fit uses: piezo travel {@code z} in nm, increasing
 * towards the sample, and cantilever force in nN (positive = repulsive), both segments in time
 * order (approach: far → near; retract: near → far). The deflection is {@code force / springConstant}
 * (nN / (N/m) = nm).
 */
public final class ForceCurve {

	public final double[] approachZ, approachForce;
	public final double[] retractZ, retractForce;
	/** Spring constant (N/m) the forces were computed with; NaN when the file gives none. */
	public final double springConstant;
	/** Deflection sensitivity (nm/V) the forces were computed with; NaN when unknown. */
	public final double deflectionSensitivity;

	public ForceCurve(double[] approachZ, double[] approachForce, double[] retractZ, double[] retractForce, double springConstant,
		double deflectionSensitivity) {
		this.approachZ = approachZ == null ? new double[0] : approachZ;
		this.approachForce = approachForce == null ? new double[0] : approachForce;
		this.retractZ = retractZ == null ? new double[0] : retractZ;
		this.retractForce = retractForce == null ? new double[0] : retractForce;
		if (this.approachZ.length != this.approachForce.length || this.retractZ.length != this.retractForce.length)
			throw new IllegalArgumentException("z and force arrays differ in length");
		this.springConstant = springConstant;
		this.deflectionSensitivity = deflectionSensitivity;
	}

	/**
	 * The same curve with another spring constant and/or deflection sensitivity (NaN = keep the
	 * file's): the force scales with both (F = k · sensitivity · volts). When the file gave no spring
	 * constant, the forces are kept and the new one only sets the deflection (F / k).
	 */
	public ForceCurve recalibrated(double newSpringConstant, double newSensitivity) {
		double k = Double.isNaN(newSpringConstant) ? springConstant : newSpringConstant;
		double s = Double.isNaN(newSensitivity) ? deflectionSensitivity : newSensitivity;
		double factor = 1;
		if (!Double.isNaN(newSpringConstant) && !Double.isNaN(springConstant)) factor *= newSpringConstant / springConstant;
		if (!Double.isNaN(newSensitivity)) {
			if (Double.isNaN(deflectionSensitivity))
				throw new IllegalArgumentException("the file gives no deflection sensitivity, so it cannot be replaced");
			factor *= newSensitivity / deflectionSensitivity;
		}
		return new ForceCurve(approachZ, scale(approachForce, factor), retractZ, scale(retractForce, factor), k, s);
	}

	private static double[] scale(double[] a, double f) {
		if (f == 1) return a;
		double[] r = new double[a.length];
		for (int i = 0; i < a.length; i++)
			r[i] = a[i] * f;
		return r;
	}
}
