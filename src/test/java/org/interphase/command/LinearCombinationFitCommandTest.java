package org.interphase.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.interphase.cli.CommandCatalog;
import org.interphase.cli.CommandRunner;
import org.interphase.cli.Main;
import org.interphase.cli.demo.DemoData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;

import ij.ImagePlus;
import ij.measure.ResultsTable;

/** Linear Combination Fit end to end on the XANES demo phantom: standard errors and energy shifts reach the outputs. */
class LinearCombinationFitCommandTest {

	@TempDir
	static Path dir;
	static Context context;
	static CommandCatalog catalog;
	static CommandRunner runner;
	static String stack, refs;

	@BeforeAll
	static void start() throws IOException {
		DemoData.writeAll(dir);
		stack = dir.resolve("xanes/xanes-phantom-od.tif").toString();
		refs = dir.resolve("xanes/xanes-references.csv").toString();
		context = Main.newContext();
		catalog = new CommandCatalog(context);
		runner = new CommandRunner(context);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	@Test
	void standardErrorsAndShiftsInTheOutputs() {
		// the phantom was made with the references themselves: the shifts found are 0 within 0.05 eV
		Map<String, Object> o = runner.run(catalog.find("Linear Combination Fit"),
			SmokeCases.args("stack", stack, "references", refs, "fit_shift", "true", "max_shift", "1")).outputs;
		ImagePlus se = (ImagePlus) o.get("weights_se");
		ImagePlus w = (ImagePlus) o.get("weights");
		assertEquals(w.getStackSize(), se.getStackSize());
		ResultsTable summary = (ResultsTable) o.get("summary");
		for (int k = 0; k < w.getStackSize(); k++) {
			assertEquals(0, summary.getValue("shift_eV", k), 0.05, summary.getStringValue("reference", k));
			double meanSe = summary.getValue("mean_se", k);
			assertTrue(meanSe > 0 && meanSe < 0.1 * Math.max(0.05, summary.getValue("mean", k)) + 0.01, "mean SE " + meanSe);
		}
		assertTrue(Double.isNaN(summary.getValue("shift_eV", w.getStackSize())), "r_factor row has no shift");
	}
}
