// Interphase: STXM segmentation batch.
// For every OD stack <name>.tif (more than one slice, energies in the slice labels) in a folder:
// Principal Components, Cluster Analysis (k clusters), Unmix Spectra (NNMA, k components from the
// cluster spectra), RGB Composite of the first three eigenimages;
// with a particle mask, also Shell Spectra; with a phase label image (1 = phase A, 2 = interphase,
// 3 = phase C), also Interphase Thickness.
// The mask of <name>.tif is <stem>-mask.tif or <stem>_mask.tif, where <stem> is <name> without a
// trailing "-od"/"_od" (or <name> itself); when there is none and the folder holds exactly one
// *mask.tif, that one. The phase label image likewise: <stem>-phases.tif, <stem>_phases.tif, or the
// folder's only *phases.tif. Single-slice images (masks, labels) are never taken for stacks.
// Results go to <output>/<name>/ (each file as the CLI's --out folder holds that output):
//   eigenvalues.csv, eigenspectra.csv, eigenimages.tif                     Principal Components
//   cluster_labels.tif, error_map.tif, cluster_spectra.csv, cluster_summary.csv   Cluster Analysis
//   nnma_spectra.csv, nnma_thickness.tif, nnma_residual.tif, nnma_cost.csv,
//   nnma_composite.tif                                                     Unmix Spectra (NNMA)
//   composite_pc123.tif, composite_legend.csv                              RGB Composite (>= 3 eigenimages)
//   shell_labels.tif, depth_map.tif, shell_spectra.csv, shell_peaks.csv    Shell Spectra (with a mask)
//   interphase_thickness.tif, interphase_thickness.csv                     Interphase Thickness
//                                                                          (thickness_map, statistics; with phases)
// Stops with an error (exit status 2 headless) when the input folder is missing or holds no stack.
// Argument (the convention of every Interphase batch macro): "in=[INPUT FOLDER] out=[OUTPUT FOLDER]"
// plus optional keys; in Fiji without an argument it asks for the folders.
//   headless: ./interphase macro macros/segment_batch.ijm "in=[test-images/segment] out=[segments]"

k = 3;
seed = 1;
nnmaIterations = 400;
shells = 3;

arg = getArgument();
// installed in Fiji (Plugins › Interphase › Batch), run("<name> batch", "in=[...] out=[...]") passes the options this way
if (arg == "") arg = call("ij.Macro.getOptions");
if (arg == "null") arg = "";
input = call("ij.Macro.getValue", arg, "in", "");
output = call("ij.Macro.getValue", arg, "out", "");
if (input == "" && getInfo("java.awt.headless") != "true") input = getDirectory("Folder of OD stacks");
if (output == "" && getInfo("java.awt.headless") != "true") output = getDirectory("Output folder");
if (input == "" || output == "") fail("segment_batch: give the folders as the argument, \"in=[INPUT FOLDER] out=[OUTPUT FOLDER]\"");
if (!endsWith(input, "/") && !endsWith(input, "\\")) input = input + File.separator;
if (!endsWith(output, "/") && !endsWith(output, "\\")) output = output + File.separator;
if (!File.isDirectory(input)) fail("segment_batch: input folder not found: " + input);
File.makeDirectory(output);
if (!File.isDirectory(output)) fail("segment_batch: cannot create the output folder " + output);
dir = input;
out = output;
setBatchMode(true);
list = getFileList(dir);
done = 0;
for (i = 0; i < list.length; i++) {
	name = list[i];
	if (!endsWith(toLowerCase(name), ".tif")) continue;
	open(dir + name);
	if (nSlices < 2) { // a mask or label image, not a stack
		close("*");
		continue;
	}
	stack = getTitle();
	base = substring(name, 0, lengthOf(name) - 4);
	res = out + base + File.separator;
	File.makeDirectory(res);

	run("Principal Components", "stack=[" + stack + "] components=0");
	eigen = getTitle();
	save("eigenvalues", res + "eigenvalues.csv");
	save("eigenspectra", res + "eigenspectra.csv");
	save("eigenimages", res + "eigenimages.tif");

	run("Cluster Analysis", "stack=[" + stack + "] clusters=" + k + " components=0 weighting=0 distance=euclidean seed=" + seed + " restarts=5");
	save("labels", res + "cluster_labels.tif");
	save("error_map", res + "error_map.tif");
	save("cluster_spectra", res + "cluster_spectra.csv");
	save("cluster_summary", res + "cluster_summary.csv");

	run("Unmix Spectra (NNMA)", "stack=[" + stack + "] components=" + k + " initialisation=clusters max_iterations=" + nnmaIterations
		+ " tolerance=0.000001 seed=" + seed + " lambda_sparseness=0.5 lambda_smoothness=0 lambda_similarity=10");
	save("spectra", res + "nnma_spectra.csv");
	save("thickness", res + "nnma_thickness.tif");
	save("residual_map", res + "nnma_residual.tif");
	save("cost_history", res + "nnma_cost.csv");
	save("composite", res + "nnma_composite.tif");

	selectImage(eigen);
	if (nSlices >= 3) {
		run("RGB Composite", "stack=[" + eigen + "] slices=1,2,3 red_min=0 red_max=0 green_min=0 green_max=0 blue_min=0 blue_max=0");
		save("composite", res + "composite_pc123.tif");
		save("legend", res + "composite_legend.csv");
	}

	mask = companion(dir, base, "mask");
	if (mask != "") {
		open(dir + mask);
		run("Shell Spectra", "stack=[" + stack + "] mask=[" + getTitle() + "] shells=" + shells + " shell_width=0 pixel_size=0 peak_min=0 peak_max=0");
		save("shell_labels", res + "shell_labels.tif");
		save("depth_map", res + "depth_map.tif");
		save("shell_spectra", res + "shell_spectra.csv");
		save("peaks", res + "shell_peaks.csv");
	}
	phases = companion(dir, base, "phases");
	if (phases != "") {
		open(dir + phases);
		run("Interphase Thickness", "labels=[" + getTitle() + "] phase_a=1 interphase=2 phase_c=3 pixel_size=0");
		save("thickness_map", res + "interphase_thickness.tif");
		save("statistics", res + "interphase_thickness.csv");
	}
	close("*");
	done++;
}
if (done == 0) fail("segment_batch: no OD stacks (.tif with more than one slice) in " + dir);
print("segment_batch: " + done + " stack(s); results in " + out);

// the file name of the <kind> image ("mask", "phases") that belongs to the stack <base>.tif, or ""
function companion(dir, base, kind) {
	stem = replace(base, "[-_][Oo][Dd]$", "");
	candidates = newArray(stem + "-" + kind + ".tif", stem + "_" + kind + ".tif", base + "-" + kind + ".tif", base + "_" + kind + ".tif");
	for (c = 0; c < candidates.length; c++)
		if (File.exists(dir + candidates[c])) return candidates[c];
	files = getFileList(dir);
	found = "";
	n = 0;
	for (f = 0; f < files.length; f++)
		if (endsWith(toLowerCase(files[f]), kind + ".tif")) {
			found = files[f];
			n++;
		}
	if (n == 1) return found;
	return "";
}

// an output of the last Interphase command, written as the CLI's --out folder writes it
function save(field, path) {
	r = call("org.interphase.ij.Outputs.save", field, path);
}

// stops the macro as an error: exit status 2 under -batch and ./interphase macro
function fail(message) {
	r = call("org.interphase.ij.MacroErrors.fail", message);
}
