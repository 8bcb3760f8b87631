package org.interphase.cli.macro;

import org.interphase.cli.CommandCatalog;
import org.interphase.cli.CommandRunner;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

import org.interphase.core.InvalidInputException;
import org.interphase.command.OutputPublisher;
import org.interphase.ij.Outputs;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.plugin.PlugIn;

/**
 * What {@code run("<Interphase leaf>", "key=value ...")} reaches in a macro run by {@link MacroRunner}:
 * registered in ImageJ 1's command table as {@code org.interphase.cli.macro.MacroBridge("<leaf>")}. It reads
 * the fields as Fiji's imagej-legacy does ({@code Macro.getValue(options, field, null)} per field name,
 * so a bare word is not a value): an image field takes the title of an open image (or a file path,
 * opened as the CLI opens it), or the current image when left out; every other field left out keeps
 * its default, as {@link org.interphase.command.MacroDefaults} makes it in Fiji. Unknown keys are
 * ignored, as in Fiji (the static macro test catches them). The command then runs through
 * {@link CommandRunner}, and its outputs reach the macro through {@link Outputs#publish}, the code
 * that does it in Fiji.
 */
public class MacroBridge implements PlugIn {

	@Override
	public void run(String leaf) {
		try {
			runCommand(leaf, Macro.getOptions());
		} catch (InvalidInputException e) {
			String m = e.getMessage();
			MacroRunner.fail(m.startsWith(leaf + ": ") ? m : leaf + ": " + m);
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
			} else if (value != null) {
				args.put(name, value);
			}
		}
		CommandRunner.Run r = new CommandRunner(context).run(info, args, resolved);
		Outputs.publish(leaf, OutputPublisher.outputs(info, r.outputs), Thread.currentThread());
		if (IJ.debugMode) IJ.log(leaf + ": done in " + r.seconds + " s");
	}
}
