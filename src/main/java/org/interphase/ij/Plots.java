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
}
