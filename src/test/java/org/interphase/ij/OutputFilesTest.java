package org.interphase.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.Prefs;
import ij.process.FloatProcessor;

/** A TIFF output is the same bytes whatever the user's ImageJ preferences say about byte order. */
class OutputFilesTest {

	@TempDir
	Path tmp;

	@Test
	void tiffBytesDoNotDependOnTheByteOrderPreference() throws IOException {
		ImagePlus imp = new ImagePlus("x", new FloatProcessor(3, 2, new float[] { 1, 2, 3, 4, 5, 6 }));
		boolean before = Prefs.intelByteOrder;
		try {
			Prefs.intelByteOrder = false; // what Fiji read from an IJ_Prefs.txt
			OutputFiles.saveFloatTiff(imp, tmp.resolve("a.tif"));
			assertEquals(false, Prefs.intelByteOrder, "the preference itself is left as it was");
			Prefs.intelByteOrder = true;
			OutputFiles.saveFloatTiff(imp, tmp.resolve("b.tif"));
		} finally {
			Prefs.intelByteOrder = before;
		}
		byte[] a = Files.readAllBytes(tmp.resolve("a.tif")), b = Files.readAllBytes(tmp.resolve("b.tif"));
		assertArrayEquals(b, a);
		assertEquals('I', (char) a[0], "little-endian, ImageJ's default");
		assertEquals('I', (char) a[1]);
	}
}
