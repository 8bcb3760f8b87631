package org.interphase.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.interphase.core.stack.SpectralStack;
import org.junit.jupiter.api.Test;

class XanesNormalizationTest {

	static final double E0 = 710;

	/** Pre-edge line, known exactly. */
	static double pre(double e) {
		return 0.3 + 0.01 * (e - E0);
	}

	/** Post-edge quadratic, known exactly. */
	static double post(double e) {
		return 1.5 + 0.02 * (e - E0) - 0.001 * (e - E0) * (e - E0);
	}

	/**
	 * Arctan-plus-Gaussian edge whose pre-edge window [E0 − 10, E0 − 2] is exactly the line and
	 * whose post-edge window [E0 + 5, E0 + 20] is exactly the quadratic.
	 */
	static double mu(double e) {
		if (e <= E0 - 2) return pre(e);
		if (e >= E0 + 5) return post(e);
		double s = 0.5 + Math.atan((e - E0) / 0.5) / Math.PI;
		return pre(e) + (post(e) - pre(e)) * s + 0.8 * Math.exp(-0.5 * Math.pow((e - E0 - 1) / 0.6, 2));
	}

	/** Uneven energies 695–732 eV: 1 eV, 0.2 eV across the edge, 1.3 eV above. */
	static double[] energies() {
		java.util.List<Double> l = new java.util.ArrayList<>();
		for (double v = 695; v < 706; v += 1)
			l.add(v);
		for (double v = 706; v < 715; v += 0.2)
			l.add(Math.round(v * 1000) / 1000.0);
		for (double v = 715; v <= 732; v += 1.3)
			l.add(Math.round(v * 1000) / 1000.0);
		return l.stream().mapToDouble(Double::doubleValue).toArray();
	}

	@Test
	void normalizationMatchesHandComputedValuesOnAnExactEdge() {
		double[] en = energies();
		SpectralStack s = SpectralStack.allocate(1, 1, en);
		for (int e = 0; e < en.length; e++)
			s.slice(e)[0] = (float) mu(en[e]);
		for (boolean flatten : new boolean[] { false, true }) {
			XanesNormalization.Options o = new XanesNormalization.Options();
			o.method = XanesNormalization.E0Method.FIXED;
			o.e0 = E0;
			o.nnorm = 2;
			o.flatten = flatten;
			XanesNormalization.Result r = XanesNormalization.normalize(s, o, Progress.NONE);
			double step = post(E0) - pre(E0); // 1.2
			assertEquals(step, r.edgeStep[0], 1e-5);
			assertEquals(E0, r.e0[0], 1e-4);
			assertEquals(0, r.noise[0], 1e-5, "pre-edge is an exact line");
			assertEquals(1, r.valid[0], 0);
			for (int e = 0; e < en.length; e++) {
				double want = (mu(en[e]) - pre(en[e])) / step;
				if (flatten && en[e] > E0) want = want - (post(en[e]) - pre(en[e])) / step + 1;
				assertEquals(want, r.normalized.slice(e)[0], 2e-5, "flatten=" + flatten + " at " + en[e] + " eV");
			}
		}
	}

	@Test
	void halfStepE0IsWhereTheNormalizedSpectrumCrossesOneHalf() {
		double[] en = energies();
		double[] mu = new double[en.length];
		for (int e = 0; e < en.length; e++)
			mu[e] = mu(en[e]);
		XanesNormalization.Options o = new XanesNormalization.Options();
		o.method = XanesNormalization.E0Method.HALF_STEP;
		o.nnorm = 2;
		XanesNormalization xn = new XanesNormalization(en, o);
		XanesNormalization.Worker w = xn.newWorker();
		assertTrue(w.fit(mu));
		// at the returned E0, the interpolated normalized μ is 0.5
		int i = 0;
		while (en[i + 1] < w.e0)
			i++;
		double f = (w.e0 - en[i]) / (en[i + 1] - en[i]);
		double muAt = mu[i] + f * (mu[i + 1] - mu[i]);
		assertEquals(0.5, (muAt - w.preEdge(w.e0)) / w.step, 1e-4, "converged after two refits");
		assertTrue(w.e0 > E0 - 1 && w.e0 < E0 + 1, "E0 " + w.e0);
	}

	/** Per-pixel E0 shifts (known map) on a 0.25 eV grid, with noise: recovered within 0.1 eV. */
	@Test
	void knownE0ShiftsRecoveredWithinATenthOfAnEv() {
		double[] en = new double[161]; // 695–735 eV in 0.25 eV steps
		for (int e = 0; e < en.length; e++)
			en[e] = 695 + 0.25 * e;
		int w = 24, h = 10;
		SpectralStack s = SpectralStack.allocate(w, h, en);
		SplittableRandom rnd = new SplittableRandom(11);
		double[] shift = new double[w * h];
		for (int p = 0; p < w * h; p++) {
			shift[p] = -1.5 + 3.0 * rnd.nextDouble();
			double scaleMu = 0.5 + rnd.nextDouble();
			for (int e = 0; e < en.length; e++) {
				double x = en[e] - 712 - shift[p];
				double v = 0.2 + 0.005 * x + (0.5 + Math.atan(x / 0.8) / Math.PI) + 0.6 * Math.exp(-0.5 * Math.pow((x - 1.2) / 0.9, 2));
				s.slice(e)[p] = (float) (scaleMu * v + 0.002 * LinearCombinationFitTest.gaussian(rnd));
			}
		}
		// one glitch: a single-point spike just below the edge of pixel 0 (710.5 eV) must not move its E0
		s.slice(62)[0] += 0.8f;
		XanesNormalization.Options o = new XanesNormalization.Options();
		XanesNormalization.Result r = XanesNormalization.normalize(s, o, Progress.NONE);
		// the E0 of the unshifted spectrum: fitted on a noise-free copy
		double[] ref = new double[en.length];
		for (int e = 0; e < en.length; e++) {
			double x = en[e] - 712;
			ref[e] = 0.2 + 0.005 * x + (0.5 + Math.atan(x / 0.8) / Math.PI) + 0.6 * Math.exp(-0.5 * Math.pow((x - 1.2) / 0.9, 2));
		}
		XanesNormalization.Worker wk = new XanesNormalization(en, o).newWorker();
		assertTrue(wk.fit(ref));
		double base = wk.e0, worst = 0;
		for (int p = 0; p < w * h; p++) {
			assertEquals(1, r.valid[p], 0, "pixel " + p + " valid");
			worst = Math.max(worst, Math.abs(r.e0[p] - base - shift[p]));
		}
		System.out.printf("E0 shifts on a 0.25 eV grid: worst error %.4f eV over %d pixels%n", worst, w * h);
		assertTrue(worst < 0.1, "worst E0 shift error " + worst + " eV");
	}

	/**
	 * The stack path (tiles of pixels, outputs written slice by slice, several tiles and a
	 * partial one) gives every pixel exactly the fit of that pixel's spectrum alone, and the
	 * normalized values of that fit; with NaN and noise-only pixels, flattening and half-step E0.
	 */
	@Test
	void stackTilesEqualSingleSpectrumFits() {
		double[] en = energies();
		int w = 41, h = 29; // 1189 pixels: two full tiles and a partial one
		SpectralStack s = SpectralStack.allocate(w, h, en);
		SplittableRandom rnd = new SplittableRandom(31);
		for (int p = 0; p < w * h; p++) {
			double shift = -2 + 4 * rnd.nextDouble(), noise = p % 97 == 5 ? 0.5 : 0.01;
			for (int e = 0; e < en.length; e++)
				s.slice(e)[p] = (float) (mu(en[e] - shift) * (0.5 + rnd.nextDouble() * 0.01) + noise * (rnd.nextDouble() - 0.5));
		}
		s.slice(30)[600] = Float.NaN;
		int compared = 0;
		for (XanesNormalization.E0Method method : new XanesNormalization.E0Method[] { XanesNormalization.E0Method.DERIVATIVE, XanesNormalization.E0Method.HALF_STEP }) {
			for (boolean flatten : new boolean[] { false, true }) {
				XanesNormalization.Options o = new XanesNormalization.Options();
				o.method = method;
				o.flatten = flatten;
				XanesNormalization.Result r = XanesNormalization.normalize(s, o, Progress.NONE);
				XanesNormalization.Worker single = new XanesNormalization(en, o).newWorker();
				double[] spectrum = new double[en.length];
				for (int p = 0; p < w * h; p++) {
					for (int e = 0; e < en.length; e++)
						spectrum[e] = s.slice(e)[p];
					boolean ok = single.fit(spectrum);
					assertEquals(ok ? 1 : 0, r.valid[p], 0, "pixel " + p);
					if (p == 600) assertEquals(0, r.valid[p], 0, "the NaN pixel is not valid");
					if (!ok) {
						assertTrue(Float.isNaN(r.e0[p]) && Float.isNaN(r.normalized.slice(0)[p]), "NaN maps for invalid pixel " + p);
						continue;
					}
					assertEquals((float) single.e0, r.e0[p], 0, "E0 of pixel " + p);
					assertEquals((float) single.step, r.edgeStep[p], 0, "step of pixel " + p);
					for (int e = 0; e < en.length; e++)
						assertEquals(single.normalized(e, spectrum[e]), r.normalized.slice(e)[p], 1e-5, "pixel " + p + ", energy " + e);
					compared++;
				}
			}
		}
		assertTrue(compared > 4 * (w * h - 20), "compared " + compared + " valid pixels");
	}

	/**
	 * A tile (three strips, a partial one; NaN and ∞ pixels; noise-only pixels) gives every pixel
	 * exactly the fit of its spectrum alone — E0, step, noise, both fitted curves — for every E0
	 * method, post-edge degree 0–2 and with an E0 search window: the tile's window sums add in
	 * each pixel's own energy order.
	 */
	@Test
	void tileFitsEqualSingleFitsForEveryMethodAndDegree() {
		double[] en = energies();
		int n = en.length, count = 700;
		SplittableRandom rnd = new SplittableRandom(41);
		double[][] rows = new double[n][count];
		for (int p = 0; p < count; p++) {
			double shift = -2 + 4 * rnd.nextDouble(), noise = p % 53 == 7 ? 0.5 : 0.01;
			for (int e = 0; e < n; e++)
				rows[e][p] = (float) (mu(en[e] - shift) * (0.5 + 0.01 * rnd.nextDouble()) + noise * (rnd.nextDouble() - 0.5));
		}
		rows[20][100] = Double.NaN;
		rows[33][101] = Double.POSITIVE_INFINITY;
		double[] spectrum = new double[n];
		int valid = 0;
		for (XanesNormalization.E0Method method : XanesNormalization.E0Method.values()) {
			for (int nnorm = 0; nnorm <= 2; nnorm++) {
				for (boolean window : new boolean[] { false, true }) {
					XanesNormalization.Options o = new XanesNormalization.Options();
					o.method = method;
					o.nnorm = nnorm;
					if (method == XanesNormalization.E0Method.FIXED || window) o.e0 = E0;
					if (window) o.e0Window = 3;
					XanesNormalization xn = new XanesNormalization(en, o);
					XanesNormalization.Worker tile = xn.new Worker(count), single = xn.newWorker();
					tile.fitTile(rows, count);
					for (int p = 0; p < count; p++) {
						for (int e = 0; e < n; e++)
							spectrum[e] = rows[e][p];
						String where = method + ", nnorm " + nnorm + ", window " + window + ", pixel " + p;
						boolean ok = single.fit(spectrum);
						assertEquals(ok, tile.ok[p], where);
						assertEquals(single.e0, tile.e0Of[p], 0, where);
						assertEquals(single.noise, tile.noiseOf[p], 0, where);
						if (!ok) continue;
						valid++;
						assertEquals(single.step, tile.stepOf[p], 0, where);
						assertEquals(single.pre[0], tile.p0Of[p], 0, where);
						assertEquals(single.pre[1], tile.p1Of[p], 0, where);
						assertEquals(single.post[0], tile.q0Of[p], 0, where);
						assertEquals(single.post[1], tile.q1Of[p], 0, where);
						assertEquals(single.post[2], tile.q2Of[p], 0, where);
					}
				}
			}
		}
		assertTrue(valid > 18 * (count - 20), "valid fits compared: " + valid);
	}

	/**
	 * The derivative E0 search runs energy by energy over strips of a tile, evaluating the
	 * smoothing only at candidate energies (an exact bound): it
	 * must give exactly the E0 of the plain sweep over every point of one spectrum (derivative,
	 * 3-point median, [1 2 1]/4, first maximum, parabola), written out here, on edges, noise-only
	 * spectra, glitches, plateaus (ties) and with a search window.
	 */
	@Test
	void derivativeE0EqualsThePlainSweepOverEveryPoint() {
		SplittableRandom rnd = new SplittableRandom(23);
		int compared = 0;
		for (int trial = 0; trial < 24; trial++) {
			int n = 8 + rnd.nextInt(150);
			double[] en = new double[n];
			double v = 690;
			for (int i = 0; i < n; i++) {
				v += 0.05 + rnd.nextDouble() * (rnd.nextInt(5) == 0 ? 2 : 0.3);
				en[i] = v;
			}
			XanesNormalization.Options o = new XanesNormalization.Options();
			if (trial % 3 == 1) {
				o.e0 = en[n / 2];
				o.e0Window = 1 + 4 * rnd.nextDouble();
			}
			XanesNormalization xn = new XanesNormalization(en, o);
			XanesNormalization.Worker w = xn.newWorker();
			double[] mu = new double[n];
			// the same spectra as one tile, in generation order and grouped by kind (strips of alike
			// edges, where the sweep skips most energies), must give the same E0s
			double[][] mixed = new double[n][400], grouped = new double[n][400];
			double[] expectMixed = new double[400], expectGrouped = new double[400];
			int[] kinds = new int[400];
			double[][] spectra = new double[400][];
			for (int p = 0; p < 400; p++) {
				int kind = rnd.nextInt(6);
				double edge = en[0] + (en[n - 1] - en[0]) * (0.2 + 0.6 * rnd.nextDouble());
				double noise = kind == 0 ? 0.3 : 0.002 + 0.05 * rnd.nextDouble();
				for (int i = 0; i < n; i++) {
					double x = en[i] - edge;
					double s = kind == 0 ? 0.5 : 0.1 + 0.003 * x + 0.5 + Math.atan(x / 0.4) / Math.PI + 0.5 * Math.exp(-0.5 * x * x);
					if (kind == 4) s = Math.round(s * 4) / 4.0; // steps: equal derivatives, ties
					mu[i] = (float) (s + noise * (rnd.nextDouble() - 0.5));
					if (kind == 5) mu[i] = rnd.nextBoolean() ? 0.0 : -0.0; // all ties, signed zeros
				}
				if (kind == 2) mu[rnd.nextInt(n)] += 1.0; // glitches, up and down
				if (kind == 3) mu[rnd.nextInt(n)] -= 1.0;
				w.fit(mu);
				double plain = plainDerivativeE0(en, mu, o);
				assertEquals(plain, w.e0, 0, "trial " + trial + ", spectrum " + p);
				compared++;
				kinds[p] = kind;
				spectra[p] = mu.clone();
				expectMixed[p] = plain;
				for (int i = 0; i < n; i++)
					mixed[i][p] = mu[i];
			}
			for (int kind = 0, q = 0; kind < 6; kind++)
				for (int p = 0; p < 400; p++)
					if (kinds[p] == kind) {
						for (int i = 0; i < n; i++)
							grouped[i][q] = spectra[p][i];
						expectGrouped[q++] = expectMixed[p];
					}
			// non-finite pixels in the mixed tile: refused, and no effect on the others' E0
			for (int p : new int[] { 5, 6, 300 }) {
				mixed[rnd.nextInt(n)][p] = p == 6 ? Double.POSITIVE_INFINITY : Double.NaN;
				expectMixed[p] = Double.NaN;
			}
			XanesNormalization.Worker tile = xn.new Worker(400);
			tile.fitTile(mixed, 400);
			for (int p = 0; p < 400; p++)
				assertEquals(expectMixed[p], tile.e0Of[p], 0, "trial " + trial + ", tile pixel " + p);
			tile.fitTile(grouped, 400);
			for (int p = 0; p < 400; p++)
				assertEquals(expectGrouped[p], tile.e0Of[p], 0, "trial " + trial + ", grouped tile pixel " + p);
		}
		assertEquals(24 * 400, compared);
	}

	/** SCIENCE.md §1 derivative E0, as a plain sweep over every point. */
	static double plainDerivativeE0(double[] en, double[] mu, XanesNormalization.Options o) {
		int n = en.length;
		double[] d = new double[n], m = new double[n], s = new double[n];
		for (int i = 1; i < n - 1; i++)
			d[i] = (mu[i + 1] - mu[i - 1]) * (1 / (en[i + 1] - en[i - 1]));
		d[0] = (mu[1] - mu[0]) * (1 / (en[1] - en[0]));
		d[n - 1] = (mu[n - 1] - mu[n - 2]) * (1 / (en[n - 1] - en[n - 2]));
		m[0] = d[0];
		m[n - 1] = d[n - 1];
		for (int i = 1; i < n - 1; i++)
			m[i] = Math.max(Math.min(d[i - 1], d[i]), Math.min(Math.max(d[i - 1], d[i]), d[i + 1]));
		s[0] = m[0];
		s[n - 1] = m[n - 1];
		for (int i = 1; i < n - 1; i++)
			s[i] = 0.25 * (m[i - 1] + 2 * m[i] + m[i + 1]);
		int lo = 1, hi = n - 2;
		if (Double.isFinite(o.e0) && o.e0Window > 0) {
			while (lo < n - 1 && en[lo] < o.e0 - o.e0Window - 1e-9)
				lo++;
			while (hi > 0 && en[hi] > o.e0 + o.e0Window + 1e-9)
				hi--;
		}
		int best = -1;
		double bestV = Double.NEGATIVE_INFINITY;
		for (int i = lo; i <= hi; i++)
			if (s[i] > bestV) {
				bestV = s[i];
				best = i;
			}
		if (best < 0) return Double.NaN;
		return XanesNormalization.parabolaVertex(en[best - 1], s[best - 1], en[best], s[best], en[best + 1], s[best + 1]);
	}

	@Test
	void pixelsWithoutAnEdgeAreInvalidAndNan() {
		double[] en = energies();
		SpectralStack s = SpectralStack.allocate(3, 1, en);
		SplittableRandom rnd = new SplittableRandom(5);
		for (int e = 0; e < en.length; e++) {
			s.slice(e)[0] = (float) (mu(en[e]) + 0.001 * LinearCombinationFitTest.gaussian(rnd));
			s.slice(e)[1] = (float) (0.5 + 0.01 * LinearCombinationFitTest.gaussian(rnd)); // noise only
			s.slice(e)[2] = e == 3 ? Float.NaN : (float) mu(en[e]);
		}
		XanesNormalization.Result r = XanesNormalization.normalize(s, new XanesNormalization.Options(), Progress.NONE);
		assertEquals(1, r.valid[0], 0);
		assertEquals(0, r.valid[1], 0);
		assertEquals(0, r.valid[2], 0);
		assertEquals(1, r.validPixels);
		for (int p = 1; p < 3; p++) {
			assertTrue(Float.isNaN(r.e0[p]) && Float.isNaN(r.edgeStep[p]));
			for (int e = 0; e < en.length; e++)
				assertTrue(Float.isNaN(r.normalized.slice(e)[p]));
		}
		assertTrue(r.noise[1] > 0.005 && r.noise[1] < 0.02, "noise map keeps the measured noise: " + r.noise[1]);
	}

	@Test
	void badParametersAreRefusedByFieldName() {
		double[] en = energies();
		XanesNormalization.Options o = new XanesNormalization.Options();
		o.method = XanesNormalization.E0Method.FIXED;
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> new XanesNormalization(en, o));
		assertTrue(e.getMessage().startsWith("e0"), e.getMessage());
		XanesNormalization.Options o2 = new XanesNormalization.Options();
		o2.pre1 = 0;
		e = assertThrows(InvalidInputException.class, () -> new XanesNormalization(en, o2));
		assertTrue(e.getMessage().startsWith("pre1"), e.getMessage());
	}
}
