package org.interphase.command;

import java.io.File;

import org.interphase.ij.SimsImages;
import org.interphase.io.SimsReader;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;

/** Opens ToF-SIMS 3D data or a depth-profile text export as a hyperstack C = ions, Z = sputter cycles. */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Import>Import ToF-SIMS", headless = true,
	description = "Open ToF-SIMS data (per-ion TIFF folder, multi-channel TIFF or depth-profile text) as a hyperstack C = ions, Z = cycles")
public class ImportToFSims extends InterphaseCommand {

	@Parameter(label = "File or folder of per-ion TIFFs", style = FileWidget.OPEN_STYLE, description = SimsReader.KNOWN_FORMATS)
	private File file;

	@Parameter(label = "Ion labels (comma list in channel order, empty = from the file)", required = false)
	private String ions = "";

	@Parameter(label = "Sputter time per cycle (s; 0 = from the file)", min = "0")
	private double cycle_time = 0;

	@Parameter(label = "Field of view (µm; 0 = from the file)", min = "0")
	private double field_of_view = 0;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus sims;

	@Override
	protected void execute() {
		require(file != null, "file: no file given");
		SimsReader.SimsData d = SimsReader.read(file.toPath(), ions);
		double ct = cycle_time > 0 ? cycle_time : d.cycleTimeS;
		double pw = field_of_view > 0 ? field_of_view / d.volume.width : d.pixelWidth;
		String unit = field_of_view > 0 ? "µm" : d.unit;
		d = new SimsReader.SimsData(d.volume, cycle_time > 0 ? null : d.timesS, ct, pw, unit, d.format, d.source);
		sims = SimsImages.toHyperstack(d, file.getName().replaceFirst("(?i)\\.(tiff?|txt|csv|dat|tsv|asc)$", ""));
	}
}
