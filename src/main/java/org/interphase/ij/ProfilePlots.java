package org.interphase.ij;

import java.awt.Color;

import org.interphase.core.profile.ErfEdgeFit;
import org.interphase.core.profile.Zones;

import ij.gui.Plot;

/** Profile plots with shaded SD bands, zone and interface marks (shared by the profile commands). */
public final class ProfilePlots {

	private ProfilePlots() {}

	/** A light tint of {@code c} for the SD band. */
	public static Color tint(Color c, double amount) {
		return new Color((int) (c.getRed() + (255 - c.getRed()) * amount), (int) (c.getGreen() + (255 - c.getGreen()) * amount),
			(int) (c.getBlue() + (255 - c.getBlue()) * amount));
	}

	/**
	 * Several profiles over their own distances, each as its mean line over a shaded mean ± SD band
	 * (bands first, so no line is hidden); y limits fit all bands.
	 */
	public static Plot bands(String title, String xLabel, String yLabel, double[][] x, double[][] mean, double[][] sd, String[] names) {
		Plot plot = new Plot(title, xLabel, yLabel);
		double xmin = Double.POSITIVE_INFINITY, xmax = Double.NEGATIVE_INFINITY, ymin = Double.POSITIVE_INFINITY, ymax = Double.NEGATIVE_INFINITY;
		for (int k = 0; k < x.length; k++)
			for (int i = 0; i < x[k].length; i++) {
				double m = mean[k][i], s = sd[k][i] == sd[k][i] ? sd[k][i] : 0;
				if (m != m) continue;
				xmin = Math.min(xmin, x[k][i]);
				xmax = Math.max(xmax, x[k][i]);
				ymin = Math.min(ymin, m - s);
				ymax = Math.max(ymax, m + s);
			}
		if (!(xmax > xmin)) {
			xmin = 0;
			xmax = 1;
		}
		if (!(ymax > ymin)) {
			ymin = ymin == ymin && ymin != Double.POSITIVE_INFINITY ? ymin - 1 : 0;
			ymax = ymin + 2;
		}
		double pad = 0.05 * (ymax - ymin);
		plot.setLimits(xmin, xmax, ymin - pad, ymax + pad);
		for (int k = 0; k < x.length; k++) {
			plot.setColor(tint(Plots.color(k), x.length > 1 ? 0.75 : 0.7));
			plot.setLineWidth(1);
			int len = x[k].length;
			int sub = len > 1 ? Math.max(1, (int) Math.ceil(1200.0 / len)) : 1; // enough lines for a solid band
			for (int i = 0; i < len; i++) {
				for (int j = 0; j < sub; j++) {
					if (j > 0 && i + 1 >= len) break;
					double f = j / (double) sub;
					double m = j == 0 ? mean[k][i] : mean[k][i] + f * (mean[k][i + 1] - mean[k][i]);
					double s = j == 0 ? sd[k][i] : sd[k][i] + f * (sd[k][i + 1] - sd[k][i]);
					double xx = j == 0 ? x[k][i] : x[k][i] + f * (x[k][i + 1] - x[k][i]);
					if (m == m && s == s && s > 0) plot.drawLine(xx, m - s, xx, m + s);
				}
			}
		}
		for (int k = 0; k < x.length; k++) {
			plot.setColor(Plots.color(k));
			plot.setLineWidth(1.5f);
			plot.addPoints(x[k], mean[k], Plot.LINE);
			plot.setLabel(-1, names[k] + " mean");
			Plots.addHidden(plot, x[k], sd[k], Plots.color(k), names[k] + " sd");
		}
		Plots.legendIfSeveral(plot);
		return plot;
	}

	/** Marks each zone by vertical lines at its ends and a thick line at its mean, labelled. */
	public static void zones(Plot plot, Zones.Stats[] zones, String[] labels) {
		double[] lim = plot.getLimits();
		for (int z = 0; z < zones.length; z++) {
			Zones.Stats s = zones[z];
			if (s == null) continue;
			Color c = z == 0 ? Color.DARK_GRAY : new Color(0x8c564b);
			plot.setColor(c);
			plot.setLineWidth(1);
			plot.drawDottedLine(s.range.from, lim[2], s.range.from, lim[3], 2);
			plot.drawDottedLine(s.range.to, lim[2], s.range.to, lim[3], 2);
			if (s.mean == s.mean) {
				plot.setLineWidth(3);
				plot.drawLine(s.range.from, s.mean, s.range.to, s.mean);
				plot.setLineWidth(1);
				plot.addText(labels[z], s.range.from, lim[3] - 0.04 * (lim[3] - lim[2]));
			}
		}
	}

	/** Marks each interface position by a dashed line. */
	public static void interfaces(Plot plot, java.util.List<ErfEdgeFit.Edge> edges, double shift) {
		double[] lim = plot.getLimits();
		plot.setColor(new Color(0x2ca02c));
		plot.setLineWidth(1);
		for (ErfEdgeFit.Edge e : edges)
			if (e.ok) plot.drawDottedLine(e.x0 - shift, lim[2], e.x0 - shift, lim[3], 4);
	}
}
