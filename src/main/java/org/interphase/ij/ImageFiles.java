package org.interphase.ij;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.interphase.core.InvalidInputException;
import org.interphase.io.StackImporter;
import org.interphase.io.TiffStackReader;

import ij.ImagePlus;

/**
 * Opens an image-valued input given as a file path (CLI, batch): TIFF through ImageJ's opener
 * (labels, calibration and properties kept), every other format through the suite's importers.
 */
public final class ImageFiles {

	private ImageFiles() {}

	public static ImagePlus open(Path file) {
		if (!Files.isRegularFile(file)) throw new InvalidInputException("file not found: " + file);
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".tif") || name.endsWith(".tiff")) {
			ImagePlus imp = TiffStackReader.open(file);
			imp.setTitle(file.getFileName().toString());
			return imp;
		}
		return Images.toImagePlus(StackImporter.read(file, null), file.getFileName().toString());
	}
}
