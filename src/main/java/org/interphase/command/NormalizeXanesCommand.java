package org.interphase.command;

import org.interphase.core.spectrum.XanesNormalization;
import org.interphase.core.stack.OpticalDensity;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Gui;
import org.interphase.ij.Images;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.Calibration;

/** Per-pixel XANES normalization, Athena/Larch convention (SCIENCE.md §1). */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Spectral>Normalize XANES", headless = true,
	description = "Per-pixel E0, pre-edge line, post-edge polynomial and edge step; normalized (optionally flattened) stack and maps")
public class NormalizeXanesCommand extends InterphaseCommand {

	@Parameter(label = "Stack (μ or OD)", persist = false)
	private ImagePlus stack;

	@Parameter(label = "E0 from", choices = { "derivative", "half_step", "fixed" },
		description = "derivative: maximum of the smoothed dμ/dE; half_step: normalized μ crosses 0.5; fixed: the value of e0")
	private String e0_method = "derivative";

	@Parameter(label = "E0 (eV)", description = "fixed: the edge energy; otherwise, when > 0, the centre of the E0 search window (0 = search the whole stack)")
	private double e0 = 0;

	@Parameter(label = "E0 search half-width (eV)", min = "0", description = "used with e0 > 0 and derivative/half_step; 0 = whole stack")
	private double e0_window = 5;

	@Parameter(label = "Pre-edge from (eV rel. E0)")
	private double pre1 = -10;

	@Parameter(label = "Pre-edge to (eV rel. E0)")
	private double pre2 = -2;

	@Parameter(label = "Post-edge from (eV rel. E0)")
	private double norm1 = 5;

	@Parameter(label = "Post-edge to (eV rel. E0)")
	private double norm2 = 20;

	@Parameter(label = "Post-edge polynomial degree", min = "0", max = "2")
	private int nnorm = 1;

	@Parameter(label = "Flatten")
	private boolean flatten = false;

	@Parameter(label = "Minimum edge step / pre-edge noise", min = "0")
	private double min_edge_jump = 5;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus normalized;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus e0_map;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus edge_step_map;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus noise_map;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus valid_mask;

	@Parameter(type = ItemIO.OUTPUT, label = "valid pixels")
	private long valid_pixels;

	@Override
	protected void execute() {
		require(stack != null, "stack: no image given");
		SpectralStack s = Images.spectralStack(stack, "stack");
		if (OpticalDensity.looksLikeTransmission(s))
			Gui.log("Normalize XANES: stack \"" + stack.getTitle() + "\": values look like transmission counts, not optical density; run Optical Density first");
		XanesNormalization.Options o = new XanesNormalization.Options();
		o.method = XanesNormalization.E0Method.parse(e0_method);
		o.e0 = e0 > 0 ? e0 : Double.NaN;
		o.e0Window = e0_window;
		o.pre1 = pre1;
		o.pre2 = pre2;
		o.norm1 = norm1;
		o.norm2 = norm2;
		o.nnorm = nnorm;
		o.flatten = flatten;
		o.minEdgeJump = min_edge_jump;
		XanesNormalization.Result r = XanesNormalization.normalize(s, o, progress());
		Calibration cal = stack.getCalibration();
		String base = baseTitle(stack);
		int w = s.width(), h = s.height();
		normalized = Images.toImagePlus(r.normalized, base + (flatten ? " flattened" : " normalized"), cal);
		normalized.setProperty("Info", String.format(java.util.Locale.ROOT,
			"XANES normalization (Athena/Larch convention): e0_method=%s e0=%s pre1=%s pre2=%s norm1=%s norm2=%s nnorm=%d flatten=%s min_edge_jump=%s%n"
				+ "valid pixels: %d of %d (invalid pixels are NaN)%n",
			e0_method, Images.format(e0), Images.format(pre1), Images.format(pre2), Images.format(norm1), Images.format(norm2), nnorm, flatten,
			Images.format(min_edge_jump), r.validPixels, s.pixels()));
		e0_map = Images.map(base + " E0 (eV)", w, h, r.e0, cal);
		edge_step_map = Images.map(base + " edge step", w, h, r.edgeStep, cal);
		noise_map = Images.map(base + " pre-edge noise", w, h, r.noise, cal);
		valid_mask = Images.map(base + " valid", w, h, r.valid, cal);
		valid_mask.setDisplayRange(0, 1);
		valid_pixels = r.validPixels;
		if (r.validPixels == 0)
			Gui.log("Normalize XANES: no pixel has an edge step above " + min_edge_jump + " × its pre-edge noise; check pre1/pre2/norm1/norm2 and e0");
	}

	/** The image title without a file extension (".tif", ".hdf5", …; not a dot inside a name such as "a.b OD"). */
	static String baseTitle(ImagePlus imp) {
		String t = imp.getTitle();
		return t.replaceFirst("\\.[A-Za-z0-9]{1,5}$", "");
	}
}
