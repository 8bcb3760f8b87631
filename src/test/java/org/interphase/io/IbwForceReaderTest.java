package org.interphase.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.interphase.core.afm.ForceCurve;
import org.interphase.core.afm.ForceMap;
import org.junit.jupiter.api.Test;

/**
 * Asylum Research force curve in an Igor binary wave: the file of afmformats' tests
 * ({@code fmt-igor-fd_SiN_FD_plot.ibw}; afmformats checks its time, 10:47:31). Values below are the
 * file's own: 2016 × 3 float32 wave with columns Raw, Defl, ZSnsr (m); note SpringConstant 1.1841,
 * InvOLS 4.499e-08, Indexes 0,1008,2015.
 */
class IbwForceReaderTest {

	@Test
	void asylumForceCurve() {
		Path f = RealData.require("force/igor-SiN_FD_plot.ibw");
		ForceMap m = ForceFiles.read(f);
		ForceCurve c = m.curves[0];
		assertEquals(1.1841, c.springConstant, 0);
		assertEquals(44.99, c.deflectionSensitivity, 1e-9);
		assertEquals(1009, c.approachZ.length);
		assertEquals(1008, c.retractZ.length);
		// first sample: ZSnsr 1.1956911976085394e-06 m, Defl −3.272485393779334e-09 m (float32 values)
		assertEquals(1195.6911976085394, c.approachZ[0], 1e-6);
		assertEquals(-3.272485393779334 * 1.1841, c.approachForce[0], 1e-6);
		assertEquals(c.approachZ[1008], c.retractZ[0], 0);
		assertTrue(c.approachZ[1008] > c.approachZ[0] + 200, "the approach rises towards the sample");
		assertEquals("10:47:31", m.metadata.get("Time"));
		assertEquals("ZSnsr", m.metadata.get("height column"));
		// the spring constant given by the user replaces the note's
		assertEquals(2.0, ForceFiles.read(f, 2.0, Double.NaN).curves[0].springConstant, 0);
	}

	@Test
	void anImageWaveIsNotAForceCurve() {
		Path img = RealData.require("afm/asylum-P0089OP0027.ibw");
		org.interphase.core.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(org.interphase.core.InvalidInputException.class,
			() -> ForceFiles.read(img));
		assertTrue(e.getMessage().contains("asylum-P0089OP0027.ibw") && e.getMessage().contains("not a force-curve wave"), e.getMessage());
	}
}
