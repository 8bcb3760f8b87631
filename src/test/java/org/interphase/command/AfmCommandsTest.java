package org.interphase.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.interphase.cli.CommandCatalog;
import org.interphase.cli.CommandRunner;
import org.interphase.cli.demo.DemoData;
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

/** The AFM commands end to end, as the CLI and macros run them. */
class AfmCommandsTest {

	static Context context;
	static CommandCatalog catalog;
	static CommandRunner runner;

	@BeforeAll
	static void start() {
		context = Main.newContext();
		catalog = new CommandCatalog(context);
		runner = new CommandRunner(context);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	private static CommandRunner.Run run(String command, String... kv) {
		return runner.run(catalog.find(command), SmokeCases.args(kv));
	}

	/** The generated demo phantom (true Sq 2 nm + tilt + row offsets): Surface Roughness with plane_then_rows gives Sq within 2 %, in nm. */
	@Test
	void roughnessOfThePhantom(@TempDir Path tmp) throws Exception {
		DemoData.writeAll(tmp);
		Path a = tmp.resolve(DemoData.AFM_A);
		ResultsTable rt = (ResultsTable) run("Surface Roughness", "image", a.toString(), "level", "plane_then_rows").outputs.get("roughness");
		assertEquals(1, rt.size());
		assertEquals(2.0, rt.getValue("Sq_nm", 0), 0.04);
		assertEquals(rt.getValue("Sku", 0) - 3, rt.getValue("Sku_excess", 0), 1e-9);
		ImagePlus lev = (ImagePlus) run("Level Surface", "image", a.toString(), "method", "plane_then_rows").outputs.get("leveled");
		assertEquals(0.02, lev.getCalibration().pixelWidth, 1e-12);
		assertEquals("nm", lev.getProp("interphase.afm.units"));
	}

	/** A NanoScope file given as an image input opens through the AFM opener plugin; the Amplitude channel (V) is skipped. */
	@Test
	void nanoscopeThroughTheOpener() {
		Path f = org.interphase.io.RealData.path("afm/nanoscope-v512-512px.spm");
		Assumptions.assumeTrue(Files.exists(f), "shared data absent: " + f);
		ResultsTable rt = (ResultsTable) run("Surface Roughness", "image", f.toString(), "level", "plane").outputs.get("roughness");
		assertEquals(1, rt.size(), "one height channel, amplitude skipped");
		assertTrue(rt.getStringValue("image", 0).endsWith(":Height"));
		double sq = rt.getValue("Sq_nm", 0);
		assertTrue(sq > 0.5 && sq < 100, "Sq " + sq + " nm after a plane fit of a 2 µm scan");
		InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
			() -> run("Import AFM Image", "file", f.toString(), "channel", "DMTModulus"));
		assertTrue(e.getMessage().contains("Height, Amplitude"), e.getMessage());
	}
}
