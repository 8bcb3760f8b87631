// Interphase — interfacial line profiles in batch.
// For every TIFF map in a folder: Interface Profile along the same wide line (mean ± SD across the
// width, interfaces by erf fit, zone depletion relative to the bulk), tables saved as CSV and the
// plot as PNG; then Histogram Compare of all the maps on identical bins.
// Argument (the convention of every Interphase batch macro): "in=[INPUT FOLDER] out=[OUTPUT FOLDER]"
// plus optional keys; in Fiji without an argument it asks for the folders.
// Optional keys: line=x1,y1,x2,y2 (px) width origin zones bulk bins.
//   headless: ./interphase macro macros/profiles_batch.ijm "in=[test-images/profiles] out=[profiles]"
arg = getArgument();
input = call("ij.Macro.getValue", arg, "in", "");
output = call("ij.Macro.getValue", arg, "out", "");
if (input == "" && getInfo("java.awt.headless") != "true") input = getDirectory("Folder with the maps (TIFF)");
if (output == "" && getInfo("java.awt.headless") != "true") output = getDirectory("Output folder");
if (input == "" || output == "") exit("profiles_batch: give the folders as the argument, \"in=[INPUT FOLDER] out=[OUTPUT FOLDER]\"");
if (!endsWith(input, "/") && !endsWith(input, "\\")) input = input + File.separator;
if (!endsWith(output, "/") && !endsWith(output, "\\")) output = output + File.separator;
File.makeDirectory(output);
line = call("ij.Macro.getValue", arg, "line", "0,20,119,20");
width = call("ij.Macro.getValue", arg, "width", "30");
origin = call("ij.Macro.getValue", arg, "origin", "interface");
zones = call("ij.Macro.getValue", arg, "zones", "0-10,78-90");
bulk = call("ij.Macro.getValue", arg, "bulk", "20-70");
bins = call("ij.Macro.getValue", arg, "bins", "64");

setBatchMode(true);
c = split(line, ",");
if (c.length != 4) exit("line: give x1,y1,x2,y2 in pixels");
files = getFileList(input);
titles = "";
for (i = 0; i < files.length; i++) {
	name = files[i];
	lower = toLowerCase(name);
	if (!endsWith(lower, ".tif") && !endsWith(lower, ".tiff")) continue;
	open(input + name);
	t = getTitle();
	base = File.nameWithoutExtension;
	run("Interface Profile", "image=[" + t + "] x1=" + c[0] + " y1=" + c[1] + " x2=" + c[2] + " y2=" + c[3] + " width=" + width
		+ " origin=" + origin + " interface_method=erf zones=" + zones + " bulk=" + bulk);
	saveTable("Interface Profile", output + base + "_profile.csv", false);
	saveTable("Interface Profile zones", output + base + "_zones.csv", false);
	saveTable("Interface Profile interfaces", output + base + "_interfaces.csv", true);
	// the plot is the newest image window
	if (getTitle() != t) {
		saveAs("PNG", output + base + "_profile.png");
		close();
	}
	selectImage(t);
	if (titles != "") titles = titles + ",";
	titles = titles + t;
}
if (titles == "") exit("no TIFF files in " + input);
run("Histogram Compare", "images=[" + titles + "] bins=" + bins + " normalize=fraction");
saveTable("Histogram Compare", output + "histograms.csv", false);
saveTable("Histogram Compare statistics", output + "histogram_stats.csv", true);
if (nImages > 0 && startsWith(getTitle(), "Histogram Compare")) {
	saveAs("PNG", output + "histograms.png");
	close();
}
run("Close All");
print("Interphase profiles batch: " + output);

// Fiji shows each table in a window of its own title; the headless runner (./interphase macro) keeps
// the last table of the last command as the "Results" table. Save by title when it is open, else
// (last table only) through Results.
function saveTable(title, path, last) {
	if (isOpen(title)) Table.save(path, title);
	else if (last && nResults > 0) saveAs("Results", path);
}
