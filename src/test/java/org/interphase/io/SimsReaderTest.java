package org.interphase.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.interphase.cli.demo.SimsDemoData;
import org.interphase.cli.demo.SimsPhantom;
import org.interphase.core.InvalidInputException;
import org.interphase.core.sims.SimsVolume;
import org.interphase.ij.OutputFiles;
import org.interphase.ij.SimsImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

/** The three ToF-SIMS layouts, on files written in each layout, and one-line errors naming the file and line. */
class SimsReaderTest {

	@TempDir
	Path tmp;

	/** The documented text layout as an instrument writes it: title and settings lines, a tab header with units, numbers. */
	static final String EXPORT = "Depth Profile - SEI on Li, negative polarity\n"
		+ "Sputter: Cs 500 eV, 300 x 300 um; Analysis: Bi3+ 100 x 100 um\n"
		+ "# exported counts per cycle\n"
		+ "Sputter Time (s)\tCH2O- (counts)\tLiF- (counts)\tLi2- (counts)\n"
		+ "1.5\t120\t3\t1\n"
		+ "3.0\t118\t5\t0\n"
		+ "4.5\t60\t40\t2\n"
		+ "6.0\t4\t90\t30\n";

	@Test
	void textExportWithAHeaderBlock() throws IOException {
		Path f = tmp.resolve("profile.txt");
		Files.writeString(f, EXPORT);
		SimsReader.SimsData d = SimsReader.read(f, "");
		assertArrayEquals(new String[] { "CH2O-", "LiF-", "Li2-" }, d.volume.ions());
		assertEquals(4, d.volume.cycles);
		assertEquals(1, d.volume.width * d.volume.height);
		assertArrayEquals(new double[] { 1.5, 3, 4.5, 6 }, d.timesS, 0);
		assertEquals(1.5, d.cycleTimeS, 1e-12);
		assertEquals(40, d.volume.cycle(1, 2)[0], 0);
		assertEquals("depth-profile text", d.format);
	}

	@Test
	void cycleColumnCsvAndMinutes() throws IOException {
		Path f = tmp.resolve("cycles.csv");
		Files.writeString(f, "cycle,F-,LiF-\n1,10,2\n2,11,3\n3,9,4\n");
		SimsReader.SimsData d = SimsReader.read(f, "");
		assertEquals(null, d.timesS);
		assertTrue(Double.isNaN(d.cycleTimeS));
		assertArrayEquals(new String[] { "F-", "LiF-" }, d.volume.ions());
		Path g = tmp.resolve("min.txt");
		Files.writeString(g, "Time (min)  CH2O-  Li-\n0.5  1  2\n1.0  3  4\n");
		SimsReader.SimsData m = SimsReader.read(g, "");
		assertEquals(30, m.cycleTimeS, 1e-9);
		assertArrayEquals(new String[] { "CH2O-", "Li-" }, m.volume.ions());
		// no header at all: integer steps are cycles, names given by the user
		Path h = tmp.resolve("bare.dat");
		Files.writeString(h, "1 5 6\n2 7 8\n");
		SimsReader.SimsData b = SimsReader.read(h, "A-,B-");
		assertArrayEquals(new String[] { "A-", "B-" }, b.volume.ions());
		assertEquals(null, b.timesS);
	}

	@Test
	void strictNumbersAndOrder() throws IOException {
		Path f = tmp.resolve("bad.txt");
		Files.writeString(f, EXPORT.replace("3.0\t118\t5\t0", "3.0\t118\tn/a\t0"));
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> SimsReader.read(f, ""));
		assertEquals("bad.txt line 6: not a number in \"3.0 118 n/a 0\"", e.getMessage());
		Path g = tmp.resolve("short.txt");
		Files.writeString(g, EXPORT.replace("4.5\t60\t40\t2", "4.5\t60\t40"));
		e = assertThrows(InvalidInputException.class, () -> SimsReader.read(g, ""));
		assertTrue(e.getMessage().startsWith("short.txt line 7: expected 4 columns, found 3"), e.getMessage());
		Path h = tmp.resolve("order.txt");
		Files.writeString(h, EXPORT.replace("4.5\t60", "2.0\t60"));
		e = assertThrows(InvalidInputException.class, () -> SimsReader.read(h, ""));
		assertTrue(e.getMessage().startsWith("order.txt: the first column (Sputter Time (s)) must increase"), e.getMessage());
		Path i = tmp.resolve("empty.txt");
		Files.writeString(i, "Sputter time (s)\tCH2O-\n");
		e = assertThrows(InvalidInputException.class, () -> SimsReader.read(i, ""));
		assertTrue(e.getMessage().startsWith("empty.txt: holds no numeric rows"), e.getMessage());
		e = assertThrows(InvalidInputException.class, () -> SimsReader.read(f.resolveSibling("profile.txt"), "A-"));
		assertTrue(e.getMessage().startsWith("file not found"), e.getMessage());
		Path ok = tmp.resolve("ok.txt");
		Files.writeString(ok, EXPORT);
		e = assertThrows(InvalidInputException.class, () -> SimsReader.read(ok, "A-,B-"));
		assertTrue(e.getMessage().startsWith("ions: 2 names given but ok.txt holds 3 ions"), e.getMessage());
	}

	@Test
	void theDemoExportReadsBackToTheFieldSums() throws IOException {
		SimsVolume v = SimsPhantom.generate(SimsPhantom.QUASI_SOLID, 6, 40, 1, 5, 0, 2);
		Path f = tmp.resolve("demo.txt");
		Files.writeString(f, SimsDemoData.textExport(v, 2, "phantom"));
		SimsReader.SimsData d = SimsReader.read(f, "");
		assertArrayEquals(SimsPhantom.IONS, d.volume.ions());
		assertEquals(2, d.cycleTimeS, 1e-9);
		double s = 0;
		for (float p : v.cycle(3, 30))
			s += p;
		assertEquals(s, d.volume.cycle(3, 30)[0], 0);
	}

	@Test
	void folderOfPerIonTiffs() throws IOException {
		Path dir = tmp.resolve("export");
		Files.createDirectories(dir);
		String[] ions = { "CH2O-", "LiF-", "Li2-" };
		for (int i = 0; i < ions.length; i++) {
			ImageStack st = new ImageStack(4, 3);
			for (int k = 0; k < 5; k++) {
				float[] px = new float[12];
				java.util.Arrays.fill(px, 100 * i + k);
				st.addSlice("cycle " + (k + 1), new FloatProcessor(4, 3, px));
			}
			ImagePlus imp = new ImagePlus(ions[i], st);
			imp.getCalibration().pixelWidth = imp.getCalibration().pixelHeight = 25;
			imp.getCalibration().setUnit("µm");
			OutputFiles.saveFloatTiff(imp, dir.resolve("sei_run3_" + ions[i] + ".tif"));
		}
		SimsReader.SimsData d = SimsReader.read(dir, "");
		assertArrayEquals(new String[] { "CH2O-", "Li2-", "LiF-" }, d.volume.ions(), "natural order of the file names, shared prefix removed");
		assertEquals(5, d.volume.cycles);
		assertEquals(203, d.volume.cycle(1, 3)[7], 0, "Li2- (written third) cycle 4");
		assertEquals(25, d.pixelWidth, 1e-12);
		// a file of another size is named
		ImageStack st = new ImageStack(4, 3);
		st.addSlice(new FloatProcessor(4, 3));
		OutputFiles.saveFloatTiff(new ImagePlus("x", st), dir.resolve("sei_run3_X-.tif"));
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> SimsReader.read(dir, ""));
		assertTrue(e.getMessage().startsWith("sei_run3_X-.tif: is 4×3×1 but sei_run3_CH2O-.tif is 4×3×5"), e.getMessage());
	}

	@Test
	void multiChannelTiffRoundTrip() throws IOException {
		SimsVolume v = SimsPhantom.generate(SimsPhantom.LIQUID, 5, 12, 10, 5, 0, 4);
		Path f = tmp.resolve("mc.tif");
		OutputFiles.saveFloatTiff(SimsImages.toHyperstack(new SimsReader.SimsData(v, null, 1.5, 2, "µm", "phantom", f), "mc"), f);
		SimsReader.SimsData d = SimsReader.read(f, "");
		assertArrayEquals(SimsPhantom.IONS, d.volume.ions());
		assertEquals(12, d.volume.cycles);
		assertEquals(1.5, d.cycleTimeS, 1e-12);
		for (int i = 0; i < 5; i++)
			for (int k = 0; k < 12; k++)
				assertArrayEquals(v.cycle(i, k), d.volume.cycle(i, k), 0);
		// a plain multi-channel hyperstack without our properties: ions from the channel labels
		ImageStack st = new ImageStack(2, 2);
		for (int k = 0; k < 3; k++)
			for (String ion : new String[] { "F-", "Li-" })
				st.addSlice(ion, new FloatProcessor(2, 2, new float[] { k, k, k, k }));
		ImagePlus imp = new ImagePlus("plain", st);
		imp.setDimensions(2, 3, 1);
		imp.setOpenAsHyperStack(true);
		Path g = tmp.resolve("plain.tif");
		OutputFiles.saveFloatTiff(imp, g);
		SimsReader.SimsData p = SimsReader.read(g, "");
		assertArrayEquals(new String[] { "F-", "Li-" }, p.volume.ions());
		assertEquals(2, p.volume.cycle(1, 2)[3], 0);
	}
}
