package org.interphase.command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.interphase.core.InvalidInputException;
import org.interphase.core.profile.HistogramComparison;
import org.interphase.ij.Images;
import org.interphase.ij.Plots;
import org.interphase.ij.ProfileInputs;
import org.interphase.ij.Tables;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.ResultsTable;

/** Histograms of several images on identical bins, with per-image statistics (SCIENCE.md §3). */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Profiles>Histogram Compare", headless = true,
	description = "Counts-per-pixel histograms of several images on identical bins, and n, mean, SD, CV, skewness, kurtosis, percentiles, sum")
public class HistogramCompareCommand extends InterphaseCommand {

	@Parameter(label = "Images (comma-separated titles or files; empty = all open images)", required = false)
	private String images = "";

	@Parameter(label = "Masks (one per image, nonzero = counted; optional)", required = false)
	private String masks = "";

	@Parameter(label = "Bins", min = "1", max = "100000")
	private int bins = 64;

	@Parameter(label = "Lowest bin edge (empty = smallest value of all images)", required = false)
	private String min = "";

	@Parameter(label = "Highest bin edge (empty = largest value of all images)", required = false)
	private String max = "";

	@Parameter(label = "Histogram values", choices = { "counts", "fraction" })
	private String normalize = "counts";

	@Parameter(type = ItemIO.OUTPUT, label = "Histogram Compare")
	private ResultsTable histograms;

	@Parameter(type = ItemIO.OUTPUT, label = "Histogram Compare statistics")
	private ResultsTable stats;

	@Parameter(type = ItemIO.OUTPUT)
	private Plot plot;

	@Override
	protected void execute() {
		List<ImagePlus> imps = ProfileInputs.imagesOrAllOpen(images, "images", getContext());
		List<ImagePlus> maskImps = ProfileInputs.images(masks, "masks", getContext());
		require(maskImps.isEmpty() || maskImps.size() == imps.size(),
			"masks: " + maskImps.size() + " masks for " + imps.size() + " images; give one mask per image or none");
		List<float[]> values = new ArrayList<>();
		List<boolean[]> maskList = maskImps.isEmpty() ? null : new ArrayList<>();
		for (int k = 0; k < imps.size(); k++) {
			ImagePlus imp = imps.get(k);
			values.add(ProfileInputs.pixels(imp.getStack(), imp.getCurrentSlice()));
			if (maskList != null) {
				ImagePlus mk = maskImps.get(k);
				require(mk.getWidth() == imp.getWidth() && mk.getHeight() == imp.getHeight(), "masks: " + mk.getTitle() + " is " + mk.getWidth() + "×"
					+ mk.getHeight() + " but its image " + imp.getTitle() + " is " + imp.getWidth() + "×" + imp.getHeight());
				float[] mp = ProfileInputs.pixels(mk.getStack(), mk.getCurrentSlice());
				boolean[] b = new boolean[mp.length];
				for (int i = 0; i < mp.length; i++)
					b[i] = mp[i] != 0 && mp[i] == mp[i];
				maskList.add(b);
			}
		}
		double lo = bound(min, "min"), hi = bound(max, "max");
		boolean fraction = "fraction".equals(normalize);
		HistogramComparison.Result r = HistogramComparison.compute(values, maskList, bins, lo, hi, fraction, progress());
		String[] names = new String[imps.size()];
		Set<String> used = new HashSet<>();
		for (int k = 0; k < names.length; k++)
			names[k] = CompareProfilesCommand.columnName(ProfileInputs.baseTitle(imps.get(k)), used);
		String[] heads = new String[names.length + 1];
		double[][] cols = new double[names.length + 1][];
		heads[0] = "bin_centre";
		cols[0] = r.centres;
		for (int k = 0; k < names.length; k++) {
			heads[k + 1] = names[k];
			cols[k + 1] = r.counts[k];
		}
		histograms = Tables.columns(heads, cols);
		stats = Tables.empty();
		for (int k = 0; k < names.length; k++) {
			HistogramComparison.Stats s = r.stats[k];
			stats.incrementCounter();
			stats.addValue("image", imps.get(k).getTitle());
			stats.addValue("n", s.n);
			stats.addValue("mean", s.mean);
			stats.addValue("sd", s.sd);
			stats.addValue("cv", s.cv);
			stats.addValue("skewness", s.skewness);
			stats.addValue("excess_kurtosis", s.excessKurtosis);
			for (int p = 0; p < HistogramComparison.PERCENTILES.length; p++)
				stats.addValue(String.format(Locale.ROOT, "p%.0f", HistogramComparison.PERCENTILES[p]), s.percentiles[p]);
			stats.addValue("sum", s.sum);
			stats.addValue("min", s.min);
			stats.addValue("max", s.max);
			stats.addValue("below_range", s.below);
			stats.addValue("above_range", s.above);
		}
		plot = Plots.lines("Histogram Compare (" + bins + " bins, " + fmt(r.edges[0]) + " … " + fmt(r.edges[bins]) + ")", Images.valueAxis("Value", imps.get(0)),
			fraction ? "Fraction of pixels" : "Pixels", r.centres, names, r.counts);
	}

	private static double bound(String text, String field) {
		if (text == null || text.trim().isEmpty()) return Double.NaN;
		try {
			double v = Double.parseDouble(text.trim());
			if (Double.isNaN(v) || Double.isInfinite(v)) throw new NumberFormatException();
			return v;
		} catch (NumberFormatException e) {
			throw new InvalidInputException(field + ": \"" + text + "\" is not a number (leave it empty for the common range)");
		}
	}

	private static String fmt(double v) {
		return String.format(Locale.ROOT, "%.4g", v);
	}
}
