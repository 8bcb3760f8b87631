package org.interphase.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.interphase.cli.Main;
import org.interphase.cli.OutputWriter;
import org.interphase.core.profile.ErfEdgeFit;
import org.interphase.ij.XrfImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;

/**
 * Track Interface end to end: an S/P time series (1 µm pixels, uneven frame times) in which the
 * electrolyte front moves at 1.33 µm/h, written as an ImageJ hyperstack TIFF and run through the CLI.
 */
class TrackInterfaceCommandTest {

	@TempDir
	Path tmp;

	@Test
	void frontVelocityWithin5PercentThroughTheCli() throws IOException {
		double[] times = { 0, 1, 2, 3, 4, 6, 7, 8, 9 };
		double velocity = 1.33, start = 25;
		int w = 90, h = 30;
		SplittableRandom rnd = new SplittableRandom(2026);
		ImageStack st = new ImageStack(w, h);
		for (double t : times) {
			double x0 = start + velocity * t;
			for (String el : new String[] { "S_K", "P_K" }) {
				float[] px = new float[w * h];
				double high = el.equals("S_K") ? 120 : 60; // P weaker but same front
				for (int p = 0; p < px.length; p++)
					px[p] = org.interphase.core.profile.InterfaceFrontTest.poisson(rnd, ErfEdgeFit.model(p % w, 10, high, x0, 3));
				st.addSlice(el, new FloatProcessor(w, h, px));
			}
		}
		ImagePlus imp = new ImagePlus("front", st);
		imp.setDimensions(2, 1, times.length);
		imp.setOpenAsHyperStack(true);
		Calibration cal = new Calibration();
		cal.pixelWidth = cal.pixelHeight = 1;
		cal.setUnit("µm");
		imp.setCalibration(cal);
		StringBuilder tp = new StringBuilder();
		for (double t : times)
			tp.append(tp.length() > 0 ? "," : "").append(t);
		imp.setProp(XrfImages.FRAME_TIMES, tp.toString());
		Path file = tmp.resolve("front.tif");
		OutputWriter.saveFloatTiff(imp, file);

		Path out = tmp.resolve("out");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int rc = new Main(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false)
			.run(new String[] { "run", "Track Interface", "maps=" + file, "channel=S_K", "x1=2", "y1=15", "x2=88", "y2=15", "width=11", "--out", out.toString() });
		assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
		String json = Files.readString(out.resolve("outputs.json"));
		double v = Double.parseDouble(json.replaceAll("(?s).*\"velocity_um_per_h\": ([-0-9.eE]+).*", "$1"));
		assertEquals(velocity, v, 0.05 * velocity, "front velocity within 5 %");
		List<String> positions = Files.readAllLines(out.resolve("positions.csv"));
		assertEquals(times.length + 1, positions.size());
		assertTrue(positions.get(0).startsWith("frame,time_h,position_um,sigma_um"), positions.get(0));
		assertTrue(positions.get(6).startsWith("6,6,"), "uneven times kept: " + positions.get(6));
		assertTrue(Files.readString(out.resolve("rate.csv")).contains("S_K"));
	}

	@Test
	void aSingleFrameIsRefusedWithAMessage() throws IOException {
		ImagePlus imp = new ImagePlus("one", new FloatProcessor(20, 10));
		Path file = tmp.resolve("one.tif");
		OutputWriter.saveFloatTiff(imp, file);
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int rc = new Main(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false)
			.run(new String[] { "run", "Track Interface", "maps=" + file, "x1=1", "y1=5", "x2=18", "y2=5", "--out", tmp.resolve("o").toString() });
		assertEquals(2, rc);
		assertTrue(err.toString(StandardCharsets.UTF_8).contains("maps"), err.toString(StandardCharsets.UTF_8));
	}
}
