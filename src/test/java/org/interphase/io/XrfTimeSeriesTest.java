package org.interphase.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.interphase.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.FloatProcessor;

class XrfTimeSeriesTest {

	@Test
	void pyxrfSeriesOrderedByScanTimeWithUnevenTimes() {
		XrfTimeSeries s = XrfTimeSeries.read(XrfMapsReaderTest.fixture("series"), "S_K,P_K", "", "none", 1, false);
		assertEquals(3, s.frames.size());
		assertEquals(List.of("S_K", "P_K"), s.names);
		assertArrayEquals(new double[] { 0, 1, 3.5 }, s.timesH, 1e-9);
		assertEquals("scan_time_start", s.timeSource);
		for (int f = 0; f < 3; f++)
			assertEquals(XrfMapsReaderTest.s(1, 2, f), s.frames.get(f).maps.get(0)[2 * 6 + 1], 1e-3, "frame " + f);
	}

	static void writeFrame(Path file, int w, int h, float value, String time) {
		ImageStack st = new ImageStack(w, h);
		float[] a = new float[w * h], b = new float[w * h];
		java.util.Arrays.fill(a, value);
		java.util.Arrays.fill(b, value + 1);
		st.addSlice("S_K", new FloatProcessor(w, h, a));
		st.addSlice("P_K", new FloatProcessor(w, h, b));
		ImagePlus imp = new ImagePlus("f", st);
		if (time != null) imp.setProp(XrfMapsReader.SCAN_TIME_PROPERTY, time);
		new FileSaver(imp).saveAsTiffStack(file.toString());
	}

	@Test
	void tiffSeriesNaturalOrderAndIntervalWhenTimesAbsent(@TempDir Path dir) {
		writeFrame(dir.resolve("scan_10.tif"), 4, 3, 10, null);
		writeFrame(dir.resolve("scan_9.tif"), 4, 3, 9, null);
		writeFrame(dir.resolve("scan_1.tif"), 4, 3, 1, null);
		XrfTimeSeries s = XrfTimeSeries.read(dir, "", "", "none", 0.5, false);
		assertEquals(1, s.frames.get(0).maps.get(0)[0]);
		assertEquals(9, s.frames.get(1).maps.get(0)[0]);
		assertEquals(10, s.frames.get(2).maps.get(0)[0]);
		assertArrayEquals(new double[] { 0, 0.5, 1.0 }, s.timesH, 1e-12);
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> XrfTimeSeries.read(dir, "", "", "none", 0, false));
		assertTrue(e.getMessage().startsWith("frame_interval"), e.getMessage());
	}

	@Test
	void tiffSeriesTimesFromProperty(@TempDir Path dir) {
		writeFrame(dir.resolve("b.tif"), 4, 3, 2, "2024-01-01T02:30:00");
		writeFrame(dir.resolve("a.tif"), 4, 3, 1, "2024-01-01T00:00:00");
		XrfTimeSeries s = XrfTimeSeries.read(dir, "", "", "none", 1, false);
		assertArrayEquals(new double[] { 0, 2.5 }, s.timesH, 1e-9);
	}

	/** Each sub-folder is one frame of PyXRF TIFF exports (element from the file name). */
	@Test
	void seriesOfPyxrfExportFolders(@TempDir Path dir) throws Exception {
		for (int f = 0; f < 2; f++) {
			Path sub = java.nio.file.Files.createDirectories(dir.resolve("scan_" + (f + 1)));
			for (String el : new String[] { "S_K", "P_K" }) {
				float[] px = new float[12];
				java.util.Arrays.fill(px, el.equals("S_K") ? 10 * (f + 1) : 5);
				new FileSaver(new ImagePlus(el, new FloatProcessor(4, 3, px))).saveAsTiff(sub.resolve("detsum_" + el + ".tiff").toString());
			}
		}
		XrfTimeSeries s = XrfTimeSeries.read(dir, "S_K,P_K", "", "none", 2, false);
		assertEquals(List.of("S_K", "P_K"), s.names);
		assertEquals(20, s.frames.get(1).maps.get(0)[0]);
		assertArrayEquals(new double[] { 0, 2 }, s.timesH, 1e-12);
	}

	@Test
	void differentSizesRefusedUnlessCropped(@TempDir Path dir) {
		writeFrame(dir.resolve("f1.tif"), 5, 4, 1, null);
		writeFrame(dir.resolve("f2.tif"), 4, 3, 2, null);
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> XrfTimeSeries.read(dir, "", "", "none", 1, false));
		assertTrue(e.getMessage().contains("different sizes") && e.getMessage().contains("crop_to_common"), e.getMessage());
		XrfTimeSeries s = XrfTimeSeries.read(dir, "", "", "none", 1, true);
		assertEquals(4, s.width);
		assertEquals(3, s.height);
		assertTrue(s.cropped);
	}
}
