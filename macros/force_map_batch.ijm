// Interphase batch: fit every force file of a folder (Bruker force curve/volume, JPK .jpk-force /
// .jpk-force-map) with "Force Curve Modulus" and save the maps (TIFF) and tables (CSV) per file.
// Folders of text curves inside the input folder are fitted too (one grid per sub-folder).
// Argument (the convention of every Interphase batch macro): "in=[INPUT FOLDER] out=[OUTPUT FOLDER]"
// plus optional keys; in Fiji without an argument it asks for the folders.
//   headless: ./interphase macro macros/force_map_batch.ijm "in=[test-images/force] out=[fits]"

settings = "model=hertz_sphere tip_radius=20 poisson=0.5 segment=approach contact_method=residual fit_min=0 fit_max=100";

arg = getArgument();
input = call("ij.Macro.getValue", arg, "in", "");
output = call("ij.Macro.getValue", arg, "out", "");
if (input == "" && getInfo("java.awt.headless") != "true") input = getDirectory("Folder with force files");
if (output == "" && getInfo("java.awt.headless") != "true") output = getDirectory("Output folder");
if (input == "" || output == "") exit("force_map_batch: give the folders as the argument, \"in=[INPUT FOLDER] out=[OUTPUT FOLDER]\"");
if (!endsWith(input, "/") && !endsWith(input, "\\")) input = input + File.separator;
if (!endsWith(output, "/") && !endsWith(output, "\\")) output = output + File.separator;
File.makeDirectory(output);
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
	before = nImages;
	run("Force Curve Modulus", "file=[" + path + "] " + settings);
	// the four maps are the newest images: modulus, contact, adhesion, r_squared
	for (j = nImages; j > before; j--) {
		selectImage(j);
		t = getTitle();
		suffix = "map";
		if (indexOf(t, "modulus") >= 0) suffix = "modulus";
		else if (indexOf(t, "contact") >= 0) suffix = "contact";
		else if (indexOf(t, "adhesion") >= 0) suffix = "adhesion";
		else if (indexOf(t, "R") >= 0) suffix = "r_squared";
		saveAs("Tiff", output + base + "_" + suffix + ".tif");
		close();
	}
	saveTable("Force Curve Modulus curves", output + base + "_curves.csv", false);
	saveTable("Force Curve Modulus summary", output + base + "_summary.csv", true);
	done++;
}
print("Force Curve Modulus: " + done + " inputs fitted; results in " + output);

// Fiji shows each table in a window of its own title; the headless runner (./interphase macro) keeps
// the last table of the last command as the "Results" table. Save by title when it is open, else
// (last table only) through Results.
function saveTable(title, path, last) {
	if (isOpen(title)) Table.save(path, title);
	else if (last && nResults > 0) saveAs("Results", path);
}
