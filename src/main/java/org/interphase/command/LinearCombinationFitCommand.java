package org.interphase.command;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.interphase.core.spectrum.LinearCombinationFit;
import org.interphase.core.spectrum.Spectrum;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Images;
import org.interphase.ij.Tables;
import org.interphase.io.ReferenceSpectra;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.measure.ResultsTable;

/**
 * Linear combination fit of every pixel with reference spectra (SCIENCE.md §1); with
 * constant=true and no constraints it is aXis2000's "stack fit" / MANTiS "spectral maps".
 */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Spectral>Linear Combination Fit", headless = true,
	description = "Per-pixel weights of reference spectra (non-negative, sum-to-one, constant offset optional), R-factor, χ² and residual maps")
public class LinearCombinationFitCommand extends InterphaseCommand {

	@Parameter(label = "Stack", persist = false)
	private ImagePlus stack;

	@Parameter(label = "References (table, Athena .nor, or folder of spectra)", style = FileWidget.OPEN_STYLE)
	private File references;

	@Parameter(label = "Fit from (eV, 0 = stack start)")
	private double fit_min = 0;

	@Parameter(label = "Fit to (eV, 0 = stack end)")
	private double fit_max = 0;

	@Parameter(label = "Non-negative weights")
	private boolean nonnegative = true;

	@Parameter(label = "Weights sum to one")
	private boolean sum_to_one = false;

	@Parameter(label = "Constant offset term")
	private boolean constant = false;

	@Parameter(label = "Fit an energy shift per reference (whole image)")
	private boolean fit_shift = false;

	@Parameter(label = "Largest shift searched (± eV)", min = "0.01", max = "50")
	private double max_shift = 2;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus weights;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus weights_se;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus r_factor;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus chi_square;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus residual_rms;

	@Parameter(type = ItemIO.OUTPUT, label = "Linear Combination Fit")
	private ResultsTable summary;

	@Override
	protected void execute() {
		require(stack != null, "stack: no image given");
		require(references != null, "references: give a reference table, an Athena .nor file or a folder of spectra");
		SpectralStack s = Images.spectralStack(stack, "stack");
		List<Spectrum> refs = ReferenceSpectra.read(references.toPath());
		LinearCombinationFit.Options o = new LinearCombinationFit.Options();
		o.fitMin = fit_min > 0 ? fit_min : Double.NaN;
		o.fitMax = fit_max > 0 ? fit_max : Double.NaN;
		o.nonnegative = nonnegative;
		o.sumToOne = sum_to_one;
		o.constant = constant;
		o.fitShift = fit_shift;
		o.maxShift = max_shift;
		LinearCombinationFit.Result r = LinearCombinationFit.fit(s, refs, o, progress());
		Calibration cal = stack.getCalibration();
		String base = NormalizeXanesCommand.baseTitle(stack);
		int w = s.width(), h = s.height();
		weights = Images.maps(base + " LCF weights", w, h, Arrays.asList(r.weights), Arrays.asList(r.names), cal);
		weights.setProperty("Info", String.format(java.util.Locale.ROOT,
			"Linear combination fit, %d energies %s–%s eV, references from %s%nnonnegative=%s sum_to_one=%s constant=%s fit_shift=%s%s%n", r.points(),
			Images.format(s.energy(r.first)), Images.format(s.energy(r.last)), references.getName(), nonnegative, sum_to_one, constant, fit_shift,
			fit_shift ? " max_shift=" + Images.format(max_shift) + " (shifts from " + r.shiftPixels + " pixels)" : ""));
		weights_se = Images.maps(base + " LCF weights SE", w, h, Arrays.asList(r.standardErrors), Arrays.asList(r.names), cal);
		weights_se.setProperty("Info", "Standard errors of the LCF weights: sqrt(σ² diag C), σ² = RSS/(n − free weights [+1 with sum_to_one]),"
			+ " C = inverse of AᵀA over the free weights (with the sum-to-one correction); NaN where non-negativity holds the weight at 0\n");
		r_factor = Images.map(base + " R-factor", w, h, r.rFactor, cal);
		chi_square = Images.map(base + " reduced chi-square", w, h, r.chiSquare, cal);
		residual_rms = Images.map(base + " residual RMS", w, h, r.residualRms, cal);
		summary = Tables.empty();
		List<String> rows = new ArrayList<>(Arrays.asList(r.names));
		for (int k = 0; k < rows.size(); k++) {
			double[] st = r.summary(k);
			summary.incrementCounter();
			summary.addValue("reference", rows.get(k));
			summary.addValue("mean", st[0]);
			summary.addValue("sd", st[1]);
			summary.addValue("median", st[2]);
			summary.addValue("pixels", st[3]);
			summary.addValue("mean_se", LinearCombinationFit.Result.stats(r.standardErrors[k])[0]);
			summary.addValue("shift_eV", k < r.shifts.length ? r.shifts[k] : Double.NaN);
		}
		double[] rf = LinearCombinationFit.Result.stats(r.rFactor);
		summary.incrementCounter();
		summary.addValue("reference", "r_factor");
		summary.addValue("mean", rf[0]);
		summary.addValue("sd", rf[1]);
		summary.addValue("median", rf[2]);
		summary.addValue("pixels", rf[3]);
		summary.addValue("mean_se", Double.NaN);
		summary.addValue("shift_eV", Double.NaN);
	}
}
