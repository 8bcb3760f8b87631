package org.interphase.cli;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.interphase.command.InterphaseCommand;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;

/**
 * {@code ./interphase help "<Command>"}: one command in full — menu path, description, every field
 * (label, type, unit, default, choices, range, required or optional, description), its outputs, and
 * an example {@code ./interphase run} line and macro {@code run(…)} line.
 */
final class Help {

	/** A unit at the start of a label's parentheses: "E0 (eV)", "Pixel size (nm, 0 = …)", "Line x1 (px)". */
	private static final Pattern UNIT = Pattern.compile(
		"\\((eV|px|nm|µm|μm|µm²|μm²|nm/V|N/m|nN|kPa|MPa|GPa|Pa|deg|°|%|s|h|µm/h|nm²|V)(?=[,;)\\s])");

	private Help() {}

	static String text(CommandCatalog catalog, CommandInfo info) {
		String name = CommandCatalog.leafName(info);
		Map<String, Object> defaults = CommandRunner.defaults(catalog.context(), info);
		StringBuilder sb = new StringBuilder();
		sb.append(name).append('\n');
		sb.append("  menu: ").append(CommandCatalog.menuPath(info).replace(">", " > ")).append('\n');
		if (info.getDescription() != null && !info.getDescription().isEmpty()) sb.append("  ").append(info.getDescription()).append('\n');
		sb.append("\nfields (key=value; a value with spaces in [brackets]):\n");
		List<String> example = new ArrayList<>();
		for (ModuleItem<?> item : CommandCatalog.userInputs(info)) {
			String key = item.getName();
			Object def = defaults.get(key);
			boolean optional = !item.isRequired() || item.getType().isPrimitive() || def != null;
			sb.append("  ").append(key);
			if (item.getLabel() != null && !item.getLabel().equals(key)) sb.append("  \"").append(item.getLabel()).append('"');
			sb.append('\n');
			List<String> facts = new ArrayList<>();
			facts.add("type " + typeName(item));
			String unit = unit(item.getLabel());
			if (unit != null) facts.add("unit " + unit);
			if (def != null && !(def instanceof ImagePlus) && !def.toString().isEmpty()) facts.add("default " + text(def));
			if (item.getChoices() != null && !item.getChoices().isEmpty()) facts.add("choices " + String.join(", ", choices(item)));
			Object min = item.getMinimumValue(), max = item.getMaximumValue();
			if (min != null && max != null) facts.add("range " + text(min) + " to " + text(max));
			else if (min != null) facts.add("at least " + text(min));
			else if (max != null) facts.add("at most " + text(max));
			facts.add(optional ? "optional" : "required");
			sb.append("      ").append(String.join("; ", facts)).append('\n');
			if (item.getDescription() != null && !item.getDescription().isEmpty())
				sb.append("      ").append(item.getDescription()).append('\n');
			if (!optional || item.getType() == ImagePlus.class || (item.getChoices() != null && !item.getChoices().isEmpty()))
				example.add(key + "=" + exampleValue(item, def));
		}
		List<ModuleItem<?>> outs = CommandCatalog.outputs(info);
		if (!outs.isEmpty()) {
			sb.append("\noutputs:\n");
			for (ModuleItem<?> item : outs)
				sb.append("  ").append(item.getName()).append(" : ").append(item.getType().getSimpleName()).append('\n');
		}
		sb.append("\nexample:\n  ./interphase run \"").append(name).append('"');
		for (String kv : example)
			sb.append(' ').append(kv.contains(" ") ? "'" + kv + "'" : kv);
		sb.append(" --out results/\n");
		List<String> macro = new ArrayList<>();
		for (String kv : example) {
			int eq = kv.indexOf('=');
			String v = kv.substring(eq + 1);
			macro.add(kv.substring(0, eq + 1) + (v.contains(" ") || v.contains("/") || v.contains(".") && !isNumber(v) ? "[" + v + "]" : v));
		}
		sb.append("  run(\"").append(name).append("\", \"").append(String.join(" ", macro)).append("\");   // in a Fiji macro\n");
		return sb.toString();
	}

	/** The unit a label names in its parentheses, or null. */
	static String unit(String label) {
		if (label == null) return null;
		Matcher m = UNIT.matcher(label);
		return m.find() ? m.group(1) : null;
	}

	private static String typeName(ModuleItem<?> item) {
		Class<?> t = item.getType();
		if (t == ImagePlus.class) return "image (a file path, or the title of an open image in a macro)";
		if (t == File.class) return isFolder(item) ? "folder" : "file";
		if (t == String.class) return "text";
		if (t == boolean.class || t == Boolean.class) return "true/false";
		if (t == double.class || t == Double.class || t == float.class || t == Float.class) return "number";
		if (t == int.class || t == Integer.class || t == long.class || t == Long.class || t == short.class || t == byte.class) return "whole number";
		return t.getSimpleName();
	}

	private static boolean isFolder(ModuleItem<?> item) {
		return item.getWidgetStyle() != null && item.getWidgetStyle().contains(FileWidget.DIRECTORY_STYLE);
	}

	private static String exampleValue(ModuleItem<?> item, Object def) {
		Class<?> t = item.getType();
		if (t == ImagePlus.class) return item.getName() + ".tif";
		if (t == File.class) return isFolder(item) ? "path/to/folder" : "path/to/" + item.getName();
		if (def != null && !def.toString().isEmpty()) return text(def);
		if (item.getChoices() != null && !item.getChoices().isEmpty()) return choices(item).get(0);
		if (item.getMinimumValue() != null) return text(item.getMinimumValue());
		return "VALUE";
	}

	/** Numbers as a user types them (1, 0.0001), everything else as text. */
	private static String text(Object v) {
		return v instanceof Number ? InterphaseCommand.number((Number) v) : String.valueOf(v);
	}

	private static List<String> choices(ModuleItem<?> item) {
		List<String> c = new ArrayList<>();
		for (Object o : item.getChoices())
			c.add(String.valueOf(o));
		return c;
	}

	private static boolean isNumber(String v) {
		try {
			Double.parseDouble(v);
			return true;
		} catch (NumberFormatException e) {
			return false;
		}
	}
}
