// Interphase batch: import every spectral stack of a folder, convert to optical density, align the
// slices, and save the aligned OD stack and the table of shifts.
// Stacks: ALS/SLS .hdr (+ .xim), NXstxm .hdf5/.h5/.nxs, aXis2000 .ncb (+ .dat), ImageJ TIFF with
// energies in the slice labels.
// Argument (the convention of every Interphase batch macro): "in=[INPUT FOLDER] out=[OUTPUT FOLDER]".
//   headless:  ./interphase macro macros/spectral_align_batch.ijm "in=[test-images/spectral] out=[aligned]"
//   in Fiji:   Plugins > Macros > Run... (asks for both folders when no argument is given)

arg = getArgument();
input = call("ij.Macro.getValue", arg, "in", "");
output = call("ij.Macro.getValue", arg, "out", "");
if (input == "" && getInfo("java.awt.headless") != "true") input = getDirectory("Folder of spectral stacks");
if (output == "" && getInfo("java.awt.headless") != "true") output = getDirectory("Folder for the results");
if (input == "" || output == "") exit("spectral_align_batch: give the folders as the argument, \"in=[INPUT FOLDER] out=[OUTPUT FOLDER]\"");
if (!endsWith(input, File.separator)) input = input + File.separator;
if (!endsWith(output, File.separator)) output = output + File.separator;
File.makeDirectory(output);

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
	aligned = getTitle();
	selectImage(aligned);
	saveAs("Tiff", output + base + "_od_aligned.tif");
	saveAs("Results", output + base + "_shifts.csv");
	close("*");
	done++;
	print("aligned " + name + " -> " + base + "_od_aligned.tif");
}
print("Align batch: " + done + " stacks from " + input + " to " + output);
