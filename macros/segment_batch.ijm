// Interphase: STXM segmentation batch.
// For every OD stack (*.tif with energies in the slice labels) in a folder: principal components,
// cluster analysis (k clusters), RGB composite of the first three eigenimages; when a particle mask
// <name>_mask.tif sits beside a stack, also its shell spectra; when a phase label image
// <name>_phases.tif sits beside it (1 = phase A, 2 = interphase, 3 = phase C), also the interphase
// thickness. Results go to <output>/<name>/.
// Argument (the convention of every Interphase batch macro): "in=[INPUT FOLDER] out=[OUTPUT FOLDER]"
// plus optional keys; in Fiji without an argument it asks for the folders.
//   headless: ./interphase macro macros/segment_batch.ijm "in=[test-images/segment] out=[segments]"

k = 3;
seed = 1;
shells = 3;

arg = getArgument();
input = call("ij.Macro.getValue", arg, "in", "");
output = call("ij.Macro.getValue", arg, "out", "");
if (input == "" && getInfo("java.awt.headless") != "true") input = getDirectory("Folder of OD stacks");
if (output == "" && getInfo("java.awt.headless") != "true") output = getDirectory("Output folder");
if (input == "" || output == "") exit("segment_batch: give the folders as the argument, \"in=[INPUT FOLDER] out=[OUTPUT FOLDER]\"");
if (!endsWith(input, "/") && !endsWith(input, "\\")) input = input + File.separator;
if (!endsWith(output, "/") && !endsWith(output, "\\")) output = output + File.separator;
File.makeDirectory(output);
dir = input;
out = output;
setBatchMode(true);
list = getFileList(dir);
for (i = 0; i < list.length; i++) {
	name = list[i];
	if (!endsWith(name, ".tif") || indexOf(name, "mask") >= 0 || indexOf(name, "phases") >= 0) continue; // label images are not stacks
	base = substring(name, 0, lengthOf(name) - 4);
	res = out + base + File.separator;
	File.makeDirectory(res);
	open(dir + name);
	stack = getTitle();

	run("Principal Components", "stack=[" + stack + "] components=0");
	saveResults("Eigenvalues", res + "eigenvalues.csv");
	saveResults("Eigenspectra", res + "eigenspectra.csv");
	saveAs("Tiff", res + "eigenimages.tif");
	eigen = getTitle();

	run("Cluster Analysis", "stack=[" + stack + "] clusters=" + k + " components=0 weighting=0 distance=euclidean seed=" + seed + " restarts=5");
	saveResults("Cluster spectra", res + "cluster_spectra.csv");
	saveResults("Clusters", res + "clusters.csv");
	saveImageTitled(base + " cluster error", res + "error_map.tif");
	saveImageTitled(base + " clusters", res + "cluster_labels.tif");

	selectImage(eigen);
	if (nSlices >= 3) {
		run("RGB Composite", "stack=[" + eigen + "] slices=1,2,3 red_min=0 red_max=0 green_min=0 green_max=0 blue_min=0 blue_max=0");
		saveAs("Tiff", res + "composite_pc123.tif");
		saveResults("Composite legend", res + "composite_legend.csv");
	}

	if (File.exists(dir + base + "_mask.tif")) {
		open(dir + base + "_mask.tif");
		mask = getTitle();
		run("Shell Spectra", "stack=[" + stack + "] mask=[" + mask + "] shells=" + shells + " shell_width=0 pixel_size=0 peak_min=0 peak_max=0");
		saveResults("Shell spectra", res + "shell_spectra.csv");
		saveResults("Shell peaks", res + "shell_peaks.csv");
	}
	if (File.exists(dir + base + "_phases.tif")) {
		open(dir + base + "_phases.tif");
		phases = getTitle();
		run("Interphase Thickness", "labels=[" + phases + "] phase_a=1 interphase=2 phase_c=3 pixel_size=0");
		saveAs("Tiff", res + "interphase_thickness.tif");
		saveResults("Interphase thickness", res + "interphase_thickness.csv");
	}
	run("Close All");
}
print("Segmentation results in " + out);

function saveResults(title, path) {
	if (isOpen(title)) {
		selectWindow(title);
		saveAs("Results", path);
	}
}

function saveImageTitled(title, path) {
	if (isOpen(title)) {
		selectImage(title);
		saveAs("Tiff", path);
	}
}
