// Interphase — ToF-SIMS depth profiles and SEI thickness in batch.
// For every ToF-SIMS dataset in a folder — a multi-channel TIFF (C = ions, Z = cycles), a sub-folder of
// per-ion multi-page TIFFs, or a depth-profile text export whose name contains "profile" (.txt, .csv) —
// Import ToF-SIMS, then Depth Profile over the whole field (layer edges by the erf fit, SEI thickness).
// Into the output folder (each file as the CLI's --out folder holds it):
//   <name>_profiles.csv     per cycle: depth, per ion mean and SD (Depth Profile "profiles")
//   <name>_layers.csv       per ion and edge: depth_50, 16–84 % width, plateaus, r2 ("layers")
//   <name>_thicknesses.csv  per-layer thicknesses and the SEI thickness ("thicknesses")
//   <name>_profiles.png     the log-scale profile plot with the layer depths marked ("plot")
// Stops with an error (exit status 2 headless) when the input folder is missing or holds no dataset.
// Argument (the convention of every Interphase batch macro): "in=[INPUT FOLDER] out=[OUTPUT FOLDER]"
// plus optional keys; in Fiji without an argument it asks for the folders.
// Optional keys: depth_axis sputter_rate cycle_time crater_depth normalize sei_markers substrate_ion layer_ions.
//   headless: ./interphase macro macros/sims_batch.ijm "in=[test-images/sims] out=[sims]"
arg = getArgument();
// installed in Fiji (Plugins › Interphase › Batch), run("<name> batch", "in=[...] out=[...]") passes the options this way
if (arg == "") arg = call("ij.Macro.getOptions");
if (arg == "null") arg = "";
input = call("ij.Macro.getValue", arg, "in", "");
output = call("ij.Macro.getValue", arg, "out", "");
if (input == "" && getInfo("java.awt.headless") != "true") input = getDirectory("Folder with the ToF-SIMS data");
if (output == "" && getInfo("java.awt.headless") != "true") output = getDirectory("Output folder");
if (input == "" || output == "") fail("sims_batch: give the folders as the argument, \"in=[INPUT FOLDER] out=[OUTPUT FOLDER]\"");
if (!endsWith(input, "/") && !endsWith(input, "\\")) input = input + File.separator;
if (!endsWith(output, "/") && !endsWith(output, "\\")) output = output + File.separator;
if (!File.isDirectory(input)) fail("sims_batch: input folder not found: " + input);
File.makeDirectory(output);
if (!File.isDirectory(output)) fail("sims_batch: cannot create the output folder " + output);
depthAxis = call("ij.Macro.getValue", arg, "depth_axis", "rate_per_s");
sputterRate = call("ij.Macro.getValue", arg, "sputter_rate", "0.5");   // nm/s (or nm/cycle with depth_axis=rate_per_cycle)
cycleTime = call("ij.Macro.getValue", arg, "cycle_time", "0");         // s; 0 = from the data
craterDepth = call("ij.Macro.getValue", arg, "crater_depth", "0");     // nm, with depth_axis=crater
normalize = call("ij.Macro.getValue", arg, "normalize", "none");
markers = call("ij.Macro.getValue", arg, "sei_markers", "CH2O-,CH3O-,LiF-");
substrate = call("ij.Macro.getValue", arg, "substrate_ion", "");
layerIons = call("ij.Macro.getValue", arg, "layer_ions", "CH2O-,LiF-");

setBatchMode(true);
list = getFileList(input);
done = 0;
for (i = 0; i < list.length; i++) {
	name = list[i];
	lower = toLowerCase(name);
	folder = endsWith(name, "/");
	tiff = endsWith(lower, ".tif") || endsWith(lower, ".tiff");
	text = indexOf(lower, "profile") >= 0 && (endsWith(lower, ".txt") || endsWith(lower, ".csv"));
	if (!folder && !tiff && !text) continue;
	if (folder) base = substring(name, 0, lengthOf(name) - 1);
	else base = substring(name, 0, lastIndexOf(name, "."));
	run("Import ToF-SIMS", "file=[" + input + base + substring(name, lengthOf(base)) + "] ions=[] cycle_time=" + cycleTime + " field_of_view=0");
	sims = getTitle();
	run("Depth Profile", "image=[" + sims + "] region=[] pulses=0 normalize=[" + normalize + "] depth_axis=" + depthAxis
		+ " sputter_rate=" + sputterRate + " cycle_time=" + cycleTime + " crater_depth=" + craterDepth
		+ " max_edges=2 edge_threshold=0.3 smoothing=1 sei_markers=[" + markers + "] substrate_ion=[" + substrate + "] layer_ions=[" + layerIons + "]");
	save("profiles", output + base + "_profiles.csv");
	save("layers", output + base + "_layers.csv");
	save("thicknesses", output + base + "_thicknesses.csv");
	save("plot", output + base + "_profiles.png");
	close("*");
	done++;
}
if (done == 0) fail("sims_batch: no ToF-SIMS data (TIFF, per-ion TIFF folder or *profile*.txt/.csv) in " + input);
print("Interphase sims batch: " + done + " datasets processed into " + output);

// an output of the last Interphase command, written as the CLI's --out folder writes it
function save(field, path) {
	r = call("org.interphase.ij.Outputs.save", field, path);
}

// stops the macro as an error: exit status 2 under -batch and ./interphase macro
function fail(message) {
	r = call("org.interphase.ij.MacroErrors.fail", message);
}
