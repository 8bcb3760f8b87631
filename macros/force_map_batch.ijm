// Interphase batch: fit every force file of a folder (Bruker force curve/volume, JPK .jpk-force /
// .jpk-force-map) with "Force Curve Modulus" and save the maps (TIFF) and tables (CSV) per file.
// Folders of text curves inside the input folder are fitted too (one grid per sub-folder).
// Edit the fit settings below; headless: ImageJ --headless -macro force_map_batch.ijm "in,out"

settings = "model=hertz_sphere tip_radius=20 poisson=0.5 segment=approach contact_method=residual fit_min=0 fit_max=100";

args = getArgument();
if (args != "") {
	parts = split(args, ",");
	input = parts[0]; output = parts[1];
} else {
	input = getDirectory("Folder with force files");
	output = getDirectory("Output folder");
}
if (!endsWith(input, File.separator)) input = input + File.separator;
if (!endsWith(output, File.separator)) output = output + File.separator;
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
	if (isOpen("Force Curve Modulus curves")) Table.save(output + base + "_curves.csv", "Force Curve Modulus curves");
	if (isOpen("Force Curve Modulus summary")) Table.save(output + base + "_summary.csv", "Force Curve Modulus summary");
	done++;
}
setBatchMode(false);
print("Force Curve Modulus: " + done + " inputs fitted; results in " + output);
