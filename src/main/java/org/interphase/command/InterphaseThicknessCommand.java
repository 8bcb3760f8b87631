package org.interphase.command;

import org.interphase.core.morphology.InterphaseThickness;
import org.interphase.ij.Gui;
import org.interphase.ij.Images;
import org.interphase.ij.LabelImages;
import org.interphase.ij.Tables;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.Calibration;
import ij.measure.ResultsTable;

/** Local thickness of an interphase between two phases of a label image, by exact distance transforms. */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Segment>Interphase Thickness", headless = true,
	description = "Thickness map and statistics of the interphase between phase A and phase C of a label image")
public class InterphaseThicknessCommand extends InterphaseCommand {

	@Parameter(label = "Label image", persist = false)
	private ImagePlus labels;

	@Parameter(label = "Label of phase A (e.g. NMC)", min = "0")
	private int phase_a = 1;

	@Parameter(label = "Label of the interphase", min = "0")
	private int interphase = 2;

	@Parameter(label = "Label of phase C (e.g. electrolyte)", min = "0")
	private int phase_c = 3;

	@Parameter(label = "Pixel size (nm, 0 = from the calibration)", min = "0")
	private double pixel_size = 0;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus thickness_map;

	@Parameter(type = ItemIO.OUTPUT, label = "Interphase thickness")
	private ResultsTable statistics;

	@Parameter(type = ItemIO.OUTPUT)
	private Plot histogram;

	@Parameter(type = ItemIO.OUTPUT, label = "mean thickness")
	private double mean_thickness;

	@Parameter(type = ItemIO.OUTPUT, label = "median thickness")
	private double median_thickness;

	@Override
	protected void execute() {
		require(labels != null, "labels: no image given");
		int[] lab = Images.labels(labels, "labels");
		int w = labels.getWidth(), h = labels.getHeight();
		double[] nm = LabelImages.pixelSizeNm(labels, pixel_size);
		String unit = nm == null ? "px" : "nm";
		double pw = nm == null ? 1 : nm[0], ph = nm == null ? 1 : nm[1];
		if (nm == null) Gui.log("Interphase Thickness: \"" + labels.getTitle() + "\" is not calibrated in nm/µm and pixel_size is 0: thickness in pixels");
		InterphaseThickness.Result r = InterphaseThickness.compute(lab, w, h, phase_a, interphase, phase_c, pw, ph, progress());
		Calibration cal = nm == null ? labels.getCalibration() : LabelImages.nmCalibration(pw, ph);
		thickness_map = Images.map(title(labels) + " interphase thickness (" + unit + ")", w, h, r.map, cal);
		thickness_map.setProp("interphase.unit", unit);
		mean_thickness = r.mean;
		median_thickness = r.median;
		statistics = Tables.empty();
		statistics.incrementCounter();
		statistics.addValue("pixels", r.pixels);
		statistics.addValue("area_" + unit + "2", r.area);
		statistics.addValue("mean_" + unit, r.mean);
		statistics.addValue("median_" + unit, r.median);
		statistics.addValue("sd_" + unit, r.sd);
		statistics.addValue("p10_" + unit, r.p10);
		statistics.addValue("p90_" + unit, r.p90);
		statistics.addValue("min_" + unit, r.min);
		statistics.addValue("max_" + unit, r.max);
		histogram = histogram(r.values, unit);
		Gui.log(String.format(java.util.Locale.ROOT, "Interphase Thickness: mean %.4g %s, median %.4g, 10–90 %% %.4g–%.4g %s over %d pixels", r.mean, unit,
			r.median, r.p10, r.p90, unit, r.pixels));
	}

	static Plot histogram(double[] values, String unit) {
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (double v : values) {
			lo = Math.min(lo, v);
			hi = Math.max(hi, v);
		}
		int bins = 30;
		if (!(hi > lo)) {
			lo = lo - 0.5;
			hi = lo + 1;
		}
		double width = (hi - lo) / bins;
		double[] x = new double[bins], count = new double[bins];
		for (int b = 0; b < bins; b++)
			x[b] = lo + (b + 0.5) * width;
		for (double v : values)
			count[Math.min(bins - 1, (int) ((v - lo) / width))]++;
		Plot plot = new Plot("Interphase thickness", "Thickness (" + unit + ")", "Pixels");
		plot.setColor(new java.awt.Color(0x1f77b4), new java.awt.Color(0x9ecae1));
		plot.addPoints(x, count, Plot.BAR);
		double top = 0;
		for (double c : count)
			top = Math.max(top, c);
		plot.setLimits(lo, hi, 0, Math.max(1, top * 1.05));
		return plot;
	}

	private static String title(ImagePlus imp) {
		String t = imp.getTitle();
		int dot = t.lastIndexOf('.');
		return dot > 0 ? t.substring(0, dot) : t;
	}
}
