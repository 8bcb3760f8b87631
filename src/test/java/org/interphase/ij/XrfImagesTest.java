package org.interphase.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.List;

import org.interphase.io.XrfMapsReader;
import org.interphase.io.XrfTimeSeries;
import org.junit.jupiter.api.Test;

import ij.ImagePlus;

class XrfImagesTest {

	@Test
	void openerDetectsXrfHdf5ByContent() {
		XrfMapsOpener o = new XrfMapsOpener();
		assertTrue(o.accepts(Paths.get("src/test/resources/xrf/pyxrf_scan2D_1000.h5")));
		assertTrue(o.accepts(Paths.get("src/test/resources/xrf/maps_2xfm_0001.h5")));
		assertFalse(o.accepts(Paths.get("src/test/resources/xrf/make_fixtures.py")));
		ImagePlus imp = o.open(Paths.get("src/test/resources/xrf/pyxrf_scan2D_1000.h5"));
		assertEquals(3, imp.getNChannels());
		assertEquals("P_K", imp.getStack().getSliceLabel(2));
		assertEquals(0.5, imp.getCalibration().pixelWidth, 1e-12);
		assertEquals("2021-03-16T10:00:00", imp.getProp(XrfMapsReader.SCAN_TIME_PROPERTY));
	}

	@Test
	void hyperstackRoundTripKeepsNamesTimesAndPixels() {
		XrfTimeSeries s = XrfTimeSeries.read(Paths.get("src/test/resources/xrf/series"), "P_K,S_K", "", "none", 1, false);
		ImagePlus hs = XrfImages.toHyperstack(s, "series");
		assertEquals(2, hs.getNChannels());
		assertEquals(3, hs.getNFrames());
		XrfImages.Series back = XrfImages.series(hs, "maps");
		assertEquals(List.of("P_K", "S_K"), back.names);
		assertArrayEquals(new double[] { 0, 1, 3.5 }, back.timesH, 1e-4);
		assertArrayEquals(s.frames.get(2).maps.get(1), back.frames[2][1]);
		assertEquals(1, back.channel("S_K", "void_channels"));
		assertEquals(0, back.channel("1", "void_channels"));
	}
}
