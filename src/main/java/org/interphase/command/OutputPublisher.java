package org.interphase.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.interphase.ij.Outputs;
import org.scijava.command.CommandModule;
import org.scijava.module.Module;
import org.scijava.module.ModuleInfo;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPostprocessorPlugin;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.thread.ThreadService;

/**
 * Hands an Interphase command's outputs to ImageJ 1 ({@link Outputs#publish}) when ImageJ 1 is the
 * user's front end, and marks them resolved so that ImageJ2's DisplayPostprocessor (priority −10000)
 * does not display them again (no duplicate windows, no stray Name/Value windows for scalars). A
 * cancelled command's outputs are resolved too: there is nothing to show. Outside ImageJ 1 (a script
 * or another SciJava host) the outputs are left to that host.
 */
@Plugin(type = PostprocessorPlugin.class, priority = -9000)
public class OutputPublisher extends AbstractPostprocessorPlugin {

	@Parameter(required = false)
	private ThreadService threadService;

	@Override
	public void process(Module module) {
		if (!MacroDefaults.isInterphase(module)) return;
		InterphaseCommand command = (InterphaseCommand) ((CommandModule) module).getCommand();
		if (!command.isCanceled()) {
			if (!Outputs.imageJActive()) return;
			// the command ran in a thread of ImageJ2's pool; the macro waits in the thread that started it
			Thread caller = threadService == null ? null : threadService.getParent(Thread.currentThread());
			Map<String, Object> values = new java.util.LinkedHashMap<>();
			for (ModuleItem<?> item : module.getInfo().outputs())
				values.put(item.getName(), module.getOutput(item.getName()));
			Outputs.publish(InterphaseCommand.title(command.getClass()), outputs(module.getInfo(), values), caller);
		}
		for (ModuleItem<?> item : module.getInfo().outputs())
			module.resolveOutput(item.getName());
	}

	/** The outputs of a run in declaration order, titled by their labels (field name when unlabelled). */
	public static List<Outputs.Output> outputs(ModuleInfo info, Map<String, Object> values) {
		List<Outputs.Output> list = new ArrayList<>();
		for (ModuleItem<?> item : info.outputs()) {
			String label = item.getLabel();
			String title = label == null || label.isEmpty() ? item.getName() : label;
			list.add(new Outputs.Output(item.getName(), title, values.get(item.getName())));
		}
		return list;
	}
}
