package org.interphase.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.interphase.core.InvalidInputException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.FloatProcessor;

/** Readers on the fixtures of src/test/resources/xrf (truth in make_fixtures.py) and on the real HXN exports. */
class XrfMapsReaderTest {

	static final int NX = 6, NY = 5;

	static Path fixture(String name) {
		return Paths.get("src/test/resources/xrf").resolve(name);
	}

	static double s(int x, int y, int frame) {
		return 100 + 10 * x + y + 1000 * frame;
	}

	static double p(int x, int y) {
		return 50 + x * y;
	}

	static double i0(int x, int y) {
		return 2 + (x + y) % 3;
	}

	@Test
	void pyxrfDetsumNamesValuesAndPixelSize() {
		XrfMaps m = XrfMapsReader.read(fixture("pyxrf_scan2D_1000.h5"), "", "none");
		assertEquals(List.of("S_K", "P_K", "compton"), m.names);
		assertEquals(NX, m.width);
		assertEquals(NY, m.height);
		for (int y = 0; y < NY; y++)
			for (int x = 0; x < NX; x++) {
				assertEquals(s(x, y, 0), m.map("S_K")[y * NX + x], 1e-4, "S_K at " + x + "," + y);
				assertEquals(p(x, y), m.map("P_K")[y * NX + x], 1e-4);
			}
		// positions (2, ny, nx): 0.5 µm steps
		assertEquals(0.5, m.pixelWidth, 1e-12);
		assertEquals(0.5, m.pixelHeight, 1e-12);
		assertEquals("1000", m.metadata.get("scan_id"));
		assertEquals(XrfMapsReader.parseTime("2021-03-16T10:00:00"), m.scanTimeSeconds, 1e-6);
	}

	@Test
	void pyxrfNormalisationByScalerWithZeroPixel() {
		XrfMaps m = XrfMapsReader.read(fixture("pyxrf_scan2D_1000.h5"), "detsum", "i0").select("S_K");
		double sum = 0;
		int n = 0;
		for (int y = 0; y < NY; y++)
			for (int x = 0; x < NX; x++)
				if (x + y > 0) {
					sum += i0(x, y);
					n++;
				}
		double mean = sum / n;
		// scalers are (ny, nx, n): i0 varies along x and y; (0, 0) is zero and takes the mean
		assertEquals(s(0, 0, 0) / mean, m.maps.get(0)[0], 1e-4);
		assertEquals(s(4, 3, 0) / i0(4, 3), m.maps.get(0)[3 * NX + 4], 1e-4);
		assertEquals(s(5, 1, 0) / i0(5, 1), m.maps.get(0)[NX + 5], 1e-4);
	}

	@Test
	void pyxrfDetectorAndRoiChoices() {
		XrfMaps d1 = XrfMapsReader.read(fixture("pyxrf_scan2D_1000.h5"), "det1", "none");
		assertEquals(s(2, 3, 0) / 2, d1.map("S_K")[3 * NX + 2], 1e-4);
		XrfMaps roi = XrfMapsReader.read(fixture("pyxrf_scan2D_1000.h5"), "roi", "none");
		assertEquals(List.of("S_K", "P_K"), roi.names);
		assertEquals(p(2, 3) + 1, roi.map("P_K")[3 * NX + 2], 1e-4);
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> XrfMapsReader.read(fixture("pyxrf_scan2D_1000.h5"), "det7", "none"));
		assertTrue(e.getMessage().contains("det1") && e.getMessage().contains("detsum"), e.getMessage());
	}

	@Test
	void unknownElementListsTheAvailableOnes() {
		XrfMaps m = XrfMapsReader.read(fixture("pyxrf_scan2D_1000.h5"), "", "none");
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> m.select("S_K,Zn_K"));
		assertTrue(e.getMessage().startsWith("elements:") && e.getMessage().contains("Zn_K") && e.getMessage().contains("S_K, P_K, compton"), e.getMessage());
		assertEquals(List.of("P_K", "S_K"), m.select("p_k, S_K").names);
		InvalidInputException n = assertThrows(InvalidInputException.class, () -> XrfMapsReader.read(fixture("pyxrf_scan2D_1000.h5"), "", "i9"));
		assertTrue(n.getMessage().contains("i0, i0_time"), n.getMessage());
	}

	@Test
	void mapsFittedNnlsRoiAndLegacy() {
		XrfMaps fitted = XrfMapsReader.read(fixture("maps_2xfm_0001.h5"), "", "none");
		assertEquals(List.of("S", "P"), fitted.names);
		assertEquals(s(3, 4, 0), fitted.map("S")[4 * NX + 3], 1e-9);
		assertEquals(0.5, fitted.pixelWidth, 1e-12);
		assertEquals(0.5, fitted.pixelHeight, 1e-12);
		assertEquals(p(3, 4) + 2, XrfMapsReader.read(fixture("maps_2xfm_0001.h5"), "nnls", "none").map("P")[4 * NX + 3], 1e-9);
		assertEquals(p(3, 4) + 1, XrfMapsReader.read(fixture("maps_2xfm_0001.h5"), "roi", "none").map("P")[4 * NX + 3], 1e-9);
		XrfMaps legacy = XrfMapsReader.read(fixture("maps_legacy.h5"), "", "none");
		assertEquals(List.of("S", "P"), legacy.names);
		assertEquals(p(5, 2), legacy.map("P")[2 * NX + 5], 1e-4);
		assertTrue(XrfMapsReader.isXrfHdf5(fixture("maps_legacy.h5")));
	}

	@Test
	void elementNamesFromPyxrfExportFileNames() {
		assertEquals("S_K", XrfMapsReader.elementFromFileName("detsum_S_K.tiff"));
		assertEquals("S_K", XrfMapsReader.elementFromFileName("detsum_S_K_norm.tiff"));
		assertEquals("Fe_K", XrfMapsReader.elementFromFileName("SUM_maps_XRF_Fe_K.tiff"));
		assertEquals("P_K", XrfMapsReader.elementFromFileName("det2_P_K.tif"));
		assertTrue(XrfMapsReader.isPyxrfExportName("SUM_maps_XRF_S_K.tiff"));
		assertTrue(XrfMapsReader.isPyxrfExportName("detsum_S_K_norm.tiff"));
		assertTrue(!XrfMapsReader.isPyxrfExportName("frame_01.tif"));
	}

	@Test
	void realHxnPyxrfTiffExports() {
		Path dir = RealData.path("xrf/hxn-fe");
		Assumptions.assumeTrue(Files.exists(dir.resolve("SUM_maps_XRF_S_K.tiff")), "shared data absent: " + dir);
		XrfMaps m = XrfMapsReader.read(dir, "", "none");
		assertEquals(List.of("Cr_K", "Fe_K", "P_K", "S_K", "Si_K"), m.names);
		assertEquals(160, m.width);
		assertEquals(160, m.height);
		double sum = 0;
		for (float v : m.map("Fe_K"))
			sum += v;
		assertTrue(sum > 0, "Fe map holds signal");
		XrfMaps sp = m.select("S_K,P_K");
		assertEquals(List.of("S_K", "P_K"), sp.names);
	}

	@Test
	void multiPageTiffTakesNamesFromSliceLabels(@TempDir Path dir) {
		ImageStack st = new ImageStack(3, 2);
		st.addSlice("S_K", new FloatProcessor(3, 2, new float[] { 1, 2, 3, 4, 5, 6 }));
		st.addSlice("P_K", new FloatProcessor(3, 2, new float[] { 6, 5, 4, 3, 2, 1 }));
		Path f = dir.resolve("frame.tif");
		new FileSaver(new ImagePlus("x", st)).saveAsTiffStack(f.toString());
		XrfMaps m = XrfMapsReader.read(f, "", "none");
		assertEquals(List.of("S_K", "P_K"), m.names);
		assertArrayEquals(new float[] { 6, 5, 4, 3, 2, 1 }, m.map("P_K"));
	}
}
