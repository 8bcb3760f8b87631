// Interphase batch: XRF time series -> void tracks and healing rates.
// Input: a folder whose sub-folders each hold one time series (PyXRF/MAPS HDF5 files,
// multi-page TIFFs, or PyXRF TIFF export folders, one frame each). For every series this
// imports the frames (ordered by scan time), tracks the voids and saves, next to the
// results folder: <series>_tracks.csv, <series>_rates.csv and <series>_void_labels.tif.
// Headless: ImageJ-launcher --headless -macro voids_batch.ijm "/path/to/series-folders,/path/to/results"

args = getArgument();
if (args == "") {
	input = getDirectory("Folder of time-series folders");
	output = getDirectory("Results folder");
} else {
	parts = split(args, ",");
	input = parts[0];
	output = parts[1];
}
if (!endsWith(input, File.separator)) input = input + File.separator;
if (!endsWith(output, File.separator)) output = output + File.separator;

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
	selectWindow("Void Tracks");
	saveAs("Results", output + series + "_tracks.csv");
	selectWindow("Void Healing Rates");
	saveAs("Results", output + series + "_rates.csv");
	selectImage("void tracks");
	saveAs("Tiff", output + series + "_void_labels.tif");
	close("*");
	done++;
}
print("Interphase voids batch: " + done + " time series processed into " + output);
