package org.interphase.command;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.interphase.core.InvalidInputException;
import org.interphase.core.decompose.Composite;
import org.interphase.core.decompose.Nnma;
import org.interphase.core.spectrum.Spectrum;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Gui;
import org.interphase.ij.Images;
import org.interphase.ij.Plots;
import org.interphase.ij.Tables;
import org.interphase.io.ReferenceSpectra;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;

/**
 * Non-negative matrix approximation (NNMA) of an OD stack, MANTiS convention: spectra and thickness
 * maps found without reference spectra (see {@link Nnma}).
 */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Segment>Unmix Spectra (NNMA)", headless = true,
	description = "Non-negative spectra and thickness maps (OD ≈ μ·t) by Lee–Seung updates with sparseness, smoothness and similarity regularisation")
public class UnmixSpectraCommand extends InterphaseCommand {

	@Parameter(label = "Stack (OD)", persist = false)
	private ImagePlus stack;

	@Parameter(label = "Components (k; with references: their number)", min = "1", max = "20")
	private int components = 3;

	@Parameter(label = "Initial spectra", choices = { "clusters", "random", "references" })
	private String initialisation = "clusters";

	@Parameter(label = "References (for initialisation=references)", style = FileWidget.OPEN_STYLE, required = false)
	private File references;

	@Parameter(label = "Hold fixed (reference names, comma-separated; all; empty = none)", required = false)
	private String fixed = "";

	@Parameter(label = "Maximum iterations", min = "1")
	private int max_iterations = 1000;

	@Parameter(label = "Tolerance (relative change of the cost)", min = "0")
	private double tolerance = 1e-6;

	@Parameter(label = "Random seed (clusters and random starts)")
	private long seed = 1;

	@Parameter(label = "λ sparseness (Σ t)", min = "0")
	private double lambda_sparseness = 0.5;

	@Parameter(label = "λ smoothness (Σ squared differences of the spectra)", min = "0")
	private double lambda_smoothness = 0;

	@Parameter(label = "λ similarity to the initial spectra", min = "0")
	private double lambda_similarity = 10;

	@Parameter(type = ItemIO.OUTPUT, label = "NNMA spectra")
	private ResultsTable spectra;

	@Parameter(type = ItemIO.OUTPUT)
	private Plot spectra_plot;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus thickness;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus residual_map;

	@Parameter(type = ItemIO.OUTPUT, label = "NNMA cost")
	private ResultsTable cost_history;

	@Parameter(type = ItemIO.OUTPUT)
	private Plot cost_plot;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus composite;

	@Parameter(type = ItemIO.OUTPUT, label = "iterations run")
	private int iterations_run;

	@Parameter(type = ItemIO.OUTPUT, label = "final total cost")
	private double final_cost;

	@Override
	protected void execute() {
		require(stack != null, "stack: no image given");
		SpectralStack s = Images.spectralStack(stack, "stack");
		double[] energies = s.energies();
		Nnma.Options o = new Nnma.Options();
		o.components = components;
		o.init = Nnma.Init.valueOf(initialisation.toUpperCase(Locale.ROOT));
		o.maxIterations = max_iterations;
		o.tolerance = tolerance;
		o.seed = seed;
		o.lambdaSparseness = lambda_sparseness;
		o.lambdaSmoothness = lambda_smoothness;
		o.lambdaSimilarity = lambda_similarity;
		String[] names = null;
		if (o.init == Nnma.Init.REFERENCES) {
			require(references != null, "references: initialisation=references needs a reference table, an Athena .nor file or a folder of spectra");
			List<Spectrum> refs = ReferenceSpectra.read(references.toPath());
			o.components = refs.size();
			o.initialSpectra = new double[refs.size()][];
			names = new String[refs.size()];
			for (int j = 0; j < refs.size(); j++) {
				names[j] = refs.get(j).name();
				try {
					o.initialSpectra[j] = refs.get(j).interpolateOnto(energies);
				} catch (InvalidInputException e) {
					throw new InvalidInputException("references: \"" + references.getName() + "\": " + e.getMessage() + " (the stack's energies)");
				}
			}
		}
		String hold = fixed == null ? "" : fixed.trim();
		if (!hold.isEmpty()) {
			require(names != null, "fixed: holding spectra fixed needs initialisation=references (the spectra to hold)");
			o.fixed = new boolean[names.length];
			List<String> unknown = new java.util.ArrayList<>();
			for (String want : hold.split(",")) {
				String w = want.trim();
				if (w.isEmpty()) continue;
				boolean found = false;
				for (int j = 0; j < names.length; j++)
					if (w.equalsIgnoreCase("all") || names[j].equals(w)) {
						o.fixed[j] = true;
						found = true;
					}
				if (!found) unknown.add(w);
			}
			require(unknown.isEmpty(), "fixed: no reference named " + unknown + " (references: " + String.join(", ", names) + ")");
		}
		Nnma.Result r = Nnma.compute(s, o, progress());
		int k = r.spectra.length;
		if (names == null) {
			names = new String[k];
			for (int j = 0; j < k; j++)
				names[j] = "component " + (j + 1);
		}
		iterations_run = r.iterations;
		final_cost = r.cost[r.iterations][0];
		String base = NormalizeXanesCommand.baseTitle(stack);
		Calibration cal = stack.getCalibration();
		int w = s.width(), h = s.height();
		thickness = Images.maps(base + " NNMA thickness", w, h, Arrays.asList(r.thickness), Arrays.asList(names), cal);
		residual_map = Images.map(base + " NNMA residual", w, h, r.residual, cal);
		// spectra table and plot (columns named after the components)
		spectra = Tables.empty();
		for (int e = 0; e < energies.length; e++) {
			spectra.incrementCounter();
			spectra.addValue("energy_eV", energies[e]);
			for (int j = 0; j < k; j++)
				spectra.addValue(Plots.columnName(names[j], "component_" + (j + 1)), r.spectra[j][e]);
		}
		for (int e = 0; e < energies.length; e++)
			for (int j = 0; j < k; j++)
				spectra.setValue("initial_" + (j + 1), e, r.initialSpectra[j][e]);
		spectra_plot = Plots.lines("NNMA spectra", "Energy (eV)", "OD per unit thickness", energies, names, r.spectra);
		// cost per iteration
		int rows = r.cost.length;
		double[] iter = new double[rows], total = new double[rows], change = new double[rows];
		String[] costNames = { "iteration", "total", "data", "sparseness", "smoothness", "similarity", "relative_change" };
		double[][] cols = new double[costNames.length][rows];
		for (int i = 0; i < rows; i++) {
			iter[i] = i;
			total[i] = r.cost[i][0];
			change[i] = i == 0 ? Double.NaN : (r.cost[i - 1][0] - r.cost[i][0]) / Math.abs(r.cost[i - 1][0]);
			cols[0][i] = i;
			for (int c = 0; c < 5; c++)
				cols[1 + c][i] = r.cost[i][c];
			cols[6][i] = change[i];
		}
		cost_history = Tables.columns(costNames, cols);
		cost_plot = Plots.lines("NNMA cost", "Iteration", "Total cost", iter, new String[] { "total cost" }, total);
		if (total[rows - 1] > 0) cost_plot.setLogScaleY();
		// RGB composite of the first three maps
		int[][] ch = new int[3][];
		List<String> sources = new ArrayList<>();
		for (int c = 0; c < 3; c++) {
			if (c < k) {
				double[] lim = Composite.autoLimits(r.thickness[c]);
				ch[c] = Composite.scale(r.thickness[c], lim[0], lim[1]);
				sources.add(names[c]);
			} else {
				ch[c] = new int[w * h];
				sources.add("none");
			}
		}
		composite = new ImagePlus(base + " NNMA composite", new ColorProcessor(w, h, Composite.pack(ch[0], ch[1], ch[2])));
		composite.setCalibration(Images.spatialCopy(cal));
		composite.setProperty("Info", "NNMA composite: red = " + sources.get(0) + ", green = " + sources.get(1) + ", blue = " + sources.get(2)
			+ " (each scaled to its 0.5/99.5 percentiles)\n");
		String msg = String.format(Locale.ROOT,
			"Unmix Spectra (NNMA): k = %d, initialisation = %s, %d iterations (%s), final cost %s; λ_sparseness = %s, λ_smoothness = %s, λ_similarity = %s%s; %d pixels",
			k, initialisation, r.iterations, r.converged ? "converged to tolerance " + Images.format(tolerance) : "maximum reached",
			Images.format(final_cost), Images.format(lambda_sparseness), Images.format(lambda_smoothness), Images.format(lambda_similarity),
			r.similarityUsed || lambda_similarity == 0 ? "" : " (not used: random initial spectra)", r.pixelsUsed);
		thickness.setProperty("Info", msg + "\n");
		Gui.log(msg);
	}
}
