// Interphase — interfacial line profiles in batch.
// For every TIFF map <name> in a folder, Interface Profile along the same wide line (mean ± SD across
// the width, interfaces by erf fit, zone depletion relative to the bulk); then Histogram Compare of all
// the maps on identical bins. Into the output folder (each file as the CLI's --out folder holds it):
//   <name>_profile.csv      the profile: position, mean, SD across the width (Interface Profile "profile")
//   <name>_zones.csv        the zones with mean, SD and depletion % relative to the bulk ("zone_stats")
//   <name>_interfaces.csv   the interfaces found by the erf fit: position, width ("interfaces")
//   <name>_profile.png      the profile plot ("plot")
//   histograms.csv          Histogram Compare of all the maps: one column per map ("histograms")
//   histogram_stats.csv     n, mean, SD, CV, skewness, kurtosis, percentiles per map ("stats")
//   histograms.png          the histogram plot ("plot")
// Stops with an error (exit status 2 headless) when the input folder is missing or holds no TIFF map.
// Argument (the convention of every Interphase batch macro): "in=[INPUT FOLDER] out=[OUTPUT FOLDER]"
// plus optional keys; in Fiji without an argument it asks for the folders.
// Optional keys: line=x1,y1,x2,y2 (px) width origin zones bulk bins.
//   headless: ./interphase macro macros/profiles_batch.ijm "in=[test-images/profiles] out=[profiles]"
arg = getArgument();
// installed in Fiji (Plugins › Interphase › Batch), run("<name> batch", "in=[...] out=[...]") passes the options this way
if (arg == "") arg = call("ij.Macro.getOptions");
if (arg == "null") arg = "";
input = call("ij.Macro.getValue", arg, "in", "");
output = call("ij.Macro.getValue", arg, "out", "");
if (input == "" && getInfo("java.awt.headless") != "true") input = getDirectory("Folder with the maps (TIFF)");
if (output == "" && getInfo("java.awt.headless") != "true") output = getDirectory("Output folder");
if (input == "" || output == "") fail("profiles_batch: give the folders as the argument, \"in=[INPUT FOLDER] out=[OUTPUT FOLDER]\"");
if (!endsWith(input, "/") && !endsWith(input, "\\")) input = input + File.separator;
if (!endsWith(output, "/") && !endsWith(output, "\\")) output = output + File.separator;
if (!File.isDirectory(input)) fail("profiles_batch: input folder not found: " + input);
File.makeDirectory(output);
if (!File.isDirectory(output)) fail("profiles_batch: cannot create the output folder " + output);
line = call("ij.Macro.getValue", arg, "line", "0,20,119,20");
width = call("ij.Macro.getValue", arg, "width", "30");
origin = call("ij.Macro.getValue", arg, "origin", "interface");
zones = call("ij.Macro.getValue", arg, "zones", "0-10,78-90");
bulk = call("ij.Macro.getValue", arg, "bulk", "20-70");
bins = call("ij.Macro.getValue", arg, "bins", "64");

setBatchMode(true);
c = split(line, ",");
if (c.length != 4) fail("profiles_batch: line: give x1,y1,x2,y2 in pixels");
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
	save("profile", output + base + "_profile.csv");
	save("zone_stats", output + base + "_zones.csv");
	save("interfaces", output + base + "_interfaces.csv");
	save("plot", output + base + "_profile.png");
	if (titles != "") titles = titles + ",";
	titles = titles + t;
}
if (titles == "") fail("profiles_batch: no TIFF maps in " + input);
run("Histogram Compare", "images=[" + titles + "] bins=" + bins + " normalize=fraction");
save("histograms", output + "histograms.csv");
save("stats", output + "histogram_stats.csv");
save("plot", output + "histograms.png");
close("*");
print("Interphase profiles batch: " + output);

// an output of the last Interphase command, written as the CLI's --out folder writes it
function save(field, path) {
	r = call("org.interphase.ij.Outputs.save", field, path);
}

// stops the macro as an error: exit status 2 under -batch and ./interphase macro
function fail(message) {
	r = call("org.interphase.ij.MacroErrors.fail", message);
}
