package org.interphase.core.afm;

import java.util.SplittableRandom;

/**
 * Synthetic force curves with a known modulus and contact point, written from the model equations
 * (SCIENCE.md §4) independently of the fitting code: the force at each piezo position is solved by
 * bisection from F = a · δ^p with δ = (z − z_c) − F/k, then a tilted, offset baseline and Gaussian
 * noise are added.
 */
final class ForcePhantoms {

	private ForcePhantoms() {}

	/** a / E (E in GPa) for F in nN and lengths in nm, from the textbook formulas. */
	static double amplitudePerGpa(String model, double radius, double halfAngleDeg, double nu) {
		double red = 1 / (1 - nu * nu);
		switch (model) {
			case "sphere": return 4.0 / 3.0 * red * Math.sqrt(radius);
			case "cone": return 2 / Math.PI * red * Math.tan(Math.toRadians(halfAngleDeg));
			default: return 0.7453 * red * Math.tan(Math.toRadians(halfAngleDeg));
		}
	}

	/** Force (nN) at piezo position z for contact at zc, amplitude a, exponent p, spring constant k (bisection). */
	static double solve(double z, double zc, double a, double p, double k, double fOffset) {
		if (z <= zc) return fOffset;
		double lo = fOffset, hi = fOffset + k * (z - zc);
		for (int it = 0; it < 200; it++) {
			double mid = 0.5 * (lo + hi);
			double d = z - zc - (mid - fOffset) / k;
			double g = mid - fOffset - (d > 0 ? a * Math.pow(d, p) : 0);
			if (g > 0) hi = mid;
			else lo = mid;
		}
		return 0.5 * (lo + hi);
	}

	/**
	 * An approach curve (far → near) of n points over zRange nm, contact at zc, plus baseline
	 * offset + tilt·z and noise σ; the retract is the approach reversed with fresh noise.
	 */
	static ForceCurve indentation(long seed, int n, double zRange, double zc, double a, double p, double k, double offset, double tilt,
		double noise) {
		SplittableRandom rnd = new SplittableRandom(seed);
		double[] z = new double[n], f = new double[n], zr = new double[n], fr = new double[n];
		for (int i = 0; i < n; i++) {
			z[i] = zRange * i / (n - 1);
			f[i] = solve(z[i], zc, a, p, k, 0) + offset + tilt * z[i] + noise * gauss(rnd);
		}
		for (int i = 0; i < n; i++) {
			zr[i] = z[n - 1 - i];
			fr[i] = solve(zr[i], zc, a, p, k, 0) + offset + tilt * zr[i] + noise * gauss(rnd);
		}
		return new ForceCurve(z, f, zr, fr, k, 50);
	}

	/**
	 * A DMT retract (time order near → far): in contact F = F_adh + a (s − s0)^1.5 with s = z − F/k the
	 * tip position and s0 = zc − F_adh/k, so F = F_adh exactly at z = zc; beyond it the tip has jumped
	 * off (F = 0). Baseline offset, tilt and noise as above. The approach is a plain Hertz curve.
	 */
	static ForceCurve dmt(long seed, int n, double zRange, double zc, double a, double k, double fAdh, double offset, double tilt,
		double noise) {
		SplittableRandom rnd = new SplittableRandom(seed);
		double[] zr = new double[n], fr = new double[n];
		for (int i = 0; i < n; i++) {
			zr[i] = zRange * (n - 1 - i) / (n - 1);
			double fTrue = zr[i] >= zc ? solveDmt(zr[i], zc, a, k, fAdh) : 0;
			fr[i] = fTrue + offset + tilt * zr[i] + noise * gauss(rnd);
		}
		ForceCurve app = indentation(seed + 1, n, zRange, zc, a, 1.5, k, offset, tilt, noise);
		return new ForceCurve(app.approachZ, app.approachForce, zr, fr, k, 50);
	}

	static double solveDmt(double z, double zc, double a, double k, double fAdh) {
		double s0 = zc - fAdh / k;
		double lo = fAdh, hi = fAdh + k * (z - zc) + 1e-12;
		for (int it = 0; it < 200; it++) {
			double mid = 0.5 * (lo + hi);
			double d = z - mid / k - s0;
			double g = mid - fAdh - (d > 0 ? a * Math.pow(d, 1.5) : 0);
			if (g > 0) hi = mid;
			else lo = mid;
		}
		return 0.5 * (lo + hi);
	}

	static double gauss(SplittableRandom rnd) {
		double u = 1 - rnd.nextDouble(), v = rnd.nextDouble();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}
}
