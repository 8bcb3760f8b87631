package org.interphase.command;

import java.io.File;

import org.interphase.core.InvalidInputException;
import org.interphase.core.spectrum.Spectrum;
import org.interphase.core.stack.OpticalDensity;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Gui;
import org.interphase.ij.Images;
import org.interphase.ij.Rois;
import org.interphase.ij.Tables;
import org.interphase.io.TextColumns;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.ResultsTable;

/** OD = −ln(I/I0) of a transmission stack (SCIENCE.md §1); the input is left untouched. */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Spectral>Optical Density", headless = true,
	description = "Convert a transmission stack to optical density with I0 from a blank region or an I0 file")
public class OpticalDensityCommand extends InterphaseCommand {

	@Parameter(label = "Stack", persist = false)
	private ImagePlus stack;

	@Parameter(label = "I0 from", choices = { "auto", "roi", "file", "none" },
		description = "auto: brightest pixels; roi: the selection (or i0_region); file: an I0 spectrum (eV, counts); none: the stack is already OD")
	private String i0_mode = "auto";

	@Parameter(label = "I0 spectrum file", required = false, style = FileWidget.OPEN_STYLE)
	private File i0_file;

	@Parameter(label = "Fraction of brightest pixels (auto)", min = "0.0001", max = "1", stepSize = "0.01")
	private double i0_fraction = 0.05;

	@Parameter(label = "I0 region x,y,width,height (px, when no selection)", required = false)
	private String i0_region = "";

	@Parameter(label = "I0 dwell / stack dwell", min = "0", description = "0 = equal dwells (no correction)")
	private double dwell_ratio = 0;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus od;

	@Parameter(type = ItemIO.OUTPUT, label = "I0 spectrum")
	private ResultsTable i0;

	@Parameter(type = ItemIO.OUTPUT, label = "pixels clamped (I ≤ 0)")
	private long clamped_pixels;

	@Parameter(type = ItemIO.OUTPUT, label = "pixels in the I0 region")
	private long i0_pixels;

	@Override
	protected void execute() {
		require(stack != null, "stack: no image given");
		SpectralStack s = Images.spectralStack(stack, "stack");
		double[] energies = s.energies();
		double[] i0Spectrum;
		boolean[] region = null;
		switch (i0_mode) {
			case "auto":
				region = OpticalDensity.brightestPixels(s, i0_fraction);
				i0Spectrum = OpticalDensity.meanSpectrum(s, region, "the brightest " + i0_fraction * 100 + " % of pixels");
				break;
			case "roi":
				region = roiMask(s);
				i0Spectrum = OpticalDensity.meanSpectrum(s, region, "the I0 region");
				break;
			case "file":
				require(i0_file != null, "i0_file: i0_mode=file needs an I0 spectrum file (two columns: eV, counts)");
				TextColumns cols = TextColumns.read(i0_file.toPath(), 2);
				i0Spectrum = new Spectrum("I0 file " + i0_file.getName(), cols.column(0), cols.column(1)).interpolateOnto(energies);
				break;
			case "none":
				i0Spectrum = null;
				break;
			default:
				throw new InvalidInputException("i0_mode: unknown value \"" + i0_mode + "\"; use auto, roi, file or none");
		}
		if (i0Spectrum == null) {
			od = stack.duplicate();
			od.setTitle(baseTitle() + " OD");
			Images.setEnergies(od, energies);
			i0 = Tables.columns(new String[] { "energy_eV" }, energies);
			return;
		}
		OpticalDensity.Result r = OpticalDensity.compute(s, i0Spectrum, dwell_ratio > 0 ? dwell_ratio : 1, progress());
		od = Images.toImagePlus(r.od, baseTitle() + " OD", stack.getCalibration());
		od.setProperty("Info", "Optical density −ln(I/I0), I0 from " + i0_mode + (region != null ? " (" + count(region) + " pixels)" : "")
			+ "\nclamped pixels (I ≤ 1e-6·I0): " + r.clamped + "\n");
		i0 = Tables.columns(new String[] { "energy_eV", "i0" }, energies, r.i0);
		clamped_pixels = r.clamped;
		i0_pixels = region == null ? 0 : count(region);
		if (r.clamped > 0) Gui.log("Optical Density: " + r.clamped + " pixel values ≤ 0 were clamped to OD 13.8");
	}

	private boolean[] roiMask(SpectralStack s) {
		Roi roi = stack.getRoi();
		int w = s.width(), h = s.height();
		if (roi != null && roi.isArea()) return Rois.mask(roi, w, h);
		require(i0_region != null && !i0_region.trim().isEmpty(),
			"i0_mode=roi needs an area selection on the stack or i0_region=x,y,width,height");
		String[] parts = i0_region.trim().split("\\s*,\\s*");
		require(parts.length == 4, "i0_region: expected x,y,width,height, got \"" + i0_region + "\"");
		int[] v = new int[4];
		for (int i = 0; i < 4; i++) {
			try {
				v[i] = Integer.parseInt(parts[i]);
			} catch (NumberFormatException e) {
				throw new InvalidInputException("i0_region: \"" + parts[i] + "\" is not a whole number of pixels");
			}
		}
		require(v[2] > 0 && v[3] > 0 && v[0] >= 0 && v[1] >= 0 && v[0] + v[2] <= w && v[1] + v[3] <= h,
			"i0_region: " + i0_region + " is not inside the " + w + "×" + h + " image");
		return Rois.mask(new Roi(v[0], v[1], v[2], v[3]), w, h);
	}

	private String baseTitle() {
		String t = stack.getTitle();
		int dot = t.lastIndexOf('.');
		return dot > 0 ? t.substring(0, dot) : t;
	}

	private static long count(boolean[] mask) {
		long n = 0;
		for (boolean b : mask)
			if (b) n++;
		return n;
	}
}
