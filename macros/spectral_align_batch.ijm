// Interphase batch: import every spectral stack of a folder, convert to optical density, align the
// slices, and save the aligned OD stack and the table of shifts. Into the output folder, per stack:
//   <name>_od_aligned.tif   the aligned OD stack (Align Stack "aligned", as the CLI's aligned.tif)
//   <name>_shifts.csv       the shift of every slice (Align Stack "shifts", as the CLI's shifts.csv)
// Stacks: ALS/SLS .hdr (+ .xim), NXstxm .hdf5/.h5/.nxs, aXis2000 .ncb (+ .dat), ImageJ TIFF with
// energies in the slice labels. Stops with an error (exit status 2 headless) when the input folder is
// missing or holds no stack.
// Argument (the convention of every Interphase batch macro): "in=[INPUT FOLDER] out=[OUTPUT FOLDER]".
//   headless:  ./interphase macro macros/spectral_align_batch.ijm "in=[test-images/spectral] out=[aligned]"
//   in Fiji:   Plugins › Interphase › Batch › spectral align batch (asks for both folders when no argument is given)

arg = getArgument();
// installed in Fiji (Plugins › Interphase › Batch), run("<name> batch", "in=[...] out=[...]") passes the options this way
if (arg == "") arg = call("ij.Macro.getOptions");
if (arg == "null") arg = "";
input = call("ij.Macro.getValue", arg, "in", "");
output = call("ij.Macro.getValue", arg, "out", "");
if (input == "" && getInfo("java.awt.headless") != "true") input = getDirectory("Folder of spectral stacks");
if (output == "" && getInfo("java.awt.headless") != "true") output = getDirectory("Folder for the results");
if (input == "" || output == "") fail("spectral_align_batch: give the folders as the argument, \"in=[INPUT FOLDER] out=[OUTPUT FOLDER]\"");
if (!endsWith(input, "/") && !endsWith(input, "\\")) input = input + File.separator;
if (!endsWith(output, "/") && !endsWith(output, "\\")) output = output + File.separator;
if (!File.isDirectory(input)) fail("spectral_align_batch: input folder not found: " + input);
File.makeDirectory(output);
if (!File.isDirectory(output)) fail("spectral_align_batch: cannot create the output folder " + output);

// I0 from the brightest 5 % of pixels; alignment against the slice nearest the mean image
i0Options = "i0_mode=auto i0_fraction=0.05";
alignOptions = "reference=0 edge_filter=false max_shift=20 crop=true";

setBatchMode(true);
list = getFileList(input);
done = 0;
for (i = 0; i < list.length; i++) {
	name = list[i];
	lower = toLowerCase(name);
	if (!(endsWith(lower, ".hdr") || endsWith(lower, ".hdf5") || endsWith(lower, ".h5") || endsWith(lower, ".nxs")
		|| endsWith(lower, ".ncb") || endsWith(lower, ".tif") || endsWith(lower, ".tiff")))
		continue;
	base = File.getNameWithoutExtension(name);
	run("Import Spectral Stack", "file=[" + input + name + "]");
	raw = getTitle();
	run("Optical Density", "stack=[" + raw + "] " + i0Options);
	od = getTitle();
	run("Align Stack", "stack=[" + od + "] " + alignOptions);
	save("aligned", output + base + "_od_aligned.tif");
	save("shifts", output + base + "_shifts.csv");
	close("*");
	done++;
	print("aligned " + name + " -> " + base + "_od_aligned.tif");
}
if (done == 0) fail("spectral_align_batch: no spectral stacks (.hdr, .hdf5, .h5, .nxs, .ncb, .tif) in " + input);
print("Align batch: " + done + " stacks from " + input + " to " + output);

// an output of the last Interphase command, written as the CLI's --out folder writes it
function save(field, path) {
	r = call("org.interphase.ij.Outputs.save", field, path);
}

// stops the macro as an error: exit status 2 under -batch and ./interphase macro
function fail(message) {
	r = call("org.interphase.ij.MacroErrors.fail", message);
}
