package org.interphase.command;

import java.awt.Color;
import java.io.File;
import java.util.Arrays;
import java.util.Locale;

import org.interphase.core.InvalidInputException;
import org.interphase.core.afm.ContactPoint;
import org.interphase.core.afm.ForceCurve;
import org.interphase.core.afm.ForceMap;
import org.interphase.core.afm.IndentationFit;
import org.interphase.core.afm.IndentationModel;
import org.interphase.ij.Gui;
import org.interphase.ij.Images;
import org.interphase.ij.Tables;
import org.interphase.io.ForceFiles;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.Calibration;
import ij.measure.ResultsTable;

/**
 * Young's modulus, contact point, adhesion and R² of every force curve of a file or folder
 * (SCIENCE.md §4): Hertz sphere, Sneddon cone, pyramid or DMT, contact point by residual,
 * threshold or variance ratio. Failed fits are NaN in the maps and named in the curves table.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>AFM>Force Curve Modulus", headless = true,
	description = "Fit contact models to force curves (Bruker, JPK, text) and map the modulus, contact height, adhesion and R²")
public class ForceCurveModulus extends InterphaseCommand {

	@Parameter(label = "Force file or folder", style = FileWidget.OPEN_STYLE,
		description = "Bruker NanoScope force curve/volume, JPK .jpk-force/.jpk-force-map/.jpk-qi-data/.jpk-qi-series, Asylum .ibw, AFM Workshop .csv, a text curve, or a folder of text curves")
	private File file;

	@Parameter(label = "Model", choices = { "hertz_sphere", "sneddon_sphere", "sneddon_cone", "pyramid", "dmt" })
	private String model = "hertz_sphere";

	@Parameter(label = "Tip radius (nm)", min = "0", description = "sphere (Hertz, Sneddon) and DMT")
	private double tip_radius = 20;

	@Parameter(label = "Half-opening angle (deg)", min = "0", max = "89.9", description = "cone and pyramid")
	private double half_angle = 18;

	@Parameter(label = "Sample Poisson ratio", min = "-1", max = "0.5")
	private double poisson = 0.5;

	@Parameter(label = "Segment", choices = { "approach", "retract" }, description = "dmt always uses the retract")
	private String segment = "approach";

	@Parameter(label = "Contact point", choices = { "residual", "fit", "threshold", "variance_ratio" },
		description = "fit: nanite's free contact point, E and baseline")
	private String contact_method = "residual";

	@Parameter(label = "Contact-point weighting (nm, 0 = off; fit only)", min = "0",
		description = "nanite's weight_cp: residuals scaled by min(1, |s − s_c| / width); nanite's default is 500 nm")
	private double contact_weight = 0;

	@Parameter(label = "Minimum points in contact", min = "3", description = "fewer flags the curve: NaN in the maps")
	private int min_points = 10;

	@Parameter(label = "Minimum R² (0 = no check)", min = "0", max = "1", description = "lower flags the curve: NaN in the maps")
	private double min_r2 = 0;

	@Parameter(label = "Fit from (% of max indentation; dmt: of force above adhesion)", min = "0", max = "100")
	private double fit_min = 0;

	@Parameter(label = "Fit to (%)", min = "0", max = "100", description = "dmt with 0–100 uses Bruker's 20–80 %")
	private double fit_max = 100;

	@Parameter(label = "Spring constant (N/m, 0 = from file)", min = "0")
	private double spring_constant = 0;

	@Parameter(label = "Deflection sensitivity (nm/V, 0 = from file)", min = "0")
	private double deflection_sensitivity = 0;

	@Parameter(label = "Curve to plot (0 = first)", min = "0")
	private int plot_index = 0;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus modulus;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus contact;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus adhesion;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus r_squared;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus fit_status;

	@Parameter(type = ItemIO.OUTPUT, label = "Force Curve Modulus curves")
	private ResultsTable curves;

	@Parameter(type = ItemIO.OUTPUT, label = "Force Curve Modulus summary")
	private ResultsTable summary;

	@Parameter(type = ItemIO.OUTPUT)
	private Plot plot;

	@Override
	protected void execute() {
		require(file != null, "file: no force file or folder given");
		IndentationFit.Settings s = new IndentationFit.Settings();
		s.model = IndentationModel.of(model);
		s.tipRadius = tip_radius;
		s.halfAngle = half_angle;
		s.poisson = poisson;
		s.retract = segment.equals("retract");
		s.contactMethod = ContactPoint.Method.of(contact_method);
		s.contactWeight = contact_weight;
		s.minPoints = min_points;
		s.minRSquared = min_r2;
		boolean sphere = s.model == IndentationModel.HERTZ_SPHERE || s.model == IndentationModel.SNEDDON_SPHERE
			|| s.model == IndentationModel.DMT;
		require(!sphere || tip_radius > 0, "tip_radius: must be > 0 nm for " + model);
		require(sphere || (half_angle > 0 && half_angle < 90), "half_angle: must be between 0 and 90 degrees for " + model);
		require(fit_max > fit_min, "fit_max (" + fit_max + ") must be above fit_min (" + fit_min + ")");
		boolean dmtDefault = s.model == IndentationModel.DMT && fit_min == 0 && fit_max == 100;
		s.fitMin = dmtDefault ? 0.2 : fit_min / 100;
		s.fitMax = dmtDefault ? 0.8 : fit_max / 100;

		// JPK files without a force conversion are read with the calibration given here (else refused naming the keys)
		ForceMap map = ForceFiles.read(file.toPath(), spring_constant > 0 ? spring_constant : Double.NaN,
			deflection_sensitivity > 0 ? deflection_sensitivity : Double.NaN);
		try {
			map = map.recalibrated(spring_constant > 0 ? spring_constant : Double.NaN,
				deflection_sensitivity > 0 ? deflection_sensitivity : Double.NaN);
		} catch (IllegalArgumentException e) {
			throw new InvalidInputException("deflection_sensitivity: " + e.getMessage());
		}
		boolean anyK = false;
		for (ForceCurve c : map.curves)
			if (c != null && c.springConstant > 0) anyK = true;
		require(anyK, "spring_constant: " + file.getName() + " gives no spring constant; set spring_constant (N/m)");

		IndentationFit.MapResult r = IndentationFit.fitMap(map, s, progress());
		int w = map.width, h = map.height, n = w * h;

		// only reliable fits enter the maps and the statistics; flagged ones keep their numbers in the curves table
		double[] reliable = new double[n];
		for (int i = 0; i < n; i++)
			reliable[i] = r.status[i] == IndentationFit.Status.OK ? r.modulus[i] : Double.NaN;
		double[] finite = Arrays.stream(reliable).filter(Double::isFinite).sorted().toArray();
		double median = finite.length == 0 ? Double.NaN : finite.length % 2 == 1 ? finite[finite.length / 2]
			: 0.5 * (finite[finite.length / 2 - 1] + finite[finite.length / 2]);
		boolean kpa = !(median >= 1e6);
		String unit = kpa ? "kPa" : "MPa";
		double scale = kpa ? 1e-3 : 1e-6;

		float[] e = new float[n], zc = new float[n], adh = new float[n], r2 = new float[n], st = new float[n];
		double zMax = Double.NEGATIVE_INFINITY;
		for (double v : r.contact)
			if (Double.isFinite(v)) zMax = Math.max(zMax, v);
		for (int i = 0; i < n; i++) {
			e[i] = (float) (reliable[i] * scale);
			st[i] = map.curves[i] == null ? Float.NaN : r.status[i].ordinal();
			zc[i] = (float) (zMax - r.contact[i]);
			adh[i] = (float) r.adhesion[i];
			r2[i] = (float) r.rSquared[i];
		}
		Calibration cal = new Calibration();
		if (Double.isFinite(map.pixelSize) && map.pixelSize > 0) {
			cal.pixelWidth = cal.pixelHeight = map.pixelSize;
			cal.setUnit("µm");
		}
		String base = baseName();
		modulus = Images.map(base + " modulus (" + unit + ")", w, h, e, cal);
		modulus.getCalibration().setValueUnit(unit);
		contact = Images.map(base + " contact height (nm)", w, h, zc, cal);
		contact.getCalibration().setValueUnit("nm");
		adhesion = Images.map(base + " adhesion (nN)", w, h, adh, cal);
		adhesion.getCalibration().setValueUnit("nN");
		r_squared = Images.map(base + " R²", w, h, r2, cal);
		fit_status = Images.map(base + " fit status", w, h, st, cal);
		String info = settingsText(s, dmtDefault, map);
		for (ImagePlus imp : new ImagePlus[] { modulus, contact, adhesion, r_squared, fit_status })
			imp.setProperty("Info", info);

		curves = Tables.empty();
		int failed = 0, flagged = 0, present = 0;
		for (int i = 0; i < n; i++) {
			if (map.curves[i] == null) continue;
			present++;
			if (r.status[i].flagged()) flagged++;
			else if (r.status[i] != IndentationFit.Status.OK) failed++;
			curves.incrementCounter();
			curves.addValue("x", i % w);
			curves.addValue("y", i / w);
			curves.addValue("E_" + unit, r.modulus[i] * scale);
			curves.addValue("contact_nm", r.contact[i]);
			curves.addValue("adhesion_nN", r.adhesion[i]);
			curves.addValue("r_squared", r.rSquared[i]);
			curves.addValue("points", r.points[i]);
			curves.addValue("baseline_nN", r.baseline[i]);
			curves.addValue("status", r.status[i].text);
			curves.addValue("status_code", r.status[i].ordinal());
		}

		double mean = 0, sd = 0;
		for (double v : finite)
			mean += v;
		mean /= Math.max(1, finite.length);
		for (double v : finite)
			sd += (v - mean) * (v - mean);
		sd = finite.length > 1 ? Math.sqrt(sd / (finite.length - 1)) : Double.NaN;
		summary = Tables.empty();
		summary.incrementCounter();
		summary.addValue("n", finite.length);
		summary.addValue("mean_E", finite.length == 0 ? Double.NaN : mean * scale);
		summary.addValue("sd_E", sd * scale);
		summary.addValue("median_E", median * scale);
		summary.addValue("failed", failed);
		summary.addValue("flagged", flagged);
		summary.addValue("curves", present);
		summary.addValue("unit", unit);
		summary.addValue("model", model);
		summary.addValue("poisson", poisson);
		summary.addValue("tip_radius_nm", sphere ? tip_radius : Double.NaN);
		summary.addValue("half_angle_deg", sphere ? Double.NaN : half_angle);
		summary.addValue("segment", s.usesRetract() ? "retract" : "approach");
		summary.addValue("contact_method", s.model == IndentationModel.DMT ? "dmt fit" : contact_method);
		summary.addValue("fit_range_percent", Math.round(s.fitMin * 1e5) / 1e3 + "-" + Math.round(s.fitMax * 1e5) / 1e3);
		summary.addValue("spring_constant", firstK(map));
		summary.addValue("format", map.metadata.getOrDefault("format", ""));

		plot = plot(map, s, unit, scale);
		if (failed > 0) Gui.log("Force Curve Modulus: " + failed + " of " + present + " curves could not be fitted (see the status column)");
		if (flagged > 0) Gui.log("Force Curve Modulus: " + flagged + " of " + present + " fits flagged as unreliable (NaN in the maps; see the status column)");
	}

	private Plot plot(ForceMap map, IndentationFit.Settings s, String unit, double scale) {
		int seen = 0, index = -1;
		for (int i = 0; i < map.curves.length; i++) {
			if (map.curves[i] == null) continue;
			if (seen++ == plot_index) {
				index = i;
				break;
			}
		}
		require(index >= 0, "plot_index: " + plot_index + " is beyond the " + map.curveCount() + " curves of the file");
		IndentationFit.Trace t = IndentationFit.trace(map.curves[index], s);
		int w = map.width;
		String title = "Force curve x=" + index % w + " y=" + index / w;
		Plot p = new Plot(title, "z − z_contact (nm)", "force above baseline (nN)");
		p.setColor(new Color(0x1f77b4));
		p.addPoints(t.x, t.force, Plot.LINE);
		int m = 0;
		for (double v : t.fit)
			if (!Double.isNaN(v)) m++;
		double[] fx = new double[m], fy = new double[m];
		for (int i = 0, j = 0; i < t.x.length; i++)
			if (!Double.isNaN(t.fit[i])) {
				fx[j] = t.x[i];
				fy[j++] = t.fit[i];
			}
		String label = t.result.status == IndentationFit.Status.OK
			? String.format(Locale.ROOT, "%s fit: E = %.4g %s, R² = %.4f", model, t.result.modulus * scale, unit, t.result.rSquared)
			: "fit failed: " + t.result.status.text;
		p.setColor(new Color(0xd62728));
		p.setLineWidth(2);
		if (m > 0) p.addPoints(fx, fy, Plot.LINE);
		p.setLineWidth(1);
		p.addLegend((s.usesRetract() ? "retract" : "approach") + "\n" + label);
		p.setLimitsToFit(false);
		return p;
	}

	private static double firstK(ForceMap map) {
		for (ForceCurve c : map.curves)
			if (c != null) return c.springConstant;
		return Double.NaN;
	}

	private String settingsText(IndentationFit.Settings s, boolean dmtDefault, ForceMap map) {
		StringBuilder sb = new StringBuilder("Force Curve Modulus\n");
		sb.append("file: ").append(file.getName()).append('\n');
		map.metadata.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
		sb.append("model: ").append(model).append("\ntip radius nm: ").append(tip_radius).append("\nhalf angle deg: ").append(half_angle)
			.append("\nPoisson ratio: ").append(poisson).append("\nsegment: ").append(s.usesRetract() ? "retract" : "approach")
			.append("\ncontact method: ").append(contact_method).append(s.contactMethod == ContactPoint.Method.FIT ? " (contact weight nm: " + contact_weight + ")" : "")
			.append("\nreliability: min points in contact ").append(min_points).append(", min R² ").append(min_r2)
			.append("\nfit status codes: ").append(statusCodes()).append("\nfit range %: ").append(s.fitMin * 100).append("-").append(s.fitMax * 100)
			.append(dmtDefault ? " (DMT default)" : "").append('\n');
		return sb.toString();
	}

	private static String statusCodes() {
		StringBuilder sb = new StringBuilder();
		for (IndentationFit.Status st : IndentationFit.Status.values())
			sb.append(sb.length() == 0 ? "" : ", ").append(st.ordinal()).append(" = ").append(st.text);
		return sb.toString();
	}

	private String baseName() {
		String n = file.getName();
		int dot = n.lastIndexOf('.');
		return dot > 0 && !file.isDirectory() ? n.substring(0, dot) : n;
	}
}
