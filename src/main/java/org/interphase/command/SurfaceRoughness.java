package org.interphase.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.interphase.core.afm.Leveling;
import org.interphase.core.afm.Roughness;
import org.interphase.ij.AfmImages;
import org.interphase.ij.Plots;
import org.interphase.ij.Tables;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Line;
import ij.gui.Plot;
import ij.gui.Roi;
import ij.measure.ResultsTable;

/**
 * Areal (ISO 25178 names, Gwyddion's definitions) and optional profile (ISO 4287/4288) roughness of
 * every height slice, in nm (SCIENCE.md §4). One table row per slice; slices whose values are not
 * lengths (amplitude, phase…) are skipped.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>AFM>Surface Roughness", headless = true,
	description = "Sa, Sq, Ssk, Sku, Sp, Sv, Sz, Sdq, Sdr of each height image, and Ra…Rz along a line, with a height histogram")
public class SurfaceRoughness extends InterphaseCommand {

	@Parameter(label = "Image", persist = false)
	private ImagePlus image;

	@Parameter(label = "Level first", choices = { "none", "plane", "polynomial", "align_rows_median", "align_rows_mean", "plane_then_rows" },
		description = "Leveling applied before the parameters (Bruker NanoScope Analysis uses a first-order plane)")
	private String level = "plane";

	@Parameter(label = "Polynomial degree", min = "1", max = "10", description = "Used by level=polynomial")
	private int degree = 2;

	@Parameter(label = "Line x1 (px)", description = "Profile line start/end in pixel coordinates; -1 = the line selection, or no profile")
	private double x1 = -1;

	@Parameter(label = "Line y1 (px)")
	private double y1 = -1;

	@Parameter(label = "Line x2 (px)")
	private double x2 = -1;

	@Parameter(label = "Line y2 (px)")
	private double y2 = -1;

	@Parameter(label = "Profile cut-off λc (µm)", min = "0", description = "Gaussian waviness filter cut-off (ISO 16610-21); 0 = unfiltered (least-squares mean line removed)")
	private double cutoff = 0;

	@Parameter(type = ItemIO.OUTPUT, label = "Surface Roughness")
	private ResultsTable roughness;

	@Parameter(type = ItemIO.OUTPUT)
	private Plot histogram;

	@Override
	protected void execute() {
		require(image != null, "image: no image given");
		int w = image.getWidth(), h = image.getHeight();
		double[] px = AfmImages.pixelSizeNm(image, "image");
		double[] line = line(w, h);
		ResultsTable rt = Tables.empty();
		ImageStack st = image.getStack();
		List<float[]> used = new ArrayList<>();
		List<String> names = new ArrayList<>();
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		boolean anyHeight = false;
		for (int s = 1; s <= st.getSize(); s++) {
			float[] nm = AfmImages.heightsNm(image, s);
			if (nm == null) continue; // not a height channel
			anyHeight = true;
			if (!level.equals("none")) nm = Leveling.level(nm, w, h, level, degree, null, progress());
			Roughness.Areal a = Roughness.areal(nm, w, h, px[0], px[1], progress());
			String name = st.getSize() == 1 ? image.getTitle() : image.getTitle() + ":" + AfmImages.channelName(image, s);
			rt.incrementCounter();
			rt.addValue("image", name);
			rt.addValue("level", level + (level.equals("polynomial") ? " " + degree : ""));
			rt.addValue("pixels", a.n);
			rt.addValue("Sa_nm", a.sa);
			rt.addValue("Sq_nm", a.sq);
			rt.addValue("Ssk", a.ssk);
			rt.addValue("Sku", a.sku);
			rt.addValue("Sku_excess", a.excessKurtosis());
			rt.addValue("Sp_nm", a.sp);
			rt.addValue("Sv_nm", a.sv);
			rt.addValue("Sz_nm", a.sz);
			rt.addValue("Sdq", a.sdq);
			rt.addValue("Sdr_percent", a.sdr);
			rt.addValue("Sdr_triangulation", "4 per cell (Gwyddion)");
			rt.addValue("mean_nm", a.mean);
			rt.addValue("median_nm", a.median);
			if (line != null) {
				double[] prof = Roughness.sampleLine(nm, w, h, line[0], line[1], line[2], line[3]);
				for (double v : prof)
					require(!Double.isNaN(v), "x1: the line " + fmt(line[0]) + "," + fmt(line[1]) + " – " + fmt(line[2]) + "," + fmt(line[3]) + " leaves the " + w + "×" + h + " image or crosses NaN pixels");
				double lenPx = Math.hypot(line[2] - line[0], line[3] - line[1]);
				double lenNm = Math.hypot((line[2] - line[0]) * px[0], (line[3] - line[1]) * px[1]);
				double spacing = lenNm / lenPx;
				Roughness.Profile p = Roughness.profile(prof, spacing, cutoff * 1000);
				rt.addValue("profile_um", p.length / 1000);
				rt.addValue("profile_points", p.n);
				rt.addValue("profile_filter", cutoff > 0 ? "gaussian lc=" + fmt(cutoff) + " um" : "unfiltered");
				rt.addValue("Ra_nm", p.ra);
				rt.addValue("Rq_nm", p.rq);
				rt.addValue("Rsk", p.rsk);
				rt.addValue("Rku", p.rku);
				rt.addValue("Rp_nm", p.rp);
				rt.addValue("Rv_nm", p.rv);
				rt.addValue("Rt_nm", p.rt);
				rt.addValue("Rz_nm", p.rz);
			}
			used.add(nm);
			names.add(name);
			lo = Math.min(lo, a.min);
			hi = Math.max(hi, a.max);
		}
		require(anyHeight, "image: no slice holds heights (its units are " + image.getProp(AfmImages.UNITS) + "); choose a height channel");
		roughness = rt;
		histogram = histogram(used, names, lo, hi);
	}

	/** The line from the fields, else from a straight-line selection, else null. */
	private double[] line(int w, int h) {
		if (x1 >= 0 || y1 >= 0 || x2 >= 0 || y2 >= 0) {
			require(x1 >= 0 && y1 >= 0 && x2 >= 0 && y2 >= 0, "x1: give all of x1, y1, x2, y2 (pixels) for a profile, or none");
			require(x1 <= w - 1 && x2 <= w - 1 && y1 <= h - 1 && y2 <= h - 1, "x1: the line must lie inside the " + w + "×" + h + " image (0 … " + (w - 1) + ", 0 … " + (h - 1) + ")");
			require(Math.hypot(x2 - x1, y2 - y1) >= 9, "x1: the line is shorter than 10 pixels");
			return new double[] { x1, y1, x2, y2 };
		}
		Roi roi = image.getRoi();
		if (roi != null && roi.getType() == Roi.LINE) {
			Line l = (Line) roi;
			double[] c = { clamp(l.x1d, w), clamp(l.y1d, h), clamp(l.x2d, w), clamp(l.y2d, h) };
			require(Math.hypot(c[2] - c[0], c[3] - c[1]) >= 9, "x1: the line selection is shorter than 10 pixels");
			return c;
		}
		return null;
	}

	private static double clamp(double v, int n) {
		return Math.max(0, Math.min(n - 1, v));
	}

	private static String fmt(double v) {
		return String.format(Locale.ROOT, "%.4g", v);
	}

	private static Plot histogram(List<float[]> data, List<String> names, double lo, double hi) {
		int bins = 128;
		double width = hi > lo ? (hi - lo) / bins : 1;
		double[] x = new double[bins];
		for (int b = 0; b < bins; b++)
			x[b] = lo + (b + 0.5) * width;
		int n = Math.min(data.size(), 10);
		double[][] ys = new double[n][bins];
		for (int i = 0; i < n; i++) {
			long count = 0;
			for (float v : data.get(i)) {
				if (Float.isNaN(v)) continue;
				int b = (int) ((v - lo) / width);
				ys[i][Math.max(0, Math.min(bins - 1, b))]++;
				count++;
			}
			for (int b = 0; b < bins; b++)
				ys[i][b] = 100.0 * ys[i][b] / Math.max(1, count);
		}
		return Plots.lines("Height histogram", "height (nm)", "pixels (%)", x, names.subList(0, n).toArray(new String[0]), ys);
	}
}
