package org.interphase.core.morphology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.interphase.core.Progress;
import org.junit.jupiter.api.Test;

class VoidTrackingTest {

	static VoidTracking.Result trackPhantom(float[][][] frames) {
		int nt = frames.length;
		float[][][] prep = VoidTracking.prepare(frames, VoidPhantom.W, VoidPhantom.H, new int[] { 0, 1 }, true, 1.0, Progress.NONE);
		double[] times = new double[nt];
		for (int t = 0; t < nt; t++)
			times[t] = t;
		VoidTracking.Params p = new VoidTracking.Params();
		p.minAreaUm2 = 4;
		return VoidTracking.track(prep, VoidPhantom.W, VoidPhantom.H, new double[] { 0.5, 0.5 }, times, p, Progress.NONE);
	}

	/** Phantom truth: healing rates within 5 %, rim within 1 µm, closure frame exact. */
	@Test
	void recoversRatesRimAndClosure() {
		VoidTracking.Result r = trackPhantom(VoidPhantom.frames(42));
		assertEquals(2, r.tracks.size(), "two voids, two tracks");
		for (VoidTracking.Track tr : r.tracks) {
			VoidTracking.Observation first = tr.observations.get(0);
			int v = first.centroidXUm < VoidPhantom.W / 2.0 ? 0 : 1;
			double rate = -tr.ecdFit.slope;
			assertEquals(VoidPhantom.RATE[v], rate, 0.05 * VoidPhantom.RATE[v], "healing rate of void " + v);
			assertTrue(tr.ecdFit.slopeSe < 0.05 * VoidPhantom.RATE[v], "SE " + tr.ecdFit.slopeSe);
			double rim = 0;
			for (VoidTracking.Observation o : tr.observations)
				rim += (o.channelEcdUm[1] - o.channelEcdUm[0]) / 2;
			rim /= tr.observations.size();
			assertEquals(VoidPhantom.RIM, rim, 1.0, "P − S rim of void " + v);
			assertEquals(VoidPhantom.closureFrame(v), tr.closureFrame, "closure frame of void " + v);
			assertEquals(VoidPhantom.closureFrame(v) < 0 ? "open" : "closed", tr.end);
			assertEquals(VoidPhantom.ECD0[v], first.channelEcdUm[0], 1.5, "initial S ECD of void " + v);
		}
	}

	private static float[][][] binaryFrames(boolean[][] masks, int w) {
		float[][][] f = new float[masks.length][1][];
		for (int t = 0; t < masks.length; t++) {
			f[t][0] = new float[masks[t].length];
			for (int p = 0; p < masks[t].length; p++)
				f[t][0][p] = masks[t][p] ? 0 : 10;
		}
		return f;
	}

	private static VoidTracking.Result trackMasks(boolean[][] masks, int w, int h, boolean excludeEdges) {
		float[][][] frames = binaryFrames(masks, w);
		double[] times = new double[masks.length];
		for (int t = 0; t < times.length; t++)
			times[t] = t;
		VoidTracking.Params p = new VoidTracking.Params();
		p.minAreaUm2 = 2;
		p.excludeEdges = excludeEdges;
		float[][][] prep = VoidTracking.prepare(frames, w, h, new int[] { 0 }, false, 0, Progress.NONE);
		return VoidTracking.track(prep, w, h, new double[] { 5 }, times, p, Progress.NONE);
	}

	private static void rect(boolean[] m, int w, int x0, int y0, int x1, int y1) {
		for (int y = y0; y < y1; y++)
			for (int x = x0; x < x1; x++)
				m[y * w + x] = true;
	}

	@Test
	void splitKeepsLargestAndStartsChildTrack() {
		int w = 40, h = 20;
		boolean[][] m = new boolean[2][w * h];
		rect(m[0], w, 5, 5, 35, 15);
		rect(m[1], w, 5, 5, 22, 15);
		rect(m[1], w, 24, 5, 35, 15);
		VoidTracking.Result r = trackMasks(m, w, h, false);
		assertEquals(2, r.tracks.size());
		VoidTracking.Track parent = r.tracks.get(0), child = r.tracks.get(1);
		assertEquals(2, parent.observations.size(), "the larger part continues the track");
		assertEquals(parent.id, child.parentTrack);
		assertTrue(child.observations.get(0).status().contains("split"));
	}

	@Test
	void mergeEndsOneTrackAndReportsIt() {
		int w = 40, h = 20;
		boolean[][] m = new boolean[2][w * h];
		rect(m[0], w, 5, 5, 22, 15);
		rect(m[0], w, 24, 5, 35, 15);
		rect(m[1], w, 5, 5, 35, 15);
		VoidTracking.Result r = trackMasks(m, w, h, false);
		assertEquals(2, r.tracks.size());
		assertEquals("merged", r.tracks.get(1).end);
		assertEquals(r.tracks.get(0).id, r.tracks.get(1).mergedInto);
		assertTrue(r.tracks.get(0).observations.get(1).status().contains("merged"));
		assertEquals(-1, r.tracks.get(1).closureFrame, "a merged void did not close");
	}

	@Test
	void oneFrameGapIsBridgedAndClosureIsRecorded() {
		int w = 30, h = 30;
		boolean[][] m = new boolean[6][w * h];
		rect(m[0], w, 10, 10, 20, 20);
		rect(m[1], w, 11, 11, 19, 19);
		// frame 2: missing (noise dropped it)
		rect(m[3], w, 12, 12, 18, 18);
		// frames 4, 5: closed
		VoidTracking.Result r = trackMasks(m, w, h, false);
		assertEquals(1, r.tracks.size(), "the gap does not start a new track");
		VoidTracking.Track tr = r.tracks.get(0);
		assertEquals(3, tr.observations.size());
		assertTrue(tr.observations.get(2).status().contains("reappeared"));
		assertEquals("closed", tr.end);
		assertEquals(4, tr.closureFrame);
		int[] ids = r.trackLabels[3];
		assertEquals(tr.id, ids[15 * w + 15]);
	}

	@Test
	void borderVoidsAreReportedOrExcluded() {
		int w = 30, h = 30;
		boolean[][] m = new boolean[2][w * h];
		rect(m[0], w, 0, 5, 6, 12);
		rect(m[1], w, 0, 5, 5, 12);
		rect(m[0], w, 15, 15, 20, 20);
		rect(m[1], w, 15, 15, 19, 19);
		VoidTracking.Result kept = trackMasks(m, w, h, false);
		assertEquals(2, kept.tracks.size());
		assertTrue(kept.tracks.get(0).observations.get(0).status().contains("border"));
		assertEquals("ok", kept.tracks.get(1).observations.get(0).status());
		VoidTracking.Result excluded = trackMasks(m, w, h, true);
		assertEquals(1, excluded.tracks.size());
	}

	@Test
	void feretAndEcdMatchImageJDefinitions() {
		int w = 20, h = 20;
		int[] labels = new int[w * h];
		for (int y = 2; y < 5; y++)
			for (int x = 3; x < 7; x++)
				labels[y * w + x] = 1; // 4×3 rectangle: Feret = diagonal 5, area 12
		Regions.Measures m = Regions.measure(labels, 1, w, h);
		assertEquals(12, m.area[0]);
		assertEquals(5.0, m.feret[0], 1e-12);
		assertEquals(2 * Math.sqrt(12 / Math.PI), m.ecd(0), 1e-12);
		assertEquals(5.0, m.centroidX[0], 1e-12);
		assertEquals(3.5, m.centroidY[0], 1e-12);
	}

	@Test
	void fillHolesFillsEnclosedBackgroundOnly() {
		int w = 7, h = 7;
		boolean[] mask = new boolean[w * h];
		for (int y = 1; y < 6; y++)
			for (int x = 1; x < 6; x++)
				mask[y * w + x] = x == 1 || x == 5 || y == 1 || y == 5;
		Regions.fillHoles(mask, w, h, new int[w * h]);
		assertTrue(mask[3 * w + 3]);
		assertTrue(!mask[0]);
	}

	/** The bounding-box flood agrees with the definition (background not 4-connected to the border) on random masks. */
	@Test
	void fillHolesMatchesBackgroundLabellingOnRandomMasks() {
		java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
		int w = 41, h = 37;
		for (int trial = 0; trial < 50; trial++) {
			boolean[] mask = new boolean[w * h];
			double density = 0.3 + 0.3 * rnd.nextDouble();
			for (int p = 0; p < mask.length; p++)
				mask[p] = rnd.nextDouble() < density;
			boolean[] expected = mask.clone();
			boolean[] bg = new boolean[w * h];
			for (int p = 0; p < bg.length; p++)
				bg[p] = !mask[p];
			int[] l = new int[w * h];
			int c = Labeling.label(bg, w, h, false, l);
			boolean[] border = Regions.borderLabels(l, c, w, h);
			for (int p = 0; p < bg.length; p++)
				if (bg[p] && !border[l[p]]) expected[p] = true;
			boolean[] mask2 = mask.clone();
			Regions.fillHoles(mask, w, h, new int[w * h]);
			org.junit.jupiter.api.Assertions.assertArrayEquals(expected, mask, "trial " + trial);
			// the label-keeping variant: same mask, and its labels are the components of the filled mask
			int[] kept = new int[w * h];
			int c0 = Labeling.label(mask2, w, h, true, kept);
			Regions.fillHoles(mask2, w, h, kept, c0);
			org.junit.jupiter.api.Assertions.assertArrayEquals(expected, mask2, "trial " + trial + " (labels kept)");
			int[] fresh = new int[w * h];
			int cf = Labeling.label(expected, w, h, true, fresh);
			int ck = Regions.filter(kept, c0, w, h, 1, false);
			assertEquals(cf, ck, "component count after filling, trial " + trial);
			int[] fwd = new int[cf + 1], back = new int[cf + 1];
			for (int p = 0; p < fresh.length; p++) {
				if (fresh[p] == 0) {
					assertEquals(0, kept[p]);
					continue;
				}
				if (fwd[fresh[p]] == 0) fwd[fresh[p]] = kept[p];
				if (back[kept[p]] == 0) back[kept[p]] = fresh[p];
				assertEquals(fwd[fresh[p]], kept[p], "one-to-one labels, trial " + trial);
				assertEquals(back[kept[p]], fresh[p], "one-to-one labels, trial " + trial);
			}
		}
	}

	@Test
	void rateFitSlopeAndStandardError() {
		double[] t = { 0, 1, 2, 3, 4 }, y = { 10, 8.1, 5.9, 4.1, 1.9 };
		RateFit f = RateFit.fit(t, y, 5);
		// closed form for this data
		double b = -2.02, a = 10.04;
		assertEquals(b, f.slope, 1e-9);
		assertEquals(a, f.intercept, 1e-9);
		double rss = 0;
		for (int i = 0; i < 5; i++)
			rss += Math.pow(y[i] - a - b * t[i], 2);
		assertEquals(Math.sqrt(rss / 3 / 10), f.slopeSe, 1e-9);
		assertEquals(-a / b, f.zeroCrossing(), 1e-9);
	}

	@Test
	void gaussianKeepsMeanAndSmoothsNoise() {
		int w = 64, h = 64;
		float[] img = new float[w * h];
		java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
		for (int p = 0; p < img.length; p++)
			img[p] = (float) rnd.nextDouble();
		float[] out = new float[w * h];
		new Smoothing.Worker(2).smooth(img, out, w, h);
		double m0 = 0, m1 = 0, v1 = 0;
		for (int p = 0; p < img.length; p++) {
			m0 += img[p];
			m1 += out[p];
		}
		m0 /= img.length;
		m1 /= img.length;
		for (float v : out)
			v1 += (v - m1) * (v - m1);
		v1 /= img.length;
		assertEquals(m0, m1, 0.01);
		// uniform noise variance 1/12, reduced by ≈ 1/(4πσ²) = 1/50
		assertTrue(v1 < 1.0 / 12 / 20, "variance " + v1);
	}
}
