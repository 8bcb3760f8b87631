package org.interphase.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.interphase.core.Progress;
import org.junit.jupiter.api.Test;

/** Issue 5 phantom: zone depletions within 1 percentage point, edges within 0.5 px, σ within 10 %. */
class ProfilePhantomTest {

	final CrossSectionPhantom ph = new CrossSectionPhantom(20261127L);

	LineProfile profile() {
		return LineProfile.sample(ph.pixels, ph.width, ph.height, 0, 20, ph.width - 1, 20, 30, 1, 1, Progress.NONE);
	}

	ErfEdgeFit.Options options(ErfEdgeFit.Method m) {
		ErfEdgeFit.Options o = new ErfEdgeFit.Options();
		o.method = m;
		return o;
	}

	@Test
	void phantomHasTheWantedDepletions() {
		assertEquals(16.4, ph.trueDepletion(0), 1e-6);
		assertEquals(25.9, ph.trueDepletion(1), 1e-6);
	}

	@Test
	void zoneDepletionFromTheInterface() {
		ProfileAnalysis.Result r = ProfileAnalysis.analyse(profile(), ProfileAnalysis.Origin.INTERFACE, options(ErfEdgeFit.Method.ERF),
			Zones.parse("0-10,78-90", "zones"), Zones.parse("20-70", "bulk").get(0));
		assertEquals(2, r.edges.size());
		assertEquals(ph.left, r.shift, 0.5);
		assertEquals(16.4, r.depletionPct(0), 1.0, "negative interface zone 0–10 µm");
		assertEquals(25.9, r.depletionPct(1), 1.0, "positive interface zone 78–90 µm");
		assertEquals(0, r.profile.distance[21] - (21 - r.shift), 1e-9);
	}

	@Test
	void erfEdgesPositionAndWidth() {
		LineProfile p = profile();
		List<ErfEdgeFit.Edge> edges = ErfEdgeFit.findEdges(p.distance, p.mean, options(ErfEdgeFit.Method.ERF));
		assertEquals(2, edges.size());
		ErfEdgeFit.Edge a = edges.get(0), b = edges.get(1);
		assertTrue(a.ok && b.ok);
		assertEquals(ph.left, a.x0, 0.5);
		assertEquals(ph.right, b.x0, 0.5);
		assertEquals(ph.sigma, a.sigma, 0.1 * ph.sigma);
		assertEquals(ph.sigma, b.sigma, 0.1 * ph.sigma);
		assertTrue(a.rising() && !b.rising());
		assertEquals(ph.background, a.level1, 10);
		assertEquals(ph.bulk * (1 - ph.factor[0]), a.level2, 15);
		assertEquals(2.5631 * a.sigma, a.width1090(), 1e-3 * a.sigma);
		assertEquals(1.6832 * a.sigma, a.width2080(), 1e-3 * a.sigma);
		assertTrue(a.r2 > 0.99 && b.r2 > 0.99, a.r2 + " " + b.r2);
	}

	@Test
	void gradientEdgesPosition() {
		LineProfile p = profile();
		List<ErfEdgeFit.Edge> edges = ErfEdgeFit.findEdges(p.distance, p.mean, options(ErfEdgeFit.Method.GRADIENT));
		assertEquals(2, edges.size());
		assertEquals(ph.left, edges.get(0).x0, 0.5);
		assertEquals(ph.right, edges.get(1).x0, 0.5);
		assertEquals(ph.sigma, edges.get(0).sigma, 0.3 * ph.sigma, "gradient σ is a rougher estimate");
	}

	@Test
	void originEndMeasuresFromTheLineEnd() {
		ProfileAnalysis.Result r = ProfileAnalysis.analyse(profile(), ProfileAnalysis.Origin.END, options(ErfEdgeFit.Method.ERF),
			Zones.parse("", "zones"), null);
		assertEquals(0, r.profile.distance[0], 1e-12);
		assertEquals(ph.width - 1 - ph.right, r.edges.get(0).x0, 0.5);
		assertEquals(ph.right, r.x0FromStart(r.edges.get(0)), 0.5);
	}

	@Test
	void singleEdgeFitOnNoisyErf() {
		java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
		int n = 81;
		double[] x = new double[n], y = new double[n];
		for (int i = 0; i < n; i++) {
			x[i] = i * 0.25;
			double g = Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
			y[i] = ErfEdgeFit.model(x[i], 50, 10, 9.3, 0.8) + 0.3 * g;
		}
		ErfEdgeFit.Edge e = ErfEdgeFit.fit(x, y);
		assertTrue(e.ok);
		assertEquals(9.3, e.x0, 0.05);
		assertEquals(0.8, e.sigma, 0.08);
		assertEquals(50, e.level1, 0.5);
		assertEquals(10, e.level2, 0.5);
	}
}
