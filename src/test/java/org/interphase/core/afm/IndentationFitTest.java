package org.interphase.core.afm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.interphase.core.Progress;
import org.junit.jupiter.api.Test;

/**
 * Phantom curves with a hidden contact point, a tilted baseline and noise: the fit must give E within
 * 3 % and the contact point within 2 nm (issue 8); failures come back as a status, never thrown.
 */
class IndentationFitTest {

	static IndentationFit.Settings settings(IndentationModel model, double radius, double angle, double nu) {
		IndentationFit.Settings s = new IndentationFit.Settings();
		s.model = model;
		s.tipRadius = radius;
		s.halfAngle = angle;
		s.poisson = nu;
		return s;
	}

	static IndentationFit.CurveResult fit(ForceCurve c, IndentationFit.Settings s) {
		IndentationFit.CurveResult r = new IndentationFit.CurveResult();
		new IndentationFit.Worker(s).fit(c, r);
		return r;
	}

	@Test
	void hertzSphereWithHiddenContactTiltAndNoise() {
		// 5 µm sphere, E = 20 kPa, ν = 0.5, k = 0.5 N/m; 1024 points over 3 µm; contact at 1612.3 nm
		double e = 20e3, r = 5000, nu = 0.5, k = 0.5, zc = 1612.3;
		double a = ForcePhantoms.amplitudePerGpa("sphere", r, 0, nu) * e * 1e-9;
		for (long seed = 1; seed <= 5; seed++) {
			ForceCurve c = ForcePhantoms.indentation(seed, 1024, 3000, zc, a, 1.5, k, 4, 0.002, 0.3);
			IndentationFit.CurveResult res = fit(c, settings(IndentationModel.HERTZ_SPHERE, r, 0, nu));
			assertEquals(IndentationFit.Status.OK, res.status);
			assertEquals(e, res.modulus, 0.03 * e, "seed " + seed);
			assertEquals(zc, res.contact, 2, "seed " + seed);
			assertTrue(res.rSquared > 0.99, "R² " + res.rSquared);
		}
	}

	/**
	 * σ = 0.1 nN against 67 nN at full indentation (0.15 %): a δ² onset is buried in the noise for the
	 * first ~40 nm, so the contact-point scatter grows with the noise (at 0.3 % it was ~1.3 nm SD).
	 */
	@Test
	void sneddonConeAndPyramid() {
		double e = 100e3, nu = 0.45, k = 0.2, zc = 1280.7;
		for (String shape : new String[] { "cone", "pyramid" }) {
			double a = ForcePhantoms.amplitudePerGpa(shape, 0, 35, nu) * e * 1e-9;
			IndentationModel m = shape.equals("cone") ? IndentationModel.SNEDDON_CONE : IndentationModel.PYRAMID;
			for (long seed = 10; seed < 13; seed++) {
				ForceCurve c = ForcePhantoms.indentation(seed, 1024, 2500, zc, a, 2, k, -3, -0.001, 0.1);
				IndentationFit.CurveResult res = fit(c, settings(m, 0, 35, nu));
				assertEquals(IndentationFit.Status.OK, res.status);
				assertEquals(e, res.modulus, 0.03 * e, shape + " seed " + seed);
				assertEquals(zc, res.contact, 2, shape + " seed " + seed);
			}
		}
	}

	@Test
	void dmtOnTheRetractWithAdhesion() {
		// PeakForce-like: R = 10 nm, E = 10 MPa, ν = 0.3, k = 0.4 N/m, adhesion 2 nN, 100 nm ramp
		double e = 10e6, r = 10, nu = 0.3, k = 0.4, zc = 61.37, adh = -2;
		double a = ForcePhantoms.amplitudePerGpa("sphere", r, 0, nu) * e * 1e-9;
		for (long seed = 20; seed < 25; seed++) {
			ForceCurve c = ForcePhantoms.dmt(seed, 1024, 100, zc, a, k, adh, 1.5, 0.004, 0.01);
			IndentationFit.Settings s = settings(IndentationModel.DMT, r, 0, nu);
			s.fitMin = 0.2;
			s.fitMax = 0.8;
			IndentationFit.CurveResult res = fit(c, s);
			assertEquals(IndentationFit.Status.OK, res.status);
			assertEquals(e, res.modulus, 0.03 * e, "seed " + seed);
			assertEquals(zc, res.contact, 2, "seed " + seed);
			assertEquals(2, res.adhesion, 0.05, "adhesion, seed " + seed);
		}
	}

	/**
	 * The model-free detectors see the contact only once the force rises above the noise, so on a δ²
	 * onset they are late (30–70 nm here, E 8–20 % high); the test bounds that bias, and the README
	 * says so: use {@code residual} for moduli.
	 */
	@Test
	void thresholdAndVarianceRatioAreLateButBounded() {
		double e = 100e3, nu = 0.45, k = 0.2, zc = 1280.7;
		double a = ForcePhantoms.amplitudePerGpa("cone", 0, 35, nu) * e * 1e-9;
		for (long seed = 30; seed < 34; seed++) {
			ForceCurve c = ForcePhantoms.indentation(seed, 1024, 2500, zc, a, 2, k, -3, -0.001, 0.1);
			for (ContactPoint.Method m : new ContactPoint.Method[] { ContactPoint.Method.THRESHOLD, ContactPoint.Method.VARIANCE_RATIO }) {
				IndentationFit.Settings s = settings(IndentationModel.SNEDDON_CONE, 0, 35, nu);
				s.contactMethod = m;
				IndentationFit.CurveResult res = fit(c, s);
				assertEquals(IndentationFit.Status.OK, res.status, m.key);
				assertTrue(res.contact > zc - 5 && res.contact < zc + 80, m.key + " contact " + res.contact);
				assertEquals(e, res.modulus, 0.25 * e, m.key);
			}
		}
	}

	@Test
	void fitRangeRestrictsThePoints() {
		double e = 20e3, r = 5000, nu = 0.5, k = 0.5, zc = 1612.3;
		double a = ForcePhantoms.amplitudePerGpa("sphere", r, 0, nu) * e * 1e-9;
		ForceCurve c = ForcePhantoms.indentation(3, 1024, 3000, zc, a, 1.5, k, 4, 0.002, 0.3);
		IndentationFit.Settings s = settings(IndentationModel.HERTZ_SPHERE, r, 0, nu);
		IndentationFit.CurveResult all = fit(c, s);
		s.fitMin = 0.2;
		s.fitMax = 0.6;
		IndentationFit.CurveResult part = fit(c, s);
		assertTrue(part.points < 0.6 * all.points && part.points > 0.2 * all.points, part.points + " of " + all.points);
		assertEquals(e, part.modulus, 0.05 * e);
	}

	@Test
	void failuresAreReportedNotThrown() {
		double k = 0.5;
		int n = 512;
		double[] z = new double[n], fDown = new double[n], fNan = new double[n];
		for (int i = 0; i < n; i++) {
			z[i] = i;
			fDown[i] = i < 300 ? 0 : -(i - 300) * 0.5; // force decreasing "in contact": no positive modulus
			fNan[i] = i == 100 ? Double.NaN : 0;
		}
		double[] noise = new double[n];
		java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
		for (int i = 0; i < n; i++)
			noise[i] = 0.3 * ForcePhantoms.gauss(rnd) + 0.001 * i;
		ForceCurve[] all = { new ForceCurve(z, noise, null, null, k, 1), null, new ForceCurve(z, fDown, null, null, k, 1),
			new ForceCurve(z, fNan, null, null, k, 1), new ForceCurve(new double[5], new double[5], null, null, k, 1),
			new ForceCurve(z, fDown, null, null, Double.NaN, 1) };
		ForceMap map = new ForceMap(6, 1, all, Double.NaN);
		IndentationFit.MapResult r = IndentationFit.fitMap(map, settings(IndentationModel.HERTZ_SPHERE, 20, 0, 0.5), Progress.NONE);
		assertEquals(IndentationFit.Status.NO_CONTACT, r.status[0], "tilted noise without contact");
		assertEquals(IndentationFit.Status.NO_CURVE, r.status[1]);
		assertTrue(r.status[2] == IndentationFit.Status.NO_INDENTATION || r.status[2] == IndentationFit.Status.TOO_FEW_POINTS
			|| r.status[2] == IndentationFit.Status.NO_CONTACT, r.status[2].text);
		assertEquals(IndentationFit.Status.NOT_FINITE, r.status[3]);
		assertEquals(IndentationFit.Status.TOO_SHORT, r.status[4]);
		assertEquals(IndentationFit.Status.NO_SPRING_CONSTANT, r.status[5]);
		for (double m : r.modulus)
			assertTrue(Double.isNaN(m));
	}

	@Test
	void mapFitIsTheSameAsOneByOne() {
		double r = 5000, nu = 0.5, k = 0.5;
		ForceCurve[] curves = new ForceCurve[12];
		double[] truth = new double[12];
		for (int i = 0; i < 12; i++) {
			truth[i] = 10e3 + 5e3 * i;
			double a = ForcePhantoms.amplitudePerGpa("sphere", r, 0, nu) * truth[i] * 1e-9;
			curves[i] = ForcePhantoms.indentation(100 + i, 600, 3000, 1500 + 10 * i, a, 1.5, k, 0, 0, 0.2);
		}
		IndentationFit.MapResult m = IndentationFit.fitMap(new ForceMap(4, 3, curves, 1), settings(IndentationModel.HERTZ_SPHERE, r, 0, nu),
			Progress.NONE);
		for (int i = 0; i < 12; i++) {
			assertEquals(truth[i], m.modulus[i], 0.03 * truth[i]);
			assertEquals(fit(curves[i], settings(IndentationModel.HERTZ_SPHERE, r, 0, nu)).modulus, m.modulus[i], 0);
		}
	}
}
