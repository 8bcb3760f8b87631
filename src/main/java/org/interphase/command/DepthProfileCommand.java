package org.interphase.command;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.interphase.core.InvalidInputException;
import org.interphase.core.sims.DepthAxis;
import org.interphase.core.sims.DepthProfile;
import org.interphase.core.sims.Layers;
import org.interphase.core.sims.SimsVolume;
import org.interphase.ij.Images;
import org.interphase.ij.Plots;
import org.interphase.ij.Rois;
import org.interphase.ij.SimsImages;
import org.interphase.ij.Tables;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.gui.Roi;
import ij.measure.ResultsTable;

/** ToF-SIMS depth profiles inside a region, layer depths and widths by the erf edge fit, SEI thickness. */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>SIMS>Depth Profile", headless = true,
	description = "Per-ion mean ± SD depth profiles in a region, dead-time correction, normalisation, layer depths (erf fit) and SEI thickness")
public class DepthProfileCommand extends InterphaseCommand {

	@Parameter(label = "ToF-SIMS hyperstack (C = ions, Z = cycles)", persist = false)
	private ImagePlus image;

	@Parameter(label = "Region x,y,width,height (px; empty = the selection, or the whole image)", required = false, persist = false)
	private String region = "";

	@Parameter(label = "Mask (non-zero = inside; optional)", required = false, persist = false)
	private ImagePlus mask;

	@Parameter(label = "Primary pulses per pixel and cycle (0 = no dead-time correction)", min = "0")
	private double pulses = 0;

	@Parameter(label = "Normalize by (none, total_ion or an ion label)", required = false)
	private String normalize = "none";

	@Parameter(label = "Depth axis", choices = { "cycles", "rate_per_s", "rate_per_cycle", "crater" },
		description = "cycles: no calibration; rate_per_s: sputter_rate nm/s × time; rate_per_cycle: sputter_rate nm/cycle; crater: crater_depth over the cycles")
	private String depth_axis = "cycles";

	@Parameter(label = "Sputter rate (nm/s or nm/cycle)", min = "0")
	private double sputter_rate = 0;

	@Parameter(label = "Sputter time per cycle (s; 0 = from the image)", min = "0")
	private double cycle_time = 0;

	@Parameter(label = "Crater depth (nm)", min = "0")
	private double crater_depth = 0;

	@Parameter(label = "Edges per ion at most", min = "0", max = "10")
	private int max_edges = 2;

	@Parameter(label = "Edge threshold (fraction of the ion's strongest gradient)", min = "0.01", max = "1")
	private double edge_threshold = 0.3;

	@Parameter(label = "Smoothing before the gradient (cycles)", min = "0")
	private double smoothing = 1;

	@Parameter(label = "SEI marker ions (comma list; SEI ends where the last falls to 50 %)", required = false)
	private String sei_markers = "";

	@Parameter(label = "Substrate ion (SEI ends where it rises to 50 %; used without markers)", required = false)
	private String substrate_ion = "";

	@Parameter(label = "Layer ions in the order they end (per-layer thicknesses)", required = false)
	private String layer_ions = "";

	@Parameter(type = ItemIO.OUTPUT, label = "Depth Profile")
	private ResultsTable profiles;

	@Parameter(type = ItemIO.OUTPUT, label = "Depth Profile layers")
	private ResultsTable layers;

	@Parameter(type = ItemIO.OUTPUT, label = "Depth Profile thicknesses")
	private ResultsTable thicknesses;

	@Parameter(type = ItemIO.OUTPUT, label = "SEI thickness (nm)")
	private double sei_thickness_nm = Double.NaN;

	@Parameter(type = ItemIO.OUTPUT)
	private Plot plot;

	@Override
	protected void execute() {
		require(image != null, "image: no image given");
		SimsVolume v = SimsImages.volume(image, "image");
		boolean[] m = regionMask(v);
		DepthAxis.Mode mode = DepthAxis.Mode.valueOf(depth_axis.toUpperCase(Locale.ROOT));
		double ct = cycle_time > 0 ? cycle_time : SimsImages.cycleTime(image);
		double[] z = DepthAxis.depths(mode, v.cycles, sputter_rate, ct, cycle_time > 0 ? null : SimsImages.times(image, v.cycles), crater_depth);
		boolean nm = mode != DepthAxis.Mode.CYCLES;
		String u = nm ? "nm" : "cycles";
		List<String> markers = names(v, sei_markers, "sei_markers");
		List<String> layerIons = names(v, layer_ions, "layer_ions");
		String substrate = substrate_ion == null || substrate_ion.trim().isEmpty() ? "" : v.ions()[v.ion(substrate_ion, "substrate_ion")];
		DepthProfile p = DepthProfile.compute(v, m, pulses, normalize, z, progress());

		profiles = Tables.empty();
		for (int c = 0; c < v.cycles; c++) {
			profiles.incrementCounter();
			profiles.addValue("cycle", c + 1);
			profiles.addValue("depth_" + u, z[c]);
			for (int i = 0; i < p.ions.length; i++) {
				profiles.addValue(p.ions[i] + "_mean", p.mean[i][c]);
				profiles.addValue(p.ions[i] + "_sd", p.sd[i][c]);
			}
		}
		List<Layers.Edge> edges = max_edges > 0 ? Layers.edges(p, Layers.options(v.cycles > 1 ? z[1] - z[0] : 1, max_edges, edge_threshold, smoothing))
			: new ArrayList<>();
		layers = Tables.empty();
		for (Layers.Edge e : edges) {
			layers.incrementCounter();
			layers.addValue("ion", e.ion);
			layers.addValue("edge", e.number);
			layers.addValue("direction", e.fit.ok ? (e.rising() ? "rises" : "falls") : "");
			layers.addValue("depth_50_" + u, e.depth50());
			layers.addValue("width_16_84_" + u, e.width1684());
			layers.addValue("sigma_" + u, e.fit.sigma);
			layers.addValue("plateau_before", e.fit.level1);
			layers.addValue("plateau_after", e.fit.level2);
			layers.addValue("r2", e.fit.r2);
			layers.addValue("fit_ok", e.fit.ok ? 1 : 0);
		}
		double sei = Layers.seiThickness(edges, markers, substrate);
		thicknesses = Tables.empty();
		for (Layers.Layer l : Layers.layers(edges, layerIons)) {
			thicknesses.incrementCounter();
			thicknesses.addValue("layer", l.ion);
			thicknesses.addValue("from_" + u, l.from);
			thicknesses.addValue("to_" + u, l.to);
			thicknesses.addValue("thickness_" + u, l.thickness());
		}
		if (!markers.isEmpty() || !substrate.isEmpty()) {
			thicknesses.incrementCounter();
			thicknesses.addValue("layer", "SEI (" + (markers.isEmpty() ? substrate + " rises" : String.join("+", markers) + " fall") + ")");
			thicknesses.addValue("from_" + u, 0);
			thicknesses.addValue("to_" + u, sei);
			thicknesses.addValue("thickness_" + u, sei);
		}
		sei_thickness_nm = nm ? sei : Double.NaN;
		plot = plot(p, edges, sei, u, markers.isEmpty() && substrate.isEmpty());
	}

	private boolean[] regionMask(SimsVolume v) {
		int w = v.width, h = v.height;
		boolean[] m = null;
		if (region != null && !region.trim().isEmpty()) {
			String[] parts = region.trim().split("\\s*,\\s*");
			require(parts.length == 4, "region: expected x,y,width,height, got \"" + region + "\"");
			int[] r = new int[4];
			for (int i = 0; i < 4; i++) {
				try {
					r[i] = Integer.parseInt(parts[i]);
				} catch (NumberFormatException e) {
					throw new InvalidInputException("region: \"" + parts[i] + "\" is not a whole number of pixels");
				}
			}
			m = DepthProfile.rectangle(w, h, r[0], r[1], r[2], r[3]);
		} else {
			Roi roi = image.getRoi();
			if (roi != null && roi.isArea()) m = Rois.mask(roi, w, h);
		}
		if (mask != null) {
			require(mask.getWidth() == w && mask.getHeight() == h, "mask: \"" + mask.getTitle() + "\" is " + mask.getWidth() + "×" + mask.getHeight()
				+ " but the image is " + w + "×" + h);
			float[] px = Images.floatPixels(mask.getProcessor());
			boolean[] mm = new boolean[w * h];
			for (int p = 0; p < mm.length; p++)
				mm[p] = px[p] != 0 && px[p] == px[p] && (m == null || m[p]);
			m = mm;
		}
		return m;
	}

	private static List<String> names(SimsVolume v, String list, String field) {
		List<String> out = new ArrayList<>();
		for (int i : v.ionList(list, field))
			out.add(v.ions()[i]);
		return out;
	}

	private Plot plot(DepthProfile p, List<Layers.Edge> edges, double sei, String u, boolean noSei) {
		String t = image.getTitle() == null ? "" : image.getTitle().replaceFirst("(?i)\\.tiff?$", "");
		String yLabel = normalize == null || normalize.trim().isEmpty() || normalize.equalsIgnoreCase("none")
			? (pulses > 0 ? "Counts per voxel (dead-time corrected)" : "Counts per voxel") : "Intensity / " + normalize.trim();
		Plot plot = Plots.lines(t + " depth profiles", nm(u) ? "Depth (nm)" : "Cycle (0-based)", yLabel, p.depth, suffix(p.ions, " mean"), p.mean);
		for (int i = 0; i < p.ions.length; i++)
			Plots.addHidden(plot, p.depth, p.sd[i], Plots.color(i), p.ions[i] + " sd");
		double lo = Double.POSITIVE_INFINITY, hi = 0;
		for (double[] row : p.mean)
			for (double d : row)
				if (d > 0 && Double.isFinite(d)) {
					lo = Math.min(lo, d);
					hi = Math.max(hi, d);
				}
		if (!(hi > 0)) {
			lo = 0.1;
			hi = 1;
		}
		lo = Math.max(lo, hi * 1e-5);
		double zmax = p.depth.length > 1 ? p.depth[p.depth.length - 1] : 1;
		plot.setLimits(p.depth[0], zmax, lo / 2, hi * 2);
		plot.setAxisYLog(true);
		for (Layers.Edge e : edges) {
			if (!e.fit.ok) continue;
			int i = Arrays.asList(p.ions).indexOf(e.ion);
			plot.setColor(Plots.color(Math.max(0, i)));
			plot.setLineWidth(1);
			plot.drawDottedLine(e.depth50(), lo / 2, e.depth50(), hi * 2, 3);
		}
		if (!noSei && sei == sei) {
			plot.setColor(Color.BLACK);
			plot.setLineWidth(2);
			plot.drawLine(sei, lo / 2, sei, hi * 2);
			plot.addText(String.format(Locale.ROOT, "SEI %.3g %s", sei, u), sei, hi);
		}
		return plot;
	}

	private static boolean nm(String u) {
		return u.equals("nm");
	}

	private static String[] suffix(String[] s, String suf) {
		String[] out = new String[s.length];
		for (int i = 0; i < s.length; i++)
			out[i] = s[i] + suf;
		return out;
	}

}
