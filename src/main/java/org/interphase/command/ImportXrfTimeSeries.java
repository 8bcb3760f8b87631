package org.interphase.command;

import java.io.File;

import org.interphase.ij.Gui;
import org.interphase.ij.XrfImages;
import org.interphase.io.XrfTimeSeries;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;

/** A folder of XRF scans as one hyperstack C = elements, T = frames, with the frame times. */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Import>Import XRF Time Series", headless = true,
	description = "Open a folder of XRF scans (one per frame) as a hyperstack, ordered by scan time")
public class ImportXrfTimeSeries extends InterphaseCommand {

	@Parameter(label = "Folder of scans", style = FileWidget.DIRECTORY_STYLE,
		description = "PyXRF/MAPS HDF5 files, multi-page TIFFs, or sub-folders of PyXRF TIFF exports; one frame each")
	private File folder;

	@Parameter(label = "Elements (comma list, empty = all)", required = false)
	private String elements = "";

	@Parameter(label = "Normalize by scaler (or none)", required = false)
	private String normalize = "none";

	@Parameter(label = "Detector / map set", required = false, description = "PyXRF: detsum, det1, …, roi; MAPS: fitted, nnls, roi")
	private String detector = "";

	@Parameter(label = "Frame interval (h) when scan times are absent", min = "0")
	private double frame_interval = 1;

	@Parameter(label = "Crop maps of different sizes to the common size")
	private boolean crop_to_common = false;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus series;

	@Override
	protected void execute() {
		require(folder != null, "folder: no folder given");
		XrfTimeSeries s = XrfTimeSeries.read(folder.toPath(), elements, detector, normalize, frame_interval, crop_to_common);
		series = XrfImages.toHyperstack(s, folder.getName());
		Gui.log("Import XRF Time Series: " + s.frames.size() + " frames × " + s.names + ", times from " + s.timeSource + (s.cropped ? ", cropped to "
			+ s.width + "×" + s.height : ""));
	}
}
