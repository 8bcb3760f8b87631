package org.interphase.command;

import java.io.File;

import org.interphase.ij.Images;
import org.interphase.io.ImportedStack;
import org.interphase.io.StackImporter;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;

/** Opens a spectral stack file as a float stack with energies in labels and property. */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Import>Import Spectral Stack", headless = true,
	description = "Open a spectral stack (one slice per energy) with its energies and pixel size")
public class ImportSpectralStack extends InterphaseCommand {

	@Parameter(label = "Stack file", style = FileWidget.OPEN_STYLE, description = StackImporter.KNOWN_FORMATS)
	private File file;

	@Parameter(label = "Energies file (optional)", required = false, style = FileWidget.OPEN_STYLE,
		description = "Text file with one energy (eV) per line; overrides the energies in the stack file")
	private File energies;

	@Parameter(label = "Detector channel (optional)", required = false,
		description = "STXM detector: NXstxm NXdata group name (e.g. counter0) or ALS channel name/letter; empty = the first")
	private String channel = "";

	@Parameter(label = "Normalise by ring current", description = "Divide by the storage-ring current over its median (NXstxm monitor, ALS header)")
	private boolean ring_current = false;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus stack;

	@Override
	protected void execute() {
		ImportedStack in = StackImporter.read(file == null ? null : file.toPath(), energies == null ? null : energies.toPath(),
			channel, ring_current);
		stack = Images.toImagePlus(in, file.getName());
	}
}
