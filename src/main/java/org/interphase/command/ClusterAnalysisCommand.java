package org.interphase.command;

import org.interphase.core.decompose.ClusterAnalysis;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Gui;
import org.interphase.ij.Images;
import org.interphase.ij.LabelImages;
import org.interphase.ij.Plots;
import org.interphase.ij.Tables;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.Calibration;
import ij.measure.ResultsTable;

/** k-means cluster analysis on PCA eigenimages, MANTiS convention (SCIENCE.md §1). */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Segment>Cluster Analysis", headless = true,
	description = "k-means clusters of an OD stack on its principal components, with cluster spectra and an error map")
public class ClusterAnalysisCommand extends InterphaseCommand {

	@Parameter(label = "Stack (OD)", persist = false)
	private ImagePlus stack;

	@Parameter(label = "Clusters (k)", min = "1", max = "255")
	private int clusters = 3;

	@Parameter(label = "Components (0 = automatic estimate)", min = "0")
	private int components = 0;

	@Parameter(label = "Weighting γ of (λ0/λi)^γ", min = "0", max = "1", stepSize = "0.1")
	private double weighting = 0;

	@Parameter(label = "Drop PC1 (reduce thickness effects)")
	private boolean drop_first = false;

	@Parameter(label = "Distance", choices = { "euclidean", "spectral_angle" })
	private String distance = "euclidean";

	@Parameter(label = "Random seed")
	private long seed = 1;

	@Parameter(label = "Restarts (lowest inertia kept)", min = "1")
	private int restarts = 5;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus labels;

	@Parameter(type = ItemIO.OUTPUT, label = "Cluster spectra")
	private ResultsTable cluster_spectra;

	@Parameter(type = ItemIO.OUTPUT)
	private Plot spectra_plot;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus error_map;

	@Parameter(type = ItemIO.OUTPUT, label = "Clusters")
	private ResultsTable cluster_summary;

	@Parameter(type = ItemIO.OUTPUT, label = "components used as features")
	private int components_used;

	@Parameter(type = ItemIO.OUTPUT, label = "k-means inertia")
	private double inertia;

	@Override
	protected void execute() {
		require(stack != null, "stack: no image given");
		SpectralStack s = Images.spectralStack(stack, "stack");
		ClusterAnalysis.Options o = new ClusterAnalysis.Options();
		o.clusters = clusters;
		o.components = components;
		o.weighting = weighting;
		o.dropFirst = drop_first;
		o.spectralAngle = "spectral_angle".equals(distance);
		o.seed = seed;
		o.restarts = restarts;
		ClusterAnalysis.Result r = ClusterAnalysis.compute(s, o, progress());
		components_used = r.componentsUsed;
		inertia = r.inertia;
		String title = baseTitle();
		Calibration cal = LabelImages.nmCalibration(stack);
		labels = LabelImages.labelImage(title + " clusters", s.width(), s.height(), r.labels, cal);
		error_map = Images.map(title + " cluster error", s.width(), s.height(), r.errorMap, cal);
		double[] energies = s.energies();
		cluster_spectra = Tables.empty();
		for (int e = 0; e < energies.length; e++) {
			cluster_spectra.incrementCounter();
			cluster_spectra.addValue("energy_eV", energies[e]);
			for (int i = 0; i < r.spectra.labels.length; i++)
				cluster_spectra.addValue("cluster_" + r.spectra.labels[i], r.spectra.mean[i][e]);
		}
		for (int e = 0; e < energies.length; e++)
			for (int i = 0; i < r.spectra.labels.length; i++)
				cluster_spectra.setValue("sd_" + r.spectra.labels[i], e, r.spectra.sd[i][e]);
		cluster_summary = Tables.empty();
		for (int c = 0; c < clusters; c++) {
			cluster_summary.incrementCounter();
			cluster_summary.addValue("cluster", c + 1);
			cluster_summary.addValue("pixels", r.pixels[c]);
			cluster_summary.addValue("fraction", r.fraction[c]);
			cluster_summary.addValue("mean_error", r.meanError[c]);
		}
		spectra_plot = new Plot("Cluster spectra", "Energy (eV)", "OD (mean ± SD)");
		for (int i = 0; i < r.spectra.labels.length; i++)
			Plots.addMeanSd(spectra_plot, energies, r.spectra.mean[i], r.spectra.sd[i], Plots.labelColor(r.spectra.labels[i]), "cluster " + r.spectra.labels[i]);
		Plots.legendIfSeveral(spectra_plot);
		spectra_plot.setLimitsToFit(false);
		String msg = "Cluster Analysis: " + clusters + " clusters on PC" + (r.firstComponent + 1) + "–PC" + (r.firstComponent + r.componentsUsed)
			+ " (" + r.pca.significant + " significant estimated), " + distance + ", seed " + seed + ", " + restarts + " restarts, inertia "
			+ Images.format(r.inertia) + ", " + r.iterations + " iterations";
		for (int c = 0; c < clusters; c++)
			if (r.pixels[c] == 0) msg += "; cluster " + (c + 1) + " is empty (fewer distinct feature vectors than clusters)";
		labels.setProperty("Info", msg + "\n");
		Gui.log(msg);
	}

	private String baseTitle() {
		String t = stack.getTitle();
		int dot = t.lastIndexOf('.');
		return dot > 0 ? t.substring(0, dot) : t;
	}
}
