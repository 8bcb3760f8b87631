// Interphase batch XANES: for every spectral stack in a folder,
// import -> optical density -> (alignment) -> Normalize XANES -> Linear Combination Fit.
// Into the output folder, per stack <name> (each file is what the CLI's --out folder holds for that step):
//   <name>_od.tif                 Optical Density "od" (with align=true: <name>_od_aligned.tif and
//                                 <name>_shifts.csv from Align Stack as well)
//   <name>_normalized.tif, <name>_e0.tif, <name>_edge_step.tif, <name>_noise.tif, <name>_valid.tif
//                                 Normalize XANES: normalized, e0_map, edge_step_map, noise_map, valid_mask
//   <name>_lcf_weights.tif, <name>_lcf_r_factor.tif, <name>_lcf_chi_square.tif, <name>_lcf_residual_rms.tif,
//   <name>_lcf_summary.csv        Linear Combination Fit: weights, r_factor, chi_square, residual_rms, summary
// Stops with an error (exit status 2 headless) when the input folder is missing, holds no stack, or
// no references are found.
// Argument (the convention of every Interphase batch macro): "in=[INPUT FOLDER] out=[OUTPUT FOLDER]"
// plus optional keys: references=[FILE or FOLDER] (default: the file in the input folder whose name
// contains "references"), i0_mode (default auto; none for stacks already in OD), align (true/false,
// default false: Align Stack on the OD stack first; max_shift in px, default 10), skip (a regular
// expression; files whose names match are skipped, default: earlier outputs and phantom truth).
//   headless: ./interphase macro macros/xanes_batch.ijm "in=[test-images/xanes] out=[xanes] i0_mode=none"
// The references are a table (energy column + one column per reference), an Athena .nor file,
// or a folder of two-column spectra (.r/.xsp/.txt), one per reference.

arg = getArgument();
// installed in Fiji (Plugins › Interphase › Batch), run("<name> batch", "in=[...] out=[...]") passes the options this way
if (arg == "") arg = call("ij.Macro.getOptions");
if (arg == "null") arg = "";
dir = call("ij.Macro.getValue", arg, "in", "");
out = call("ij.Macro.getValue", arg, "out", "");
refs = call("ij.Macro.getValue", arg, "references", "");
i0Mode = call("ij.Macro.getValue", arg, "i0_mode", "auto");
align = call("ij.Macro.getValue", arg, "align", "false");
maxShift = call("ij.Macro.getValue", arg, "max_shift", "10");
skip = call("ij.Macro.getValue", arg, "skip", ".*(truth|normalized|_od|_e0|_lcf|_edge_step|_noise|_valid|_shifts).*");
if (dir == "" && getInfo("java.awt.headless") != "true") dir = getDirectory("Folder of spectral stacks");
if (out == "" && getInfo("java.awt.headless") != "true") out = getDirectory("Output folder");
if (dir == "" || out == "") fail("xanes_batch: give the folders as the argument, \"in=[INPUT FOLDER] out=[OUTPUT FOLDER]\"");
if (!endsWith(dir, "/") && !endsWith(dir, "\\")) dir = dir + File.separator;
if (!endsWith(out, "/") && !endsWith(out, "\\")) out = out + File.separator;
if (!File.isDirectory(dir)) fail("xanes_batch: input folder not found: " + dir);
File.makeDirectory(out);
if (!File.isDirectory(out)) fail("xanes_batch: cannot create the output folder " + out);
if (refs == "") {
	candidates = getFileList(dir);
	for (k = 0; k < candidates.length; k++)
		if (indexOf(toLowerCase(candidates[k]), "references") >= 0) refs = dir + candidates[k];
}
if (refs == "" && getInfo("java.awt.headless") != "true") refs = File.openDialog("Reference spectra (table or .nor; for a folder pick any file in it)");
if (refs == "") fail("xanes_batch: no references in " + dir + "; give references=[FILE or FOLDER]");

// Settings (see README: Per-pixel XANES). Ranges relative to E0 in eV.
odOptions = "i0_mode=" + i0Mode + " i0_fraction=0.05";
normOptions = "e0_method=derivative e0=0 pre1=-10 pre2=-2 norm1=5 norm2=20 nnorm=1 flatten=false min_edge_jump=5";
lcfOptions = "fit_min=0 fit_max=0 nonnegative=true sum_to_one=false constant=false";

setBatchMode(true);
list = getFileList(dir);
done = 0;
for (i = 0; i < list.length; i++) {
	name = list[i];
	lower = toLowerCase(name);
	if (!(endsWith(lower, ".tif") || endsWith(lower, ".tiff") || endsWith(lower, ".hdr") || endsWith(lower, ".hdf5") || endsWith(lower, ".h5") || endsWith(lower, ".ncb")))
		continue;
	if (matches(name, skip)) continue;
	base = replace(name, "\\.[A-Za-z0-9]{1,5}$", "");
	print("XANES batch: " + name);

	// 1. import (energies from slice labels / the file's own metadata)
	run("Import Spectral Stack", "file=[" + dir + name + "]");
	raw = getTitle();

	// 2. optical density (i0_mode=none when the stacks are already OD)
	run("Optical Density", "stack=[" + raw + "] " + odOptions);
	od = getTitle();
	save("od", out + base + "_od.tif");

	// 3. optional alignment on the OD stack, before any per-pixel analysis (align=true)
	if (align == "true") {
		run("Align Stack", "stack=[" + od + "] reference=0 edge_filter=false max_shift=" + maxShift + " crop=true");
		od = getTitle();
		save("aligned", out + base + "_od_aligned.tif");
		save("shifts", out + base + "_shifts.csv");
	}

	// 4. per-pixel normalization
	run("Normalize XANES", "stack=[" + od + "] " + normOptions);
	save("normalized", out + base + "_normalized.tif");
	save("e0_map", out + base + "_e0.tif");
	save("edge_step_map", out + base + "_edge_step.tif");
	save("noise_map", out + base + "_noise.tif");
	save("valid_mask", out + base + "_valid.tif");

	// 5. linear combination fit of the OD stack with the references
	run("Linear Combination Fit", "stack=[" + od + "] references=[" + refs + "] " + lcfOptions);
	save("weights", out + base + "_lcf_weights.tif");
	save("r_factor", out + base + "_lcf_r_factor.tif");
	save("chi_square", out + base + "_lcf_chi_square.tif");
	save("residual_rms", out + base + "_lcf_residual_rms.tif");
	save("summary", out + base + "_lcf_summary.csv");
	close("*");
	done++;
}
if (done == 0) fail("xanes_batch: no spectral stacks (.tif, .hdr, .hdf5, .h5, .ncb not matching skip) in " + dir);
print("XANES batch: " + done + " stacks processed, results in " + out);

// an output of the last Interphase command, written as the CLI's --out folder writes it
function save(field, path) {
	r = call("org.interphase.ij.Outputs.save", field, path);
}

// stops the macro as an error: exit status 2 under -batch and ./interphase macro
function fail(message) {
	r = call("org.interphase.ij.MacroErrors.fail", message);
}
