package org.interphase.cli;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

import org.interphase.core.InvalidInputException;
import org.interphase.ij.Tables;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import ij.plugin.filter.Analyzer;

/**
 * What {@code run("<Interphase leaf>", "key=value ...")} reaches in a macro run by {@link MacroRunner}:
 * registered in ImageJ 1's command table as {@code org.interphase.cli.MacroBridge("<leaf>")}. It reads
 * the fields the way Fiji's imagej-legacy does: {@code Macro.getValue(options, field, default)} per
 * field name; an image field takes the title of an open image, or the active image when absent; a
 * boolean field is true when given as a bare word ({@code key}) or {@code key=true} and false when
 * absent (ImageJ 1 checkbox semantics); other absent fields keep their defaults. Unknown keys are
 * ignored, as in Fiji (the static macro test catches them). The command then runs through
 * {@link CommandRunner}; new images become batch-mode images (the last one active, for
 * {@code saveAs}/{@code selectImage}), and the last table output becomes the "Results" table (for
 * {@code saveAs("Results", path)}).
 */
public class MacroBridge implements PlugIn {

	@Override
	public void run(String leaf) {
		try {
			runCommand(leaf, Macro.getOptions());
		} catch (InvalidInputException e) {
			MacroRunner.fail(leaf + ": " + e.getMessage());
		} catch (RuntimeException e) {
			MacroRunner.fail(leaf + ": internal error: " + e);
		}
	}

	static void runCommand(String leaf, String options) {
		Context context = MacroRunner.context();
		if (context == null) throw new InvalidInputException("the Interphase macro bridge runs only inside ./interphase macro");
		String opts = options == null ? "" : options;
		CommandInfo info = new CommandCatalog(context).find(leaf);
		Map<String, String> args = new LinkedHashMap<>();
		Map<String, Object> resolved = new LinkedHashMap<>();
		for (ModuleItem<?> item : CommandCatalog.userInputs(info)) {
			String name = item.getName();
			Class<?> t = item.getType();
			String value = Macro.getValue(opts, name, null);
			if (t == ImagePlus.class) {
				ImagePlus imp = value == null ? WindowManager.getCurrentImage() : WindowManager.getImage(value);
				if (imp == null && value != null && new File(value).isFile()) {
					args.put(name, value); // a path: the command runner opens it, as the CLI does
					continue;
				}
				if (imp == null) {
					throw new InvalidInputException(name + ": " + (value == null ? "no image is open (open one or give " + name + "=[title])"
						: "no open image titled \"" + value + "\""));
				}
				resolved.put(name, imp);
			} else if (t == boolean.class || t == Boolean.class) {
				args.put(name, value != null ? value : Boolean.toString(bareWord(opts, name)));
			} else if (value != null) {
				args.put(name, value);
			}
		}
		CommandRunner.Run r = new CommandRunner(context).run(info, args, resolved);
		ResultsTable lastTable = null;
		ImagePlus lastImage = null;
		for (Object v : r.outputs.values()) {
			if (v instanceof ImagePlus) {
				lastImage = (ImagePlus) v;
				Interpreter.addBatchModeImage(lastImage);
			} else if (v instanceof ResultsTable) {
				lastTable = (ResultsTable) v;
			}
		}
		if (lastImage != null) WindowManager.setTempCurrentImage(lastImage);
		if (lastTable != null) {
			ResultsTable copy = (ResultsTable) lastTable.clone();
			Analyzer.setResultsTable(copy);
			Tables.setPrecision(copy); // after: becoming the Results table resets it to ImageJ's 3 decimals
		}
		if (IJ.debugMode) IJ.log(leaf + ": done in " + r.seconds + " s");
	}

	/** ImageJ 1's checkbox rule: the key appears as a word of its own in the options. */
	static boolean bareWord(String options, String key) {
		for (String w : options.trim().split("\\s+"))
			if (w.equalsIgnoreCase(key)) return true;
		return false;
	}
}
