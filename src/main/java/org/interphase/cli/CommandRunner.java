package org.interphase.cli;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.interphase.core.InvalidInputException;
import org.interphase.ij.Gui;
import org.interphase.ij.ImageFiles;
import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.WindowManager;

/**
 * Runs one command headlessly from {@code key=value} arguments, with the semantics of a Fiji macro
 * call: keys are the {@code @Parameter} field names; fields not given keep their defaults; image
 * fields take a file path (or the title of an open image). Values are checked against the field's
 * type, choices and min/max before the command runs.
 */
public final class CommandRunner {

	/** What a run produced. */
	public static final class Run {
		public final CommandInfo info;
		/** The {@code key=value} pairs as typed. */
		public final Map<String, String> given;
		/** Every input value the command ran with, defaults included (images as their file path or title), as text. */
		public final Map<String, String> used;
		/** Lines the command logged for the user (Fiji's Log window; the CLI prints them and keeps them in outputs.json). */
		public final List<String> warnings;
		public final Map<String, Object> outputs;
		public final List<Path> inputFiles;
		public final double seconds;

		Run(CommandInfo info, Map<String, String> given, Map<String, String> used, List<String> warnings, Map<String, Object> outputs,
			List<Path> inputFiles, double seconds) {
			this.info = info;
			this.given = given;
			this.used = used;
			this.warnings = warnings;
			this.outputs = outputs;
			this.inputFiles = inputFiles;
			this.seconds = seconds;
		}
	}

	private final Context context;

	public CommandRunner(Context context) {
		this.context = context;
	}

	/**
	 * Parses {@code key=value} tokens; a bare {@code key} means {@code key=true} (macro checkbox style). One
	 * enclosing {@code [ ]} is taken off a value, as ImageJ's {@code Macro.getValue} does ({@code stack=[my file.tif]}).
	 */
	public static Map<String, String> parseArguments(List<String> tokens) {
		Map<String, String> args = new LinkedHashMap<>();
		for (String t : tokens) {
			int eq = t.indexOf('=');
			String key = (eq < 0 ? t : t.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
			String value = eq < 0 ? "true" : unbracket(t.substring(eq + 1));
			if (key.isEmpty()) throw new InvalidInputException("argument \"" + t + "\" has no key; use key=value");
			if (args.containsKey(key)) throw new InvalidInputException(key + " is given twice");
			args.put(key, value);
		}
		return args;
	}

	/** {@code [x]} → {@code x}: one enclosing pair of brackets, as macro options write values with spaces. */
	static String unbracket(String value) {
		String v = value.trim();
		return v.length() >= 2 && v.startsWith("[") && v.endsWith("]") ? v.substring(1, v.length() - 1) : value;
	}

	/** Default value of each user input (the field initialisers). */
	public static Map<String, Object> defaults(Context context, CommandInfo info) {
		Module m = context.service(ModuleService.class).createModule(info);
		Map<String, Object> d = new LinkedHashMap<>();
		for (ModuleItem<?> item : CommandCatalog.userInputs(info))
			d.put(item.getName(), m.getInput(item.getName()));
		return d;
	}

	/** Checks and converts the arguments without running anything; returns the input files named. */
	public List<Path> inputFiles(CommandInfo info, Map<String, String> args) {
		checkKeys(info, args);
		List<Path> files = new ArrayList<>();
		for (ModuleItem<?> item : CommandCatalog.userInputs(info)) {
			String v = args.get(item.getName());
			if (v == null) continue;
			Class<?> t = item.getType();
			if (File.class.equals(t) || ImagePlus.class.equals(t)) {
				Path p = Paths.get(v);
				if (p.toFile().exists()) files.add(p.toAbsolutePath().normalize());
			}
		}
		return files;
	}

	/** Runs {@code info} with {@code args}; bad input throws {@link InvalidInputException}. */
	public Run run(CommandInfo info, Map<String, String> args) {
		return run(info, args, Map.of());
	}

	/**
	 * As {@link #run(CommandInfo, Map)}, with some inputs already resolved to their values (the macro
	 * runner passes images found by title); a key in {@code resolved} takes precedence over {@code args}.
	 */
	public Run run(CommandInfo info, Map<String, String> args, Map<String, Object> resolved) {
		long t0 = System.nanoTime();
		List<Path> files = inputFiles(info, args);
		Module module = context.service(ModuleService.class).createModule(info);
		Map<String, String> used = new LinkedHashMap<>();
		for (ModuleItem<?> item : CommandCatalog.userInputs(info)) {
			String name = item.getName();
			String text = args.get(name);
			if (resolved.get(name) != null) module.setInput(name, resolved.get(name));
			else if (text != null) module.setInput(name, convert(item, text, context));
			else if (item.isRequired() && module.getInput(name) == null && !isOptionalKind(item))
				throw new InvalidInputException(name + ": required, but not given");
			module.resolveInput(name);
			used.put(name, usedText(module.getInput(name), resolved.get(name) == null ? text : null));
		}
		List<String> warnings = new ArrayList<>();
		Gui.collectLog(warnings::add);
		try {
			module.run();
		} finally {
			Gui.collectLog(null);
		}
		if (module instanceof Cancelable && ((Cancelable) module).isCanceled()) {
			String reason = ((Cancelable) module).getCancelReason();
			throw new InvalidInputException(reason == null ? CommandCatalog.leafName(info) + " was cancelled" : reason);
		}
		Map<String, Object> outputs = new LinkedHashMap<>();
		for (ModuleItem<?> item : CommandCatalog.outputs(info))
			outputs.put(item.getName(), module.getOutput(item.getName()));
		return new Run(info, args, used, warnings, outputs, files, (System.nanoTime() - t0) / 1e9);
	}

	/** An input value as outputs.json records it: an image as the file it was opened from (else its title), a file as its path. */
	private static String usedText(Object value, String given) {
		if (value == null) return null;
		if (value instanceof ImagePlus) {
			if (given != null && new File(given).isFile()) return Paths.get(given).toAbsolutePath().normalize().toString();
			return ((ImagePlus) value).getTitle();
		}
		if (value instanceof File) return ((File) value).getAbsoluteFile().toPath().normalize().toString();
		return value.toString();
	}

	/** Booleans and numbers always have a value (their default). */
	private static boolean isOptionalKind(ModuleItem<?> item) {
		return item.getType().isPrimitive();
	}

	private static void checkKeys(CommandInfo info, Map<String, String> args) {
		List<String> valid = new ArrayList<>();
		for (ModuleItem<?> item : CommandCatalog.userInputs(info))
			valid.add(item.getName());
		for (String key : args.keySet()) {
			if (!valid.contains(key)) {
				String near = Suggest.nearest(key, valid);
				throw new InvalidInputException("unknown key \"" + key + "\" for " + CommandCatalog.leafName(info)
					+ (near == null ? "" : "; did you mean " + near + "?") + "; valid keys: " + String.join(", ", valid));
			}
		}
	}

	/** Converts one value as Fiji would, with a message naming the field when it cannot. */
	public static Object convert(ModuleItem<?> item, String text, Context context) {
		String name = item.getName();
		Class<?> t = item.getType();
		String v = text.trim();
		if (t == String.class) return text; // choices are checked by the command (InterphaseCommand), as in Fiji
		if (t == boolean.class || t == Boolean.class) {
			switch (v.toLowerCase(Locale.ROOT)) {
				case "true": case "1": case "yes": case "on": return Boolean.TRUE;
				case "false": case "0": case "no": case "off": return Boolean.FALSE;
				default: throw new InvalidInputException(name + ": \"" + text + "\" is not true or false");
			}
		}
		if (isNumber(t)) return number(item, v);
		if (t == File.class) {
			File f = new File(v);
			String style = item.getWidgetStyle();
			boolean mustExist = style == null || style.contains(FileWidget.OPEN_STYLE) || style.contains(FileWidget.DIRECTORY_STYLE);
			if (mustExist && !f.exists()) throw new InvalidInputException(name + ": file not found: " + v);
			return f;
		}
		if (t == ImagePlus.class) {
			Path p = Paths.get(v);
			if (p.toFile().isFile()) return ImageFiles.open(p, context);
			if (p.toFile().isDirectory()) throw new InvalidInputException(name + ": " + v + " is a folder, not an image file");
			ImagePlus open = WindowManager.getImage(v);
			if (open != null) return open;
			throw new InvalidInputException(name + ": no such image file (or open image titled) \"" + v + "\"");
		}
		throw new InvalidInputException(name + ": values of type " + t.getSimpleName() + " cannot be given as text");
	}

	private static boolean isNumber(Class<?> t) {
		return t == double.class || t == Double.class || t == float.class || t == Float.class || t == int.class || t == Integer.class
			|| t == long.class || t == Long.class || t == short.class || t == Short.class || t == byte.class || t == Byte.class;
	}

	private static Object number(ModuleItem<?> item, String v) {
		String name = item.getName();
		Class<?> t = item.getType();
		double d;
		try {
			d = Double.parseDouble(v);
		} catch (NumberFormatException e) {
			throw new InvalidInputException(name + ": \"" + v + "\" is not a number");
		}
		boolean integral = !(t == double.class || t == Double.class || t == float.class || t == Float.class);
		if (integral && (d != Math.rint(d) || Double.isInfinite(d)))
			throw new InvalidInputException(name + ": \"" + v + "\" is not a whole number");
		if (!integral && Double.isNaN(d)) throw new InvalidInputException(name + ": NaN is not allowed");
		// min/max are checked by the command (InterphaseCommand), the one check Fiji's macro calls also pass through
		if (t == double.class || t == Double.class) return d;
		if (t == float.class || t == Float.class) return (float) d;
		if (t == int.class || t == Integer.class) return checkedInt(name, d, Integer.MIN_VALUE, Integer.MAX_VALUE, v).intValue();
		if (t == long.class || t == Long.class) return (long) d;
		if (t == short.class || t == Short.class) return (short) checkedInt(name, d, Short.MIN_VALUE, Short.MAX_VALUE, v).intValue();
		return (byte) checkedInt(name, d, Byte.MIN_VALUE, Byte.MAX_VALUE, v).intValue();
	}

	private static Integer checkedInt(String name, double d, long lo, long hi, String v) {
		if (d < lo || d > hi) throw new InvalidInputException(name + ": " + v + " is out of range");
		return (int) d;
	}
}
