package org.interphase.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.interphase.cli.CommandCatalog;
import org.interphase.cli.CommandRunner;
import org.interphase.cli.bench.ForceWorkloads;
import org.interphase.cli.Main;
import org.interphase.core.InvalidInputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;

import ij.ImagePlus;
import ij.measure.ResultsTable;

/** The command end to end: maps, units, echoed settings, and one-line errors. */
class ForceCurveModulusTest {

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
	void textMapGivesTheTruthInKpa(@TempDir Path tmp) throws IOException {
		Path dir = tmp.resolve("map");
		ForceWorkloads.writeTextMap(dir, 4, 3, 200);
		CommandRunner.Run r = run("file", dir.toString(), "tip_radius", "2500", "poisson", "0.5");
		ImagePlus e = (ImagePlus) r.outputs.get("modulus");
		assertEquals(4, e.getWidth());
		assertEquals(3, e.getHeight());
		assertEquals("kPa", e.getCalibration().getValueUnit());
		for (int y = 0; y < 3; y++)
			for (int x = 0; x < 4; x++) {
				double truth = ForceWorkloads.phantomModulus(x, y, 4, 3) / 1e3;
				assertEquals(truth, e.getProcessor().getf(x, y), 0.03 * truth, "x " + x + " y " + y);
			}
		ResultsTable s = (ResultsTable) r.outputs.get("summary");
		assertEquals(12, s.getValue("n", 0), 0);
		assertEquals(0, s.getValue("failed", 0), 0);
		assertEquals(0.5, s.getValue("poisson", 0), 0);
		assertEquals("kPa", s.getStringValue("unit", 0));
		ResultsTable c = (ResultsTable) r.outputs.get("curves");
		assertEquals(12, c.size());
		assertEquals("ok", c.getStringValue("status", 0));
	}

	@Test
	void nanitesFitThroughTheCommand() {
		// nanite's documented fit of spot3-0192 (hertz_para, R = 10 µm, ν = 0.5, unweighted, full approach): 14741.96 Pa
		Path spot = org.interphase.io.RealData.path("force/jpk-spot3-0192.jpk-force");
		CommandRunner.Run r = run("file", spot.toString(), "model", "hertz_sphere", "tip_radius", "10000", "poisson", "0.5",
			"contact_method", "fit");
		ResultsTable c = (ResultsTable) r.outputs.get("curves");
		assertEquals(14.74196, c.getValue("E_kPa", 0), 0.001 * 14.74196);
		assertEquals("ok", c.getStringValue("status", 0));
		assertTrue(Double.isFinite(c.getValue("baseline_nN", 0)));
		ImagePlus st = (ImagePlus) r.outputs.get("fit_status");
		assertEquals(0, st.getProcessor().getf(0, 0), 0);
		// a demanding R² threshold flags the curve: NaN in the map, the numbers kept in the table
		r = run("file", spot.toString(), "tip_radius", "10000", "contact_method", "fit", "min_r2", "0.9999");
		c = (ResultsTable) r.outputs.get("curves");
		assertEquals("R² below threshold", c.getStringValue("status", 0));
		assertTrue(Double.isFinite(c.getValue("E_kPa", 0)));
		assertTrue(Float.isNaN(((ImagePlus) r.outputs.get("modulus")).getProcessor().getf(0, 0)));
		assertEquals(1, ((ResultsTable) r.outputs.get("summary")).getValue("flagged", 0), 0);
		assertEquals(org.interphase.core.afm.IndentationFit.Status.LOW_R_SQUARED.ordinal(),
			((ImagePlus) r.outputs.get("fit_status")).getProcessor().getf(0, 0), 0);
	}

	@Test
	void missingSpringConstantIsAOneLineError(@TempDir Path tmp) throws IOException {
		Files.writeString(tmp.resolve("c.txt"), "0 0\n1 0\n2 0\n3 0\n4 0\n5 0\n6 0\n7 0\n8 0.1\n9 0.4\n10 1\n11 2\n12 3\n13 4\n");
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> run("file", tmp.toString()));
		assertTrue(e.getMessage().startsWith("Force Curve Modulus: spring_constant:"), e.getMessage());
		// with the override it runs, and a failed or odd curve is a status, not an error
		CommandRunner.Run r = run("file", tmp.toString(), "spring_constant", "0.1");
		assertEquals(1, ((ResultsTable) r.outputs.get("curves")).size());
	}

	@Test
	void badFieldsNameTheField(@TempDir Path tmp) throws IOException {
		Path dir = tmp.resolve("map");
		ForceWorkloads.writeTextMap(dir, 1, 1, 60);
		for (List<String> bad : List.of(List.of("fit_min", "60", "fit_max", "40", "fit_max"), List.of("model", "sneddon_cone", "half_angle", "0", "half_angle"),
			List.of("plot_index", "5", "", "", "plot_index"))) {
			String[] kv = bad.get(2).isEmpty() ? new String[] { "file", dir.toString(), bad.get(0), bad.get(1) }
				: new String[] { "file", dir.toString(), bad.get(0), bad.get(1), bad.get(2), bad.get(3) };
			InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(kv));
			assertTrue(e.getMessage().startsWith("Force Curve Modulus: " + bad.get(4)), e.getMessage());
		}
	}

	@Test
	void jpkMapThroughTheCommand() {
		Path map = org.interphase.io.RealData.path("force/jpk-forcemap-2x2.jpk-force-map");
		Assumptions.assumeTrue(Files.exists(map), "shared data absent: " + map);
		CommandRunner.Run r = run("file", map.toString(), "tip_radius", "10000", "poisson", "0.5");
		ImagePlus e = (ImagePlus) r.outputs.get("modulus");
		assertEquals(2, e.getWidth());
		assertEquals(2, e.getHeight());
		assertEquals(540, e.getCalibration().pixelWidth, 1e-6);
		for (int i = 0; i < 4; i++)
			assertTrue(Float.isFinite(e.getProcessor().getf(i)));
		ImagePlus adh = (ImagePlus) r.outputs.get("adhesion");
		assertTrue(adh.getProcessor().getf(0) > 0, "cells stick to the bead");
	}
}
