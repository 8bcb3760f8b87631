package org.interphase.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.interphase.cli.CommandCatalog;
import org.interphase.cli.CommandRunner;
import org.interphase.cli.demo.DemoData;
import org.interphase.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.ResultsTable;

/**
 * The segmentation commands end to end (macro-style arguments, headless) on the generated
 * composite-cathode phantom, whose truth is known: three NMC particles with 150 nm interphase rims
 * (3 px of 50 nm) in electrolyte.
 */
class SegmentCommandsTest {

	@TempDir
	static Path dir;
	static Context context;
	static CommandCatalog catalog;
	static CommandRunner runner;
	static String stack, phases, mask;

	@BeforeAll
	static void start() throws IOException {
		DemoData.writeAll(dir);
		stack = dir.resolve("segment/composite-od.tif").toString();
		phases = dir.resolve("segment/composite-phases.tif").toString();
		mask = dir.resolve("segment/particles-mask.tif").toString();
		context = Main.newContext();
		catalog = new CommandCatalog(context);
		runner = new CommandRunner(context);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	static Map<String, Object> run(String command, String... kv) {
		return runner.run(catalog.find(command), SmokeCases.args(kv)).outputs;
	}

	@Test
	void threeSignificantComponents() {
		assertEquals(3, run("Principal Components", "stack", stack).get("significant"));
	}

	@Test
	void clustersFindThePhasesAndRepeatBitForBit() {
		Map<String, Object> a = run("Cluster Analysis", "stack", stack, "clusters", "3", "seed", "9");
		Map<String, Object> b = run("Cluster Analysis", "stack", stack, "clusters", "3", "seed", "9");
		short[] la = (short[]) ((ImagePlus) a.get("labels")).getProcessor().getPixels();
		short[] lb = (short[]) ((ImagePlus) b.get("labels")).getProcessor().getPixels();
		assertArrayEquals(la, lb, "same seed, same labels");
		assertArrayEquals((float[]) ((ImagePlus) a.get("error_map")).getProcessor().getPixels(),
			(float[]) ((ImagePlus) b.get("error_map")).getProcessor().getPixels());
		// by size: electrolyte (≈ 2320 px) = 1, NMC (≈ 1090) = 2, interphase (≈ 690) = 3
		int[] truthToCluster = { 0, 2, 3, 1 };
		ImagePlus truth = IJ.openImage(phases);
		long ok = 0;
		for (int p = 0; p < la.length; p++)
			if (la[p] == truthToCluster[(int) truth.getProcessor().getf(p)]) ok++;
		assertTrue(ok >= 0.98 * la.length, "pixels in their phase's cluster: " + ok + " of " + la.length);
		ResultsTable summary = (ResultsTable) a.get("cluster_summary");
		assertEquals(3, summary.size());
		assertTrue(summary.getValue("pixels", 0) >= summary.getValue("pixels", 1));
	}

	/**
	 * NNMA (k = 3 from the cluster spectra, MANTiS defaults) on the composite cathode: each phase of
	 * the truth is dominated by its own component (more than half of the summed mean thickness there: measured 60 % in the electrolyte, whose flat spectrum the
	 * particles' pre-edge baselines partly mimic), and
	 * the outputs have their documented shapes.
	 */
	@Test
	void nnmaGivesOneComponentPerPhase() {
		Map<String, Object> o = run("Unmix Spectra (NNMA)", "stack", stack, "components", "3", "max_iterations", "400", "seed", "1");
		ImagePlus maps = (ImagePlus) o.get("thickness");
		assertEquals(3, maps.getStackSize());
		ImagePlus truth = IJ.openImage(phases);
		int n = maps.getWidth() * maps.getHeight();
		boolean[] used = new boolean[3];
		for (int phase = 1; phase <= 3; phase++) {
			double[] mean = new double[3];
			int count = 0;
			for (int p = 0; p < n; p++) {
				if ((int) truth.getProcessor().getf(p) != phase) continue;
				count++;
				for (int c = 0; c < 3; c++)
					mean[c] += maps.getStack().getProcessor(c + 1).getf(p);
			}
			int best = 0;
			double sum = 0;
			for (int c = 0; c < 3; c++) {
				sum += mean[c];
				if (mean[c] > mean[best]) best = c;
			}
			assertTrue(mean[best] > 0.5 * sum, "phase " + phase + ": component " + (best + 1) + " holds " + mean[best] / sum + " of " + count + " px");
			assertTrue(!used[best], "phase " + phase + " shares component " + (best + 1));
			used[best] = true;
		}
		ResultsTable spectra = (ResultsTable) o.get("spectra");
		assertEquals(40, spectra.size());
		ResultsTable cost = (ResultsTable) o.get("cost_history");
		int it = (Integer) o.get("iterations_run");
		assertEquals(it + 1, cost.size());
		assertTrue(cost.getValue("total", it) < cost.getValue("total", 0));
		assertEquals(24, ((ImagePlus) o.get("composite")).getBitDepth());
		assertEquals(1, ((ImagePlus) o.get("residual_map")).getStackSize());
	}

	@Test
	void nnmaHoldsAReferenceFixedAndNamesUnknownOnes() throws IOException {
		// references: the mean spectrum of each true phase (Region Spectra), as a user would export them
		ResultsTable rs = (ResultsTable) run("Region Spectra", "stack", stack, "labels", phases).get("spectra");
		StringBuilder csv = new StringBuilder("energy_eV,nmc,interphase,electrolyte\n");
		for (int r = 0; r < rs.size(); r++)
			csv.append(rs.getValue("energy_eV", r)).append(',').append(rs.getValue("mean_1", r)).append(',').append(rs.getValue("mean_2", r))
				.append(',').append(rs.getValue("mean_3", r)).append('\n');
		Path refs = dir.resolve("phase-references.csv");
		java.nio.file.Files.writeString(refs, csv);
		Map<String, Object> o = run("Unmix Spectra (NNMA)", "stack", stack, "initialisation", "references", "references", refs.toString(), "fixed",
			"interphase", "max_iterations", "100");
		ResultsTable out = (ResultsTable) o.get("spectra");
		for (int r = 0; r < rs.size(); r++)
			assertEquals(rs.getValue("mean_2", r), out.getValue("interphase", r), 1e-12, "the held spectrum is the reference");
		org.interphase.core.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(org.interphase.core.InvalidInputException.class,
			() -> run("Unmix Spectra (NNMA)", "stack", stack, "initialisation", "references", "references", refs.toString(), "fixed", "sei"));
		assertTrue(e.getMessage().contains("fixed: no reference named [sei] (references: nmc, interphase, electrolyte)"), e.getMessage());
	}

	@Test
	void interphaseThicknessIs150nm() {
		Map<String, Object> o = run("Interphase Thickness", "labels", phases, "phase_a", "1", "interphase", "2", "phase_c", "3");
		assertEquals(150, (double) o.get("mean_thickness"), 50, "mean within one 50 nm pixel");
		assertEquals(150, (double) o.get("median_thickness"), 50);
		ImagePlus map = (ImagePlus) o.get("thickness_map");
		assertEquals("nm", map.getCalibration().getUnit());
		assertEquals(50, map.getCalibration().pixelWidth, 1e-9);
	}

	@Test
	void shellsSeparateTheRimFromTheCore() {
		Map<String, Object> o = run("Shell Spectra", "stack", stack, "mask", mask, "shells", "3", "peak_min", "851.5", "peak_max", "854");
		assertEquals(3, o.get("particles"));
		ResultsTable peaks = (ResultsTable) o.get("peaks");
		// the core shell is NMC only: its peak at 853.0 eV; the outer shell holds the interphase (852.4 eV) and lies below
		assertEquals(853.0, peaks.getValue("peak_energy_eV", 2), 0.1);
		assertTrue(peaks.getValue("peak_energy_eV", 0) < peaks.getValue("peak_energy_eV", 2) - 0.1, "outer shell peak shifted down");
		assertTrue(peaks.getValue("fwhm_eV", 0) > peaks.getValue("fwhm_eV", 2), "outer shell peak broader");
	}

	@Test
	void particlesFromAnOdSumThreshold() {
		// OD summed over the 40 energies: electrolyte ≈ 8–9, interphase rim and NMC well above 12
		Map<String, Object> o = run("Shell Spectra", "stack", stack, "threshold", "12", "shells", "2", "shell_width", "100");
		assertEquals(3, o.get("particles"));
		ImagePlus shells = (ImagePlus) o.get("shell_labels");
		int p = 20 * 64 + 18; // centre of particle 1: deeper than 100 nm → shell 2
		assertEquals(2, shells.getProcessor().get(p));
		assertEquals(1, shells.getProcessor().get(20 * 64 + 18 + 14)); // in the rim, 14 px from the centre
	}

	@Test
	void compositeScalesEachChannelToItsLimits() {
		Map<String, Object> o = run("RGB Composite", "stack", stack, "slices", "14,11,1", "red_min", "0", "red_max", "2");
		ImagePlus rgb = (ImagePlus) o.get("composite");
		assertEquals(24, rgb.getBitDepth());
		ImagePlus in = IJ.openImage(stack);
		int p = 20 * 64 + 18; // centre of particle 1
		int red = (rgb.getProcessor().get(p) >> 16) & 0xff;
		assertEquals(Math.round(255 * in.getStack().getProcessor(14).getf(p) / 2), red, 1);
		ResultsTable legend = (ResultsTable) o.get("legend");
		assertEquals(3, legend.size());
		assertEquals(2, legend.getValue("max", 0), 0);
	}

	@Test
	void spectraPlotsUseTheColoursOfTheirLabelImages() throws ReflectiveOperationException {
		Map<String, Object> c = run("Cluster Analysis", "stack", stack, "clusters", "3", "seed", "1");
		Map<String, Object> sh = run("Shell Spectra", "stack", stack, "mask", mask, "shells", "3");
		check((ImagePlus) c.get("labels"), (Plot) c.get("spectra_plot"), "cluster ", 3);
		check((ImagePlus) sh.get("shell_labels"), (Plot) sh.get("spectra_plot"), "shell ", 3);
	}

	/** Series "prefix k … mean" has the colour label k shows in the label image, and the plot has a legend. */
	private static void check(ImagePlus labels, Plot plot, String prefix, int n) throws ReflectiveOperationException {
		java.awt.image.ColorModel cm = labels.getProcessor().getColorModel();
		double lo = labels.getDisplayRangeMin(), hi = labels.getDisplayRangeMax();
		int found = 0;
		for (int i = 0; i < plot.getNumPlotObjects(); i++) {
			String label = plot.getPlotObjectLabel(i);
			if (label == null || !label.startsWith(prefix) || !label.endsWith(" mean")) continue;
			int k = Integer.parseInt(label.substring(prefix.length()).replaceAll("[^0-9].*", ""));
			int index = (int) Math.round(255 * (k - lo) / (hi - lo));
			java.awt.Color shown = new java.awt.Color(cm.getRGB(index) & 0xffffff);
			java.awt.Color plotted = ij.plugin.Colors.decode(plot.getPlotObjectStyle(i).split(",")[0], null);
			assertEquals(shown, plotted, label + ": plot colour = label colour");
			found++;
		}
		assertEquals(n, found, "one mean series per label");
		assertTrue(org.interphase.ij.PlotsTest.hasLegend(plot), "several series: a legend");
	}

	@Test
	void clusterAndShellLabelsShareTheUnitOfTheInput() {
		ImagePlus c = (ImagePlus) run("Cluster Analysis", "stack", stack, "clusters", "3", "seed", "1").get("labels");
		ImagePlus sh = (ImagePlus) run("Shell Spectra", "stack", stack, "mask", mask, "shells", "3").get("shell_labels");
		assertEquals(sh.getCalibration().getUnit(), c.getCalibration().getUnit());
		assertEquals(sh.getCalibration().pixelWidth, c.getCalibration().pixelWidth, 1e-9);
		assertTrue(c.getCalibration().scaled(), "the composite stack is calibrated: so are its labels");
	}
}
