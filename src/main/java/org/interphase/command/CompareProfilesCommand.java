package org.interphase.command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.interphase.core.profile.ErfEdgeFit;
import org.interphase.core.profile.LineProfile;
import org.interphase.core.profile.ProfileAnalysis;
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

/**
 * The same wide line on several images (e.g. pristine and cycled), each profile in its own origin
 * frame (start, end, or its own first interface), put on the first image's distances.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Profiles>Compare Profiles", headless = true,
	description = "One line geometry on several images; mean ± SD profiles plotted together, aligned at the line start, end or interface")
public class CompareProfilesCommand extends InterphaseCommand {

	@Parameter(label = "Images (comma-separated titles or files; empty = all open images)", required = false)
	private String images = "";

	@Parameter(label = "Line start x (px; 0,0,0,0 = the first image's line selection)", persist = false)
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

	@Parameter(label = "Distances from", choices = { "start", "interface", "end" },
		description = "interface: each image's profile is aligned at its own first interface")
	private String origin = "start";

	@Parameter(label = "Interface measured by", choices = { "erf", "gradient" })
	private String interface_method = "erf";

	@Parameter(label = "Interfaces looked for (origin = the first along the line)", min = "1")
	private int max_edges = 2;

	@Parameter(label = "Edge threshold (fraction of the strongest gradient)", min = "0.01", max = "1")
	private double edge_threshold = 0.5;

	@Parameter(label = "Smoothing before the gradient (px)", min = "0")
	private double smoothing = 1;

	@Parameter(type = ItemIO.OUTPUT, label = "Compare Profiles")
	private ResultsTable profiles;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable alignment;

	@Parameter(type = ItemIO.OUTPUT)
	private Plot plot;

	@Override
	protected void execute() {
		List<ImagePlus> imps = ProfileInputs.imagesOrAllOpen(images, "images", getContext());
		ProfileInputs.LineGeometry line = null;
		for (ImagePlus imp : imps) {
			if (imp.getRoi() != null && imp.getRoi().isLine() || polyline != null && !polyline.trim().isEmpty() || x1 != 0 || y1 != 0 || x2 != 0 || y2 != 0) {
				line = ProfileInputs.line(imp, polyline, x1, y1, x2, y2, width);
				break;
			}
		}
		if (line == null) line = ProfileInputs.line(imps.get(0), polyline, x1, y1, x2, y2, width);
		ProfileAnalysis.Origin o = InterfaceProfileCommand.origin(origin);
		Calibration cal0 = imps.get(0).getCalibration();
		ErfEdgeFit.Options eo = InterfaceProfileCommand.edgeOptions(interface_method, max_edges, edge_threshold, smoothing, cal0);
		int m = imps.size();
		double[][] xs = new double[m][], ms = new double[m][], ss = new double[m][];
		String[] names = new String[m];
		alignment = Tables.empty();
		Set<String> used = new HashSet<>();
		for (int k = 0; k < m; k++) {
			progress().checkCancelled();
			ImagePlus imp = imps.get(k);
			Calibration cal = imp.getCalibration();
			float[] px = ProfileInputs.pixels(imp.getStack(), imp.getCurrentSlice());
			LineProfile raw = LineProfile.sample(px, imp.getWidth(), imp.getHeight(), line.xs, line.ys, line.width, cal.pixelWidth, cal.pixelHeight,
				progress());
			ProfileAnalysis.Result r;
			try {
				r = ProfileAnalysis.analyse(raw, o, o == ProfileAnalysis.Origin.INTERFACE ? eo : null, new ArrayList<>(), null);
			} catch (org.interphase.core.InvalidInputException e) {
				throw new org.interphase.core.InvalidInputException(imp.getTitle() + ": " + e.getMessage());
			}
			xs[k] = r.profile.distance;
			ms[k] = r.profile.mean;
			ss[k] = r.profile.sd;
			names[k] = columnName(ProfileInputs.baseTitle(imp), used);
			alignment.incrementCounter();
			alignment.addValue("image", imp.getTitle());
			alignment.addValue("column", names[k]);
			alignment.addValue("origin_from_start", o == ProfileAnalysis.Origin.INTERFACE ? r.shift : o == ProfileAnalysis.Origin.END ? r.length : 0);
			alignment.addValue("length", r.length);
			alignment.addValue("unit", cal.getUnit());
		}
		String unit = cal0.getUnit() == null || cal0.getUnit().isEmpty() ? "pixel" : cal0.getUnit();
		double[][] cols = new double[1 + 2 * m][];
		String[] heads = new String[1 + 2 * m];
		heads[0] = "distance_" + Tables.unitSuffix(unit);
		cols[0] = xs[0];
		for (int k = 0; k < m; k++) {
			heads[1 + 2 * k] = "mean_" + names[k];
			heads[2 + 2 * k] = "sd_" + names[k];
			cols[1 + 2 * k] = k == 0 ? ms[0] : ProfileAnalysis.resample(xs[k], ms[k], xs[0]);
			cols[2 + 2 * k] = k == 0 ? ss[0] : ProfileAnalysis.resample(xs[k], ss[k], xs[0]);
		}
		profiles = Tables.columns(heads, cols);
				plot = ProfilePlots.bands("Compare Profiles (width " + line.width + " px)",
			"Distance from the " + (o == ProfileAnalysis.Origin.INTERFACE ? "interface" : "line " + origin) + " (" + unit + ")", Images.valueAxis("Mean ± SD across the line", imps.get(0)),
			xs, ms, ss, names);
	}

	/** A column-safe, unique name from a title. */
	static String columnName(String title, Set<String> used) {
		String base = title.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "");
		if (base.isEmpty()) base = "image";
		String name = base;
		for (int i = 2; !used.add(name); i++)
			name = base + "_" + i;
		return name;
	}
}
