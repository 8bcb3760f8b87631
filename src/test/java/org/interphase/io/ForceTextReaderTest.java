package org.interphase.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.interphase.core.InvalidInputException;
import org.interphase.core.afm.ForceMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForceTextReaderTest {

	@Test
	void folderOfCurvesBecomesAGrid(@TempDir Path tmp) throws IOException {
		Files.writeString(tmp.resolve("a.txt"), "# x: 1\n# y: 0\n# spring_constant: 0.2\n# pixel_size: 2\nz_nm force_nN segment\n0 0 0\n1 0.5 0\n2 1 0\n2 1 1\n1 0.4 1\n");
		Files.writeString(tmp.resolve("b.txt"), "# x: 0\n# y: 1\n0 0\n1 0.5\n2 1\n1 0.2\n");
		Files.writeString(tmp.resolve("notes.md"), "ignored");
		ForceMap m = ForceFiles.read(tmp);
		assertEquals(2, m.width);
		assertEquals(2, m.height);
		assertEquals(2, m.pixelSize, 0);
		assertNull(m.curves[0]);
		assertEquals(3, m.curves[1].approachZ.length);
		assertEquals(2, m.curves[1].retractZ.length);
		assertEquals(0.2, m.curves[1].springConstant, 0);
		// two columns: the approach runs to the largest z
		assertEquals(3, m.curves[2].approachZ.length);
		assertEquals(0.2, m.curves[2].retractForce[0], 0);
		assertEquals(Double.NaN, m.curves[2].springConstant, 0);
	}

	@Test
	void badInputNamesTheFile(@TempDir Path tmp) throws IOException {
		Files.writeString(tmp.resolve("x.txt"), "# x: 0\n# y: 0\n0 0\n1 abc\n");
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> ForceFiles.read(tmp));
		assertEquals(true, e.getMessage().contains("x.txt"), e.getMessage());
		Path odd = tmp.resolve("y.bin");
		Files.write(odd, new byte[] { 1, 2, 3 });
		assertThrows(InvalidInputException.class, () -> ForceFiles.read(odd));
	}
}
