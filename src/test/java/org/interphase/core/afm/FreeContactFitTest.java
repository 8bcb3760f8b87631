package org.interphase.core.afm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * {@code contact_method=fit} (nanite's fit: contact point, E and a constant baseline free, on the tip
 * position s = z − F/k) and Sneddon's exact sphere, on phantoms with known truth, plus the reliability
 * flags.
 */
class FreeContactFitTest {

	static IndentationFit.Settings fitSettings(IndentationModel model, double radius, double nu) {
		IndentationFit.Settings s = IndentationFitTest.settings(model, radius, 18, nu);
		s.contactMethod = ContactPoint.Method.FIT;
		return s;
	}

	/** Sneddon's sphere written independently: a from δ by bisection, then F/(E/(1−ν²)) in nm². */
	static double sneddonShape(double delta, double r) {
		if (delta <= 0) return 0;
		double lo = 0, hi = r;
		for (int it = 0; it < 200; it++) {
			double a = 0.5 * (lo + hi);
			if (a / 2 * Math.log((r + a) / (r - a)) > delta) hi = a;
			else lo = a;
		}
		double a = 0.5 * (lo + hi);
		return (r * r + a * a) / 2 * Math.log((r + a) / (r - a)) - a * r;
	}

	/** Approach curve far → near of a Sneddon sphere: F from F = c·g(z − zc − F/k) by bisection, + offset and noise. */
	static ForceCurve sneddonPhantom(long seed, int n, double zRange, double zc, double c, double r, double k, double offset, double noise) {
		SplittableRandom rnd = new SplittableRandom(seed);
		double[] z = new double[n], f = new double[n];
		for (int i = 0; i < n; i++) {
			z[i] = zRange * i / (n - 1);
			double lo = 0, hi = Math.max(0, k * (z[i] - zc));
			for (int it = 0; it < 200 && hi > 0; it++) {
				double mid = 0.5 * (lo + hi);
				if (mid - c * sneddonShape(z[i] - zc - mid / k, r) > 0) hi = mid;
				else lo = mid;
			}
			f[i] = 0.5 * (lo + hi) + offset + noise * ForcePhantoms.gauss(rnd);
		}
		return new ForceCurve(z, f, null, null, k, 50);
	}

	@Test
	void hertzContactEAndBaselineRecovered() {
		// 5 µm sphere, E = 20 kPa, ν = 0.5, k = 0.5 N/m, contact at 1612.3 nm, force offset 4 nN, σ = 0.3 nN
		double e = 20e3, r = 5000, nu = 0.5, k = 0.5, zc = 1612.3;
		double a = ForcePhantoms.amplitudePerGpa("sphere", r, 0, nu) * e * 1e-9;
		for (long seed = 1; seed <= 5; seed++) {
			ForceCurve c = ForcePhantoms.indentation(seed, 1024, 3000, zc, a, 1.5, k, 4, 0, 0.3);
			IndentationFit.CurveResult res = IndentationFitTest.fit(c, fitSettings(IndentationModel.HERTZ_SPHERE, r, nu));
			assertEquals(IndentationFit.Status.OK, res.status, res.status.text);
			assertEquals(e, res.modulus, 0.01 * e, "seed " + seed);
			assertEquals(zc, res.contact, 2, "seed " + seed);
			assertEquals(4, res.baseline, 0.05, "seed " + seed);
			assertTrue(res.rSquared > 0.99, "R² " + res.rSquared);
		}
	}

	@Test
	void contactWeightingKeepsTheTruthOnAPhantom() {
		double e = 20e3, r = 5000, nu = 0.5, k = 0.5, zc = 1612.3;
		double a = ForcePhantoms.amplitudePerGpa("sphere", r, 0, nu) * e * 1e-9;
		ForceCurve c = ForcePhantoms.indentation(7, 1024, 3000, zc, a, 1.5, k, -2, 0, 0.3);
		IndentationFit.Settings s = fitSettings(IndentationModel.HERTZ_SPHERE, r, nu);
		s.contactWeight = 500; // nanite's default weight_cp = 5e-7 m
		IndentationFit.CurveResult res = IndentationFitTest.fit(c, s);
		assertEquals(IndentationFit.Status.OK, res.status);
		assertEquals(e, res.modulus, 0.02 * e);
		assertEquals(zc, res.contact, 5);
	}

	@Test
	void sneddonContactRadiusInvertsAndTendsToHertz() {
		double r = 1000;
		for (double delta : new double[] { 1e-4, 0.5, 10, 300, 2000 }) {
			double a = IndentationModel.sneddonContactRadius(delta, r);
			assertEquals(delta, a / 2 * Math.log((r + a) / (r - a)), 1e-9 * delta);
			// the plain formula loses digits to cancellation for a ≪ R, so it is the reference above δ = 0.1 nm only
			if (delta > 0.1)
				assertEquals(sneddonShape(delta, r), IndentationModel.SNEDDON_SPHERE.shape(delta, r), 1e-8 * sneddonShape(delta, r));
		}
		double tiny = 1e-4, h = 4.0 / 3.0 * Math.sqrt(r) * Math.pow(tiny, 1.5);
		assertEquals(h, IndentationModel.SNEDDON_SPHERE.shape(tiny, r), 1e-6 * h);
		// δ ≪ R: Sneddon's sphere → Hertz paraboloid (4/3)·√R·δ^1.5 (relative difference ~ δ/R)
		double d = 0.1, hertz = 4.0 / 3.0 * Math.sqrt(r) * Math.pow(d, 1.5);
		assertEquals(hertz, IndentationModel.SNEDDON_SPHERE.shape(d, r), 1e-3 * hertz);
	}

	@Test
	void sneddonSphereRecoveredWhereHertzIsNot() {
		// R = 1 µm indented ~0.8 µm: δ/R is large, the paraboloid is no longer the sphere
		double e = 5e3, r = 1000, nu = 0.5, k = 0.1, zc = 1200;
		double c = e * 1e-9 / (1 - nu * nu);
		ForceCurve curve = sneddonPhantom(3, 1024, 2000, zc, c, r, k, 1, 0.01);
		IndentationFit.CurveResult sn = IndentationFitTest.fit(curve, fitSettings(IndentationModel.SNEDDON_SPHERE, r, nu));
		assertEquals(IndentationFit.Status.OK, sn.status, sn.status.text);
		assertEquals(e, sn.modulus, 0.01 * e);
		assertEquals(zc, sn.contact, 2);
		IndentationFit.CurveResult hz = IndentationFitTest.fit(curve, fitSettings(IndentationModel.HERTZ_SPHERE, r, nu));
		assertTrue(Math.abs(hz.modulus / e - 1) > 0.03, "Hertz " + hz.modulus);
		// the residual method with the exact sphere agrees too
		IndentationFit.Settings res = IndentationFitTest.settings(IndentationModel.SNEDDON_SPHERE, r, 18, nu);
		IndentationFit.CurveResult rs = IndentationFitTest.fit(curve, res);
		assertEquals(e, rs.modulus, 0.03 * e);
	}

	@Test
	void unreliableFitsAreFlagged() {
		double r = 5000, nu = 0.5, k = 0.5;
		double a = ForcePhantoms.amplitudePerGpa("sphere", r, 0, nu) * 20e3 * 1e-9;
		IndentationFit.Settings s = fitSettings(IndentationModel.HERTZ_SPHERE, r, nu);
		// contact 3 nm before the end of a 1024-point, 3000 nm ramp: about one sample in contact
		ForceCurve late = ForcePhantoms.indentation(11, 1024, 3000, 2996, a, 1.5, k, 0, 0, 0.0);
		IndentationFit.CurveResult rl = IndentationFitTest.fit(late, s);
		assertTrue(rl.status == IndentationFit.Status.CONTACT_AT_END || rl.status == IndentationFit.Status.FEW_IN_CONTACT
			|| rl.status == IndentationFit.Status.TOO_FEW_POINTS, rl.status.text);
		// contact 20 samples before the end: fitted, but fewer than min_points = 30 in contact
		ForceCurve few = ForcePhantoms.indentation(12, 1024, 3000, 3000 - 20 * 3000.0 / 1023, a, 1.5, k, 0, 0, 0.001);
		s.minPoints = 30;
		IndentationFit.CurveResult rf = IndentationFitTest.fit(few, s);
		assertEquals(IndentationFit.Status.FEW_IN_CONTACT, rf.status, rf.status.text);
		assertTrue(rf.status.flagged());
		// noisy curve: R² below a demanding threshold
		s.minPoints = 10;
		s.minRSquared = 0.999;
		ForceCurve noisy = ForcePhantoms.indentation(13, 1024, 3000, 1612.3, a, 1.5, k, 0, 0, 30);
		IndentationFit.CurveResult rn = IndentationFitTest.fit(noisy, s);
		assertEquals(IndentationFit.Status.LOW_R_SQUARED, rn.status, rn.status.text + " R² " + rn.rSquared);
		assertTrue(rn.rSquared < 0.999);
		// the same curve passes with the default (no R² threshold)
		s.minRSquared = 0;
		assertEquals(IndentationFit.Status.OK, IndentationFitTest.fit(noisy, s).status);
	}
}
