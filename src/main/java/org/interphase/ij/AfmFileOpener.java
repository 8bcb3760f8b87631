package org.interphase.ij;

import java.nio.file.Path;

import org.interphase.io.AfmImporter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/** Opens the AFM image formats of {@link AfmImporter} given as image inputs (CLI, batch): every channel, as a labelled stack. */
@Plugin(type = ImageFileOpener.class)
public class AfmFileOpener implements ImageFileOpener {

	@Override
	public boolean accepts(Path file) {
		return AfmImporter.accepts(file);
	}

	@Override
	public ImagePlus open(Path file) {
		return AfmImages.toImagePlus(AfmImporter.read(file), "", file.getFileName().toString());
	}

	@Override
	public String formats() {
		return "AFM: NanoScope image files (.spm, .000–.999 with a \\*Ciao image list), Gwyddion (.gwy, .gsf), Asylum Research (.ibw), "
			+ "Image Metrology (.bcr, .bcrf), WSxM (.top, .stp), Nanosurf (.nid), NT-MDT (.mdt), JPK images (.jpk, .jpk-qi-image), Hitachi/Seiko (.xqd)";
	}
}
