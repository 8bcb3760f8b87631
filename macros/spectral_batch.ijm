// Interphase batch macro — spectral stacks → optical density.
//
// For every TIFF stack (*.tif, *.tiff; one slice per energy) in the input folder: Optical Density with
// I0 from the brightest pixels, writing into the output folder
//   <name>_od.tif   the 32-bit OD stack (energies in the slice labels)   = od.tif of the CLI
//   <name>_i0.csv   the I0 spectrum (energy_eV, i0)                       = i0.csv of the CLI
// Single images are skipped. Stops with an error (exit status 2 headless) when the input folder is
// missing or holds no stack.
//
// Argument (the convention of every Interphase batch macro): "in=[INPUT FOLDER] out=[OUTPUT FOLDER]"
// plus optional keys, here i0_fraction=0.05. Brackets are needed only around paths with spaces.
//   headless:  ./interphase macro macros/spectral_batch.ijm "in=[test-images/spectral] out=[od-results]"
//   in Fiji:   Plugins › Interphase › Batch › spectral batch (asks for both folders), or
//              ImageJ-linux64 --headless -batch spectral_batch.ijm "in=[...] out=[...]"

arg = getArgument();
// installed in Fiji (Plugins › Interphase › Batch), run("<name> batch", "in=[...] out=[...]") passes the options this way
if (arg == "") arg = call("ij.Macro.getOptions");
if (arg == "null") arg = "";
in = call("ij.Macro.getValue", arg, "in", "");
out = call("ij.Macro.getValue", arg, "out", "");
fraction = call("ij.Macro.getValue", arg, "i0_fraction", "0.05");
if (in == "" && getInfo("java.awt.headless") != "true") in = getDirectory("Folder of transmission stacks");
if (out == "" && getInfo("java.awt.headless") != "true") out = getDirectory("Output folder");
if (in == "" || out == "") fail("spectral_batch: give the folders as the argument, \"in=[INPUT FOLDER] out=[OUTPUT FOLDER]\"");
if (!endsWith(in, "/") && !endsWith(in, "\\")) in = in + File.separator;
if (!endsWith(out, "/") && !endsWith(out, "\\")) out = out + File.separator;
if (!File.isDirectory(in)) fail("spectral_batch: input folder not found: " + in);
File.makeDirectory(out);
if (!File.isDirectory(out)) fail("spectral_batch: cannot create the output folder " + out);

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
			save("od", out + base + "_od.tif");
			save("i0", out + base + "_i0.csv");
			done++;
		}
		close("*");
	}
}
if (done == 0) fail("spectral_batch: no TIFF stacks (more than one slice) in " + in);
print("spectral_batch: " + done + " stack(s) processed into " + out);

// an output of the last Interphase command, written as the CLI's --out folder writes it
function save(field, path) {
	r = call("org.interphase.ij.Outputs.save", field, path);
}

// stops the macro as an error: exit status 2 under -batch and ./interphase macro
function fail(message) {
	r = call("org.interphase.ij.MacroErrors.fail", message);
}
