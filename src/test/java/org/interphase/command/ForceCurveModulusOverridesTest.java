package org.interphase.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.interphase.cli.CommandCatalog;
import org.interphase.cli.CommandRunner;
import org.interphase.cli.Main;
import org.interphase.core.InvalidInputException;
import org.interphase.io.RealData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;

import ij.measure.ResultsTable;

/** Issue 16 §2 through the command: spring_constant and deflection_sensitivity rescue a JPK file without a force conversion. */
class ForceCurveModulusOverridesTest {

	static Context context;
	static CommandRunner runner;
	static CommandCatalog catalog;

	@BeforeAll
	static void start() {
		context = Main.newContext();
		runner = new CommandRunner(context);
		catalog = new CommandCatalog(context);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	CommandRunner.Run run(String... kv) {
		return runner.run(catalog.find("Force Curve Modulus"), SmokeCases.args(kv));
	}

	@Test
	void calibrationFileOpensWithBothOverrides() {
		Path f = RealData.require("force/jpk-calibration-force-save-2015.jpk-force");
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> run("file", f.toString(), "tip_radius", "1000"));
		assertTrue(e.getMessage().contains("spring_constant") && e.getMessage().contains("deflection_sensitivity"), e.getMessage());
		CommandRunner.Run r = run("file", f.toString(), "tip_radius", "1000", "spring_constant", "0.05", "deflection_sensitivity", "50");
		ResultsTable s = (ResultsTable) r.outputs.get("summary");
		assertEquals(1, s.getValue("n", 0), 0);
		assertEquals(0.05, s.getValue("spring_constant", 0), 1e-12);
		assertEquals(1, ((ResultsTable) r.outputs.get("curves")).size());
	}
}
