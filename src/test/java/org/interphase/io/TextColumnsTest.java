package org.interphase.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.interphase.core.InvalidInputException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextColumnsTest {

	@TempDir
	Path tmp;

	@Test
	void headerCommentsAndSeparators() throws IOException {
		Path f = tmp.resolve("t.csv");
		Files.writeString(f, "# made by hand\nenergy,a,b\n700,1,2\n701;3;4\n702\t5 6\n");
		TextColumns t = TextColumns.read(f, 2);
		assertEquals(java.util.List.of("energy", "a", "b"), t.names());
		assertArrayEquals(new double[] { 2, 4, 6 }, t.column(2), 0);
	}

	@Test
	void badRowNamesFileAndLine() throws IOException {
		Path f = tmp.resolve("bad.txt");
		Files.writeString(f, "1 2\n3 x\n");
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> TextColumns.read(f, 2));
		assertTrue(e.getMessage().contains("bad.txt line 2"), e.getMessage());
	}

	@Test
	void realI0SpectrumFromTheAlsStack() {
		Path f = RealData.path("stxm/als-fe-l3-71214078/i0.xsp");
		Assumptions.assumeTrue(Files.exists(f), "shared data folder absent: skipping the real-file test");
		TextColumns t = TextColumns.read(f, 2);
		assertEquals(2, t.columnCount());
		assertEquals(700.0, t.column(0)[0], 1e-9);
		assertEquals(901.48397, t.column(1)[0], 1e-5);
		assertTrue(t.rowCount() > 100);
	}
}
