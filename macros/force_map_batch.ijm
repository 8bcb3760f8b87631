// Interphase batch: fit every force file of a folder (Bruker force curve/volume, JPK .jpk-force /
// .jpk-force-map) with "Force Curve Modulus". Folders of text curves inside the input folder are fitted
// too (one grid per sub-folder). Into the output folder, per input <name> (dots replaced by "_"),
// each as the CLI's --out folder holds it:
//   <name>_modulus.tif, <name>_contact.tif, <name>_adhesion.tif, <name>_r_squared.tif   the maps
//   <name>_curves.csv    one row per curve (position, contact point, modulus, adhesion, R², …)
//   <name>_summary.csv   statistics of the map
// Stops with an error (exit status 2 headless) when the input folder is missing or holds no force data.
// Argument (the convention of every Interphase batch macro): "in=[INPUT FOLDER] out=[OUTPUT FOLDER]"
// plus optional keys; in Fiji without an argument it asks for the folders.
//   headless: ./interphase macro macros/force_map_batch.ijm "in=[test-images/force] out=[fits]"

settings = "model=hertz_sphere tip_radius=20 poisson=0.5 segment=approach contact_method=residual fit_min=0 fit_max=100";

arg = getArgument();
// installed in Fiji (Plugins › Interphase › Batch), run("<name> batch", "in=[...] out=[...]") passes the options this way
if (arg == "") arg = call("ij.Macro.getOptions");
if (arg == "null") arg = "";
input = call("ij.Macro.getValue", arg, "in", "");
output = call("ij.Macro.getValue", arg, "out", "");
if (input == "" && getInfo("java.awt.headless") != "true") input = getDirectory("Folder with force files");
if (output == "" && getInfo("java.awt.headless") != "true") output = getDirectory("Output folder");
if (input == "" || output == "") fail("force_map_batch: give the folders as the argument, \"in=[INPUT FOLDER] out=[OUTPUT FOLDER]\"");
if (!endsWith(input, "/") && !endsWith(input, "\\")) input = input + File.separator;
if (!endsWith(output, "/") && !endsWith(output, "\\")) output = output + File.separator;
if (!File.isDirectory(input)) fail("force_map_batch: input folder not found: " + input);
File.makeDirectory(output);
if (!File.isDirectory(output)) fail("force_map_batch: cannot create the output folder " + output);
setBatchMode(true);
files = getFileList(input);
done = 0;
for (i = 0; i < files.length; i++) {
	name = files[i];
	path = input + name;
	isForce = endsWith(name, ".jpk-force") || endsWith(name, ".jpk-force-map") || matches(name, ".*\\.[0-9][0-9][0-9]$");
	isFolder = endsWith(name, "/");
	if (!isForce && !isFolder) continue;
	if (isFolder) path = substring(path, 0, lengthOf(path) - 1);
	base = replace(replace(name, "/", ""), "\\.", "_");
	run("Force Curve Modulus", "file=[" + path + "] " + settings);
	save("modulus", output + base + "_modulus.tif");
	save("contact", output + base + "_contact.tif");
	save("adhesion", output + base + "_adhesion.tif");
	save("r_squared", output + base + "_r_squared.tif");
	save("curves", output + base + "_curves.csv");
	save("summary", output + base + "_summary.csv");
	close("*");
	done++;
}
if (done == 0) fail("force_map_batch: no force files (.jpk-force, .jpk-force-map, .000-.999) or folders of curves in " + input);
print("Force Curve Modulus: " + done + " inputs fitted; results in " + output);

// an output of the last Interphase command, written as the CLI's --out folder writes it
function save(field, path) {
	r = call("org.interphase.ij.Outputs.save", field, path);
}

// stops the macro as an error: exit status 2 under -batch and ./interphase macro
function fail(message) {
	r = call("org.interphase.ij.MacroErrors.fail", message);
}
