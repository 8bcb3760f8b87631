// Interphase batch: XRF time series -> void tracks and healing rates.
// Input: a folder whose sub-folders each hold one time series (PyXRF/MAPS HDF5 files, multi-page
// TIFFs, or PyXRF TIFF export folders, one frame each). For every sub-folder <series> this imports the
// frames (Import XRF Time Series, ordered by scan time), tracks the voids (Track Voids) and writes into
// the output folder (each file as the CLI's --out folder holds it):
//   <series>_tracks.csv        one row per void and frame: track, time, area, ECD, centroid ("tracks")
//   <series>_rates.csv         one row per track: healing rate of the ECD by a line fit ("rates")
//   <series>_void_labels.tif   the void label image, one frame per scan ("labels")
// Stops with an error (exit status 2 headless) when the input folder is missing or holds no sub-folder.
// Argument (the convention of every Interphase batch macro): "in=[INPUT FOLDER] out=[OUTPUT FOLDER]";
// in Fiji without an argument it asks for the folders.
//   headless: ./interphase macro macros/voids_batch.ijm "in=[test-images/voids] out=[void-results]"

arg = getArgument();
// installed in Fiji (Plugins › Interphase › Batch), run("<name> batch", "in=[...] out=[...]") passes the options this way
if (arg == "") arg = call("ij.Macro.getOptions");
if (arg == "null") arg = "";
input = call("ij.Macro.getValue", arg, "in", "");
output = call("ij.Macro.getValue", arg, "out", "");
if (input == "" && getInfo("java.awt.headless") != "true") input = getDirectory("Folder of time-series folders");
if (output == "" && getInfo("java.awt.headless") != "true") output = getDirectory("Results folder");
if (input == "" || output == "") fail("voids_batch: give the folders as the argument, \"in=[INPUT FOLDER] out=[OUTPUT FOLDER]\"");
if (!endsWith(input, "/") && !endsWith(input, "\\")) input = input + File.separator;
if (!endsWith(output, "/") && !endsWith(output, "\\")) output = output + File.separator;
if (!File.isDirectory(input)) fail("voids_batch: input folder not found: " + input);
File.makeDirectory(output);
if (!File.isDirectory(output)) fail("voids_batch: cannot create the output folder " + output);

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
	run("Import XRF Time Series", "folder=[" + input + series + "] elements=" + elements + " normalize=none detector=[] frame_interval=" + frameInterval);
	maps = getTitle();
	run("Track Voids", "maps=[" + maps + "] void_channels=" + elements + " rule=all threshold_method=" + thresholdMethod
		+ " threshold_value=0.5 normalize_bulk smooth_sigma=" + smoothSigma + " min_area=" + minArea
		+ " fill_holes min_iou=0.3 max_link_distance=5");
	save("tracks", output + series + "_tracks.csv");
	save("rates", output + series + "_rates.csv");
	save("labels", output + series + "_void_labels.tif");
	close("*");
	done++;
}
if (done == 0) fail("voids_batch: no time-series sub-folders in " + input);
print("Interphase voids batch: " + done + " time series processed into " + output);

// an output of the last Interphase command, written as the CLI's --out folder writes it
function save(field, path) {
	r = call("org.interphase.ij.Outputs.save", field, path);
}

// stops the macro as an error: exit status 2 under -batch and ./interphase macro
function fail(message) {
	r = call("org.interphase.ij.MacroErrors.fail", message);
}
