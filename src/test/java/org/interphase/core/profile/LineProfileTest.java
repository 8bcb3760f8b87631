package org.interphase.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.interphase.core.Progress;
import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.gui.Line;
import ij.gui.ProfilePlot;
import ij.process.FloatProcessor;

/** Sampling agrees with ImageJ's ProfilePlot; SD across the width checked by hand; segmented lines. */
class LineProfileTest {

	@Test
	void meansAgreeWithImageJProfilePlot() {
		int w = 64, h = 48;
		SplittableRandom rnd = new SplittableRandom(42);
		float[] px = new float[w * h];
		for (int i = 0; i < px.length; i++)
			px[i] = (float) (100 * rnd.nextDouble() + 0.05 * (i % w) * (i / w));
		ImagePlus imp = new ImagePlus("r", new FloatProcessor(w, h, px));
		double[][] lines = { { 5, 10, 50, 10 }, { 10, 5, 10, 40 }, { 4.5, 6.25, 55.5, 40.75 }, { 50, 40, 8, 12 }, { 3, 20, 60, 23.6 } };
		for (double[] l : lines)
			for (int width : new int[] { 1, 2, 5, 12 }) {
				Line roi = new Line(l[0], l[1], l[2], l[3]);
				roi.setStrokeWidth(width);
				imp.setRoi(roi);
				double[] ij = new ProfilePlot(imp).getProfile();
				LineProfile p = LineProfile.sample(px, w, h, l[0], l[1], l[2], l[3], width, 1, 1, Progress.NONE);
				String where = java.util.Arrays.toString(l) + " width " + width;
				assertEquals(ij.length, p.size(), where + ": positions (both end points sampled, as ImageJ)");
				for (int i = 0; i < ij.length; i++)
					assertEquals(ij[i], p.mean[i], 1e-4 * Math.max(1, Math.abs(ij[i])), where + " position " + i);
			}
	}

	@Test
	void segmentedWidthOneAgreesWithImageJProfilePlot() {
		int w = 40, h = 40;
		float[] px = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				px[y * w + x] = (float) (x * x * 0.5 + 3 * y + 0.1 * x * y);
		ImagePlus imp = new ImagePlus("s", new FloatProcessor(w, h, px));
		float[][][] lines = { { { 3, 20, 25 }, { 5, 5, 30 } }, { { 2.5f, 30, 31, 8 }, { 3.5f, 9, 35.25f, 20 } } };
		for (float[][] l : lines) {
			ij.gui.PolygonRoi roi = new ij.gui.PolygonRoi(l[0], l[1], l[0].length, ij.gui.Roi.POLYLINE);
			imp.setRoi(roi);
			double[] ij = new ProfilePlot(imp).getProfile();
			double[] xs = new double[l[0].length], ys = new double[l[0].length];
			for (int i = 0; i < xs.length; i++) {
				xs[i] = l[0][i];
				ys[i] = l[1][i];
			}
			LineProfile p = LineProfile.sample(px, w, h, xs, ys, 1, 1, 1, Progress.NONE);
			assertEquals(ij.length, p.size());
			for (int i = 0; i < ij.length; i++)
				assertEquals(ij[i], p.mean[i], 1e-3 * Math.abs(ij[i]), "position " + i);
		}
	}

	@Test
	void sdAcrossTheWidthByHand() {
		// 5×5 image; a horizontal line at y = 2 from x = 1 to 3, width 3 samples rows 1, 2, 3.
		float[] px = new float[25];
		int[][] col1 = { { 1, 2 }, { 2, 4 }, { 3, 9 } }; // column x=1: rows 1..3 = 2, 4, 9
		for (int[] c : col1)
			px[c[0] * 5 + 1] = c[1];
		px[1 * 5 + 2] = 1;
		px[2 * 5 + 2] = 1;
		px[3 * 5 + 2] = 1; // column x=2: 1, 1, 1
		px[1 * 5 + 3] = 0;
		px[2 * 5 + 3] = 10;
		px[3 * 5 + 3] = 5; // column x=3: 0, 10, 5
		LineProfile p = LineProfile.sample(px, 5, 5, 1, 2, 3, 2, 3, 0.5, 0.5, Progress.NONE);
		assertEquals(3, p.size());
		assertEquals(5, p.mean[0], 1e-12);
		assertEquals(Math.sqrt(13), p.sd[0], 1e-12); // (9 + 1 + 16) / 2 = 13
		assertEquals(1, p.mean[1], 1e-12);
		assertEquals(0, p.sd[1], 1e-12);
		assertEquals(5, p.mean[2], 1e-12);
		assertEquals(5, p.sd[2], 1e-12); // (25 + 25 + 0) / 2 = 25
		assertEquals(3, p.n[0]);
		assertEquals(1.0, p.distance[2], 1e-12, "two steps of 0.5 µm");
	}

	@Test
	void samplesOutsideTheImageAndNaNAreLeftOut() {
		float[] px = new float[25];
		java.util.Arrays.fill(px, 2);
		px[0 * 5 + 2] = Float.NaN;
		LineProfile p = LineProfile.sample(px, 5, 5, 2, 0, 2, 4, 3, 1, 1, Progress.NONE);
		// position 0 at (2,0): normal (−1, 0) → samples at x = 3, 2, 1 on row 0; x = 2 is NaN
		assertEquals(2, p.n[0]);
		assertEquals(2, p.mean[0], 1e-12);
		// a width of 7 centred on row 1 reaches rows −2 … 4: rows −2 and −1 are outside the image
		LineProfile q = LineProfile.sample(px, 5, 5, 0, 1, 4, 1, 7, 1, 1, Progress.NONE);
		assertEquals(5, q.n[0]);
		assertEquals(4, q.n[2], "column 2 also holds the NaN pixel");
		assertEquals(2, q.sd.length == 5 ? q.mean[2] : Double.NaN, 1e-12);
	}

	@Test
	void segmentedLineAccumulatesDistance() {
		int w = 30, h = 30;
		float[] px = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				px[y * w + x] = 3 * x + 100 * y;
		LineProfile p = LineProfile.sample(px, w, h, new double[] { 2, 12, 12 }, new double[] { 5, 5, 20 }, 1, 2, 2, Progress.NONE);
		assertEquals(10 + 15 + 1, p.size());
		assertEquals(3 * 2 + 500, p.mean[0], 1e-9);
		assertEquals(3 * 12 + 500, p.mean[10], 1e-9);
		assertEquals(3 * 12 + 100 * 20, p.mean[25], 1e-9);
		assertEquals(50, p.distance[25], 1e-9, "25 px of 2 µm");
		for (int i = 1; i < p.size(); i++)
			assertTrue(p.distance[i] > p.distance[i - 1]);
	}
}
