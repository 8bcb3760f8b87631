// Interphase batch: XRF time series -> void tracks and healing rates.
// Input: a folder whose sub-folders each hold one time series (PyXRF/MAPS HDF5 files,
// multi-page TIFFs, or PyXRF TIFF export folders, one frame each). For every series this
// imports the frames (ordered by scan time), tracks the voids and saves, next to the
// results folder: <series>_tracks.csv, <series>_rates.csv and <series>_void_labels.tif.
// Argument (the convention of every Interphase batch macro): "in=[INPUT FOLDER] out=[OUTPUT FOLDER]";
// in Fiji without an argument it asks for the folders.
//   headless: ./interphase macro macros/voids_batch.ijm "in=[test-images/voids] out=[void-results]"

arg = getArgument();
input = call("ij.Macro.getValue", arg, "in", "");
output = call("ij.Macro.getValue", arg, "out", "");
if (input == "" && getInfo("java.awt.headless") != "true") input = getDirectory("Folder of time-series folders");
if (output == "" && getInfo("java.awt.headless") != "true") output = getDirectory("Results folder");
if (input == "" || output == "") exit("voids_batch: give the folders as the argument, \"in=[INPUT FOLDER] out=[OUTPUT FOLDER]\"");
if (!endsWith(input, "/") && !endsWith(input, "\\")) input = input + File.separator;
if (!endsWith(output, "/") && !endsWith(output, "\\")) output = output + File.separator;
File.makeDirectory(output);

// settings: element maps used to find the voids and the tracking parameters
elements = "S_K,P_K";
frameInterval = 1;          // h, used only when the scans carry no start time
thresholdMethod = "otsu";   // or value (then set threshold_value=...)
smoothSigma = 1;            // px
minArea = 4;                // µm²

setBatchMode(true);
list = getFileList(input);
done = 0;
for (i = 0; i < list.length; i++) {
	if (!endsWith(list[i], "/")) continue;
	series = substring(list[i], 0, lengthOf(list[i]) - 1);
	run("Import XRF Time Series", "folder=[" + input + list[i] + "] elements=" + elements + " normalize=none detector=[] frame_interval=" + frameInterval);
	maps = getTitle();
	run("Track Voids", "maps=[" + maps + "] void_channels=" + elements + " rule=all threshold_method=" + thresholdMethod
		+ " threshold_value=0.5 normalize_bulk smooth_sigma=" + smoothSigma + " min_area=" + minArea
		+ " fill_holes min_iou=0.3 max_link_distance=5");
	if (isOpen("Void Tracks")) Table.save(output + series + "_tracks.csv", "Void Tracks");
	if (isOpen("Void Healing Rates")) Table.save(output + series + "_rates.csv", "Void Healing Rates");
	else if (nResults > 0) saveAs("Results", output + series + "_rates.csv"); // headless runner: the last table
	if (isOpen("void tracks")) {
		selectImage("void tracks");
		saveAs("Tiff", output + series + "_void_labels.tif");
	}
	close("*");
	done++;
}
print("Interphase voids batch: " + done + " time series processed into " + output);
