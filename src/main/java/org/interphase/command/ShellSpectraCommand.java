package org.interphase.command;

import org.interphase.core.morphology.Labeling;
import org.interphase.core.morphology.Shells;
import org.interphase.core.spectrum.PeakWidth;
import org.interphase.core.stack.PixelEngine;
import org.interphase.core.stack.RegionSpectra;
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

/** Mean ± SD spectrum of concentric shells of particles, with the strongest peak of each shell. */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Segment>Shell Spectra", headless = true,
	description = "Split particles into concentric shells by depth below their boundary; spectrum, peak energy and FWHM per shell")
public class ShellSpectraCommand extends InterphaseCommand {

	@Parameter(label = "Stack (OD)", persist = false)
	private ImagePlus stack;

	@Parameter(label = "Particle mask or label image (empty = threshold)", persist = false, required = false)
	private ImagePlus mask;

	@Parameter(label = "OD-sum threshold (without a mask)", min = "0")
	private double threshold = 0;

	@Parameter(label = "Shells", min = "1", max = "255")
	private int shells = 3;

	@Parameter(label = "Shell thickness (nm, 0 = equal shells per particle)", min = "0")
	private double shell_width = 0;

	@Parameter(label = "Pixel size (nm, 0 = from the calibration)", min = "0")
	private double pixel_size = 0;

	@Parameter(label = "Peak window start (eV, 0 = whole range)", min = "0")
	private double peak_min = 0;

	@Parameter(label = "Peak window end (eV, 0 = whole range)", min = "0")
	private double peak_max = 0;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus shell_labels;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus depth_map;

	@Parameter(type = ItemIO.OUTPUT, label = "Shell spectra")
	private ResultsTable shell_spectra;

	@Parameter(type = ItemIO.OUTPUT)
	private Plot spectra_plot;

	@Parameter(type = ItemIO.OUTPUT, label = "Shell peaks")
	private ResultsTable peaks;

	@Parameter(type = ItemIO.OUTPUT, label = "particles")
	private int particles;

	@Override
	protected void execute() {
		require(stack != null, "stack: no image given");
		SpectralStack s = Images.spectralStack(stack, "stack");
		int w = s.width(), h = s.height();
		int[] particle = particleLabels(s);
		double[] nm = LabelImages.pixelSizeNm(stack, pixel_size);
		require(nm != null || shell_width == 0,
			"pixel_size: shell_width is in nm but \"" + stack.getTitle() + "\" is not calibrated in nm/µm; give pixel_size (nm)");
		double pw = nm == null ? 1 : nm[0], ph = nm == null ? 1 : nm[1];
		Shells.Result sh = Shells.compute(particle, w, h, pw, ph, shells, shell_width, progress());
		particles = sh.particles;
		RegionSpectra.Result rs = RegionSpectra.compute(s, sh.shell, progress());
		double[] energies = s.energies();
		double lo = peak_min > 0 ? peak_min : energies[0], hi = peak_max > 0 ? peak_max : energies[energies.length - 1];
		require(hi > lo, "peak_max: the peak window " + lo + "–" + hi + " eV is empty");
		String title = baseTitle();
		Calibration cal = nm == null ? stack.getCalibration() : LabelImages.nmCalibration(pw, ph);
		shell_labels = LabelImages.labelImage(title + " shells", w, h, sh.shell, cal);
		depth_map = Images.map(title + " depth below the particle boundary (" + (nm == null ? "px" : "nm") + ")", w, h, sh.depth, cal);
		shell_spectra = Tables.empty();
		for (int e = 0; e < energies.length; e++) {
			shell_spectra.incrementCounter();
			shell_spectra.addValue("energy_eV", energies[e]);
			for (int i = 0; i < rs.labels.length; i++) {
				shell_spectra.addValue("mean_" + rs.labels[i], rs.mean[i][e]);
				shell_spectra.addValue("sd_" + rs.labels[i], rs.sd[i][e]);
			}
		}
		peaks = Tables.empty();
		spectra_plot = new Plot("Shell spectra", "Energy (eV)", "OD (mean ± SD)");
		for (int i = 0; i < rs.labels.length; i++) {
			PeakWidth.Peak pk = PeakWidth.measure(energies, rs.mean[i], lo, hi);
			peaks.incrementCounter();
			peaks.addValue("shell", rs.labels[i]);
			peaks.addValue("pixels", rs.pixels[i]);
			peaks.addValue("peak_energy_eV", pk.energy);
			peaks.addValue("peak_height", pk.height);
			peaks.addValue("fwhm_eV", pk.fwhm);
			peaks.addValue("baseline", pk.baseline);
			Plots.addMeanSd(spectra_plot, energies, rs.mean[i], rs.sd[i], Plots.labelColor(rs.labels[i]), "shell " + rs.labels[i] + (rs.labels[i] == 1 ? ", outer" : ""));
		}
		Plots.legendIfSeveral(spectra_plot);
		spectra_plot.setLimitsToFit(false);
		String msg = "Shell Spectra: " + particles + " particle(s), " + shells + " shells "
			+ (shell_width > 0 ? "of " + Images.format(shell_width) + " nm" : "of equal thickness per particle") + "; peak window "
			+ Images.format(lo) + "–" + Images.format(hi) + " eV";
		shell_labels.setProperty("Info", msg + "\n");
		Gui.log(msg);
	}

	/** Particles from the mask (binary → connected components, 8-connected; labels kept) or the OD-sum threshold. */
	private int[] particleLabels(SpectralStack s) {
		int w = s.width(), h = s.height();
		boolean[] fg = new boolean[w * h];
		if (mask != null) {
			require(mask.getWidth() == w && mask.getHeight() == h,
				"mask: \"" + mask.getTitle() + "\" is " + mask.getWidth() + "×" + mask.getHeight() + ", the stack " + w + "×" + h);
			int[] lab = Images.labels(mask, "mask");
			int distinct = 0, first = 0;
			for (int l : lab) {
				if (l == 0) continue;
				if (first == 0) {
					first = l;
					distinct = 1;
				} else if (l != first) {
					distinct = 2;
					break;
				}
			}
			require(distinct > 0, "mask: \"" + mask.getTitle() + "\" has no particle (all pixels are 0)");
			if (distinct > 1) return lab;
			for (int p = 0; p < lab.length; p++)
				fg[p] = lab[p] != 0;
		} else {
			require(threshold > 0, "threshold: give a particle mask, or an OD-sum threshold > 0 (pixels whose OD summed over energies exceeds it)");
			float[] sum = new float[w * h];
			int nE = s.energyCount();
			PixelEngine.forEachSpectrum(s, () -> (pixel, spectrum) -> {
				double t = 0;
				for (int e = 0; e < nE; e++)
					t += spectrum[e];
				sum[pixel] = (float) t;
			}, progress(), "OD sum");
			long n = 0;
			for (int p = 0; p < fg.length; p++) {
				fg[p] = sum[p] > threshold;
				if (fg[p]) n++;
			}
			require(n > 0, "threshold: no pixel has an OD sum above " + threshold);
		}
		int[] lab = new int[w * h];
		Labeling.label(fg, w, h, true, lab);
		return lab;
	}

	private String baseTitle() {
		String t = stack.getTitle();
		int dot = t.lastIndexOf('.');
		return dot > 0 ? t.substring(0, dot) : t;
	}
}
