package org.interphase.command;

import java.util.Arrays;

import org.interphase.core.spectrum.EdgeFeatures;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Images;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/** White line, E(0.5), centroid and peak-ratio maps of a normalized XANES stack (SCIENCE.md §1). */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Spectral>XANES Feature Maps", headless = true,
	description = "Per-pixel white-line energy and height, energy at normalized 0.5, energy centroid, and a peak ratio (e.g. Ni L3 eg/t2g)")
public class XanesFeatureMapsCommand extends InterphaseCommand {

	@Parameter(label = "Normalized stack", persist = false)
	private ImagePlus stack;

	@Parameter(label = "White-line search from (eV, 0 = stack start)")
	private double white_line_min = 0;

	@Parameter(label = "White-line search to (eV, 0 = stack end)")
	private double white_line_max = 0;

	@Parameter(label = "Centroid window from (eV, 0 = stack start)")
	private double centroid_min = 0;

	@Parameter(label = "Centroid window to (eV, 0 = stack end)")
	private double centroid_max = 0;

	@Parameter(label = "Ratio numerator energy (eV, 0 = no ratio)")
	private double ratio_energy1 = 0;

	@Parameter(label = "Ratio denominator energy (eV, 0 = no ratio)")
	private double ratio_energy2 = 0;

	@Parameter(label = "Ratio window width (eV, 0 = intensities at the energies)", min = "0")
	private double ratio_window = 0;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus features;

	@Override
	protected void execute() {
		require(stack != null, "stack: no image given");
		SpectralStack s = Images.spectralStack(stack, "stack");
		EdgeFeatures.Options o = new EdgeFeatures.Options();
		o.whiteLineMin = white_line_min > 0 ? white_line_min : Double.NaN;
		o.whiteLineMax = white_line_max > 0 ? white_line_max : Double.NaN;
		o.centroidMin = centroid_min > 0 ? centroid_min : Double.NaN;
		o.centroidMax = centroid_max > 0 ? centroid_max : Double.NaN;
		o.ratioEnergy1 = ratio_energy1 > 0 ? ratio_energy1 : Double.NaN;
		o.ratioEnergy2 = ratio_energy2 > 0 ? ratio_energy2 : Double.NaN;
		o.ratioWindow = ratio_window;
		EdgeFeatures.Result r = EdgeFeatures.compute(s, o, progress());
		features = Images.maps(NormalizeXanesCommand.baseTitle(stack) + " features", s.width(), s.height(), Arrays.asList(r.maps),
			Arrays.asList(r.labels), stack.getCalibration());
		features.setProperty("Info", "XANES feature maps; slices: " + String.join(", ", r.labels)
			+ (r.labels.length > 4 ? String.format(java.util.Locale.ROOT, "%npeak_ratio = %s(%s eV) / %s(%s eV)%s", ratio_window > 0 ? "∫" : "I",
				Images.format(ratio_energy1), ratio_window > 0 ? "∫" : "I", Images.format(ratio_energy2),
				ratio_window > 0 ? ", windows ± " + Images.format(ratio_window / 2) + " eV" : "") : "") + "\n");
	}
}
