package org.interphase.command;

import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Plugin;

import ij.IJ;
import ij.ImagePlus;

/**
 * While a macro runs, an optional image input of an Interphase command that the macro left out
 * stays empty. Without this, imagej-legacy's ActiveImagePlusPreprocessor (priority 10001) fills the
 * one unresolved image input with the current image — seen in the runtime: {@code run("Depth
 * Profile", "image=[a]")} took the image left open by an earlier command as its optional mask.
 * Runs after imagej-legacy's MacroPreprocessor (20000) has resolved the inputs the macro gave, so an
 * input still unresolved here is one the macro omitted.
 */
@Plugin(type = PreprocessorPlugin.class, priority = 15000)
public class MacroOptionalImages extends AbstractPreprocessorPlugin {

	@Override
	public void process(Module module) {
		if (!IJ.isMacro() || !MacroDefaults.isInterphase(module)) return;
		for (ModuleItem<?> input : module.getInfo().inputs())
			if (input.getType() == ImagePlus.class && !input.isRequired() && !module.isInputResolved(input.getName())) module.resolveInput(input.getName());
	}
}
