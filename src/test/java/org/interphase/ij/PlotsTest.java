package org.interphase.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.Calibration;
import ij.process.LUT;

public class PlotsTest {

	/** Whether the plot carries a legend (ImageJ has no public getter for it). */
	public static boolean hasLegend(Plot plot) throws ReflectiveOperationException {
		Field pp = Plot.class.getDeclaredField("pp");
		pp.setAccessible(true);
		Object props = pp.get(plot);
		Field legend = props.getClass().getDeclaredField("legend");
		legend.setAccessible(true);
		return legend.get(props) != null;
	}

	@Test
	void labelColoursAreTheLabelLutColours() {
		LUT lut = LabelImages.distinctLut();
		for (int k = 1; k <= 255; k++)
			assertEquals(new Color(lut.getRGB(k)), Plots.labelColor(k), "label " + k);
		assertEquals(Plots.labelColor(1), Plots.labelColor(256), "16-bit labels above 255 repeat the LUT");
	}

	@Test
	void columnNamesCarryTheUnit() {
		assertEquals("energy_eV", Plots.columnName("Energy (eV)", "x"));
		assertEquals("distance_from_the_interface_um", Plots.columnName("Distance from the interface (µm)", "x"));
		assertEquals("cluster_2_sd", Plots.columnName("cluster 2 sd", "y"));
		assertEquals("y", Plots.columnName(null, "y"));
		assertEquals("hertz_sphere_fit", Plots.columnName("hertz_sphere fit: E = 19.98 kPa, R² = 0.9999", "y"), "the series, not its result");
		assertEquals("rate_um_per_h", Plots.columnName("Rate (µm/h)", "y"));
	}

	@Test
	void plotDataNamesEverySeriesAndKeepsTheSd(@TempDir Path tmp) throws IOException, ReflectiveOperationException {
		double[] x = { 700, 701, 702 }, m1 = { 1, 2, 3 }, s1 = { 0.1, 0.2, 0.3 }, m2 = { 3, 2, 1 }, s2 = { 0.3, 0.2, 0.1 };
		Plot plot = new Plot("spectra", "Energy (eV)", "OD");
		Plots.addMeanSd(plot, x, m1, s1, Plots.labelColor(1), "cluster 1");
		Plots.addMeanSd(plot, x, m2, s2, Plots.labelColor(2), "cluster 2");
		Plots.legendIfSeveral(plot);
		assertTrue(hasLegend(plot), "two series: a legend");
		Path png = tmp.resolve("p.png"), csv = tmp.resolve("p.csv");
		OutputFiles.savePlot(plot, png, csv);
		List<String> lines = Files.readAllLines(csv);
		assertEquals("energy_eV,cluster_1_mean,cluster_1_sd,cluster_2_mean,cluster_2_sd", lines.get(0));
		assertEquals(1 + x.length, lines.size());
		for (int i = 0; i < x.length; i++) {
			double[] row = Arrays.stream(lines.get(1 + i).split(",")).mapToDouble(Double::parseDouble).toArray();
			assertArrayEquals(new double[] { x[i], m1[i], s1[i], m2[i], s2[i] }, row, 1e-6);
		}
	}

	@Test
	void oneSeriesNoLegend() throws ReflectiveOperationException {
		Plot plot = Plots.lines("one", "x (nm)", "y", new double[] { 1, 2 }, new String[] { "a" }, new double[] { 1, 2 });
		assertFalse(hasLegend(plot));
		assertTrue(hasLegend(Plots.lines("two", "x (nm)", "y", new double[] { 1, 2 }, new String[] { "a", "b" }, new double[] { 1, 2 },
			new double[] { 2, 1 })));
	}

	@Test
	void mapValueUnitAndLabelLutSurviveTheTiff(@TempDir Path tmp) throws IOException {
		Calibration cal = new Calibration();
		ImagePlus e0 = Images.map("stack E0 (eV)", 3, 2, new float[6], cal);
		OutputFiles.saveFloatTiff(e0, tmp.resolve("e0.tif"));
		assertEquals("eV", IJ.openImage(tmp.resolve("e0.tif").toString()).getCalibration().getValueUnit());
		ImagePlus labels = LabelImages.labelImage("l", 3, 1, new int[] { 0, 1, 2 }, cal);
		OutputFiles.saveFloatTiff(labels, tmp.resolve("l.tif"));
		ImagePlus back = IJ.openImage(tmp.resolve("l.tif").toString());
		for (int k = 0; k <= 2; k++)
			assertEquals(labels.getProcessor().getColorModel().getRGB(k) & 0xffffff, back.getProcessor().getColorModel().getRGB(
				(int) Math.round(255 * (k - back.getDisplayRangeMin()) / (back.getDisplayRangeMax() - back.getDisplayRangeMin()))) & 0xffffff,
				"label " + k + " keeps its colour in the saved TIFF");
	}
}
