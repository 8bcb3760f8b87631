// Interphase AFM batch: level every height image of a folder and write ONE roughness table.
// Reads NanoScope (.spm, .000-.999 image files), Gwyddion (.gwy), Asylum (.ibw) and TIFF height images.
// For each file: Import AFM Image (channel below) -> Level Surface (saved as <name>_leveled.tif)
// -> Surface Roughness (its row is appended to the combined table) -> roughness_all.csv.
// Argument (the convention of every Interphase batch macro): "in=[INPUT FOLDER] out=[OUTPUT FOLDER]"
// plus optional keys; in Fiji without an argument it asks for the folders.
// Optional keys: channel (default Height), method (default plane_then_rows).
//   headless: ./interphase macro macros/afm_roughness_batch.ijm "in=[test-images/afm] out=[roughness]"

arg = getArgument();
input = call("ij.Macro.getValue", arg, "in", "");
output = call("ij.Macro.getValue", arg, "out", "");
if (input == "" && getInfo("java.awt.headless") != "true") input = getDirectory("Folder of AFM images");
if (output == "" && getInfo("java.awt.headless") != "true") output = getDirectory("Output folder");
if (input == "" || output == "") exit("afm_roughness_batch: give the folders as the argument, \"in=[INPUT FOLDER] out=[OUTPUT FOLDER]\"");
if (!endsWith(input, "/") && !endsWith(input, "\\")) input = input + File.separator;
if (!endsWith(output, "/") && !endsWith(output, "\\")) output = output + File.separator;
File.makeDirectory(output);
channel = call("ij.Macro.getValue", arg, "channel", "Height");
method = call("ij.Macro.getValue", arg, "method", "plane_then_rows");

setBatchMode(true);
combined = "";
list = getFileList(input);
done = 0;
for (i = 0; i < list.length; i++) {
	name = list[i];
	lower = toLowerCase(name);
	if (!(endsWith(lower, ".spm") || endsWith(lower, ".gwy") || endsWith(lower, ".ibw") || endsWith(lower, ".tif") || endsWith(lower, ".tiff")
			|| matches(lower, ".*\\.[0-9][0-9][0-9]$")))
		continue;
	path = input + name;
	// force-curve files share the .000-.999 extensions: Import AFM Image refuses them with an error, so keep them out of the folder
	run("Import AFM Image", "file=[" + path + "] channel=[" + channel + "]");
	raw = getTitle();
	run("Level Surface", "image=[" + raw + "] method=" + method + " degree=2");
	leveled = getTitle();
	base = replace(name, "\\.[^.]*$", "");
	saveAs("Tiff", output + base + "_leveled.tif");
	leveled = getTitle();
	// roughness of the raw image with the same leveling (the table states it); one row per height slice
	run("Surface Roughness", "image=[" + raw + "] level=" + method + " degree=2 x1=-1 y1=-1 x2=-1 y2=-1 cutoff=0");
	saveTable("Surface Roughness", output + base + "_roughness.csv", true);
	rows = split(File.openAsString(output + base + "_roughness.csv"), "\n");
	for (r = 0; r < rows.length; r++) {
		if (r == 0 && combined != "") continue; // one header row
		if (r == 0) combined = combined + "file," + rows[r] + "\n";
		else combined = combined + name + "," + rows[r] + "\n";
	}
	if (isOpen("Height histogram")) close("Height histogram");
	close(raw);
	close(leveled);
	done++;
}
File.saveString(combined, output + "roughness_all.csv");
print("AFM batch: " + done + " images, table saved to " + output + "roughness_all.csv");

// Fiji shows each table in a window of its own title; the headless runner (./interphase macro) keeps
// the last table of the last command as the "Results" table. Save by title when it is open, else
// (last table only) through Results.
function saveTable(title, path, last) {
	if (isOpen(title)) Table.save(path, title);
	else if (last && nResults > 0) saveAs("Results", path);
}
