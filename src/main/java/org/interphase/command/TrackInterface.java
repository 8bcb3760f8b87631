package org.interphase.command;

import org.interphase.core.morphology.RateFit;
import org.interphase.core.profile.ErfEdgeFit;
import org.interphase.core.profile.InterfaceFront;
import org.interphase.core.profile.LineProfile;
import org.interphase.ij.Gui;
import org.interphase.ij.Plots;
import org.interphase.ij.ProfileInputs;
import org.interphase.ij.Tables;
import org.interphase.ij.XrfImages;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.Calibration;
import ij.measure.ResultsTable;

/**
 * The electrode|electrolyte front along a line in every frame of a time series, and its velocity
 * (µm/h, OLS with SE). Same line sampling and edge fit as Interface Profile.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Voids>Track Interface", headless = true,
	description = "Position of the interface along a line in every frame (erf fit) and its displacement rate")
public class TrackInterface extends InterphaseCommand {

	@Parameter(label = "Time series (C = elements, T = frames)", persist = false)
	private ImagePlus maps;

	@Parameter(label = "Channel (element name or number)")
	private String channel = "1";

	@Parameter(label = "Line start x (px; 0,0,0,0 = use the line selection)", persist = false)
	private double x1 = 0;

	@Parameter(label = "Line start y (px)", persist = false)
	private double y1 = 0;

	@Parameter(label = "Line end x (px)", persist = false)
	private double x2 = 0;

	@Parameter(label = "Line end y (px)", persist = false)
	private double y2 = 0;

	@Parameter(label = "Line width (px; a wide selection's own width wins)", min = "1")
	private int width = 5;

	@Parameter(label = "Interface by", choices = { "erf", "gradient" })
	private String interface_method = "erf";

	@Parameter(label = "Profile smoothing before edge search (px)", min = "0")
	private double smoothing = 1;

	@Parameter(type = ItemIO.OUTPUT, label = "Track Interface positions")
	private ResultsTable positions;

	@Parameter(type = ItemIO.OUTPUT, label = "Track Interface rate")
	private ResultsTable rate;

	@Parameter(type = ItemIO.OUTPUT)
	private Plot plot;

	@Parameter(type = ItemIO.OUTPUT, label = "front velocity (µm/h)")
	private double velocity_um_per_h;

	@Override
	protected void execute() {
		require(maps != null, "maps: no image given");
		XrfImages.Series s = XrfImages.series(maps, "maps");
		int c = s.channel(channel, "channel");
		ProfileInputs.LineGeometry line = ProfileInputs.line(maps, "", x1, y1, x2, y2, width);
		int nt = s.frames.length;
		require(nt >= 2, "maps: \"" + maps.getTitle() + "\" has one frame; a front velocity needs a time series");
		LineProfile[] profiles = new LineProfile[nt];
		for (int t = 0; t < nt; t++) {
			progress().report("interface profiles", t / (double) nt);
			profiles[t] = LineProfile.sample(s.frames[t][c], s.width, s.height, line.xs, line.ys, line.width, s.pixelWidth, s.pixelHeight, null);
		}
		Calibration cal = new Calibration();
		cal.pixelWidth = s.pixelWidth;
		ErfEdgeFit.Options eo = InterfaceProfileCommand.edgeOptions(interface_method, 3, 0.5, smoothing, cal);
		InterfaceFront.Result r = InterfaceFront.track(profiles, s.timesH, eo);
		String unit = s.calibrated ? "um" : "px";
		positions = Tables.empty();
		for (int t = 0; t < nt; t++) {
			positions.incrementCounter();
			positions.addValue("frame", t + 1);
			positions.addValue("time_h", r.timesH[t]);
			positions.addValue("position_" + unit, r.position[t]);
			positions.addValue("sigma_" + unit, r.sigma[t]);
			positions.addValue("width_10_90_" + unit, ErfEdgeFit.WIDTH_10_90 * r.sigma[t]);
			positions.addValue("plateau_1", r.level1[t]);
			positions.addValue("plateau_2", r.level2[t]);
			positions.addValue("r2", r.r2[t]);
			positions.addValue("status", r.status[t]);
		}
		RateFit f = r.rate;
		rate = Tables.empty();
		rate.incrementCounter();
		rate.addValue("channel", s.names.get(c));
		rate.addValue("rate_" + unit + "_per_h", f.slope);
		rate.addValue("rate_se", f.slopeSe);
		rate.addValue("r_squared", f.rSquared);
		rate.addValue("frames_used", f.n);
		rate.addValue("line_width_px", line.width);
		rate.addValue("time_source", s.timeSource);
		velocity_um_per_h = f.slope;
		plot = new Plot("Interface position, " + s.names.get(c), "Time (h)", "Position along the line (" + (s.calibrated ? "µm" : "px") + ")");
		plot.setColor(Plots.color(0));
		plot.addPoints(r.timesH, r.position, Plot.CIRCLE);
		plot.setColor(java.awt.Color.GRAY);
		double[] fit = new double[nt];
		for (int t = 0; t < nt; t++)
			fit[t] = f.intercept + f.slope * r.timesH[t];
		plot.addPoints(r.timesH, fit, Plot.LINE);
		plot.addLegend(String.format("erf position\nOLS: %.3g ± %.2g %s/h", f.slope, f.slopeSe, s.calibrated ? "µm" : "px"));
		plot.setLimitsToFit(false);
		String msg = String.format("Track Interface: front velocity %.4g ± %.2g %s/h (R² %.3f, %d frames)", f.slope, f.slopeSe,
			s.calibrated ? "µm" : "px", f.rSquared, f.n);
		Gui.log(msg);
	}
}
