// Interphase AFM batch: level every height image of a folder and write ONE roughness table.
// Reads every image format of Import AFM Image: Bruker/Veeco NanoScope (.spm, .000-.999 image files),
// Gwyddion (.gwy, .gsf), Asylum Research (.ibw), Image Metrology (.bcr, .bcrf), WSxM (.top, .stp),
// Nanosurf (.nid), NT-MDT (.mdt), JPK images (.jpk, .jpk-qi-image), Hitachi/Seiko (.xqd) and TIFF.
// For each file <name>: Import AFM Image (channel below) -> Level Surface -> Surface Roughness of the
// imported image with the same leveling. Into the output folder:
//   <name>_leveled.tif      Level Surface "leveled" (as the CLI's leveled.tif)
//   <name>_roughness.csv    Surface Roughness "roughness", one row per height slice (as the CLI's roughness.csv)
//   roughness_all.csv       the rows of every <name>_roughness.csv, with a first column "file"
// Stops with an error (exit status 2 headless) when the input folder is missing or holds no height image.
// Argument (the convention of every Interphase batch macro): "in=[INPUT FOLDER] out=[OUTPUT FOLDER]"
// plus optional keys; in Fiji without an argument it asks for the folders.
// Optional keys: channel (default Height), method (default plane_then_rows).
//   headless: ./interphase macro macros/afm_roughness_batch.ijm "in=[test-images/afm] out=[roughness]"

// the file extensions of the height images read (NanoScope's numbered .000-.999 besides)
var extensions = newArray(".spm", ".gwy", ".gsf", ".ibw", ".bcr", ".bcrf", ".top", ".stp", ".nid", ".mdt", ".jpk", ".jpk-qi-image", ".xqd", ".tif", ".tiff");

arg = getArgument();
// installed in Fiji (Plugins › Interphase › Batch), run("<name> batch", "in=[...] out=[...]") passes the options this way
if (arg == "") arg = call("ij.Macro.getOptions");
if (arg == "null") arg = "";
input = call("ij.Macro.getValue", arg, "in", "");
output = call("ij.Macro.getValue", arg, "out", "");
if (input == "" && getInfo("java.awt.headless") != "true") input = getDirectory("Folder of AFM images");
if (output == "" && getInfo("java.awt.headless") != "true") output = getDirectory("Output folder");
if (input == "" || output == "") fail("afm_roughness_batch: give the folders as the argument, \"in=[INPUT FOLDER] out=[OUTPUT FOLDER]\"");
if (!endsWith(input, "/") && !endsWith(input, "\\")) input = input + File.separator;
if (!endsWith(output, "/") && !endsWith(output, "\\")) output = output + File.separator;
if (!File.isDirectory(input)) fail("afm_roughness_batch: input folder not found: " + input);
File.makeDirectory(output);
if (!File.isDirectory(output)) fail("afm_roughness_batch: cannot create the output folder " + output);
channel = call("ij.Macro.getValue", arg, "channel", "Height");
method = call("ij.Macro.getValue", arg, "method", "plane_then_rows");

setBatchMode(true);
combined = "";
list = getFileList(input);
done = 0;
for (i = 0; i < list.length; i++) {
	name = list[i];
	lower = toLowerCase(name);
	if (!isAfmImage(lower))
		continue;
	path = input + name;
	base = replace(name, "\\.[^.]*$", "");
	// force-curve files share the .000-.999 extensions: Import AFM Image refuses them with an error, so keep them out of the folder
	run("Import AFM Image", "file=[" + path + "] channel=[" + channel + "]");
	raw = getTitle();
	run("Level Surface", "image=[" + raw + "] method=" + method + " degree=2");
	save("leveled", output + base + "_leveled.tif");
	// roughness of the imported image with the same leveling (the table states it); one row per height slice
	run("Surface Roughness", "image=[" + raw + "] level=" + method + " degree=2 x1=-1 y1=-1 x2=-1 y2=-1 cutoff=0");
	save("roughness", output + base + "_roughness.csv");
	rows = split(File.openAsString(output + base + "_roughness.csv"), "\n");
	for (r = 0; r < rows.length; r++) {
		if (r == 0 && combined != "") continue; // one header row
		if (r == 0) combined = combined + "file," + rows[r] + "\n";
		else combined = combined + name + "," + rows[r] + "\n";
	}
	close("*");
	done++;
}
if (done == 0) fail("afm_roughness_batch: no height images (.spm, .gwy, .gsf, .ibw, .bcr, .bcrf, .top, .stp, .nid, .mdt, .jpk, .jpk-qi-image, .xqd, .tif, .tiff, .000-.999) in " + input);
File.saveString(combined, output + "roughness_all.csv");
print("AFM batch: " + done + " images, table saved to " + output + "roughness_all.csv");

// the file extensions Import AFM Image opens (AfmImporter and TIFF), besides NanoScope's numbered .000-.999
function isAfmImage(lower) {
	for (e = 0; e < extensions.length; e++)
		if (endsWith(lower, extensions[e])) return true;
	return matches(lower, ".*\\.[0-9][0-9][0-9]$");
}

// an output of the last Interphase command, written as the CLI's --out folder writes it
function save(field, path) {
	r = call("org.interphase.ij.Outputs.save", field, path);
}

// stops the macro as an error: exit status 2 under -batch and ./interphase macro
function fail(message) {
	r = call("org.interphase.ij.MacroErrors.fail", message);
}
