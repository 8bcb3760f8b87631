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

	/**
	 * Surface Statistics end to end on the real NanoSurf file (both height channels; the amplitude
	 * channels are skipped): the forward channel's Sal, slowest decay and Str equal Gwyddion 2.62's
	 * (SurfaceStatisticsTest) to 1e-6; both plots come out; a reversed fit range is one clear error.
	 */
	@Test
	void surfaceStatisticsOfARealFile() {
		Path f = org.interphase.io.RealData.require("afm/nanosurf-20160301DKRUStorageMedium10um.nid");
		CommandRunner.Run r = run("Surface Statistics", "image", f.toString(), "level", "plane");
		ResultsTable rt = (ResultsTable) r.outputs.get("statistics");
		assertEquals(2, rt.size());
		assertTrue(rt.getStringValue("image", 0).endsWith("Z-Axis forward"), rt.getStringValue("image", 0));
		assertEquals(445.38102542935073, rt.getValue("Sal_nm", 0), 445.38 * 1e-6);
		assertEquals(1336.1430762880528, rt.getValue("slowest_decay_nm", 0), 1336.1 * 1e-6);
		assertEquals(1 / 3.0, rt.getValue("Str", 0), 1e-6);
		assertEquals(1.8065169872431448, rt.getValue("fractal_dimension_gwyddion", 0), 1e-6);
		assertTrue(r.outputs.get("psd_plot") instanceof ij.gui.Plot && r.outputs.get("acf_plot") instanceof ij.gui.Plot);
		InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
			() -> run("Surface Statistics", "image", f.toString(), "fit_from", "10", "fit_to", "5"));
		assertTrue(e.getMessage().contains("fit_to: must exceed fit_from"), e.getMessage());
	}
}
