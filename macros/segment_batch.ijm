// Interphase: STXM segmentation batch.
// For every OD stack (*.tif with energies in the slice labels) in a folder: principal components,
// cluster analysis (k clusters), RGB composite of the first three eigenimages; when a particle mask
// <name>_mask.tif sits beside a stack, also its shell spectra; when a phase label image
// <name>_phases.tif sits beside it (1 = phase A, 2 = interphase, 3 = phase C), also the interphase
// thickness. Results go to <folder>/segment-results/<name>/.
// Headless: ImageJ-linux64 --headless -batch segment_batch.ijm "/path/to/folder"

k = 3;
seed = 1;
shells = 3;

dir = getArgument();
if (dir == "") dir = getDirectory("Folder of OD stacks");
if (!endsWith(dir, File.separator)) dir = dir + File.separator;
out = dir + "segment-results" + File.separator;
File.makeDirectory(out);
setBatchMode(true);
list = getFileList(dir);
for (i = 0; i < list.length; i++) {
	name = list[i];
	if (!endsWith(name, ".tif") || endsWith(name, "_mask.tif") || endsWith(name, "_phases.tif")) continue;
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
setBatchMode(false);
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
