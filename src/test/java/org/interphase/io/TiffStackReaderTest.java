package org.interphase.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.interphase.cli.OutputWriter;
import org.interphase.core.InvalidInputException;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Images;
import org.interphase.ij.OutputFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ShortProcessor;

class TiffStackReaderTest {

	@TempDir
	Path tmp;

	@Test
	void energiesFromLabelsAndCalibrationSurviveARoundTrip() throws IOException {
		double[] en = { 700, 700.375, 708.25, 730.35 };
		SpectralStack s = SpectralStack.allocate(3, 2, en);
		for (int e = 0; e < 4; e++)
			s.slice(e)[4] = e + 0.5f;
		Calibration cal = new Calibration();
		cal.pixelWidth = cal.pixelHeight = 0.08;
		cal.setUnit("µm");
		Path f = tmp.resolve("s.tif");
		OutputFiles.saveFloatTiff(Images.toImagePlus(s, "s", cal), f);
		ImportedStack in = StackImporter.read(f, null);
		assertArrayEquals(en, in.stack.energies(), 0);
		assertEquals(0.08, in.pixelWidth, 1e-12);
		assertEquals("µm", in.unit);
		assertEquals(2.5f, in.stack.slice(2)[4]);
	}

	@Test
	void energiesFileOverridesAndIsCheckedAgainstTheSliceCount() throws IOException {
		ImageStack st = new ImageStack(2, 2);
		for (int i = 0; i < 3; i++)
			st.addSlice("slice" + i, new ShortProcessor(2, 2));
		Path f = tmp.resolve("plain.tif");
		new FileSaver(new ImagePlus("plain", st)).saveAsTiffStack(f.toString());
		InvalidInputException noEnergies = assertThrows(InvalidInputException.class, () -> StackImporter.read(f, null));
		assertTrue(noEnergies.getMessage().contains("plain.tif") && noEnergies.getMessage().contains("energies file"), noEnergies.getMessage());
		Path good = tmp.resolve("e.txt");
		Files.writeString(good, "# energies\n280.0 1\n284.5 1\n285 1\n");
		assertArrayEquals(new double[] { 280, 284.5, 285 }, StackImporter.read(f, good).stack.energies(), 0);
		Path bad = tmp.resolve("bad.txt");
		Files.writeString(bad, "280\n281\n");
		InvalidInputException count = assertThrows(InvalidInputException.class, () -> StackImporter.read(f, bad));
		assertTrue(count.getMessage().contains("2 energies") && count.getMessage().contains("3 slices"), count.getMessage());
	}

	@Test
	void unknownFormatNamesTheKnownOnes() throws IOException {
		Path f = tmp.resolve("x.weird");
		Files.writeString(f, "hello");
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> StackImporter.read(f, null));
		assertTrue(e.getMessage().contains("x.weird") && e.getMessage().contains("TIFF"), e.getMessage());
	}
}
