package org.interphase.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.interphase.core.InvalidInputException;
import org.scijava.Context;
import org.scijava.MenuPath;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

/** The Interphase commands as the SciJava plugin index lists them (never a hand-kept list). */
public final class CommandCatalog {

	/** Menu root of every Interphase command. */
	public static final String MENU_ROOT = "Plugins>Interphase>";

	private final Context context;
	private final List<CommandInfo> commands;

	public CommandCatalog(Context context) {
		this.context = context;
		List<CommandInfo> found = new ArrayList<>();
		for (CommandInfo info : context.service(CommandService.class).getCommands()) {
			if (menuPath(info).startsWith(MENU_ROOT)) found.add(info);
		}
		found.sort(Comparator.comparing(CommandCatalog::menuPath));
		this.commands = List.copyOf(found);
	}

	public Context context() {
		return context;
	}

	public List<CommandInfo> commands() {
		return commands;
	}

	/** "Plugins>Interphase>Spectral>Optical Density". */
	public static String menuPath(CommandInfo info) {
		MenuPath mp = info.getMenuPath();
		if (mp == null || mp.isEmpty()) return "";
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < mp.size(); i++)
			sb.append(i > 0 ? ">" : "").append(mp.get(i).getName());
		return sb.toString();
	}

	/** "Optical Density": the name a macro's run() uses. */
	public static String leafName(CommandInfo info) {
		MenuPath mp = info.getMenuPath();
		return mp == null || mp.isEmpty() ? info.getClassName() : mp.getLeaf().getName();
	}

	/** The command whose leaf name is {@code name} (case-insensitive), or a message listing them all. */
	public CommandInfo find(String name) {
		for (CommandInfo info : commands)
			if (leafName(info).equalsIgnoreCase(name.trim())) return info;
		List<String> names = new ArrayList<>();
		for (CommandInfo info : commands)
			names.add(leafName(info));
		String near = Suggest.nearest(name, names);
		StringBuilder sb = new StringBuilder("unknown command \"" + name + "\"" + (near == null ? "" : "; did you mean \"" + near + "\"?") + "; commands: ");
		for (int i = 0; i < commands.size(); i++)
			sb.append(i > 0 ? ", " : "").append(leafName(commands.get(i)));
		throw new InvalidInputException(sb.toString());
	}

	/** The user-facing inputs (services and the context are injected, not given). */
	public static List<ModuleItem<?>> userInputs(CommandInfo info) {
		List<ModuleItem<?>> items = new ArrayList<>();
		for (ModuleItem<?> item : info.inputs()) {
			Class<?> t = item.getType();
			if (Service.class.isAssignableFrom(t) || Context.class.isAssignableFrom(t)) continue;
			items.add(item);
		}
		return items;
	}

	public static List<ModuleItem<?>> outputs(CommandInfo info) {
		List<ModuleItem<?>> items = new ArrayList<>();
		for (ModuleItem<?> item : info.outputs())
			items.add(item);
		return items;
	}

	/** Description of every command for {@code list --json}. */
	public List<Map<String, Object>> describe() {
		List<Map<String, Object>> out = new ArrayList<>();
		for (CommandInfo info : commands) {
			Map<String, Object> c = new LinkedHashMap<>();
			c.put("name", leafName(info));
			c.put("menu_path", menuPath(info));
			c.put("class", info.getClassName());
			c.put("headless", info.canRunHeadless());
			c.put("description", info.getDescription());
			Object defaults = CommandRunner.defaults(context, info);
			List<Map<String, Object>> inputs = new ArrayList<>();
			for (ModuleItem<?> item : userInputs(info)) {
				Map<String, Object> f = new LinkedHashMap<>();
				f.put("name", item.getName());
				f.put("type", item.getType().getSimpleName());
				f.put("label", item.getLabel());
				f.put("required", item.isRequired());
				Object def = ((Map<?, ?>) defaults).get(item.getName());
				f.put("default", def == null ? null : def.toString());
				if (item.getChoices() != null && !item.getChoices().isEmpty()) f.put("choices", new ArrayList<>(item.getChoices()));
				if (item.getMinimumValue() != null) f.put("min", item.getMinimumValue().toString());
				if (item.getMaximumValue() != null) f.put("max", item.getMaximumValue().toString());
				if (item.getDescription() != null && !item.getDescription().isEmpty()) f.put("description", item.getDescription());
				inputs.add(f);
			}
			c.put("inputs", inputs);
			List<Map<String, Object>> outs = new ArrayList<>();
			for (ModuleItem<?> item : outputs(info)) {
				Map<String, Object> f = new LinkedHashMap<>();
				f.put("name", item.getName());
				f.put("type", item.getType().getSimpleName());
				outs.add(f);
			}
			c.put("outputs", outs);
			out.add(c);
		}
		return out;
	}
}
