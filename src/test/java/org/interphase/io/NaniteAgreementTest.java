package org.interphase.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.interphase.core.afm.ContactPoint;
import org.interphase.core.afm.ForceCurve;
import org.interphase.core.afm.IndentationFit;
import org.interphase.core.afm.IndentationModel;
import org.junit.jupiter.api.Test;

/**
 * {@code contact_method=fit} against the values nanite's test suite publishes (tests/test_indent.py,
 * tests/test_fit_base.py) for the JPK curve {@code spot3-0192.jpk-force}. nanite's parameters: model
 * hertz_para (F = 4/3 · E/(1−ν²) · √R · δ^1.5), R = 10 µm, ν = 0.5, contact point, E and baseline
 * free, approach segment, full range (range_x = (0, 0)), x axis tip position = height (measured) +
 * force / k, weight_cp = False.
 */
class NaniteAgreementTest {

	static IndentationFit.Settings nanite() {
		IndentationFit.Settings s = new IndentationFit.Settings();
		s.model = IndentationModel.HERTZ_SPHERE;
		s.tipRadius = 10_000;
		s.poisson = 0.5;
		s.contactMethod = ContactPoint.Method.FIT;
		return s;
	}

	@Test
	void spot3UnweightedFullRange() {
		ForceCurve c = JpkForceReader.read(JpkForceReaderTest.SPOT).curves[0];
		IndentationFit.Trace t = IndentationFit.trace(c, nanite());
		IndentationFit.CurveResult r = t.result;
		assertEquals(IndentationFit.Status.OK, r.status, r.status.text);
		// nanite: E = 14741.958 Pa (the issue asks for 2 %; we measure 14741.91 Pa, so 0.1 % is asserted)
		assertEquals(14741.958, r.modulus, 0.001 * 14741.958);
		// nanite: tip position of the first sample 2.2803842e-5 m, fitted contact point 1.8029310e-5 m,
		// so the contact lies 4774.5 nm (tip position) beyond the first sample; ours is on the same axis
		double s0 = c.approachZ[0] - c.approachForce[0] / c.springConstant;
		double sc = r.contact - r.baseline / c.springConstant;
		assertEquals(4774.5, sc - s0, 1);
	}

	/**
	 * nanite's second fit of test_indent.py: range_x = (17e-6, 19e-6) m "absolute", i.e. only the
	 * approach samples whose tip position (height + force/k, decreasing towards the sample) lies in
	 * 17–19 µm; nanite gives E = 14840.840 Pa. The first sample's tip position is 22.8038418 µm, so on
	 * our axis (s = z − F/k, increasing towards the sample) the window is s − s_first in [3.8038418,
	 * 5.8038418] µm; the test keeps exactly those samples.
	 */
	@Test
	void spot3AbsoluteRange() {
		ForceCurve c = JpkForceReader.read(JpkForceReaderTest.SPOT).curves[0];
		double k = c.springConstant, s0 = c.approachZ[0] - c.approachForce[0] / k;
		int n = 0;
		double[] z = new double[c.approachZ.length], f = new double[z.length];
		for (int i = 0; i < z.length; i++) {
			double ds = c.approachZ[i] - c.approachForce[i] / k - s0;
			if (ds >= 3803.8418 && ds <= 5803.8418) {
				z[n] = c.approachZ[i];
				f[n++] = c.approachForce[i];
			}
		}
		ForceCurve window = new ForceCurve(java.util.Arrays.copyOf(z, n), java.util.Arrays.copyOf(f, n), null, null, k,
			c.deflectionSensitivity);
		IndentationFit.CurveResult r = IndentationFit.trace(window, nanite()).result;
		assertEquals(IndentationFit.Status.OK, r.status, r.status.text);
		assertEquals(14840.840, r.modulus, 0.001 * 14840.840);
		// nanite's contact point 1.8028462e-5 m: 4775.38 nm beyond the first sample of the whole curve
		assertEquals(4775.38, r.contact - r.baseline / k - s0, 1);
	}

	/**
	 * Sneddon's exact sphere on the same curve: nanite's test_model_sneddon_spherical.py states that
	 * the JPK software gives E = 14.94 kPa and a contact point of 18.04 µm (tip position) with a 10 µm
	 * sphere (nanite checks its own fit against that to 10 %). We fit the full approach with the
	 * baseline free.
	 */
	@Test
	void spot3SneddonSphereAgreesWithJpk() {
		ForceCurve c = JpkForceReader.read(JpkForceReaderTest.SPOT).curves[0];
		IndentationFit.Settings s = nanite();
		s.model = IndentationModel.SNEDDON_SPHERE;
		IndentationFit.CurveResult r = IndentationFit.trace(c, s).result;
		assertEquals(IndentationFit.Status.OK, r.status, r.status.text);
		// measured: 14766.7 Pa (1.2 % below JPK) with the contact 4774.6 nm beyond the first sample
		assertEquals(14940, r.modulus, 0.02 * 14940);
		double s0 = c.approachZ[0] - c.approachForce[0] / c.springConstant;
		// JPK's 18.04 µm is 4763.8 nm beyond the first sample (22.8038 µm); nanite allows 0.4 % of 18 µm (72 nm)
		assertEquals(4763.8, r.contact - r.baseline / c.springConstant - s0, 20);
	}
}
