package org.interphase.command;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

import org.interphase.core.InvalidInputException;
import org.interphase.core.stack.RegionSpectra;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Gui;
import org.interphase.ij.Images;
import org.interphase.ij.Plots;
import org.interphase.ij.Tables;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;
import ij.process.ImageProcessor;

/** Mean ± SD spectrum and pixel count of each region of a label image or of the ROI Manager's ROIs. */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Spectral>Region Spectra", headless = true,
	description = "Mean ± SD spectrum of each labelled region (or ROI Manager ROI) of a spectral stack")
public class RegionSpectraCommand extends InterphaseCommand {

	@Parameter(label = "Stack", persist = false)
	private ImagePlus stack;

	@Parameter(label = "Label image (empty = ROI Manager)", persist = false, required = false)
	private ImagePlus labels;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable spectra;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable regions;

	@Parameter(type = ItemIO.OUTPUT)
	private Plot plot;

	@Override
	protected void execute() {
		require(stack != null, "stack: no image given");
		SpectralStack s = Images.spectralStack(stack, "stack");
		int[] labelImage = labels != null ? Images.labels(labels, "labels") : roiManagerLabels(s.width(), s.height());
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
		plot = new Plot("Region spectra", "Energy (eV)", "Mean ± SD");
		for (int i = 0; i < r.labels.length; i++)
			Plots.addMeanSd(plot, energies, r.mean[i], r.sd[i], Plots.color(i), "region " + r.labels[i]);
		plot.setLimitsToFit(false);
		Gui.show(spectra, "Region Spectra");
		Gui.show(regions, "Regions");
		if (Gui.interactive()) plot.show();
	}

	/** Label image from the ROI Manager: ROI k (1-based) paints label k; later ROIs win on overlap. */
	private static int[] roiManagerLabels(int w, int h) {
		RoiManager rm = RoiManager.getInstance();
		if (rm == null || rm.getCount() == 0)
			throw new InvalidInputException("labels: give a label image, or add the regions to the ROI Manager");
		int[] out = new int[w * h];
		Roi[] rois = rm.getRoisAsArray();
		List<String> open = new ArrayList<>();
		for (int k = 0; k < rois.length; k++) {
			Roi roi = rois[k];
			if (!roi.isArea()) {
				open.add(roi.getName());
				continue;
			}
			Rectangle b = roi.getBounds();
			ImageProcessor m = roi.getMask();
			for (int y = Math.max(0, b.y); y < Math.min(h, b.y + b.height); y++)
				for (int x = Math.max(0, b.x); x < Math.min(w, b.x + b.width); x++)
					if (m == null || m.get(x - b.x, y - b.y) != 0) out[y * w + x] = k + 1;
		}
		if (!open.isEmpty()) Gui.log("Region Spectra: ignored line/point ROIs " + open);
		return out;
	}
}
