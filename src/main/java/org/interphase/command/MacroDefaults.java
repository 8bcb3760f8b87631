package org.interphase.command;

import org.scijava.command.CommandModule;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Plugin;

import ij.IJ;

/**
 * While a macro runs, every input of an Interphase command that the macro left out keeps its
 * default, so no dialog opens and a batch never waits for a click (ImageJ 1's own rule for macro
 * calls). Without this, ImageJ2 harvests the left-out inputs in a dialog in the GUI (seen in the
 * runtime). Runs after imagej-legacy's MacroPreprocessor (priority 20000) and its active-image
 * preprocessor (10001) have filled what the macro gave, and before the persisted values are loaded
 * (LoadInputsPreprocessor, −9999: in a macro the remembered values of a user's last dialog must not
 * replace the defaults) and before the input harvester (−10000).
 */
@Plugin(type = PreprocessorPlugin.class, priority = -9000)
public class MacroDefaults extends AbstractPreprocessorPlugin {

	@Override
	public void process(Module module) {
		if (!IJ.isMacro() || !isInterphase(module)) return;
		for (ModuleItem<?> input : module.getInfo().inputs())
			if (!module.isInputResolved(input.getName())) module.resolveInput(input.getName());
	}

	static boolean isInterphase(Module module) {
		return module instanceof CommandModule && ((CommandModule) module).getCommand() instanceof InterphaseCommand;
	}
}
