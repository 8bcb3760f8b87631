package org.interphase.ij;

import java.nio.file.Path;

import org.scijava.plugin.SciJavaPlugin;

/**
 * A reader of one family of image files, found through the SciJava plugin index
 * ({@code @Plugin(type = ImageFileOpener.class)}), so that image-valued command inputs given as
 * file paths (CLI, batch) open with the suite's importers. Higher priority is asked first.
 */
public interface ImageFileOpener extends SciJavaPlugin {

	/** True when this opener reads {@code file} (by extension, and by content where extensions are shared such as .h5). */
	boolean accepts(Path file);

	/** Opens {@code file} as a new image with calibration, labels and metadata. */
	ij.ImagePlus open(Path file);

	/** The formats this opener reads, for the message on an unknown file, e.g. "NanoScope (.spm, .000–.999)". */
	String formats();
}
