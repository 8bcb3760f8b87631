package org.interphase.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.interphase.core.InvalidInputException;
import org.interphase.core.profile.ErfEdgeFit;
import org.interphase.core.profile.LineProfile;
import org.interphase.core.profile.ProfileAnalysis;
import org.interphase.core.profile.Zones;
import org.interphase.ij.Images;
import org.interphase.ij.ProfileInputs;
import org.interphase.ij.ProfilePlots;
import org.interphase.ij.Tables;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.Calibration;
import ij.measure.ResultsTable;

/** Wide line profile (mean ± SD across the width), interfaces by erf fit or gradient, zone depletion (SCIENCE.md §3). */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Profiles>Interface Profile", headless = true,
	description = "Mean ± SD profile across a wide line, interface positions and widths, zone depletion relative to the bulk")
public class InterfaceProfileCommand extends InterphaseCommand {

	@Parameter(label = "Image", persist = false)
	private ImagePlus image;

	@Parameter(label = "Line start x (px; 0,0,0,0 = use the line selection)", persist = false)
	private double x1 = 0;
	@Parameter(label = "Line start y (px)", persist = false)
	private double y1 = 0;
	@Parameter(label = "Line end x (px)", persist = false)
	private double x2 = 0;
	@Parameter(label = "Line end y (px)", persist = false)
	private double y2 = 0;

	@Parameter(label = "Segmented line x,y,x,y,… (px, optional)", required = false, persist = false)
	private String polyline = "";

	@Parameter(label = "Line width (px; a wide selection's own width wins)", min = "1")
	private int width = 1;

	@Parameter(label = "Channel", min = "1")
	private int channel = 1;

	@Parameter(label = "Frame or slice (0 = one profile per frame/slice)", min = "0")
	private int frame = 0;

	@Parameter(label = "Distances from", choices = { "start", "interface", "end" },
		description = "start or end of the line, or the first interface found along it")
	private String origin = "start";

	@Parameter(label = "Interface measured by", choices = { "erf", "gradient" })
	private String interface_method = "erf";

	@Parameter(label = "Interfaces at most", min = "0", description = "0 = do not look for interfaces")
	private int max_edges = 2;

	@Parameter(label = "Edge threshold (fraction of the strongest gradient)", min = "0.01", max = "1")
	private double edge_threshold = 0.5;

	@Parameter(label = "Smoothing before the gradient (px)", min = "0")
	private double smoothing = 1;

	@Parameter(label = "Zones (calibrated, from the origin), e.g. 0-10,78-90", required = false)
	private String zones = "";

	@Parameter(label = "Bulk zone, e.g. 20-70", required = false)
	private String bulk = "";

	@Parameter(type = ItemIO.OUTPUT, label = "Interface Profile")
	private ResultsTable profile;

	@Parameter(type = ItemIO.OUTPUT, label = "Interface Profile zones")
	private ResultsTable zone_stats;

	@Parameter(type = ItemIO.OUTPUT, label = "Interface Profile interfaces")
	private ResultsTable interfaces;

	@Parameter(type = ItemIO.OUTPUT)
	private Plot plot;

	@Override
	protected void execute() {
		require(image != null, "image: no image given");
		ProfileInputs.LineGeometry line = ProfileInputs.line(image, polyline, x1, y1, x2, y2, width);
		List<ProfileInputs.Plane> planes = ProfileInputs.planes(image, channel, frame);
		Calibration cal = image.getCalibration();
		String unit = cal.getUnit() == null || cal.getUnit().isEmpty() ? "pixel" : cal.getUnit();
		ProfileAnalysis.Origin o = origin(origin);
		ErfEdgeFit.Options eo = edgeOptions(interface_method, max_edges, edge_threshold, smoothing, cal);
		require(o != ProfileAnalysis.Origin.INTERFACE || eo != null, "origin: interface needs max_edges ≥ 1");
		List<Zones.Range> zr = Zones.parse(zones, "zones");
		List<Zones.Range> br = Zones.parse(bulk, "bulk");
		require(br.size() <= 1, "bulk: give one range, e.g. 20-70");
		require(zr.isEmpty() || !br.isEmpty(), "bulk: zones need a bulk range for the depletion, e.g. bulk=20-70");
		boolean many = planes.size() > 1;

		profile = Tables.empty();
		zone_stats = Tables.empty();
		interfaces = Tables.empty();
		List<ProfileAnalysis.Result> results = new ArrayList<>();
		for (ProfileInputs.Plane plane : planes) {
			progress().checkCancelled();
			LineProfile raw = LineProfile.sample(plane.pixels, image.getWidth(), image.getHeight(), line.xs, line.ys, line.width, cal.pixelWidth,
				cal.pixelHeight, progress());
			ProfileAnalysis.Result r = ProfileAnalysis.analyse(raw, o, eo, zr, br.isEmpty() ? null : br.get(0));
			results.add(r);
			addRows(r, plane, many, Tables.unitSuffix(unit), profile, zone_stats, interfaces);
		}
		String[] names = new String[planes.size()];
		double[][] xs = new double[planes.size()][], ms = new double[planes.size()][], ss = new double[planes.size()][];
		for (int k = 0; k < planes.size(); k++) {
			names[k] = many ? planes.get(k).label : ProfileInputs.baseTitle(image);
			xs[k] = results.get(k).profile.distance;
			ms[k] = results.get(k).profile.mean;
			ss[k] = results.get(k).profile.sd;
		}
		String xLabel = "Distance from the " + (o == ProfileAnalysis.Origin.INTERFACE ? "interface" : "line " + origin) + " (" + unit + ")";
		plot = ProfilePlots.bands(ProfileInputs.baseTitle(image) + " profile (width " + line.width + " px)", xLabel, Images.valueAxis("Mean ± SD across the line", image),
			xs, ms, ss, names);
		ProfileAnalysis.Result first = results.get(0);
		if (first.bulk != null) {
			Zones.Stats[] marks = new Zones.Stats[first.zones.length + 1];
			String[] labels = new String[marks.length];
			marks[0] = first.bulk;
			labels[0] = "bulk";
			for (int z = 0; z < first.zones.length; z++) {
				marks[z + 1] = first.zones[z];
				labels[z + 1] = String.format(Locale.ROOT, "%.1f %%", first.depletionPct(z));
			}
			ProfilePlots.zones(plot, marks, labels);
		}
		ProfilePlots.interfaces(plot, first.edges, first.shift);
	}

	static ProfileAnalysis.Origin origin(String origin) {
		switch (origin) {
			case "start": return ProfileAnalysis.Origin.START;
			case "interface": return ProfileAnalysis.Origin.INTERFACE;
			case "end": return ProfileAnalysis.Origin.END;
			default: throw new InvalidInputException("origin: unknown value \"" + origin + "\"; use start, interface or end");
		}
	}

	/** Edge-finding options in calibrated units (distances in px scaled by the pixel width); null when none wanted. */
	static ErfEdgeFit.Options edgeOptions(String method, int maxEdges, double threshold, double smoothing, Calibration cal) {
		if (maxEdges <= 0) return null;
		ErfEdgeFit.Options eo = new ErfEdgeFit.Options();
		switch (method) {
			case "erf": eo.method = ErfEdgeFit.Method.ERF; break;
			case "gradient": eo.method = ErfEdgeFit.Method.GRADIENT; break;
			default: throw new InvalidInputException("interface_method: unknown value \"" + method + "\"; use erf or gradient");
		}
		eo.maxEdges = maxEdges;
		eo.threshold = threshold;
		eo.smoothing = smoothing;
		double px = cal.pixelWidth > 0 ? cal.pixelWidth : 1;
		eo.minSeparation = 5 * px;
		eo.minHalfWindow = 5 * px;
		return eo;
	}

	private static void addRows(ProfileAnalysis.Result r, ProfileInputs.Plane plane, boolean many, String u, ResultsTable profile, ResultsTable zoneStats,
		ResultsTable interfaces) {
		LineProfile p = r.profile;
		for (int i = 0; i < p.size(); i++) {
			profile.incrementCounter();
			if (many) {
				profile.addValue("slice", plane.index);
				profile.addValue("slice_label", plane.label);
			}
			profile.addValue("distance_" + u, p.distance[i]);
			profile.addValue("mean", p.mean[i]);
			profile.addValue("sd", p.sd[i]);
			profile.addValue("n", p.n[i]);
		}
		if (r.bulk != null) {
			addZone(zoneStats, plane, many, u, "bulk", r.bulk, Double.NaN);
			for (int z = 0; z < r.zones.length; z++)
				addZone(zoneStats, plane, many, u, r.zones[z].range.label, r.zones[z], r.depletionPct(z));
		}
		int k = 0;
		for (ErfEdgeFit.Edge e : r.edges) {
			interfaces.incrementCounter();
			if (many) {
				interfaces.addValue("slice", plane.index);
				interfaces.addValue("slice_label", plane.label);
			}
			interfaces.addValue("edge", ++k);
			interfaces.addValue("x0_" + u, r.x0(e));
			interfaces.addValue("x0_from_start_" + u, r.x0FromStart(e));
			interfaces.addValue("sigma_" + u, e.sigma);
			interfaces.addValue("width_10_90_" + u, e.width1090());
			interfaces.addValue("width_20_80_" + u, e.width2080());
			interfaces.addValue("plateau_1", e.level1);
			interfaces.addValue("plateau_2", e.level2);
			interfaces.addValue("r2", e.r2);
			interfaces.addValue("fit_ok", e.ok ? 1 : 0);
		}
	}

	private static void addZone(ResultsTable t, ProfileInputs.Plane plane, boolean many, String u, String name, Zones.Stats s, double depletion) {
		t.incrementCounter();
		if (many) {
			t.addValue("slice", plane.index);
			t.addValue("slice_label", plane.label);
		}
		t.addValue("zone", name);
		t.addValue("from_" + u, s.range.from);
		t.addValue("to_" + u, s.range.to);
		t.addValue("mean", s.mean);
		t.addValue("sd", s.sd);
		t.addValue("n", s.n);
		t.addValue("positions", s.positions);
		t.addValue("depletion_pct", depletion);
	}
}
