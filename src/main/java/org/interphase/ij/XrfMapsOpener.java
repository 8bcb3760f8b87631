package org.interphase.ij;

import java.nio.file.Path;

import org.interphase.io.XrfMapsReader;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/** Opens PyXRF and MAPS HDF5 files (found by content: an {@code xrfmap} or {@code MAPS} group) as multichannel element maps. */
@Plugin(type = ImageFileOpener.class)
public class XrfMapsOpener implements ImageFileOpener {

	@Override
	public boolean accepts(Path file) {
		return XrfMapsReader.isXrfHdf5(file);
	}

	@Override
	public ImagePlus open(Path file) {
		return XrfImages.toImagePlus(XrfMapsReader.read(file, "", "none"), file.getFileName().toString());
	}

	@Override
	public String formats() {
		return "XRF maps: PyXRF HDF5 (xrfmap group), MAPS/XRF-Maps HDF5 (MAPS group)";
	}
}
