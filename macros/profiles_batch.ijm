// Interphase — interfacial line profiles in batch.
// For every TIFF map in a folder: Interface Profile along the same wide line (mean ± SD across the
// width, interfaces by erf fit, zone depletion relative to the bulk), tables saved as CSV and the
// plot as PNG; then Histogram Compare of all the maps on identical bins.
// Run in Fiji (Plugins > Macros > Run…) or headless: ImageJ-linux64 --headless --console -macro profiles_batch.ijm
#@ File (label = "Folder with the maps (TIFF)", style = "directory") input
#@ File (label = "Output folder", style = "directory") output
#@ String (label = "Line x1,y1,x2,y2 (px)", value = "0,20,119,20") line
#@ Integer (label = "Line width (px)", value = 30) width
#@ String (label = "Distances from (start, interface, end)", value = "interface") origin
#@ String (label = "Zones (calibrated units from the origin)", value = "0-10,78-90") zones
#@ String (label = "Bulk zone", value = "20-70") bulk
#@ Integer (label = "Histogram bins", value = 64) bins

setBatchMode(true);
c = split(line, ",");
if (c.length != 4) exit("line: give x1,y1,x2,y2 in pixels");
files = getFileList(input);
titles = "";
for (i = 0; i < files.length; i++) {
	name = files[i];
	lower = toLowerCase(name);
	if (!endsWith(lower, ".tif") && !endsWith(lower, ".tiff")) continue;
	open(input + File.separator + name);
	t = getTitle();
	base = File.nameWithoutExtension;
	run("Interface Profile", "image=[" + t + "] x1=" + c[0] + " y1=" + c[1] + " x2=" + c[2] + " y2=" + c[3] + " width=" + width
		+ " origin=" + origin + " interface_method=erf zones=" + zones + " bulk=" + bulk);
	Table.save(output + File.separator + base + "_profile.csv", "Interface Profile");
	if (isOpen("Interface Profile zones")) Table.save(output + File.separator + base + "_zones.csv", "Interface Profile zones");
	if (isOpen("Interface Profile interfaces")) Table.save(output + File.separator + base + "_interfaces.csv", "Interface Profile interfaces");
	// the plot is the newest image window
	if (getTitle() != t) {
		saveAs("PNG", output + File.separator + base + "_profile.png");
		close();
	}
	selectImage(t);
	if (titles != "") titles = titles + ",";
	titles = titles + t;
}
if (titles == "") exit("no TIFF files in " + input);
run("Histogram Compare", "images=[" + titles + "] bins=" + bins + " normalize=fraction");
Table.save(output + File.separator + "histograms.csv", "Histogram Compare");
Table.save(output + File.separator + "histogram_stats.csv", "Histogram Compare statistics");
if (nImages > 0 && startsWith(getTitle(), "Histogram Compare")) {
	saveAs("PNG", output + File.separator + "histograms.png");
	close();
}
run("Close All");
print("Interphase profiles batch: " + output);
