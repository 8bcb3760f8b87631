package org.interphase.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.interphase.core.Progress;
import org.interphase.core.morphology.VoidPhantom;
import org.interphase.core.morphology.VoidTracking;
import org.interphase.ij.AutoThresholds;
import org.interphase.ij.XrfImages;
import org.interphase.io.XrfMapsReader;
import org.interphase.io.XrfTimeSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.FloatProcessor;

/**
 * The void phantom (two irregular voids, S and P maps with a 3 µm P-deficient rim, Poisson counts)
 * written as a TIFF series (one two-page TIFF per frame, scan times in the file), imported with the
 * time-series reader and tracked as Track Voids does (Otsu through ImageJ's AutoThresholder).
 */
class VoidSeriesEndToEndTest {

	static void writeSeries(Path dir, float[][][] frames) {
		for (int t = 0; t < frames.length; t++) {
			ImageStack st = new ImageStack(VoidPhantom.W, VoidPhantom.H);
			st.addSlice("S_K", new FloatProcessor(VoidPhantom.W, VoidPhantom.H, frames[t][0]));
			st.addSlice("P_K", new FloatProcessor(VoidPhantom.W, VoidPhantom.H, frames[t][1]));
			ImagePlus imp = new ImagePlus("frame " + t, st);
			Calibration cal = new Calibration();
			cal.pixelWidth = cal.pixelHeight = 1;
			cal.setUnit("µm");
			imp.setCalibration(cal);
			imp.setProp(XrfMapsReader.SCAN_TIME_PROPERTY, String.format("2024-05-01T%02d:00:00", 8 + t));
			new FileSaver(imp).saveAsTiffStack(dir.resolve("scan_" + (100 + t) + ".tif").toString());
		}
	}

	@Test
	void phantomThroughTiffSeriesRecoversRatesRimAndClosure(@TempDir Path dir) {
		writeSeries(dir, VoidPhantom.frames(7));
		XrfTimeSeries series = XrfTimeSeries.read(dir, "S_K,P_K", "", "none", Double.NaN, false);
		assertEquals("scan_time_start", series.timeSource);
		ImagePlus hyper = XrfImages.toHyperstack(series, "phantom");
		assertEquals(2, hyper.getNChannels());
		assertEquals(VoidPhantom.FRAMES, hyper.getNFrames());
		XrfImages.Series s = XrfImages.series(hyper, "maps");
		assertEquals(List.of("S_K", "P_K"), s.names);
		double[] expectTimes = new double[VoidPhantom.FRAMES];
		for (int t = 0; t < expectTimes.length; t++)
			expectTimes[t] = t;
		assertArrayEquals(expectTimes, s.timesH, 1e-9);
		assertEquals(1.0, s.pixelWidth, 1e-12);

		float[][][] prep = VoidTracking.prepare(s.frames, s.width, s.height, new int[] { 0, 1 }, true, 1.0, Progress.NONE);
		double[] thr = AutoThresholds.forChannels(prep, "otsu", Double.NaN);
		VoidTracking.Params p = new VoidTracking.Params();
		p.pixelWidth = s.pixelWidth;
		p.pixelHeight = s.pixelHeight;
		VoidTracking.Result r = VoidTracking.track(prep, s.width, s.height, thr, s.timesH, p, Progress.NONE);
		assertEquals(2, r.tracks.size(), "two voids, two tracks");
		for (VoidTracking.Track tr : r.tracks) {
			int v = tr.observations.get(0).centroidXUm < VoidPhantom.W / 2.0 ? 0 : 1;
			assertEquals(VoidPhantom.RATE[v], -tr.ecdFit.slope, 0.05 * VoidPhantom.RATE[v], "healing rate of void " + v);
			double rim = 0;
			for (VoidTracking.Observation o : tr.observations)
				rim += (o.channelEcdUm[1] - o.channelEcdUm[0]) / 2;
			rim /= tr.observations.size();
			assertEquals(VoidPhantom.RIM, rim, 1.0, "rim of void " + v);
			assertEquals(VoidPhantom.closureFrame(v), tr.closureFrame, "closure frame of void " + v);
			for (VoidTracking.Observation o : tr.observations)
				assertEquals("ok", o.status(), "no spurious split/merge/gap on void " + v + " frame " + o.frame);
		}
		// the command's tables carry the same numbers
		String[] ch = { "S_K", "P_K" };
		ij.measure.ResultsTable rates = TrackVoids.ratesTable(r, ch);
		assertEquals(2, rates.size());
		assertTrue(rates.columnExists("healing_rate_se") && rates.columnExists("closure_frame") && rates.columnExists("initial_ecd_um_S_K"));
		ij.measure.ResultsTable tracks = TrackVoids.tracksTable(r, ch);
		assertTrue(tracks.columnExists("ecd_um_P_K") && tracks.columnExists("status") && tracks.columnExists("feret_um"));
	}
}
