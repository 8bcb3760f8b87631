package org.interphase.command;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;

import org.interphase.ij.AfmImages;
import org.interphase.io.AfmImporter;
import org.interphase.io.TiffStackReader;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.ImageStack;

/** Opens an AFM image file: one channel or all of them, heights in nm, moduli in MPa, pixel size in µm (SCIENCE.md §4). */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Import>Import AFM Image", headless = true,
	description = "Open an AFM image (NanoScope, Gwyddion, Asylum, JPK, NT-MDT, Nanosurf, WSxM, Image Metrology, Hitachi or TIFF) with heights in nm and the lateral calibration in µm")
public class ImportAfmImage extends InterphaseCommand {

	@Parameter(label = "AFM file", style = FileWidget.OPEN_STYLE, description = AfmImporter.KNOWN_FORMATS)
	private File file;

	@Parameter(label = "Channel (empty = all)", required = false,
		description = "Channel name as in the file, e.g. Height, Height Sensor, DMTModulus, Adhesion; an unknown name lists the channels")
	private String channel = "";

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus image;

	@Override
	protected void execute() {
		require(file != null, "file: no file given");
		Path p = file.toPath();
		String n = file.getName().toLowerCase(Locale.ROOT);
		if (n.endsWith(".tif") || n.endsWith(".tiff")) {
			image = tiffChannel(TiffStackReader.open(p));
			return;
		}
		require(AfmImporter.accepts(p) || !p.toFile().exists(),
			"file: " + file.getName() + " is not an AFM image file (" + AfmImporter.KNOWN_FORMATS + "; NanoScope files must list an image)");
		image = AfmImages.toImagePlus(AfmImporter.read(p), channel, file.getName());
	}

	private ImagePlus tiffChannel(ImagePlus imp) {
		imp.setTitle(file.getName());
		if (channel == null || channel.trim().isEmpty()) return imp;
		ImageStack st = imp.getStack();
		StringBuilder names = new StringBuilder();
		for (int i = 1; i <= st.getSize(); i++) {
			String name = AfmImages.channelName(imp, i);
			if (name.equalsIgnoreCase(channel.trim())) {
				String unit = AfmImages.unit(imp, i);
				ImagePlus one = AfmImages.heightMap(file.getName(), imp.getWidth(), imp.getHeight(), (float[]) st.getProcessor(i).convertToFloatProcessor().getPixels(),
					imp.getCalibration(), name, unit);
				one.setProperty("Info", imp.getProperty("Info"));
				return one;
			}
			names.append(i > 1 ? ", " : "").append(name);
		}
		throw new org.interphase.core.InvalidInputException("channel: \"" + channel + "\" is not in " + file.getName() + "; its slices are " + names);
	}
}
