package org.interphase.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.interphase.core.afm.ForceCurve;
import org.interphase.core.afm.ForceMap;
import org.junit.jupiter.api.Test;

/**
 * JPK QI files read by the force-map reader: {@code .jpk-qi-data} (a QI map, the layout of a
 * .jpk-force-map) and {@code .jpk-qi-series} (one QI curve, the layout of a .jpk-force). Reference
 * values from afmformats' tests (tests/test_fmt_jpk_qi.py: force[0] = −1.269014596090597e-10 N,
 * height (measured)[0] = 4.716154783699957e-06 m, 4 curves with grid index x 0..3).
 */
class JpkQiReaderTest {

	@Test
	void qiDataMap() {
		Path f = RealData.require("force/jpk-qi-2020.02.07.jpk-qi-data");
		ForceMap m = ForceFiles.read(f);
		assertEquals(4, m.width);
		assertEquals(1, m.height);
		for (ForceCurve c : m.curves)
			assertNotNull(c);
		ForceCurve c = m.curves[0];
		assertEquals(300, c.approachZ.length);
		assertEquals("JPK QI map", m.metadata.get("format"));
		// afmformats: force[0] = −0.1269014596 nN; z = −height (measured), nm
		assertEquals(-0.1269014596090597, c.approachForce[0], 1e-12);
		assertEquals(-4716.154783699957, c.approachZ[0], 1e-6);
	}

	@Test
	void qiSeriesCurve() {
		Path f = RealData.require("force/jpk-qi-series-2021.04.13.jpk-qi-series");
		ForceMap m = ForceFiles.read(f);
		assertEquals(1, m.width * m.height);
		ForceCurve c = m.curves[0];
		// header: extend and retract num-points 1000; spring constant 35.028 N/m, sensitivity 9.76 nm/V (the
		// force and distance conversions of vDeflection)
		assertEquals(1000, c.approachZ.length);
		assertEquals(1000, c.retractZ.length);
		assertEquals(35.028, c.springConstant, 1e-9);
		assertEquals(9.76, c.deflectionSensitivity, 1e-9);
		assertEquals("JPK QI series (one QI curve)", m.metadata.get("format"));
		assertTrue(c.approachZ[999] > c.approachZ[0], "z rises during the approach");
	}
}
