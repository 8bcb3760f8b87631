package org.interphase.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.interphase.core.stack.SpectralStack;
import org.junit.jupiter.api.Test;

class LinearCombinationFitTest {

	/** Uneven energies: 1 eV pre-edge, 0.25 eV across the edge, 1.5 eV after. */
	static double[] unevenEnergies() {
		List<Double> e = new ArrayList<>();
		for (double v = 700; v < 705; v += 1)
			e.add(v);
		for (double v = 705; v < 712; v += 0.25)
			e.add(v);
		for (double v = 712; v <= 728; v += 1.5)
			e.add(v);
		return e.stream().mapToDouble(Double::doubleValue).toArray();
	}

	/** Three XANES-like references (OD per unit): edges and white lines at different energies. */
	static double reference(int r, double e) {
		double[] edge = { 706.5, 708.0, 709.5 };
		double[] wl = { 1.2, 0.6, 1.6 };
		double step = 0.5 + Math.atan((e - edge[r]) / 0.7) / Math.PI;
		return 0.1 + 0.05 * r + 0.8 * step + wl[r] * Math.exp(-0.5 * Math.pow((e - edge[r] - 0.8) / 0.6, 2));
	}

	/** References on their own, finer and shifted grid (699.9–730.1 eV in 0.2 eV steps). */
	static List<Spectrum> references() {
		List<Spectrum> refs = new ArrayList<>();
		int m = 152;
		for (int r = 0; r < 3; r++) {
			double[] en = new double[m], v = new double[m];
			for (int i = 0; i < m; i++) {
				en[i] = 699.9 + 0.2 * i;
				v[i] = reference(r, en[i]);
			}
			refs.add(new Spectrum("ref" + (r + 1), en, v));
		}
		return refs;
	}

	/** Known weight maps: smooth ramps, summing to one when {@code sum} (else a free thickness). */
	static double truth(int r, int x, int y, int w, int h, boolean sum) {
		double a = x / (double) (w - 1), b = y / (double) (h - 1);
		double[] f = { (1 - a) * (1 - b), a * (1 - b) + 0.0, b };
		return sum ? f[r] : f[r] * (0.6 + 0.8 * a * b) + (r == 2 ? 0.1 : 0);
	}

	/** Transmission with Poisson counts (I0 = 20000), converted to OD: the noise STXM gives. */
	static SpectralStack phantom(int w, int h, boolean sum, long seed) {
		double[] en = unevenEnergies();
		SpectralStack s = SpectralStack.allocate(w, h, en);
		SplittableRandom rnd = new SplittableRandom(seed);
		double i0 = 20000;
		for (int e = 0; e < en.length; e++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double od = 0;
					for (int r = 0; r < 3; r++)
						od += truth(r, x, y, w, h, sum) * reference(r, en[e]);
					double mean = i0 * Math.exp(-od);
					double counts = Math.max(1, Math.round(mean + Math.sqrt(mean) * gaussian(rnd)));
					s.slice(e)[y * w + x] = (float) -Math.log(counts / i0);
				}
		return s;
	}

	static double gaussian(SplittableRandom rnd) {
		double u = 1 - rnd.nextDouble(), v = rnd.nextDouble();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	@Test
	void threeReferencePhantomWeightsRecoveredWithin002Rms() {
		int w = 40, h = 30;
		for (boolean sum : new boolean[] { false, true }) {
			SpectralStack s = phantom(w, h, sum, 42);
			LinearCombinationFit.Options o = new LinearCombinationFit.Options();
			o.nonnegative = true;
			o.sumToOne = sum;
			LinearCombinationFit.Result r = LinearCombinationFit.fit(s, references(), o, Progress.NONE);
			assertEquals(3, r.names.length);
			for (int k = 0; k < 3; k++) {
				double ss = 0;
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) {
						double d = r.weights[k][y * w + x] - truth(k, x, y, w, h, sum);
						ss += d * d;
					}
				double rms = Math.sqrt(ss / (w * h));
				assertTrue(rms < 0.02, "sum=" + sum + " ref" + (k + 1) + " weight RMS error " + rms);
			}
			for (int p = 0; p < w * h; p++) {
				assertTrue(r.rFactor[p] >= 0 && r.rFactor[p] < 1e-3, "R-factor " + r.rFactor[p]);
				assertTrue(r.residualRms[p] > 0.001 && r.residualRms[p] < 0.05, "residual RMS " + r.residualRms[p]);
			}
		}
	}

	@Test
	void sumToOneAndNonNegativityHonouredExactly() {
		// a mixture far outside the references' span (weights want to go negative)
		int w = 16, h = 8;
		SpectralStack s = phantom(w, h, false, 3);
		for (int e = 0; e < s.energyCount(); e++)
			for (int p = 0; p < w * h; p++)
				s.slice(e)[p] = (float) (s.slice(e)[p] * (p % 3 == 0 ? -0.5 : 1) + (p % 5) * 0.3 * reference(1, s.energy(e)) * (p % 2 == 0 ? -1 : 1));
		LinearCombinationFit.Options o = new LinearCombinationFit.Options();
		o.nonnegative = true;
		o.sumToOne = true;
		LinearCombinationFit.Result r = LinearCombinationFit.fit(s, references(), o, Progress.NONE);
		int zeros = 0;
		for (int p = 0; p < w * h; p++) {
			double sum = 0;
			for (int k = 0; k < 3; k++) {
				assertTrue(r.weights[k][p] >= 0, "weight " + r.weights[k][p]);
				if (r.weights[k][p] == 0) zeros++;
				sum += r.weights[k][p];
			}
			assertEquals(1, sum, 1e-6, "pixel " + p);
		}
		assertTrue(zeros > 20, "constraints were active: " + zeros);
	}

	@Test
	void stackFitWithConstantRecoversOffsetUnconstrained() {
		// aXis2000 / MANTiS stack fit: OD = Σ t_i R_i + c, no constraints, negative weights allowed
		double[] en = unevenEnergies();
		int w = 5, h = 4;
		SpectralStack s = SpectralStack.allocate(w, h, en);
		double[][] t = new double[w * h][];
		for (int p = 0; p < w * h; p++) {
			t[p] = new double[] { 0.1 * p - 0.5, 0.3, 0.02 * p, -0.2 + 0.01 * p };
			for (int e = 0; e < en.length; e++)
				s.slice(e)[p] = (float) (t[p][0] * reference(0, en[e]) + t[p][1] * reference(1, en[e]) + t[p][2] * reference(2, en[e]) + t[p][3]);
		}
		LinearCombinationFit.Options o = new LinearCombinationFit.Options();
		o.nonnegative = false;
		o.constant = true;
		// references sampled on the stack energies: no interpolation error, so the truth is exact
		List<Spectrum> refs = new ArrayList<>();
		for (int k = 0; k < 3; k++) {
			double[] v = new double[en.length];
			for (int e = 0; e < en.length; e++)
				v[e] = reference(k, en[e]);
			refs.add(new Spectrum("ref" + (k + 1), en, v));
		}
		LinearCombinationFit.Result r = LinearCombinationFit.fit(s, refs, o, Progress.NONE);
		assertEquals("constant", r.names[3]);
		for (int p = 0; p < w * h; p++)
			for (int k = 0; k < 4; k++)
				assertEquals(t[p][k], r.weights[k][p], 2e-4, "pixel " + p + " weight " + k);
	}

	@Test
	void nanAndZeroPixelsGiveNanAndOnePixelStackTakesTheSamePath() {
		SpectralStack s = phantom(6, 5, false, 9);
		for (int e = 0; e < s.energyCount(); e++) {
			s.slice(e)[0] = 0;
			if (e == 7) s.slice(e)[1] = Float.NaN;
		}
		LinearCombinationFit.Options o = new LinearCombinationFit.Options();
		LinearCombinationFit.Result r = LinearCombinationFit.fit(s, references(), o, Progress.NONE);
		for (int p = 0; p < 2; p++) {
			assertTrue(Float.isNaN(r.weights[0][p]) && Float.isNaN(r.rFactor[p]) && Float.isNaN(r.chiSquare[p]) && Float.isNaN(r.residualRms[p]));
		}
		int probe = 17;
		float[][] one = new float[s.energyCount()][1];
		for (int e = 0; e < s.energyCount(); e++)
			one[e][0] = s.slice(e)[probe];
		LinearCombinationFit.Result single = LinearCombinationFit.fit(new SpectralStack(1, 1, s.energies(), one), references(), o, Progress.NONE);
		for (int k = 0; k < 3; k++)
			assertEquals(r.weights[k][probe], single.weights[k][0], 0);
		assertEquals(r.rFactor[probe], single.rFactor[0], 0);
		double[] st = LinearCombinationFit.Result.stats(r.weights[0]);
		assertEquals(28, st[3], 0, "summary counts the finite pixels only");
	}

	@Test
	void perPixelWorkReportsProgressAndStopsWhenCancelled() {
		SpectralStack s = phantom(64, 40, false, 2); // 2560 pixels: several tiles
		java.util.concurrent.atomic.AtomicInteger reports = new java.util.concurrent.atomic.AtomicInteger();
		Progress cancelAfterFirstReport = new Progress() {
			@Override
			public void report(String task, double fraction) {
				reports.incrementAndGet();
			}

			@Override
			public boolean cancelled() {
				return reports.get() > 0;
			}
		};
		assertThrows(org.interphase.core.CancelledException.class,
			() -> LinearCombinationFit.fit(s, references(), new LinearCombinationFit.Options(), cancelAfterFirstReport));
		reports.set(0);
		assertThrows(org.interphase.core.CancelledException.class,
			() -> XanesNormalization.normalize(s, new XanesNormalization.Options(), cancelAfterFirstReport));
		reports.set(0);
		assertThrows(org.interphase.core.CancelledException.class, () -> EdgeFeatures.compute(s, new EdgeFeatures.Options(), cancelAfterFirstReport));
		assertTrue(reports.get() >= 1);
	}

	@Test
	void fitRangeOutsideTheReferencesIsRefusedClearly() {
		SpectralStack s = phantom(2, 2, false, 1);
		List<Spectrum> refs = new ArrayList<>(references());
		double[] en = { 702, 710, 720 }, v = { 1, 2, 3 };
		refs.add(new Spectrum("short", en, v));
		InvalidInputException e = assertThrows(InvalidInputException.class,
			() -> LinearCombinationFit.fit(s, refs, new LinearCombinationFit.Options(), Progress.NONE));
		assertTrue(e.getMessage().contains("fit_min") && e.getMessage().contains("short"), e.getMessage());
		// inside the short reference's range it fits
		LinearCombinationFit.Options o = new LinearCombinationFit.Options();
		o.fitMin = 703;
		o.fitMax = 719;
		LinearCombinationFit.Result r = LinearCombinationFit.fit(s, refs, o, Progress.NONE);
		assertTrue(s.energy(r.first) >= 703 && s.energy(r.last) <= 719);
	}

	/** References sampled exactly on {@code en} (no interpolation error). */
	static List<Spectrum> exactReferences(double[] en) {
		List<Spectrum> refs = new ArrayList<>();
		for (int k = 0; k < 3; k++) {
			double[] v = new double[en.length];
			for (int e = 0; e < en.length; e++)
				v[e] = reference(k, en[e]);
			refs.add(new Spectrum("ref" + (k + 1), en, v));
		}
		return refs;
	}

	/**
	 * Monte-Carlo check of the standard errors: every pixel is an independent noise realisation of
	 * the same mixture (Gaussian noise σ = 0.01 OD), so the SD of a weight over the pixels is its true
	 * uncertainty; the mean reported SE must agree within 10 % (3000 realisations: the SD itself is
	 * known to ±1.3 %). Three set-ups: non-negative (no bound active), sum-to-one, constant offset.
	 */
	@Test
	void standardErrorsMatchMonteCarloSpreadWithin10Percent() {
		double[] en = unevenEnergies();
		int w = 60, h = 50;
		double[][] truths = { { 0.5, 0.3, 0.4, 0 }, { 0.5, 0.2, 0.3, 0 }, { 0.5, 0.3, 0.4, 0.05 } };
		for (int c = 0; c < 3; c++) {
			double[] t = truths[c];
			SplittableRandom rnd = new SplittableRandom(100 + c);
			SpectralStack s = SpectralStack.allocate(w, h, en);
			for (int e = 0; e < en.length; e++)
				for (int p = 0; p < w * h; p++)
					s.slice(e)[p] = (float) (t[0] * reference(0, en[e]) + t[1] * reference(1, en[e]) + t[2] * reference(2, en[e]) + t[3]
						+ 0.01 * gaussian(rnd));
			LinearCombinationFit.Options o = new LinearCombinationFit.Options();
			o.nonnegative = c != 2;
			o.sumToOne = c == 1;
			o.constant = c == 2;
			LinearCombinationFit.Result r = LinearCombinationFit.fit(s, exactReferences(en), o, Progress.NONE);
			for (int k = 0; k < r.names.length; k++) {
				double[] spread = LinearCombinationFit.Result.stats(r.weights[k]);
				double[] se = LinearCombinationFit.Result.stats(r.standardErrors[k]);
				assertEquals(w * h, se[3], 0, "case " + c + " " + r.names[k] + ": every pixel has an SE");
				assertEquals(t[k], spread[0], 4 * spread[1] / Math.sqrt(w * h), "case " + c + " " + r.names[k] + " mean weight");
				double ratio = se[0] / spread[1];
				assertTrue(Math.abs(ratio - 1) < 0.10, "case " + c + " " + r.names[k] + ": mean SE " + se[0] + " vs Monte-Carlo SD " + spread[1]);
			}
		}
	}

	/**
	 * A weight whose truth is 0 is held at 0 by non-negativity in about half of the realisations:
	 * there its SE is NaN (a bound, not an estimate) and the others' SE come from the reduced model;
	 * where it is free all three have an SE.
	 */
	@Test
	void weightHeldAtZeroHasNanStandardError() {
		double[] en = unevenEnergies();
		int w = 40, h = 40;
		SplittableRandom rnd = new SplittableRandom(7);
		SpectralStack s = SpectralStack.allocate(w, h, en);
		for (int e = 0; e < en.length; e++)
			for (int p = 0; p < w * h; p++)
				s.slice(e)[p] = (float) (0.6 * reference(0, en[e]) + 0.4 * reference(2, en[e]) + 0.01 * gaussian(rnd));
		LinearCombinationFit.Result r = LinearCombinationFit.fit(s, exactReferences(en), new LinearCombinationFit.Options(), Progress.NONE);
		int held = 0;
		for (int p = 0; p < w * h; p++) {
			boolean zero = r.weights[1][p] == 0;
			if (zero) held++;
			assertEquals(zero, Float.isNaN(r.standardErrors[1][p]), "pixel " + p);
			assertTrue(r.standardErrors[0][p] > 0 && r.standardErrors[2][p] > 0, "pixel " + p);
		}
		assertTrue(held > 0.3 * w * h && held < 0.7 * w * h, "held at zero: " + held);
	}

	/** Stack from the references shifted by {@code shifts} (the truth R_j(E − δ_j)); Poisson noise at I0. */
	static SpectralStack shiftedPhantom(int w, int h, double[] shifts, double i0, long seed) {
		double[] en = unevenEnergies();
		SpectralStack s = SpectralStack.allocate(w, h, en);
		SplittableRandom rnd = new SplittableRandom(seed);
		for (int e = 0; e < en.length; e++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double od = 0;
					for (int r = 0; r < 3; r++)
						od += truth(r, x, y, w, h, false) * reference(r, en[e] - shifts[r]);
					double mean = i0 * Math.exp(-od);
					double counts = Math.max(1, Math.round(mean + Math.sqrt(mean) * gaussian(rnd)));
					s.slice(e)[y * w + x] = (float) -Math.log(counts / i0);
				}
		return s;
	}

	@Test
	void energyShiftsOfTheReferencesRecoveredWithin005eV() {
		double[] truthShift = { 0.4, -0.3, 0.15 };
		int w = 40, h = 30;
		SpectralStack s = shiftedPhantom(w, h, truthShift, 20000, 5);
		LinearCombinationFit.Options o = new LinearCombinationFit.Options();
		o.fitShift = true;
		o.maxShift = 1;
		LinearCombinationFit.Result r = LinearCombinationFit.fit(s, references(), o, Progress.NONE);
		for (int k = 0; k < 3; k++)
			assertEquals(truthShift[k], r.shifts[k], 0.05, "ref" + (k + 1) + " shift");
		assertEquals(w * h, r.shiftPixels);
		// the weights with the shifted references are right again (without the shift they are not)
		LinearCombinationFit.Result plain = LinearCombinationFit.fit(s, references(), new LinearCombinationFit.Options(), Progress.NONE);
		double shifted = 0, unshifted = 0;
		for (int k = 0; k < 3; k++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double t = truth(k, x, y, w, h, false);
					shifted += Math.pow(r.weights[k][y * w + x] - t, 2);
					unshifted += Math.pow(plain.weights[k][y * w + x] - t, 2);
				}
		double rmsShifted = Math.sqrt(shifted / (3 * w * h)), rmsPlain = Math.sqrt(unshifted / (3 * w * h));
		assertTrue(rmsShifted < 0.02 && rmsPlain > 2 * rmsShifted, "weight RMS error shifted " + rmsShifted + ", unshifted " + rmsPlain);
		// a fit range that leaves no room for the shift is refused by name
		LinearCombinationFit.Options tight = new LinearCombinationFit.Options();
		tight.fitShift = true;
		tight.maxShift = 1;
		tight.fitMin = 700;
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> LinearCombinationFit.fit(s, references(), tight, Progress.NONE));
		assertTrue(e.getMessage().contains("max_shift"), e.getMessage());
	}

	/** A point spectrum (1-pixel stack) goes through the same path: shifts, weights and SEs. */
	@Test
	void pointSpectrumGetsShiftsAndStandardErrorsThroughTheSamePath() {
		double[] truthShift = { 0.4, -0.3, 0.15 };
		int w = 40, h = 30;
		SpectralStack s = shiftedPhantom(w, h, truthShift, 1e7, 11);
		int probe = 13 * w + 21;
		float[][] one = new float[s.energyCount()][1];
		for (int e = 0; e < s.energyCount(); e++)
			one[e][0] = s.slice(e)[probe];
		SpectralStack point = new SpectralStack(1, 1, s.energies(), one);
		LinearCombinationFit.Options o = new LinearCombinationFit.Options();
		o.fitShift = true;
		o.maxShift = 1;
		LinearCombinationFit.Result r = LinearCombinationFit.fit(point, references(), o, Progress.NONE);
		for (int k = 0; k < 3; k++) {
			assertEquals(truthShift[k], r.shifts[k], 0.05, "ref" + (k + 1) + " shift");
			assertEquals(truth(k, 21, 13, w, h, false), r.weights[k][0], 0.02, "ref" + (k + 1) + " weight");
			assertTrue(r.standardErrors[k][0] > 0 && r.standardErrors[k][0] < 0.02, "SE " + r.standardErrors[k][0]);
		}
		// without shifts, the point's SEs equal those of the same pixel fitted in the image
		LinearCombinationFit.Options plain = new LinearCombinationFit.Options();
		LinearCombinationFit.Result img = LinearCombinationFit.fit(s, references(), plain, Progress.NONE);
		LinearCombinationFit.Result pt = LinearCombinationFit.fit(point, references(), plain, Progress.NONE);
		for (int k = 0; k < 3; k++)
			assertEquals(img.standardErrors[k][probe], pt.standardErrors[k][0], 0);
	}
}
