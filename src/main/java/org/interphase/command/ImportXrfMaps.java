package org.interphase.command;

import java.io.File;

import org.interphase.ij.XrfImages;
import org.interphase.io.XrfMaps;
import org.interphase.io.XrfMapsReader;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;

/** Opens the element maps of one XRF scan as a multichannel image (channel labels = element names). */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Import>Import XRF Maps", headless = true,
	description = "Open XRF element maps (PyXRF or MAPS HDF5, a PyXRF TIFF export folder, or a multi-page TIFF)")
public class ImportXrfMaps extends InterphaseCommand {

	@Parameter(label = "File or TIFF export folder", style = FileWidget.OPEN_STYLE,
		description = XrfMapsReader.KNOWN_FORMATS + "; picking one detsum_*/SUM_maps_XRF_* TIFF opens its whole export folder")
	private File file;

	@Parameter(label = "Elements (comma list, empty = all)", required = false, description = "Map names such as S_K,P_K; empty = every map")
	private String elements = "";

	@Parameter(label = "Normalize by scaler (or none)", required = false, description = "Scaler name such as i0; zero scaler pixels take the mean of the others")
	private String normalize = "none";

	@Parameter(label = "Detector / map set", required = false,
		description = "PyXRF: detsum (default), det1, …, or roi; MAPS: fitted (default), nnls or roi")
	private String detector = "";

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus maps;

	@Override
	protected void execute() {
		require(file != null, "file: no file given");
		java.nio.file.Path path = file.toPath();
		// one map of a PyXRF TIFF export picked in a file dialog stands for its whole folder
		if (XrfMapsReader.isPyxrfExportName(path.getFileName().toString()) && path.getParent() != null) path = path.getParent();
		XrfMaps m = XrfMapsReader.read(path, detector, normalize).select(elements);
		maps = XrfImages.toImagePlus(m, file.getName());
	}
}
