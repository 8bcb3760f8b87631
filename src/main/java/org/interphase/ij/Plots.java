package org.interphase.ij;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ij.gui.Plot;
import ij.measure.ResultsTable;
import ij.process.LUT;

/** Plot construction shared by every command. */
public final class Plots {

	/** Distinct colours for series that are not labels, in order. */
	private static final Color[] PALETTE = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
		new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0x7f7f7f), new Color(0xbcbd22) };

	private static final LUT LABELS = LabelImages.distinctLut();

	private Plots() {}

	public static Color color(int i) {
		return PALETTE[i % PALETTE.length];
	}

	/**
	 * The colour of label {@code label} in {@link LabelImages#distinctLut()} (labels above 255 wrap
	 * as in the 16-bit label images): the one palette for data that belongs to a label image, so
	 * cluster k in a plot has the colour of cluster k in its label image.
	 */
	public static Color labelColor(int label) {
		int i = label <= 0 ? 0 : 1 + (label - 1) % 255;
		return new Color(LABELS.getRGB(i));
	}

	/** A line plot of several series over one x axis, with a legend. */
	public static Plot lines(String title, String xLabel, String yLabel, double[] x, String[] names, double[]... ys) {
		Plot plot = new Plot(title, xLabel, yLabel);
		for (int i = 0; i < ys.length; i++) {
			plot.setColor(color(i));
			plot.setLineWidth(1.5f);
			plot.addPoints(x, ys[i], Plot.LINE);
			plot.setLabel(-1, names[i]);
		}
		legendIfSeveral(plot);
		plot.setLimitsToFit(false);
		return plot;
	}

	/**
	 * Adds a mean curve with its ± SD band: the band edges as thin light lines (drawn, not data), the
	 * mean as a thick line in the same hue labelled "{@code label} mean", and the SD as a hidden
	 * series labelled "{@code label} sd" so that the plotted data (CSV) carries it but the legend
	 * does not.
	 */
	public static void addMeanSd(Plot plot, double[] x, double[] mean, double[] sd, Color color, String label) {
		Color light = new Color(color.getRed(), color.getGreen(), color.getBlue(), 110);
		plot.setColor(light);
		plot.setLineWidth(1f);
		for (int sign = -1; sign <= 1; sign += 2)
			for (int i = 0; i + 1 < mean.length; i++) {
				double a = mean[i] + sign * sd[i], b = mean[i + 1] + sign * sd[i + 1];
				if (Double.isFinite(a) && Double.isFinite(b)) plot.drawLine(x[i], a, x[i + 1], b);
			}
		plot.setColor(color);
		plot.setLineWidth(2f);
		plot.addPoints(x, mean, Plot.LINE);
		plot.setLabel(-1, label + " mean");
		addHidden(plot, x, sd, color, label + " sd");
	}

	/** A series that is kept in the plotted data (CSV) but neither drawn nor listed in the legend. */
	public static void addHidden(Plot plot, double[] x, double[] y, Color color, String label) {
		plot.addPoints(x, y, Plot.LINE);
		plot.setLabel(-1, label);
		plot.setStyle(plot.getNumPlotObjects() - 1, hex(color) + ",none,1,Line,hidden");
	}

	private static String hex(Color c) {
		return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
	}

	/** Adds a legend from the series labels when the plot shows more than one series. */
	public static void legendIfSeveral(Plot plot) {
		if (plot.getDataObjectDesignations().length > 1) plot.addLegend(null);
	}

	/**
	 * The plotted data as a table whose columns name what they hold: the x column after the x-axis
	 * label ("Energy (eV)" → {@code energy_eV}), each series after its label ("cluster 1 mean" →
	 * {@code cluster_1_mean}); a series whose x values differ from the first series' gets its own
	 * x column before it. Hidden series (SD) are included.
	 */
	public static ResultsTable dataTable(Plot plot) {
		ResultsTable src = plot.getResultsTableWithLabels();
		String[] heads = src.getHeadings();
		ResultsTable rt = Tables.empty();
		List<String> names = new ArrayList<>();
		List<double[]> cols = new ArrayList<>();
		double[] x0 = heads.length > 0 ? src.getColumnAsDoubles(0) : new double[0];
		double[] lastX = x0;
		names.add(columnName(plot.getLabel('x'), "x"));
		cols.add(x0);
		for (int c = 1; c < heads.length; c++) {
			double[] v = src.getColumnAsDoubles(c);
			boolean isX = c + 1 < heads.length && (heads[c].startsWith("X") || heads[c].startsWith("x"));
			if (isX) {
				if (java.util.Arrays.equals(v, x0) || java.util.Arrays.equals(v, lastX)) continue;
				lastX = v;
				names.add(columnName(heads[c + 1], "series_" + c) + "_" + names.get(0));
			} else names.add(columnName(heads[c], "series_" + c));
			cols.add(v);
		}
		int rows = src.size();
		for (int r = 0; r < rows; r++) {
			rt.incrementCounter();
			for (int c = 0; c < names.size(); c++) {
				double[] v = cols.get(c);
				rt.addValue(unique(names, c), v != null && r < v.length ? v[r] : Double.NaN);
			}
		}
		return rt;
	}

	private static String unique(List<String> names, int c) {
		String n = names.get(c);
		int dup = 0;
		for (int i = 0; i < c; i++)
			if (names.get(i).equals(n)) dup++;
		return dup == 0 ? n : n + "_" + (dup + 1);
	}

	/**
	 * A CSV column name from a label: the unit in parentheses becomes a suffix ("Energy (eV)" →
	 * {@code energy_eV}, "Distance (µm)" → {@code distance_um}), other words lower case, joined by '_'.
	 */
	public static String columnName(String label, String fallback) {
		if (label == null || label.trim().isEmpty()) return fallback;
		String s = label.trim().replace('_', ' ').replace("µ", "u").replace("μ", "u");
		int colon = s.indexOf(':');
		if (colon > 0) s = s.substring(0, colon); // "OLS: 1.32 ± 0.01 µm/h": the series, not its result
		String unit = "";
		int open = s.lastIndexOf('('), close = s.lastIndexOf(')');
		if (open >= 0 && close > open) {
			unit = s.substring(open + 1, close).trim();
			s = s.substring(0, open) + s.substring(close + 1);
		}
		String name = clean(s.toLowerCase(Locale.ROOT));
		String u = clean(unit.replace("µ", "u").replace("μ", "u").replace("%", "pct").replace("/", " per "));
		if (name.isEmpty()) return u.isEmpty() ? fallback : u;
		return u.isEmpty() ? name : name + "_" + u;
	}

	private static String clean(String s) {
		String t = s.replace("±", " pm ").replace("+", " plus ").replaceAll("[^A-Za-z0-9]+", "_");
		if (t.startsWith("_")) t = t.substring(1);
		if (t.endsWith("_")) t = t.substring(0, t.length() - 1);
		return t;
	}
}
