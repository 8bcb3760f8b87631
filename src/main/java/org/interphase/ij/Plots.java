package org.interphase.ij;

import java.awt.Color;

import ij.gui.Plot;

/** Plot construction shared by every command. */
public final class Plots {

	/** Distinct colours for series, in order. */
	private static final Color[] PALETTE = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
		new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0x7f7f7f), new Color(0xbcbd22) };

	private Plots() {}

	public static Color color(int i) {
		return PALETTE[i % PALETTE.length];
	}

	/** A line plot of several series over one x axis, with a legend. */
	public static Plot lines(String title, String xLabel, String yLabel, double[] x, String[] names, double[]... ys) {
		Plot plot = new Plot(title, xLabel, yLabel);
		StringBuilder legend = new StringBuilder();
		for (int i = 0; i < ys.length; i++) {
			plot.setColor(color(i));
			plot.setLineWidth(1.5f);
			plot.addPoints(x, ys[i], Plot.LINE);
			if (i > 0) legend.append('\n');
			legend.append(names[i]);
		}
		if (ys.length > 1) plot.addLegend(legend.toString());
		plot.setLimitsToFit(false);
		return plot;
	}

	/**
	 * Adds a mean curve with its ± SD band: the band edges as thin light lines, the mean as a thick
	 * line in the same hue (the band stays readable when several series overlap).
	 */
	public static void addMeanSd(Plot plot, double[] x, double[] mean, double[] sd, Color color, String label) {
		double[] lo = new double[mean.length], hi = new double[mean.length];
		for (int i = 0; i < mean.length; i++) {
			lo[i] = mean[i] - sd[i];
			hi[i] = mean[i] + sd[i];
		}
		Color light = new Color(color.getRed(), color.getGreen(), color.getBlue(), 110);
		plot.setColor(light);
		plot.setLineWidth(1f);
		plot.addPoints(x, lo, Plot.LINE);
		plot.setLabel(-1, label + " −SD");
		plot.addPoints(x, hi, Plot.LINE);
		plot.setLabel(-1, label + " +SD");
		plot.setColor(color);
		plot.setLineWidth(2f);
		plot.addPoints(x, mean, Plot.LINE);
		plot.setLabel(-1, label);
	}
}
