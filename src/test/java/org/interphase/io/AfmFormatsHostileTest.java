package org.interphase.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue-16 AFM readers refuse damaged copies of the real files with one line naming the file and
 * what is wrong: a truncated file (never read as if whole: every format here declares or implies its
 * data size), and header numbers that make no sense. (FuzzTest runs many more cases on the same files.)
 */
class AfmFormatsHostileTest {

	@TempDir
	Path tmp;

	private Path copy(String name, byte[] content) throws IOException {
		return Mutations.write(Files.createTempDirectory(tmp, "case"), name, content);
	}

	private static byte[] real(String name) throws IOException {
		return Files.readAllBytes(RealData.require("afm/" + name));
	}

	/** Truncated to 90 %: refused, and the message says the file is truncated (or that data are missing). */
	private void truncated(String name) throws IOException {
		Path f = copy(name, Mutations.truncate(real(name), 0.9));
		String m = HostileInputTest.refused(name, () -> AfmImporter.read(f));
		assertTrue(m.contains("truncated") || m.contains("needs bytes") || m.contains("fewer"), m);
	}

	/** The first match of {@code regex}'s group 1 replaced by {@code value}: refused, naming {@code key}. */
	private void badNumber(String name, String regex, String value, String key) throws IOException {
		byte[] e = Mutations.replaceTextSameLength(real(name), regex, value);
		assertTrue(e != null, regex + " not found in " + name);
		Path f = copy(name, e);
		String m = HostileInputTest.refused(name, () -> AfmImporter.read(f));
		assertTrue(m.contains(key), "message names " + key + ": " + m);
	}

	@Test
	void gsf() throws IOException {
		String n = "gsf-scifi-GwiddionReader_chip.gsf";
		truncated(n);
		for (String v : new String[] { "0", "-5", "NaN", "3.5" })
			badNumber(n, "XRes = (\\d+)", v, "XRes");
		badNumber(n, "XReal = (\\S+)", "-1", "XReal");
	}

	@Test
	void bcr() throws IOException {
		String n = "imagemetrology-scilab4spm-data3.bcr";
		truncated(n);
		badNumber(n, "xpixels = (\\d+)", "0", "xpixels");
		badNumber(n, "ypixels = (\\d+)", "999", "256×999");
		badNumber(n, "xlength = (\\S+)", "-1", "xlength");
		badNumber(n, "bit2nm = (\\S+)", "NaN", "bit2nm");
		badNumber(n, "fileformat = (\\S+)", "bcrxyz", "fileformat");
	}

	@Test
	void wsxm() throws IOException {
		String n = "wsxm-afmreader-sample_0.top";
		truncated(n);
		badNumber(n, "Image header size: (\\d+)", "99999999", "Image header size");
		badNumber(n, "Number of columns: (\\d+)", "0", "Number of columns");
		badNumber(n, "Z Amplitude: (\\S+)", "NaN", "Z Amplitude");
		badNumber(n, "X Amplitude: (\\S+)", "-500", "X Amplitude");
		badNumber(n, "Image Data Type: (\\S+)", "complex", "Image Data Type");
	}

	@Test
	void nanosurf() throws IOException {
		String n = "nanosurf-20160301DKRUStorageMedium10um.nid";
		truncated(n);
		badNumber(n, "\\[DataSet-0:1\\]\\r?\\nVersion=2\\r?\\nPoints=(\\d+)", "0", "Points");
		badNumber(n, "SaveBits=(\\d+)", "12", "SaveBits");
		badNumber(n, "Dim0Range=(\\S+)", "-1e-005", "Dim0Range");
		badNumber(n, "GroupCount=(\\d+)", "NaN", "GroupCount");
	}

	@Test
	void ntmdt() throws IOException {
		String n = "ntmdt-scifi-test_mdt.mdt";
		truncated(n);
		byte[] b = real(n);
		Path small = copy(n, AfmFormatEdits.putInt(b, 33, 10, ByteOrder.LITTLE_ENDIAN)); // frame 1 smaller than its header
		String m = HostileInputTest.refused(n, () -> AfmImporter.read(small));
		assertTrue(m.contains("frame 1"), m);
		for (FuzzTest.Edit e : AfmFormatEdits.mdt(b))
			if (e.what.contains("scale = NaN") || e.what.contains("max index") && !e.what.startsWith("calibration 2")) { // the measurand's index range is not used
				Path f = copy(n, e.bytes);
				org.interphase.core.InvalidInputException x = org.junit.jupiter.api.Assertions.assertThrows(org.interphase.core.InvalidInputException.class,
					() -> AfmImporter.read(f), e.what);
				FuzzTest.assertCleanMessage(x, n);
				String msg = x.getMessage();
				assertTrue(msg.contains("frame 2"), e.what + ": " + msg);
			}
	}

	@Test
	void jpk() throws IOException {
		String n = "jpk-afmreader-sample_0.jpk";
		truncated(n);
		for (FuzzTest.Edit e : AfmFormatEdits.jpkImage(real(n)))
			if (e.what.startsWith("page 1 tag 0x8042")) {
				Path f = copy(n, e.bytes);
				String m = HostileInputTest.refused(n, () -> AfmImporter.read(f));
				assertTrue(m.contains("Grid_uLength"), e.what + ": " + m);
			}
	}

	@Test
	void hitachi() throws IOException {
		String n = "hitachi-scilab4spm-data2.xqd";
		truncated(n);
		byte[] b = real(n);
		for (double v : new double[] { 0, -1, Double.NaN }) {
			Path f = copy(n, AfmFormatEdits.putDouble(b, 0xA8, v, ByteOrder.LITTLE_ENDIAN));
			String m = HostileInputTest.refused(n, () -> AfmImporter.read(f));
			assertTrue(m.contains("z scale"), m);
		}
		Path odd = copy(n, java.util.Arrays.copyOf(b, b.length + 2));
		String m = HostileInputTest.refused(n, () -> AfmImporter.read(odd));
		assertTrue(m.contains("end of file"), m);
	}
}
