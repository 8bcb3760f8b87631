package org.interphase.command;


import org.interphase.core.stack.RegionSpectra;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Images;
import org.interphase.ij.Plots;
import org.interphase.ij.Rois;
import org.interphase.ij.Tables;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.ResultsTable;

/** Mean ± SD spectrum and pixel count of each region of a label image or of the ROI Manager's ROIs. */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Spectral>Region Spectra", headless = true,
	description = "Mean ± SD spectrum of each labelled region (or ROI Manager ROI) of a spectral stack")
public class RegionSpectraCommand extends InterphaseCommand {

	@Parameter(label = "Stack", persist = false)
	private ImagePlus stack;

	@Parameter(label = "Label image (empty = ROI Manager)", persist = false, required = false)
	private ImagePlus labels;

	@Parameter(type = ItemIO.OUTPUT, label = "Region Spectra")
	private ResultsTable spectra;

	@Parameter(type = ItemIO.OUTPUT, label = "Regions")
	private ResultsTable regions;

	@Parameter(type = ItemIO.OUTPUT)
	private Plot plot;

	@Override
	protected void execute() {
		require(stack != null, "stack: no image given");
		SpectralStack s = Images.spectralStack(stack, "stack");
		int[] labelImage = labels != null ? Images.labels(labels, "labels") : Rois.labelsFromRoiManager(s.width(), s.height(), "labels");
		require(labelImage.length == s.pixels(), "labels: \"" + (labels == null ? "ROI Manager" : labels.getTitle()) + "\" is not the size of the stack ("
			+ s.width() + "×" + s.height() + ")");
		RegionSpectra.Result r = RegionSpectra.compute(s, labelImage, progress());
		double[] energies = s.energies();
		spectra = Tables.empty();
		for (int e = 0; e < energies.length; e++) {
			spectra.incrementCounter();
			spectra.addValue("energy_eV", energies[e]);
			for (int i = 0; i < r.labels.length; i++) {
				spectra.addValue("mean_" + r.labels[i], r.mean[i][e]);
				spectra.addValue("sd_" + r.labels[i], r.sd[i][e]);
			}
		}
		regions = Tables.empty();
		for (int i = 0; i < r.labels.length; i++) {
			regions.incrementCounter();
			regions.addValue("label", r.labels[i]);
			regions.addValue("pixels", r.pixels[i]);
		}
		plot = new Plot("Region spectra", "Energy (eV)", Images.valueAxis("Mean ± SD", stack));
		for (int i = 0; i < r.labels.length; i++)
			Plots.addMeanSd(plot, energies, r.mean[i], r.sd[i], Plots.labelColor(r.labels[i]), "region " + r.labels[i]);
		Plots.legendIfSeveral(plot);
		plot.setLimitsToFit(false);
	}
}
