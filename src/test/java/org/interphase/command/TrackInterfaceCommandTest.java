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

import org.interphase.cli.demo.FrontDemoData;
import org.interphase.cli.Main;
import org.interphase.cli.OutputWriter;
import org.interphase.ij.OutputFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.process.FloatProcessor;

/**
 * Track Interface end to end through the CLI, on the demo's S/P time series (1 µm pixels, uneven
 * frame times) in which the electrolyte front moves at a known 1.33 µm/h.
 */
class TrackInterfaceCommandTest {

	@TempDir
	Path tmp;

	@Test
	void frontVelocityWithin5PercentThroughTheCli() throws IOException {
		// the demo phantom: front advancing at 1.33 µm/h, uneven frame times, Poisson-like noise
		FrontDemoData.write(tmp);
		Path file = tmp.resolve(FrontDemoData.SERIES);
		Path out = tmp.resolve("out");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int rc = new Main(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false)
			.run(new String[] { "run", "Track Interface", "maps=" + file, "channel=P_K", "x1=2", "y1=12", "x2=78", "y2=12", "width=11", "--out",
				out.toString() });
		assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
		String json = Files.readString(out.resolve("outputs.json"));
		double v = Double.parseDouble(json.replaceAll("(?s).*\"velocity_um_per_h\": ([-0-9.eE]+).*", "$1"));
		assertEquals(FrontDemoData.VELOCITY_UM_PER_H, v, 0.05 * FrontDemoData.VELOCITY_UM_PER_H, "front velocity within 5 %");
		List<String> positions = Files.readAllLines(out.resolve("positions.csv"));
		double[] times = FrontDemoData.TIMES_H;
		assertEquals(times.length + 1, positions.size());
		assertTrue(positions.get(0).startsWith("frame,time_h,position_um,sigma_um"), positions.get(0));
		assertTrue(positions.get(6).startsWith("6," + (int) times[5] + ","), "uneven times kept: " + positions.get(6));
		for (int t = 0; t < times.length; t++) {
			double x = Double.parseDouble(positions.get(t + 1).split(",")[2]);
			// true front at 20 + 1.33 t µm, line starts at x = 2 px with pixel centres at x + 0.5 µm
			assertEquals(20 + 1.33 * times[t] - 2.5, x, 0.5, "frame " + (t + 1) + " position within 0.5 µm");
		}
		assertTrue(Files.readString(out.resolve("rate.csv")).contains("P_K"));
	}

	@Test
	void aSingleFrameIsRefusedWithAMessage() throws IOException {
		ImagePlus imp = new ImagePlus("one", new FloatProcessor(20, 10));
		Path file = tmp.resolve("one.tif");
		OutputFiles.saveFloatTiff(imp, file);
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int rc = new Main(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false)
			.run(new String[] { "run", "Track Interface", "maps=" + file, "x1=1", "y1=5", "x2=18", "y2=5", "--out", tmp.resolve("o").toString() });
		assertEquals(2, rc);
		assertTrue(err.toString(StandardCharsets.UTF_8).contains("maps"), err.toString(StandardCharsets.UTF_8));
	}
}
