package org.interphase.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.interphase.core.profile.ErfEdgeFit;
import org.interphase.ij.XrfImages;
import org.interphase.ij.OutputFiles;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;

/**
 * Demo data for Track Interface: S and P maps of an electrolyte front advancing over an electrode
 * at a known velocity, 1 µm pixels, uneven frame times, Poisson-like noise (fixed seed).
 */
public final class FrontDemoData {

	public static final String SERIES = "voids/front-series.tif";
	public static final String TRUTH = "voids/front-truth.txt";
	public static final double VELOCITY_UM_PER_H = 1.33, START_UM = 20, SIGMA_UM = 2.5;
	public static final double[] TIMES_H = { 0, 1, 2, 3, 4, 6, 7, 8, 10 };
	static final int WIDTH = 80, HEIGHT = 24;

	private FrontDemoData() {}

	/** Writes the series and its truth under {@code root}; returns the files. */
	public static List<Path> write(Path root) throws IOException {
		SplittableRandom rnd = new SplittableRandom(133);
		ImageStack st = new ImageStack(WIDTH, HEIGHT);
		for (double t : TIMES_H) {
			double x0 = START_UM + VELOCITY_UM_PER_H * t;
			for (String el : new String[] { "S_K", "P_K" }) {
				double high = el.equals("S_K") ? 80 : 40;
				float[] px = new float[WIDTH * HEIGHT];
				for (int p = 0; p < px.length; p++)
					px[p] = DemoData.poisson(rnd, ErfEdgeFit.model(p % WIDTH + 0.5, 6, high, x0, SIGMA_UM));
				st.addSlice(el, new FloatProcessor(WIDTH, HEIGHT, px));
			}
		}
		ImagePlus imp = new ImagePlus("front-series", st);
		imp.setDimensions(2, 1, TIMES_H.length);
		imp.setOpenAsHyperStack(true);
		Calibration cal = new Calibration();
		cal.pixelWidth = cal.pixelHeight = 1;
		cal.setUnit("µm");
		cal.setTimeUnit("h");
		imp.setCalibration(cal);
		StringBuilder times = new StringBuilder();
		for (double t : TIMES_H)
			times.append(times.length() > 0 ? "," : "").append(t);
		imp.setProp(XrfImages.FRAME_TIMES, times.toString());
		imp.setProp(XrfImages.ELEMENTS, "S_K,P_K");
		Path file = root.resolve(SERIES);
		Files.createDirectories(file.getParent());
		OutputFiles.saveFloatTiff(imp, file);
		Path truth = root.resolve(TRUTH);
		Files.writeString(truth, String.format(Locale.ROOT,
			"# Interphase demo phantom (FrontDemoData): electrolyte front (S 80, P 40 counts) over an electrode (6 counts)%n"
				+ "# x0(t) = %.2f + %.2f t um (pixel centres at x + 0.5), erf sigma %.2f um, frame times (h) %s%n",
			START_UM, VELOCITY_UM_PER_H, SIGMA_UM, times));
		return List.of(file, truth);
	}
}
