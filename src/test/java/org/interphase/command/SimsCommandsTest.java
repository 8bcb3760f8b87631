package org.interphase.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.interphase.cli.CommandCatalog;
import org.interphase.cli.CommandRunner;
import org.interphase.cli.Main;
import org.interphase.cli.demo.SimsDemoData;
import org.interphase.cli.demo.SimsPhantom;
import org.interphase.core.InvalidInputException;
import org.interphase.core.sims.SimsVolume;
import org.interphase.ij.OutputFiles;
import org.interphase.ij.SimsImages;
import org.interphase.io.SimsReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;

import ij.ImagePlus;
import ij.measure.ResultsTable;

/** Import ToF-SIMS, Depth Profile and SIMS Sections run headlessly as a macro would call them, on the SEI phantom. */
class SimsCommandsTest {

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

	static CommandRunner.Run run(String command, String... kv) {
		return runner.run(catalog.find(command), SmokeCases.args(kv));
	}

	/** The phantom as a hyperstack TIFF with 2 s per cycle (0.5 nm/s → 1 nm per cycle). */
	static Path stack(Path dir, SimsPhantom.Condition c, int size, double level, long seed) throws IOException {
		SimsVolume v = SimsPhantom.generate(c, size, 130, 1, level, 0, seed);
		Path f = dir.resolve(c.name + ".tif");
		OutputFiles.saveFloatTiff(SimsImages.toHyperstack(new SimsReader.SimsData(v, null, 2, 1, "µm", "phantom", f), c.name), f);
		return f;
	}

	@Test
	void seiThicknessAndLayersOfBothConditions(@TempDir Path tmp) throws IOException {
		long seed = 40;
		for (SimsPhantom.Condition c : new SimsPhantom.Condition[] { SimsPhantom.LIQUID, SimsPhantom.QUASI_SOLID }) {
			Path f = stack(tmp, c, 32, 3, seed++);
			CommandRunner.Run r = run("Depth Profile", "image", f.toString(), "depth_axis", "rate_per_s", "sputter_rate", "0.5", "sei_markers", "CH2O-,LiF-",
				"layer_ions", "CH2O-,LiF-");
			double sei = (Double) r.outputs.get("sei_thickness_nm");
			assertEquals(c.seiNm(), sei, 0.05 * c.seiNm(), c.name + " SEI");
			ResultsTable t = (ResultsTable) r.outputs.get("thicknesses");
			assertEquals("CH2O-", t.getStringValue("layer", 0));
			assertEquals(c.organicNm, t.getValue("thickness_nm", 0), 0.05 * c.organicNm, c.name + " organic");
			assertEquals(c.lifNm, t.getValue("thickness_nm", 1), 0.05 * c.seiNm(), c.name + " LiF");
			ResultsTable layers = (ResultsTable) r.outputs.get("layers");
			boolean found = false;
			for (int i = 0; i < layers.size(); i++)
				if (layers.getStringValue("ion", i).equals("Li2-") && layers.getStringValue("direction", i).equals("rises")) {
					found = true;
					assertEquals(c.seiNm(), layers.getValue("depth_50_nm", i), 0.05 * c.seiNm());
					assertEquals(c.width1684(), layers.getValue("width_16_84_nm", i), 0.10 * c.width1684());
				}
			assertTrue(found, "the Li2- onset is a layer row");
			ResultsTable p = (ResultsTable) r.outputs.get("profiles");
			assertEquals(130, p.size());
			assertEquals(5, p.getValue("depth_nm", 5), 1e-9, "cycle 6 at 5 × 2 s × 0.5 nm/s");
			assertTrue(p.columnExists("LiF-_mean") && p.columnExists("LiF-_sd"));
			// the substrate rule gives the same SEI
			CommandRunner.Run s = run("Depth Profile", "image", f.toString(), "depth_axis", "crater", "crater_depth", "130", "substrate_ion", "Li2-",
				"normalize", "total_ion");
			assertEquals(c.seiNm(), (Double) s.outputs.get("sei_thickness_nm"), 0.05 * c.seiNm(), c.name + " SEI from Li2-, total-ion normalised");
		}
	}

	@Test
	void regionAndMaskExcludeAParticle(@TempDir Path tmp) throws IOException {
		Path f = stack(tmp, SimsPhantom.QUASI_SOLID, 24, 20, 3);
		ImagePlus imp = ij.IJ.openImage(f.toString());
		// a "particle" in the right half: pure CH2O- signal through all cycles
		for (int z = 1; z <= imp.getNSlices(); z++) {
			ij.process.ImageProcessor ip = imp.getStack().getProcessor(imp.getStackIndex(1, z, 1));
			for (int y = 0; y < 24; y++)
				for (int x = 12; x < 24; x++)
					ip.setf(x, y, 500);
		}
		Path g = tmp.resolve("particle.tif");
		OutputFiles.saveFloatTiff(imp, g);
		Path mask = tmp.resolve("mask.tif");
		ij.process.ByteProcessor bp = new ij.process.ByteProcessor(24, 24);
		for (int y = 0; y < 24; y++)
			for (int x = 0; x < 12; x++)
				bp.set(x, y, 255);
		ij.IJ.saveAsTiff(new ImagePlus("mask", bp), mask.toString());
		for (String[] sel : new String[][] { { "region", "0,0,12,24" }, { "mask", mask.toString() } }) {
			CommandRunner.Run r = run("Depth Profile", "image", g.toString(), sel[0], sel[1], "depth_axis", "rate_per_cycle", "sputter_rate", "1",
				"sei_markers", "CH2O-");
			assertEquals(20, (Double) r.outputs.get("sei_thickness_nm"), 1.0, "CH2O- ends at 20 nm outside the particle (" + sel[0] + ")");
		}
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> run("Depth Profile", "image", g.toString(), "region", "0,0,a,3"));
		assertTrue(e.getMessage().startsWith("Depth Profile: region:"), e.getMessage());
		e = assertThrows(InvalidInputException.class, () -> run("Depth Profile", "image", g.toString(), "sei_markers", "CO3-"));
		assertTrue(e.getMessage().startsWith("Depth Profile: sei_markers: no ion \"CO3-\""), e.getMessage());
		e = assertThrows(InvalidInputException.class, () -> run("Depth Profile", "image", g.toString(), "depth_axis", "rate_per_cycle"));
		assertTrue(e.getMessage().startsWith("Depth Profile: sputter_rate:"), e.getMessage());
	}

	@Test
	void textExportImportsAndProfiles(@TempDir Path tmp) throws IOException {
		SimsVolume v = SimsPhantom.generate(SimsPhantom.LIQUID, 16, 130, 1, 10, 0, 9);
		Path txt = tmp.resolve("profile.txt");
		Files.writeString(txt, SimsDemoData.textExport(v, 2, "liquid"));
		CommandRunner.Run r = run("Import ToF-SIMS", "file", txt.toString());
		ImagePlus sims = (ImagePlus) r.outputs.get("sims");
		assertEquals(5, sims.getNChannels());
		assertEquals(130, sims.getNSlices());
		assertEquals(2, Double.parseDouble(sims.getProp(SimsReader.CYCLE_TIME_PROPERTY)), 1e-9);
		Path f = tmp.resolve("imported.tif");
		OutputFiles.saveFloatTiff(sims, f);
		CommandRunner.Run d = run("Depth Profile", "image", f.toString(), "depth_axis", "rate_per_s", "sputter_rate", "0.5", "sei_markers", "CH2O-,LiF-");
		assertEquals(100, (Double) d.outputs.get("sei_thickness_nm"), 5, "SEI of the liquid condition from the text export");
	}

	@Test
	void sectionsHaveTheAspectAndTheIonsAsChannels(@TempDir Path tmp) throws IOException {
		Path f = stack(tmp, SimsPhantom.QUASI_SOLID, 20, 20, 11);
		CommandRunner.Run r = run("SIMS Sections", "image", f.toString(), "aspect", "0.5", "nm_per_cycle", "1", "red", "CH2O-", "green", "LiF-", "blue",
			"Li2-", "map_from", "1", "map_to", "20");
		ImagePlus xz = (ImagePlus) r.outputs.get("xz_sections");
		assertEquals(20, xz.getWidth());
		assertEquals(10, xz.getHeight());
		assertEquals(5, xz.getStackSize());
		assertEquals("LiF-", xz.getStack().getSliceLabel(4));
		assertEquals(13, xz.getCalibration().pixelHeight, 1e-9, "nm per output row: 130 cycles of 1 nm in 10 rows");
		ImagePlus rgb = (ImagePlus) r.outputs.get("xz_overlay");
		assertEquals(24, rgb.getBitDepth());
		// top row is organic (red), the bottom row Li (blue)
		int top = ((ij.process.ColorProcessor) rgb.getProcessor()).get(10, 0), bottom = ((ij.process.ColorProcessor) rgb.getProcessor()).get(10, 9);
		assertTrue((top >> 16 & 0xff) > 150 && (top & 0xff) < 60, Integer.toHexString(top));
		assertTrue((bottom & 0xff) > 150 && (bottom >> 16 & 0xff) < 60, Integer.toHexString(bottom));
		ImagePlus maps = (ImagePlus) r.outputs.get("ion_maps");
		assertEquals(5, maps.getStackSize());
		// CH2O- over cycles 1–20 (all organic, the interface at 20 nm blurs only the last cycles): mean near 20 counts
		double s = 0;
		float[] px = (float[]) maps.getStack().getPixels(1);
		for (float p : px)
			s += p;
		assertEquals(20 * (19.5 / 20), s / px.length, 1.0);
	}
}
