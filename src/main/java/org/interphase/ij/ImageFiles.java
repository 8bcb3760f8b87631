package org.interphase.ij;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.interphase.core.InvalidInputException;
import org.interphase.io.InputFiles;
import org.interphase.io.StackImporter;
import org.interphase.io.TiffStackReader;
import org.scijava.Context;
import org.scijava.plugin.PluginService;

import ij.ImagePlus;

/**
 * Opens an image-valued input given as a file path (CLI, batch): TIFF through ImageJ's opener
 * (labels, calibration and properties kept); other formats through the {@link ImageFileOpener}
 * plugins; spectral-stack formats through {@link StackImporter} last.
 */
public final class ImageFiles {

	private ImageFiles() {}

	public static ImagePlus open(Path file, Context context) {
		InputFiles.requireRegular(file);
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".tif") || name.endsWith(".tiff")) {
			ImagePlus imp = TiffStackReader.open(file);
			imp.setTitle(file.getFileName().toString());
			return imp;
		}
		List<String> formats = new ArrayList<>();
		if (context != null) {
			for (ImageFileOpener opener : context.service(PluginService.class).createInstancesOfType(ImageFileOpener.class)) {
				if (opener.accepts(file)) return opener.open(file);
				formats.add(opener.formats());
			}
		}
		try {
			return Images.toImagePlus(StackImporter.read(file, null), file.getFileName().toString());
		} catch (InvalidInputException e) {
			if (formats.isEmpty() || !e.getMessage().startsWith("unknown stack format")) throw e;
			throw new InvalidInputException(e.getMessage() + "; " + String.join("; ", formats));
		}
	}
}
