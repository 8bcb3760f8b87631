package org.interphase.command;

import java.util.ArrayList;
import java.util.List;

import org.interphase.core.decompose.Pca;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Gui;
import org.interphase.ij.Images;
import org.interphase.ij.Tables;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;

/** PCA of an OD stack, MANTiS convention (SCIENCE.md §1): DᵀD, not centred by default. */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Segment>Principal Components", headless = true,
	description = "Principal components of an OD stack: eigenvalues, eigenimages, eigenspectra and the number of significant components")
public class PrincipalComponentsCommand extends InterphaseCommand {

	@Parameter(label = "Stack (OD)", persist = false)
	private ImagePlus stack;

	@Parameter(label = "Components (0 = automatic estimate)", min = "0")
	private int components = 0;

	@Parameter(label = "Subtract the mean spectrum (centre)", description = "MANTiS does not centre (default false)")
	private boolean centre = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Eigenvalues")
	private ResultsTable eigenvalues;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus eigenimages;

	@Parameter(type = ItemIO.OUTPUT, label = "Eigenspectra")
	private ResultsTable eigenspectra;

	@Parameter(type = ItemIO.OUTPUT, label = "estimated significant components")
	private int significant;

	@Override
	protected void execute() {
		require(stack != null, "stack: no image given");
		SpectralStack s = Images.spectralStack(stack, "stack");
		int nE = s.energyCount();
		require(components <= nE, "components: " + components + " is more than the " + nE + " energies of the stack");
		Pca.Result r = Pca.compute(s, centre, progress());
		significant = r.significant;
		int k = components > 0 ? components : r.significant;
		eigenvalues = Tables.empty();
		for (int i = 0; i < nE; i++) {
			eigenvalues.incrementCounter();
			eigenvalues.addValue("component", i + 1);
			eigenvalues.addValue("eigenvalue", r.eigenvalues[i]);
			eigenvalues.addValue("explained", r.explained[i]);
			eigenvalues.addValue("cumulative", r.cumulative[i]);
		}
		float[][] img = Pca.eigenimages(s, r, k, progress());
		List<float[]> data = new ArrayList<>();
		List<String> labels = new ArrayList<>();
		for (int c = 0; c < k; c++) {
			data.add(img[c]);
			labels.add("PC" + (c + 1) + " (" + Images.format(100 * r.explained[c]) + " %)");
		}
		eigenimages = Images.maps(baseTitle() + " eigenimages", s.width(), s.height(), data, labels, stack.getCalibration());
		double[] energies = s.energies();
		eigenspectra = Tables.empty();
		for (int e = 0; e < nE; e++) {
			eigenspectra.incrementCounter();
			eigenspectra.addValue("energy_eV", energies[e]);
			for (int c = 0; c < k; c++)
				eigenspectra.addValue("pc" + (c + 1), r.vectors[c][e]);
		}
		String msg = "Principal Components: " + significant + " significant component(s) estimated (log-eigenvalue elbow); " + k + " eigenimage(s) returned"
			+ (centre ? ", mean-centred" : ", not centred (MANTiS)") + "; " + r.pixelsUsed + " pixels used";
		eigenimages.setProperty("Info", msg + "\n");
		Gui.log(msg);
	}

	private String baseTitle() {
		String t = stack.getTitle();
		int dot = t.lastIndexOf('.');
		return dot > 0 ? t.substring(0, dot) : t;
	}
}
