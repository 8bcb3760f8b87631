package org.interphase.command;

import org.interphase.core.stack.Alignment;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Images;
import org.interphase.ij.Tables;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.measure.ResultsTable;

/** Per-slice translation alignment of a spectral stack by FFT phase correlation (SCIENCE.md §1 "Alignment"). */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Spectral>Align Stack", headless = true,
	description = "Align every slice of a spectral stack to a reference slice (FFT phase correlation, sub-pixel)")
public class AlignStack extends InterphaseCommand {

	@Parameter(label = "Stack", persist = false)
	private ImagePlus stack;

	@Parameter(label = "Reference slice (0 = nearest the mean image)", min = "0",
		description = "1-based slice number; 0 picks the slice whose image is nearest (least squares) to the stack's mean image")
	private int reference = 0;

	@Parameter(label = "Edge filter (Sobel) before correlation",
		description = "Correlate gradient magnitudes: for slices whose contrast inverts across the edge")
	private boolean edge_filter = false;

	@Parameter(label = "Largest shift searched (px)", min = "1")
	private int max_shift = 20;

	@Parameter(label = "Crop to the common area", description = "Off: keep the size and set the uncovered border to NaN")
	private boolean crop = true;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus aligned;

	@Parameter(type = ItemIO.OUTPUT, label = "Align Stack shifts")
	private ResultsTable shifts;

	@Override
	protected void execute() {
		require(stack != null, "stack: no image given");
		SpectralStack s = Images.spectralStack(stack, "stack");
		require(reference <= s.energyCount(), "reference: slice " + reference + " does not exist; the stack has " + s.energyCount() + " slices");
		int limit = Alignment.maxShiftLimit(s.width(), s.height());
		require(max_shift >= 1 && max_shift <= limit,
			"max_shift: " + max_shift + " px must be between 1 and " + limit + " for the " + s.width() + "×" + s.height() + " stack");
		Alignment.Result r = Alignment.align(s, reference - 1, edge_filter, max_shift, crop, progress());
		Calibration cal = Images.spatialCopy(stack.getCalibration());
		cal.xOrigin -= r.cropX;
		cal.yOrigin -= r.cropY;
		aligned = Images.toImagePlus(r.aligned, baseTitle() + " aligned", cal);
		int n = s.energyCount();
		double[] slice = new double[n];
		for (int e = 0; e < n; e++)
			slice[e] = e + 1;
		shifts = Tables.columns(new String[] { "slice", "energy_eV", "dx", "dy", "peak" }, slice, s.energies(), r.dx, r.dy, r.peak);
		aligned.setProperty("Info", "Aligned by FFT phase correlation to slice " + (r.reference + 1) + " (" + Images.format(s.energy(r.reference))
			+ " eV)" + (edge_filter ? " on Sobel gradients" : "") + "; " + (crop ? "cropped to the common area at (" + r.cropX + ", " + r.cropY + ")"
				: "uncovered border NaN") + "\n");
	}

	private String baseTitle() {
		String t = stack.getTitle();
		int dot = t.lastIndexOf('.');
		return dot > 0 ? t.substring(0, dot) : t;
	}
}
