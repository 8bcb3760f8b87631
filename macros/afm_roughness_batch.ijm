// Interphase AFM batch: level every height image of a folder and write ONE roughness table.
// Reads NanoScope (.spm, .000-.999 image files), Gwyddion (.gwy), Asylum (.ibw) and TIFF height images.
// For each file: Import AFM Image (channel below) -> Level Surface (saved as <name>_leveled.tif)
// -> Surface Roughness (its row is appended to the combined table) -> roughness_all.csv.
// Headless: ./interphase runs each command; this macro is for Fiji (Plugins>Macros>Run...).

#@ File (label = "Folder of AFM images", style = "directory") input
#@ File (label = "Output folder", style = "directory") output
#@ String (label = "Height channel (empty = all channels)", value = "Height") channel
#@ String (label = "Leveling", choices = {"plane_then_rows", "plane", "polynomial", "align_rows_median", "align_rows_mean"}) method

setBatchMode(true);
combined = "AFM roughness (all images)";
Table.create(combined);
list = getFileList(input);
done = 0;
for (i = 0; i < list.length; i++) {
	name = list[i];
	lower = toLowerCase(name);
	if (!(endsWith(lower, ".spm") || endsWith(lower, ".gwy") || endsWith(lower, ".ibw") || endsWith(lower, ".tif") || endsWith(lower, ".tiff")
			|| matches(lower, ".*\\.[0-9][0-9][0-9]$")))
		continue;
	path = input + File.separator + name;
	// force-curve files share the .000-.999 extensions: Import AFM Image refuses them with an error, so keep them out of the folder
	run("Import AFM Image", "file=[" + path + "] channel=[" + channel + "]");
	raw = getTitle();
	run("Level Surface", "image=[" + raw + "] method=" + method + " degree=2");
	leveled = getTitle();
	base = replace(name, "\\.[^.]*$", "");
	saveAs("Tiff", output + File.separator + base + "_leveled.tif");
	leveled = getTitle();
	// roughness of the raw image with the same leveling (the table states it); one row per height slice
	run("Surface Roughness", "image=[" + raw + "] level=" + method + " degree=2 x1=-1 y1=-1 x2=-1 y2=-1 cutoff=0");
	src = "Surface Roughness";
	headings = split(Table.headings(src), "\t");
	for (r = 0; r < Table.size(src); r++) {
		row = Table.size(combined);
		Table.set("file", row, name, combined);
		for (c = 0; c < headings.length; c++) {
			h = headings[c];
			if (h == " " || h == "") continue;
			v = Table.getString(h, r, src);
			if (isNaN(parseFloat(v))) Table.set(h, row, v, combined);
			else Table.set(h, row, parseFloat(v), combined);
		}
	}
	Table.update(combined);
	if (isOpen("Height histogram")) close("Height histogram");
	close(raw);
	close(leveled);
	done++;
}
Table.save(output + File.separator + "roughness_all.csv", combined);
setBatchMode(false);
print("AFM batch: " + done + " images, table saved to " + output + File.separator + "roughness_all.csv");
