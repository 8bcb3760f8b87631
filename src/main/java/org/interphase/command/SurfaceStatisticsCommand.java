package org.interphase.command;

import java.util.ArrayList;
import java.util.List;

import org.interphase.core.afm.Leveling;
import org.interphase.core.afm.SurfaceStatistics.Result;
import org.interphase.ij.AfmImages;
import org.interphase.ij.Plots;
import org.interphase.ij.Tables;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Plot;
import ij.measure.ResultsTable;

/**
 * Gwyddion's statistical functions of every height slice (SCIENCE.md §4, docs/afm.md "Surface
 * Statistics"): 1D PSD along the fast scan axis x and radial PSD (log-log plot), row ACF (plot),
 * and a table of Sq, Sal, Str, decay directions, ACF 1/e length and the fractal dimension from the
 * PSD slope. Levelled first as Surface Roughness does.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>AFM>Surface Statistics", headless = true,
	description = "Power spectral density (1D along x and radial), autocorrelation, Sal, Str and PSD fractal dimension of each height image, as Gwyddion computes them")
public class SurfaceStatisticsCommand extends InterphaseCommand {

	@Parameter(label = "Image", persist = false)
	private ImagePlus image;

	@Parameter(label = "Level first", choices = { "none", "plane", "polynomial", "align_rows_median", "align_rows_mean", "plane_then_rows" },
		description = "Leveling applied before the statistics (Gwyddion's examples use a mean plane)")
	private String level = "plane";

	@Parameter(label = "Polynomial degree", min = "1", max = "10", description = "Used by level=polynomial")
	private int degree = 2;

	@Parameter(label = "ACF threshold s", min = "0.01", max = "0.99", description = "Sal and Str: the distance at which the 2D ACF has decayed to s·ACF(0) (ISO 25178 default 0.2)")
	private double acf_threshold = 0.2;

	@Parameter(label = "Fractal fit from K (rad/µm)", min = "0", description = "Lower end of the PSD slope fit; 0 = the first PSD point")
	private double fit_from = 0;

	@Parameter(label = "Fractal fit to K (rad/µm)", min = "0", description = "Upper end of the PSD slope fit; 0 = the last PSD point (Nyquist − 1)")
	private double fit_to = 0;

	@Parameter(type = ItemIO.OUTPUT, label = "Surface Statistics")
	private ResultsTable statistics;

	@Parameter(type = ItemIO.OUTPUT, label = "Power spectral density")
	private Plot psd_plot;

	@Parameter(type = ItemIO.OUTPUT, label = "Autocorrelation")
	private Plot acf_plot;

	@Override
	protected void execute() {
		require(image != null, "image: no image given");
		require(fit_to == 0 || fit_to > fit_from, "fit_to: must exceed fit_from (" + fit_from + " rad/µm), or be 0");
		int w = image.getWidth(), h = image.getHeight();
		require(w >= 8 && h >= 8, "image: " + w + "×" + h + " pixels is too small for spectral statistics (at least 8×8)");
		double[] px = AfmImages.pixelSizeNm(image, "image");
		ResultsTable rt = Tables.empty();
		ImageStack st = image.getStack();
		List<Result> results = new ArrayList<>();
		List<String> names = new ArrayList<>();
		boolean anyHeight = false;
		for (int s = 1; s <= st.getSize(); s++) {
			float[] nm = AfmImages.heightsNm(image, s);
			if (nm == null) continue; // not a height channel
			anyHeight = true;
			if (!level.equals("none")) nm = Leveling.level(nm, w, h, level, degree, null, progress());
			// K limits: rad/µm → rad/nm
			Result r = org.interphase.core.afm.SurfaceStatistics.compute(nm, w, h, px[0], px[1], 1e-9, acf_threshold, fit_from / 1000, fit_to / 1000, progress());
			String name = st.getSize() == 1 ? image.getTitle() : image.getTitle() + ":" + AfmImages.channelName(image, s);
			rt.incrementCounter();
			rt.addValue("image", name);
			rt.addValue("level", level + (level.equals("polynomial") ? " " + degree : ""));
			rt.addValue("Sq_nm", r.sq);
			rt.addValue("Sal_nm", r.decay.sal);
			rt.addValue("slowest_decay_nm", r.decay.slowest);
			rt.addValue("Str", r.decay.str);
			rt.addValue("fastest_decay_deg", r.decay.fastestAngle);
			rt.addValue("slowest_decay_deg", r.decay.slowestAngle);
			rt.addValue("acf_threshold", acf_threshold);
			rt.addValue("acf_1e_length_nm", r.acfLength);
			rt.addValue("psd_slope", r.beta);
			rt.addValue("fractal_dimension", r.fractalDimension);
			rt.addValue("fractal_dimension_gwyddion", r.gwyddionFractalDimension);
			rt.addValue("fit_from_rad_per_um", r.fitKMin * 1000);
			rt.addValue("fit_to_rad_per_um", r.fitKMax * 1000);
			rt.addValue("fit_points", r.fitPoints);
			results.add(r);
			names.add(st.getSize() == 1 ? "" : AfmImages.channelName(image, s));
		}
		require(anyHeight, "image: no slice holds heights (its units are " + image.getProp(AfmImages.UNITS) + "); choose a height channel");
		statistics = rt;
		psd_plot = psdPlot(results, names);
		acf_plot = acfPlot(results, names);
	}

	private static Plot psdPlot(List<Result> rs, List<String> names) {
		Plot plot = new Plot("Power spectral density", "K (rad/µm)", "PSD (nm²·µm)");
		int n = Math.min(rs.size(), 5);
		for (int i = 0; i < n; i++) {
			Result r = rs.get(i);
			plot.setColor(Plots.color(2 * i));
			plot.setLineWidth(1.5f);
			plot.addPoints(scale(r.psd.x, 1000), scale(r.psd.y, 1e-3), Plot.LINE);
			plot.setLabel(-1, ("1D along x " + names.get(i)).trim());
			plot.setColor(Plots.color(2 * i + 1));
			plot.addPoints(scale(r.radialPsd.x, 1000), scale(r.radialPsd.y, 1e-3), Plot.LINE);
			plot.setLabel(-1, ("radial " + names.get(i)).trim());
		}
		plot.setLogScaleX();
		plot.setLogScaleY();
		Plots.legendIfSeveral(plot);
		plot.setLimitsToFit(false);
		return plot;
	}

	private static Plot acfPlot(List<Result> rs, List<String> names) {
		int n = Math.min(rs.size(), 10);
		Plot plot = new Plot("Autocorrelation", "lag along x (nm)", "ACF (nm²)");
		for (int i = 0; i < n; i++) {
			Result r = rs.get(i);
			// the first half: beyond it the row ACF rests on few pixel pairs
			int half = Math.max(2, r.acf.x.length / 2);
			plot.setColor(Plots.color(i));
			plot.setLineWidth(1.5f);
			plot.addPoints(java.util.Arrays.copyOf(r.acf.x, half), java.util.Arrays.copyOf(r.acf.y, half), Plot.LINE);
			plot.setLabel(-1, ("row ACF " + names.get(i)).trim());
		}
		Plots.legendIfSeveral(plot);
		plot.setLimitsToFit(false);
		return plot;
	}

	private static double[] scale(double[] v, double f) {
		double[] o = new double[v.length];
		for (int i = 0; i < v.length; i++)
			o[i] = v[i] * f;
		return o;
	}
}
