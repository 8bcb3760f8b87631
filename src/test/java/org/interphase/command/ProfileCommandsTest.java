package org.interphase.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.interphase.cli.CommandCatalog;
import org.interphase.cli.CommandRunner;
import org.interphase.core.profile.ErfEdgeFit;
import org.interphase.cli.Main;
import org.interphase.cli.OutputWriter;
import org.interphase.core.InvalidInputException;
import org.interphase.ij.OutputFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;

/** The three profile commands run headlessly as a macro would call them. */
class ProfileCommandsTest {

	static final Path XRF = org.interphase.io.RealData.path("xrf/hxn-fe");

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

	/** A 3-slice stack: a step at x = 10.5 whose upper level doubles each slice. */
	static Path stepStack(Path dir) throws IOException {
		ImageStack st = new ImageStack(30, 8);
		for (int s = 1; s <= 3; s++) {
			FloatProcessor fp = new FloatProcessor(30, 8);
			for (int y = 0; y < 8; y++)
				for (int x = 0; x < 30; x++)
					fp.setf(x, y, (float) (10 + 100 * s * 0.5 * (1 + org.apache.commons.math3.special.Erf.erf((x - 10.5) / (Math.sqrt(2) * 1.2)))));
			st.addSlice(s * 100 + " eV", fp);
		}
		ImagePlus imp = new ImagePlus("steps", st);
		Calibration cal = new Calibration();
		cal.pixelWidth = cal.pixelHeight = 0.5;
		cal.setUnit("µm");
		cal.setValueUnit("counts");
		imp.setCalibration(cal);
		Path f = dir.resolve("steps.tif");
		OutputFiles.saveFloatTiff(imp, f);
		return f;
	}

	@Test
	void stackGivesOneProfilePerSlice(@TempDir Path tmp) throws IOException {
		Path f = stepStack(tmp);
		CommandRunner.Run r = run("Interface Profile", "image", f.toString(), "x1", "0", "y1", "4", "x2", "29", "y2", "4", "width", "5", "zones",
			"0-2", "bulk", "8-12", "max_edges", "1");
		ResultsTable p = (ResultsTable) r.outputs.get("profile");
		assertEquals(3 * 30, p.size());
		// the image is calibrated in µm: distances and widths carry the unit in the column name
		assertEquals(0.5, p.getValue("distance_um", 1), 1e-12, "calibrated distance");
		ResultsTable e = (ResultsTable) r.outputs.get("interfaces");
		assertEquals(3, e.size());
		for (int i = 0; i < 3; i++) {
			assertEquals(10.5 * 0.5, e.getValue("x0_um", i), 0.01);
			assertEquals(1.2 * 0.5, e.getValue("sigma_um", i), 0.01);
			assertEquals(10 + 100 * (i + 1), e.getValue("plateau_2", i), 0.5);
			assertEquals(ErfEdgeFit.WIDTH_10_90 * e.getValue("sigma_um", i), e.getValue("width_10_90_um", i), 1e-9);
		}
		ResultsTable z = (ResultsTable) r.outputs.get("zone_stats");
		assertEquals(6, z.size(), "bulk + one zone per slice");
		assertEquals("300 eV", z.getStringValue("slice_label", 5));
		assertNotNull(r.outputs.get("plot"));
		assertTrue(((ij.gui.Plot) r.outputs.get("plot")).getLabel('y').endsWith("(counts)"), "the y axis carries the image's value unit");
		// one frame only
		CommandRunner.Run one = run("Interface Profile", "image", f.toString(), "x1", "0", "y1", "4", "x2", "29", "y2", "4", "frame", "2", "origin",
			"interface");
		ResultsTable p1 = (ResultsTable) one.outputs.get("profile");
		assertEquals(30, p1.size());
		assertEquals(-10.5 * 0.5, p1.getValue("distance_um", 0), 0.01, "origin at the interface");
	}

	@Test
	void badInputNamesTheField(@TempDir Path tmp) throws IOException {
		Path f = stepStack(tmp);
		InvalidInputException e = assertThrows(InvalidInputException.class,
			() -> run("Interface Profile", "image", f.toString(), "x1", "0", "y1", "4", "x2", "29", "y2", "4", "zones", "5-x"));
		assertTrue(e.getMessage().startsWith("Interface Profile: zones:"), e.getMessage());
		e = assertThrows(InvalidInputException.class, () -> run("Interface Profile", "image", f.toString()));
		assertTrue(e.getMessage().startsWith("Interface Profile: line:"), e.getMessage());
		e = assertThrows(InvalidInputException.class, () -> run("Histogram Compare", "images", f + "," + tmp.resolve("nope.tif")));
		assertTrue(e.getMessage().startsWith("Histogram Compare: images:"), e.getMessage());
	}

	@Test
	void compareProfilesAlignsAtTheInterface(@TempDir Path tmp) throws IOException {
		Path a = tmp.resolve("a.tif"), b = tmp.resolve("b.tif");
		for (int k = 0; k < 2; k++) {
			FloatProcessor fp = new FloatProcessor(40, 6);
			double x0 = k == 0 ? 12.2 : 17.7;
			for (int y = 0; y < 6; y++)
				for (int x = 0; x < 40; x++)
					fp.setf(x, y, (float) (5 + 50 * 0.5 * (1 + org.apache.commons.math3.special.Erf.erf((x - x0) / (Math.sqrt(2) * 1.5)))));
			IJ.saveAsTiff(new ImagePlus(k == 0 ? "pristine" : "cycled", fp), (k == 0 ? a : b).toString());
		}
		CommandRunner.Run r = run("Compare Profiles", "images", a + "," + b, "x1", "0", "y1", "3", "x2", "39", "y2", "3", "width", "3", "origin",
			"interface");
		ResultsTable t = (ResultsTable) r.outputs.get("profiles");
		assertTrue(t.columnExists("mean_a") && t.columnExists("sd_b"), String.join(",", t.getHeadings()));
		// at the aligned interface (distance 0) both profiles are at half height
		int row = 12; // distance 12 − 12.2 = −0.2
		assertEquals(t.getValue("mean_a", row), t.getValue("mean_b", row), 0.3);
		ResultsTable al = (ResultsTable) r.outputs.get("alignment");
		assertEquals(12.2, al.getValue("origin_from_start", 0), 0.05);
		assertEquals(17.7, al.getValue("origin_from_start", 1), 0.05);
	}

	@Test
	void realXrfMapsCompareWithoutError(@TempDir Path tmp) {
		Path s = XRF.resolve("SUM_maps_XRF_S_K.tiff"), p = XRF.resolve("SUM_maps_XRF_P_K.tiff"), fe = XRF.resolve("SUM_maps_XRF_Fe_K.tiff");
		Assumptions.assumeTrue(Files.exists(s) && Files.exists(p) && Files.exists(fe), "shared data absent: " + XRF.toAbsolutePath());
		CommandRunner.Run r = run("Histogram Compare", "images", s + "," + p + "," + fe, "bins", "50");
		ResultsTable h = (ResultsTable) r.outputs.get("histograms");
		ResultsTable st = (ResultsTable) r.outputs.get("stats");
		assertEquals(50, h.size());
		assertEquals(3, st.size());
		for (int k = 0; k < 3; k++) {
			String col = h.getColumnHeading(k + 1);
			double sum = 0;
			for (int i = 0; i < h.size(); i++)
				sum += h.getValue(col, i);
			assertEquals(st.getValue("n", k), sum, 0, col + ": counts sum to n");
			assertTrue(st.getValue("n", k) > 0.9 * 160 * 160);
			assertTrue(Double.isFinite(st.getValue("mean", k)) && st.getValue("sd", k) > 0);
		}
		// and a wide profile across the real S map
		CommandRunner.Run pr = run("Interface Profile", "image", s.toString(), "x1", "10", "y1", "80", "x2", "150", "y2", "80", "width", "20");
		assertEquals(141, ((ResultsTable) pr.outputs.get("profile")).size());
		Map<String, Object> out = pr.outputs;
		assertNotNull(out.get("interfaces"));
	}
}
