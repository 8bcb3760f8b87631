// Interphase batch macro — spectral stacks → optical density.
//
// For every TIFF stack (*.tif, *.tiff; one slice per energy) in the input folder: Optical Density with
// I0 from the brightest pixels, saving <name>_od.tif (32-bit OD stack, energies in the slice labels) and
// <name>_i0.csv (the I0 spectrum: energy_eV, i0) into the output folder. Single images are skipped.
//
// Argument (the convention of every Interphase batch macro): "in=[INPUT FOLDER] out=[OUTPUT FOLDER]"
// plus optional keys, here i0_fraction=0.05. Brackets are needed only around paths with spaces.
//   headless:  ./interphase macro macros/spectral_batch.ijm "in=[test-images/spectral] out=[od-results]"
//   in Fiji:   Plugins › Macros › Run… (asks for both folders when no argument is given), or
//              ImageJ-linux64 --headless -batch macros/spectral_batch.ijm "in=[...] out=[...]"

arg = getArgument();
in = call("ij.Macro.getValue", arg, "in", "");
out = call("ij.Macro.getValue", arg, "out", "");
fraction = call("ij.Macro.getValue", arg, "i0_fraction", "0.05");
if (in == "" && getInfo("java.awt.headless") != "true") in = getDirectory("Folder of transmission stacks");
if (out == "" && getInfo("java.awt.headless") != "true") out = getDirectory("Output folder");
if (in == "" || out == "") exit("spectral_batch: give the folders as the argument, \"in=[INPUT FOLDER] out=[OUTPUT FOLDER]\"");
if (!endsWith(in, "/") && !endsWith(in, "\\")) in = in + File.separator;
if (!endsWith(out, "/") && !endsWith(out, "\\")) out = out + File.separator;
if (!File.isDirectory(in)) exit("spectral_batch: input folder not found: " + in);
File.makeDirectory(out);

setBatchMode(true);
list = getFileList(in);
done = 0;
for (i = 0; i < list.length; i++) {
	name = list[i];
	lower = toLowerCase(name);
	if (endsWith(lower, ".tif") || endsWith(lower, ".tiff")) {
		open(in + name);
		if (nSlices > 1) {
			run("Optical Density", "stack=[" + getTitle() + "] i0_mode=auto i0_fraction=" + fraction);
			base = File.getNameWithoutExtension(name);
			saveAs("Tiff", out + base + "_od.tif");
			saveAs("Results", out + base + "_i0.csv");
			done++;
		}
		close("*");
	}
}
print("spectral_batch: " + done + " stack(s) processed into " + out);
