package org.interphase.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.interphase.core.InvalidInputException;
import org.interphase.core.afm.ForceCurve;
import org.interphase.core.afm.ForceMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AFM Workshop CSV force curves: the real file of afmformats' tests, the DFL(V) variant, hostile edits. */
class AfmWorkshopForceReaderTest {

	static final String REAL = "force/afmworkshop-fd_single_2021-10-22.csv";

	@Test
	void realFileColumnsAsWritten() {
		Path f = RealData.require(REAL);
		ForceMap m = ForceFiles.read(f);
		assertEquals(1, m.width * m.height);
		ForceCurve c = m.curves[0];
		// 1217 rows of four columns; values as in the file (nm, nN), extend rising, retract falling
		assertEquals(1217, c.approachZ.length);
		assertEquals(1217, c.retractZ.length);
		assertEquals(4129.0327, c.approachZ[0], 1e-9);
		assertEquals(0.0531, c.approachForce[0], 1e-12);
		assertEquals(5345.0327, c.approachZ[1216], 1e-9);
		assertEquals(0.0708, c.approachForce[1216], 1e-12);
		assertEquals(5345.0327, c.retractZ[0], 1e-9);
		assertEquals(0.0709, c.retractForce[0], 1e-12);
		assertEquals(4129.0327, c.retractZ[1216], 1e-9);
		assertEquals(0.0534, c.retractForce[1216], 1e-12);
		assertTrue(Double.isNaN(c.springConstant), "the file gives no spring constant");
		assertEquals("0.500000", m.metadata.get("X, um"));
		assertTrue(m.metadata.get("format").contains("file format 3"), m.metadata.get("format"));
	}

	static Path variant(Path dir, String name, String header, String rows) throws IOException {
		Path f = dir.resolve(name);
		Files.writeString(f, "Force-Distance Curve\nFile Format:\t2\n\nMode:\tSingle\n\n" + header + "\n" + rows, StandardCharsets.ISO_8859_1);
		return f;
	}

	@Test
	void deflectionInVoltsNeedsAndUsesTheOverrides(@TempDir Path tmp) throws IOException {
		StringBuilder rows = new StringBuilder();
		for (int i = 0; i < 20; i++)
			rows.append(1000 + i).append(',').append(0.6861 + 0.01 * i).append(',').append(1019 - i).append(',').append(0.7 - 0.01 * i).append('\n');
		Path f = variant(tmp, "v.csv", "Extend Z-Sense(nm),Extend DFL(V),Retract Z-Sense(nm),Retract DFL(V)", rows.toString());
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> ForceFiles.read(f));
		assertTrue(e.getMessage().contains("v.csv") && e.getMessage().contains("deflection_sensitivity"), e.getMessage());
		// afmformats' convention (tests/test_fmt_workshop.py): force = DFL(V) × sensitivity × k; k = 20 N/m, 10 nm/V
		ForceCurve c = ForceFiles.read(f, 20, 10).curves[0];
		assertEquals(0.6861 * 10 * 20, c.approachForce[0], 1e-9);
		assertEquals(20, c.springConstant, 0);
		assertEquals(10, c.deflectionSensitivity, 0);
	}

	@Test
	void hostileEditsAreOneLineErrors(@TempDir Path tmp) throws IOException {
		String good = "Extend Z-Sense(nm),Extend Force(nN),Retract Z-Sense(nm),Retract Force(nN)";
		String[][] cases = {
			{ "Extend Z-Sense(nm),Extend Force(nN),Retract Z-Sense(nm)", "1,2,3\n", "columns" },
			{ good, "1,2,3,4\n2,x,3,4\n", "not a number" },
			{ good, "1,2,3,4\n2,NaN,3,4\n", "non-finite" },
			{ good, "1,2,3,4\n", "fewer than 2" },
			{ good, "1,2,3,4\n2,,3,4\n3,4,5,6\n", "resumes" },
			{ good, "1,2,3,4,5\n", "cells" },
			{ "Extend Z-Sense(um),Extend Force(nN),Retract Z-Sense(um),Retract Force(nN)", "1,2,3,4\n", "nm" },
			{ "Extend Z-Sense(nm),Extend Current(nA),Retract Z-Sense(nm),Retract Current(nA)", "1,2,3,4\n", "unknown signal" },
			{ "Extend Z-Sense,Extend Force(nN),Retract Z-Sense(nm),Retract Force(nN)", "1,2,3,4\n", "unit" },
		};
		int i = 0;
		for (String[] c : cases) {
			Path f = variant(tmp, "h" + i++ + ".csv", c[0], c[1]);
			InvalidInputException e = assertThrows(InvalidInputException.class, () -> ForceFiles.read(f), c[2]);
			assertTrue(e.getMessage().contains(f.getFileName().toString()) && e.getMessage().contains(c[2]), e.getMessage());
			assertTrue(!e.getMessage().contains("\n"), e.getMessage());
		}
		// no header line at all
		Path f = tmp.resolve("nohead.csv");
		Files.writeString(f, "Force-Distance Curve\nMode:\tSingle\n1,2,3,4\n");
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> ForceFiles.read(f));
		assertTrue(e.getMessage().contains("header"), e.getMessage());
	}
}
