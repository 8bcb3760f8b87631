package org.interphase.command;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.interphase.core.morphology.RateFit;
import org.interphase.core.morphology.VoidTracking;
import org.interphase.ij.AutoThresholds;
import org.interphase.ij.Gui;
import org.interphase.ij.Images;
import org.interphase.ij.LabelImages;
import org.interphase.ij.Plots;
import org.interphase.ij.Rois;
import org.interphase.ij.Tables;
import org.interphase.ij.XrfImages;
import org.interphase.io.XrfMaps;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Plot;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;

/** Segments voids in every frame of an XRF time series, links them over time and fits their healing rates. */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Voids>Track Voids", headless = true,
	description = "Segment, measure and track voids (no signal in the element maps) through a time series; healing rates by OLS of ECD(t)")
public class TrackVoids extends InterphaseCommand {

	@Parameter(label = "XRF time series (C = elements, T = frames)", persist = false)
	private ImagePlus maps;

	@Parameter(label = "Void channels (names or numbers; empty = all)", required = false)
	private String void_channels = "";

	@Parameter(label = "A void lacks signal in", choices = { "all", "any" }, description = "all: every listed channel; any: at least one")
	private String rule = "all";

	@Parameter(label = "Threshold method", choices = { "otsu", "default", "huang", "intermodes", "isodata", "ij_isodata", "li", "maxentropy", "mean",
		"minerror", "minimum", "moments", "percentile", "renyientropy", "shanbhag", "triangle", "yen", "value" })
	private String threshold_method = "otsu";

	@Parameter(label = "Threshold value (method = value; fraction of bulk when normalized)")
	private double threshold_value = 0.5;

	@Parameter(label = "Divide each frame by its bulk median")
	private boolean normalize_bulk = true;

	@Parameter(label = "Smoothing sigma (px, 0 = none)", min = "0")
	private double smooth_sigma = 1;

	@Parameter(label = "Minimum void area (µm²)", min = "0")
	private double min_area = 4;

	@Parameter(label = "Fill holes")
	private boolean fill_holes = true;

	@Parameter(label = "Exclude voids touching the edge")
	private boolean exclude_edges = false;

	@Parameter(label = "Minimum IoU to link frames", min = "0", max = "1")
	private double min_iou = 0.3;

	@Parameter(label = "Maximum centroid distance to link (µm)", min = "0")
	private double max_link_distance = 5;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus labels;

	@Parameter(type = ItemIO.OUTPUT, label = "Void Tracks")
	private ResultsTable tracks;

	@Parameter(type = ItemIO.OUTPUT, label = "Void Healing Rates")
	private ResultsTable rates;

	@Parameter(type = ItemIO.OUTPUT)
	private Plot plot;

	@Override
	protected void execute() {
		require(maps != null, "maps: no image given");
		XrfImages.Series s = XrfImages.series(maps, "maps");
		List<String> tokens = XrfMaps.parseList(void_channels);
		int[] channels;
		if (tokens.isEmpty()) {
			channels = new int[s.names.size()];
			for (int c = 0; c < channels.length; c++)
				channels[c] = c;
		} else {
			channels = new int[tokens.size()];
			for (int i = 0; i < channels.length; i++)
				channels[i] = s.channel(tokens.get(i), "void_channels");
		}
		require(smooth_sigma >= 0 && smooth_sigma <= 50, "smooth_sigma: " + smooth_sigma + " px is outside 0–50");
		require(min_iou >= 0 && min_iou <= 1, "min_iou: " + min_iou + " is outside 0–1");
		require(min_area >= 0 && max_link_distance >= 0, "min_area and max_link_distance must be ≥ 0");
		float[][][] prepared = VoidTracking.prepare(s.frames, s.width, s.height, channels, normalize_bulk, smooth_sigma, progress());
		double[] thr = AutoThresholds.forChannels(prepared, threshold_method, threshold_value);
		VoidTracking.Params p = new VoidTracking.Params();
		p.ruleAll = rule.equals("all");
		p.fillHoles = fill_holes;
		p.excludeEdges = exclude_edges;
		p.minAreaUm2 = min_area;
		p.minIou = min_iou;
		p.maxLinkDistanceUm = max_link_distance;
		p.pixelWidth = s.pixelWidth;
		p.pixelHeight = s.pixelHeight;
		VoidTracking.Result r = VoidTracking.track(prepared, s.width, s.height, thr, s.timesH, p, progress());
		String[] chNames = new String[channels.length];
		for (int k = 0; k < channels.length; k++)
			chNames[k] = s.names.get(channels[k]);
		tracks = tracksTable(r, chNames);
		rates = ratesTable(r, chNames);
		labels = labelImage(r, s);
		StringBuilder thrText = new StringBuilder();
		for (int k = 0; k < thr.length; k++)
			thrText.append(k == 0 ? "" : ", ").append(chNames[k]).append(" < ").append(Images.format(thr[k]));
		labels.setProperty("Info", "Track Voids: thresholds " + thrText + (normalize_bulk ? " (× bulk median)" : "") + "; times from " + s.timeSource + "\n");
		if (Gui.interactive()) maps.setOverlay(Rois.labelOutlines(r.trackLabels, r.width, r.tracks.size(), maps.isHyperStack(), "void ")); // pixels untouched; visible only in Fiji
		labels.setOverlay(Rois.labelOutlines(r.trackLabels, r.width, r.tracks.size(), labels.isHyperStack(), "void "));
		plot = ecdPlot(r, chNames);
		Gui.log("Track Voids: " + r.tracks.size() + " tracks; thresholds " + thrText + (s.calibrated ? "" : "; the image is not calibrated: 1 px = 1 µm assumed"));
	}

	private static String suffix(String channel) {
		return channel.replaceAll("[^A-Za-z0-9]+", "_");
	}

	static ResultsTable tracksTable(VoidTracking.Result r, String[] ch) {
		ResultsTable t = Tables.empty();
		for (VoidTracking.Track tr : r.tracks) {
			VoidTracking.Observation prev = null;
			for (VoidTracking.Observation o : tr.observations) {
				t.incrementCounter();
				t.addValue("track_id", o.track);
				t.addValue("frame", o.frame + 1);
				t.addValue("time_h", o.timeH);
				t.addValue("area_um2", o.areaUm2);
				t.addValue("ecd_um", o.ecdUm);
				t.addValue("feret_um", o.feretUm);
				t.addValue("centroid_x_um", o.centroidXUm);
				t.addValue("centroid_y_um", o.centroidYUm);
				for (int k = 0; k < ch.length; k++)
					t.addValue("ecd_um_" + suffix(ch[k]), o.channelEcdUm[k]);
				t.addValue("rate_um_per_h", prev == null ? Double.NaN : -(o.ecdUm - prev.ecdUm) / (o.timeH - prev.timeH));
				t.addValue("parent_track", o.parentTrack == 0 ? Double.NaN : o.parentTrack);
				t.addValue("status", o.status());
				prev = o;
			}
		}
		return t;
	}

	static ResultsTable ratesTable(VoidTracking.Result r, String[] ch) {
		ResultsTable t = Tables.empty();
		for (VoidTracking.Track tr : r.tracks) {
			VoidTracking.Observation first = tr.observations.get(0), last = tr.last();
			t.incrementCounter();
			t.addValue("track_id", tr.id);
			t.addValue("first_frame", first.frame + 1);
			t.addValue("last_frame", last.frame + 1);
			t.addValue("frames", tr.observations.size());
			t.addValue("healing_rate_um_per_h", -tr.ecdFit.slope);
			t.addValue("healing_rate_se", tr.ecdFit.slopeSe);
			t.addValue("r_squared", tr.ecdFit.rSquared);
			t.addValue("area_rate_um2_per_h", -tr.areaFit.slope);
			t.addValue("area_rate_se", tr.areaFit.slopeSe);
			t.addValue("closure_time_h", closure(tr.ecdFit));
			t.addValue("closure_frame", tr.closureFrame < 0 ? Double.NaN : tr.closureFrame + 1);
			t.addValue("closure_frame_time_h", tr.closureFrame < 0 ? Double.NaN : r.timesH[tr.closureFrame]);
			t.addValue("initial_ecd_um", first.ecdUm);
			for (int k = 0; k < ch.length; k++) {
				t.addValue("initial_ecd_um_" + suffix(ch[k]), first.channelEcdUm[k]);
				t.addValue("healing_rate_um_per_h_" + suffix(ch[k]), -tr.channelFits[k].slope);
			}
			t.addValue("parent_track", tr.parentTrack == 0 ? Double.NaN : tr.parentTrack);
			t.addValue("merged_into", tr.mergedInto == 0 ? Double.NaN : tr.mergedInto);
			t.addValue("status", tr.end + (first.border || last.border ? "+border" : ""));
		}
		return t;
	}

	/** Extrapolated closure time (h from the first frame) only for a shrinking void. */
	private static double closure(RateFit f) {
		return f.slope < 0 ? f.zeroCrossing() : Double.NaN;
	}

	private static ImagePlus labelImage(VoidTracking.Result r, XrfImages.Series s) {
		ImageStack st = new ImageStack(r.width, r.height);
		for (int t = 0; t < r.frames; t++) {
			float[] f = new float[r.width * r.height];
			int[] l = r.trackLabels[t];
			for (int i = 0; i < f.length; i++)
				f[i] = l[i];
			st.addSlice(String.format(Locale.ROOT, "t = %s h", Images.format(r.timesH[t])), new FloatProcessor(r.width, r.height, f));
		}
		ImagePlus imp = new ImagePlus("void tracks", st);
		imp.setDimensions(1, 1, r.frames);
		if (r.frames > 1) imp.setOpenAsHyperStack(true);
		Calibration cal = new Calibration();
		if (s.calibrated) {
			cal.pixelWidth = s.pixelWidth;
			cal.pixelHeight = s.pixelHeight;
			cal.setUnit("µm");
		}
		cal.setTimeUnit("h");
		cal.frameInterval = r.frames > 1 ? r.timesH[r.frames - 1] / (r.frames - 1) : 0;
		imp.setCalibration(cal);
		imp.setProp(XrfImages.FRAME_TIMES, String.join(",", timesText(r.timesH)));
		imp.setLut(LabelImages.distinctLut()); // track k has the colour of void k in the ECD plot and the overlay
		imp.setDisplayRange(0, 255);
		return imp;
	}

	private static List<String> timesText(double[] t) {
		List<String> out = new ArrayList<>();
		for (double v : t)
			out.add(Images.format(v));
		return out;
	}

	private static Plot ecdPlot(VoidTracking.Result r, String[] ch) {
		Plot plot = new Plot("Void ECD vs time", "Time (h)", "ECD (µm)");
		double yMax = 1;
		int[] shapes = { Plot.TRIANGLE, Plot.BOX, Plot.DIAMOND, Plot.X, Plot.CROSS };
		for (VoidTracking.Track tr : r.tracks) {
			int n = tr.observations.size();
			double[] t = new double[n], e = new double[n];
			double[][] ce = new double[ch.length][n];
			for (int i = 0; i < n; i++) {
				VoidTracking.Observation o = tr.observations.get(i);
				t[i] = o.timeH;
				e[i] = o.ecdUm;
				yMax = Math.max(yMax, e[i]);
				for (int k = 0; k < ch.length; k++) {
					ce[k][i] = o.channelEcdUm[k];
					yMax = Math.max(yMax, ce[k][i]);
				}
			}
			Color c = Plots.labelColor(tr.id);
			plot.setColor(c, c);
			plot.setLineWidth(2f);
			plot.addPoints(t, e, Plot.LINE);
			plot.setLabel(-1, "void " + tr.id);
			plot.setLineWidth(1f);
			plot.setColor(c);
			for (int k = 0; k < ch.length; k++) {
				plot.addPoints(t, ce[k], shapes[k % shapes.length]);
				plot.setLabel(-1, "void " + tr.id + " " + ch[k]);
			}
		}
		double tMax = r.timesH.length > 0 ? r.timesH[r.timesH.length - 1] : 1;
		plot.setLimits(r.timesH.length > 0 ? r.timesH[0] : 0, tMax > 0 ? tMax : 1, 0, yMax * 1.08);
		if (!r.tracks.isEmpty()) plot.addLegend(null);
		return plot;
	}
}
