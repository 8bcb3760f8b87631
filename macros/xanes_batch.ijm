// Interphase batch XANES: for every spectral stack in a folder,
// import -> optical density -> (alignment) -> Normalize XANES -> Linear Combination Fit,
// saving every map into the output folder.
// Argument (the convention of every Interphase batch macro): "in=[INPUT FOLDER] out=[OUTPUT FOLDER]"
// plus optional keys: references=[FILE or FOLDER] (default: the file in the input folder whose name
// contains "references"), i0_mode (default auto; none for stacks already in OD), align (true/false,
// default false: Align Stack on the OD stack first; max_shift in px, default 10), skip (a regular
// expression; files whose names match are skipped, default: earlier outputs and phantom truth).
//   headless: ./interphase macro macros/xanes_batch.ijm "in=[test-images/xanes] out=[xanes] i0_mode=none"
// The references are a table (energy column + one column per reference), an Athena .nor file,
// or a folder of two-column spectra (.r/.xsp/.txt), one per reference.

arg = getArgument();
dir = call("ij.Macro.getValue", arg, "in", "");
out = call("ij.Macro.getValue", arg, "out", "");
refs = call("ij.Macro.getValue", arg, "references", "");
i0Mode = call("ij.Macro.getValue", arg, "i0_mode", "auto");
align = call("ij.Macro.getValue", arg, "align", "false");
maxShift = call("ij.Macro.getValue", arg, "max_shift", "10");
skip = call("ij.Macro.getValue", arg, "skip", ".*(truth|normalized|_od|_e0|_lcf|_edge_step|_noise|_valid).*");
if (dir == "" && getInfo("java.awt.headless") != "true") dir = getDirectory("Folder of spectral stacks");
if (out == "" && getInfo("java.awt.headless") != "true") out = getDirectory("Output folder");
if (dir == "" || out == "") exit("xanes_batch: give the folders as the argument, \"in=[INPUT FOLDER] out=[OUTPUT FOLDER]\"");
if (!endsWith(dir, "/") && !endsWith(dir, "\\")) dir = dir + File.separator;
if (!endsWith(out, "/") && !endsWith(out, "\\")) out = out + File.separator;
File.makeDirectory(out);
if (refs == "") {
	candidates = getFileList(dir);
	for (k = 0; k < candidates.length; k++)
		if (indexOf(toLowerCase(candidates[k]), "references") >= 0) refs = dir + candidates[k];
}
if (refs == "" && getInfo("java.awt.headless") != "true") refs = File.openDialog("Reference spectra (table or .nor; for a folder pick any file in it)");
if (refs == "") exit("xanes_batch: give references=[FILE or FOLDER]");

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

	// 2. optical density (skip with i0_mode=none when the stacks are already OD)
	run("Optical Density", "stack=[" + raw + "] " + odOptions);
	od = base + " OD";

	// 3. optional alignment on the OD stack, before any per-pixel analysis (align=true)
	if (align == "true") {
		run("Align Stack", "stack=[" + od + "] reference=0 edge_filter=false max_shift=" + maxShift + " crop=true");
		od = getTitle();
	}

	// 4. per-pixel normalization
	run("Normalize XANES", "stack=[" + od + "] " + normOptions);

	// 5. linear combination fit of the OD stack with the references
	run("Linear Combination Fit", "stack=[" + od + "] references=[" + refs + "] " + lcfOptions);

	// save and close: titles are "<stack title without extension> <what>"
	save(od + " normalized", out + base + "_normalized.tif");
	save(od + " E0 (eV)", out + base + "_e0.tif");
	save(od + " edge step", out + base + "_edge_step.tif");
	save(od + " pre-edge noise", out + base + "_noise.tif");
	save(od + " valid", out + base + "_valid.tif");
	save(od + " LCF weights", out + base + "_lcf_weights.tif");
	save(od + " R-factor", out + base + "_lcf_r_factor.tif");
	save(od + " reduced chi-square", out + base + "_lcf_chi_square.tif");
	save(od + " residual RMS", out + base + "_lcf_residual_rms.tif");
	if (isOpen("Linear Combination Fit")) Table.save(out + base + "_lcf_summary.csv", "Linear Combination Fit");
	else if (nResults > 0) saveAs("Results", out + base + "_lcf_summary.csv"); // headless runner: the last table
	save(od, out + base + "_od.tif");
	if (isOpen(raw)) { selectImage(raw); close(); }
	done++;
}
print("XANES batch: " + done + " stacks processed, results in " + out);

function save(title, path) {
	if (!isOpen(title)) {
		print("  (no image \"" + title + "\")");
		return;
	}
	selectImage(title);
	saveAs("Tiff", path);
	close();
}
