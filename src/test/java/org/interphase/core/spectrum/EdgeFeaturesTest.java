package org.interphase.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.interphase.core.stack.SpectralStack;
import org.junit.jupiter.api.Test;

class EdgeFeaturesTest {

	/** Normalized edge (arctan step to 1) with a Gaussian white line; position set per pixel. */
	static double edge(double e, double edge, double wlHeight) {
		return 0.5 + Math.atan((e - edge) / 0.7) / Math.PI + wlHeight * Math.exp(-0.5 * Math.pow((e - edge - 1.5) / 0.8, 2));
	}

	/** The true maximum of {@link #edge} by golden-section search (the ground truth, not the code under test). */
	static double[] trueMaximum(double edge, double wlHeight) {
		double a = edge, b = edge + 4, g = (Math.sqrt(5) - 1) / 2;
		for (int i = 0; i < 200; i++) {
			double c = b - g * (b - a), d = a + g * (b - a);
			if (edge(c, edge, wlHeight) > edge(d, edge, wlHeight)) b = d;
			else a = c;
		}
		double x = (a + b) / 2;
		return new double[] { x, edge(x, edge, wlHeight) };
	}

	@Test
	void whiteLineEnergyWithinFiveHundredthsOfAnEvOnAQuarterEvGrid() {
		double[] en = new double[121]; // 700–730 eV, 0.25 eV
		for (int e = 0; e < en.length; e++)
			en[e] = 700 + 0.25 * e;
		int w = 20, h = 10;
		SpectralStack s = SpectralStack.allocate(w, h, en);
		SplittableRandom rnd = new SplittableRandom(17);
		double[] edgeAt = new double[w * h], height = new double[w * h];
		for (int p = 0; p < w * h; p++) {
			edgeAt[p] = 708 + 3 * rnd.nextDouble();
			height[p] = 0.8 + 0.8 * rnd.nextDouble();
			for (int e = 0; e < en.length; e++)
				s.slice(e)[p] = (float) edge(en[e], edgeAt[p], height[p]);
		}
		EdgeFeatures.Options o = new EdgeFeatures.Options();
		o.whiteLineMin = 705;
		o.whiteLineMax = 716;
		o.centroidMin = 706;
		o.centroidMax = 716;
		EdgeFeatures.Result r = EdgeFeatures.compute(s, o, Progress.NONE);
		assertEquals(4, r.labels.length, "no ratio slice without ratio energies");
		double worstE = 0, worstH = 0;
		for (int p = 0; p < w * h; p++) {
			double[] truth = trueMaximum(edgeAt[p], height[p]);
			worstE = Math.max(worstE, Math.abs(r.map(EdgeFeatures.WHITE_LINE_ENERGY)[p] - truth[0]));
			worstH = Math.max(worstH, Math.abs(r.map(EdgeFeatures.WHITE_LINE_HEIGHT)[p] - truth[1]) / truth[1]);
			// normalized 0.5: the arctan centre moves with the edge; check against a fine bisection of the continuous curve
			double a = edgeAt[p] - 3, b = edgeAt[p] + 1;
			for (int i = 0; i < 100; i++) {
				double c = (a + b) / 2;
				if (edge(c, edgeAt[p], height[p]) < 0.5) a = c;
				else b = c;
			}
			assertEquals(a, r.map(EdgeFeatures.HALF_ENERGY)[p], 0.03, "E(0.5) pixel " + p);
			// centroid over 706–716 eV by dense quadrature of the continuous curve
			double s0 = 0, s1 = 0;
			for (double e = 706; e < 716; e += 0.001) {
				double v = edge(e + 0.0005, edgeAt[p], height[p]);
				s0 += v;
				s1 += v * (e + 0.0005);
			}
			assertEquals(s1 / s0, r.map(EdgeFeatures.CENTROID)[p], 0.02, "centroid pixel " + p);
		}
		System.out.printf("white line: worst energy error %.4f eV, worst relative height error %.4f%n", worstE, worstH);
		assertTrue(worstE < 0.05, "worst white-line energy error " + worstE + " eV");
		assertTrue(worstH < 0.01, "worst white-line height error " + worstH);
	}

	/** Ni L3-like doublet: t2g peak at 850.0 eV and eg peak at 852.0 eV with known amplitude maps. */
	static double ni(double e, double t2g, double eg) {
		return 0.2 + 0.3 * (0.5 + Math.atan((e - 851) / 1.0) / Math.PI) + t2g * Math.exp(-0.5 * Math.pow((e - 850) / 0.5, 2))
			+ eg * Math.exp(-0.5 * Math.pow((e - 852) / 0.5, 2));
	}

	@Test
	void egOverT2gRatioMapWithinOnePercent() {
		double[] en = new double[241]; // 842.05–866.05 eV in 0.1 eV: 850 and 852 eV fall between samples
		for (int e = 0; e < en.length; e++)
			en[e] = 842.05 + 0.1 * e;
		int w = 12, h = 9;
		SpectralStack s = SpectralStack.allocate(w, h, en);
		double[] t2g = new double[w * h], eg = new double[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int p = y * w + x;
				t2g[p] = 0.5 + 0.1 * x;
				eg[p] = 0.4 + 0.15 * y;
				for (int e = 0; e < en.length; e++)
					s.slice(e)[p] = (float) ni(en[e], t2g[p], eg[p]);
			}
		EdgeFeatures.Options o = new EdgeFeatures.Options();
		o.ratioEnergy1 = 852;
		o.ratioEnergy2 = 850;
		EdgeFeatures.Result points = EdgeFeatures.compute(s, o, Progress.NONE);
		o.ratioWindow = 0.6;
		EdgeFeatures.Result windows = EdgeFeatures.compute(s, o, Progress.NONE);
		double worstP = 0, worstW = 0;
		for (int p = 0; p < w * h; p++) {
			double truth = ni(852, t2g[p], eg[p]) / ni(850, t2g[p], eg[p]);
			worstP = Math.max(worstP, Math.abs(points.map(EdgeFeatures.PEAK_RATIO)[p] / truth - 1));
			double i1 = 0, i2 = 0; // dense midpoint quadrature of the continuous curve
			for (double e = -0.3; e < 0.3; e += 0.0001) {
				i1 += ni(852 + e + 0.00005, t2g[p], eg[p]);
				i2 += ni(850 + e + 0.00005, t2g[p], eg[p]);
			}
			worstW = Math.max(worstW, Math.abs(windows.map(EdgeFeatures.PEAK_RATIO)[p] / (i1 / i2) - 1));
		}
		System.out.printf("eg/t2g ratio: worst relative error %.4f (points), %.4f (0.6 eV windows)%n", worstP, worstW);
		assertTrue(worstP < 0.01, "point ratio error " + worstP);
		assertTrue(worstW < 0.01, "window ratio error " + worstW);
	}

	@Test
	void ratioOutsideTheStackAndNanPixels() {
		double[] en = { 1, 2, 3, 4, 5 };
		SpectralStack s = SpectralStack.allocate(3, 1, en); // pixel 2 stays all zero (padding)
		for (int e = 0; e < 5; e++) {
			s.slice(e)[0] = e;
			s.slice(e)[1] = e == 2 ? Float.NaN : e;
		}
		EdgeFeatures.Options o = new EdgeFeatures.Options();
		o.ratioEnergy1 = 4.5;
		o.ratioEnergy2 = 2;
		o.ratioWindow = 2;
		InvalidInputException ex = assertThrows(InvalidInputException.class, () -> EdgeFeatures.compute(s, o, Progress.NONE));
		assertTrue(ex.getMessage().startsWith("ratio_energy1"), ex.getMessage());
		o.ratioWindow = 0;
		EdgeFeatures.Result r = EdgeFeatures.compute(s, o, Progress.NONE);
		assertEquals(3.5 / 1, r.map(EdgeFeatures.PEAK_RATIO)[0], 1e-6);
		for (float[] m : r.maps) {
			assertTrue(Float.isNaN(m[1]), "NaN in the spectrum");
			assertTrue(Float.isNaN(m[2]), "all-zero spectrum");
		}
	}
}
