package org.interphase.command;

import java.io.File;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import org.interphase.core.CancelledException;
import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.interphase.ij.MacroErrors;
import org.interphase.ij.StatusProgress;
import org.scijava.app.StatusService;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModuleItem;
import org.scijava.command.CommandService;
import org.scijava.command.ContextCommand;
import org.scijava.module.ModuleItem;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * Base of every Interphase command: the fields are checked against their declared ranges and
 * choices (a macro's values reach the fields unchecked in Fiji), bad input ends the command with
 * one line naming the command, the field and the problem (see {@link MacroErrors} for where that
 * line goes in each mode), never a stack trace; cancellation by the user is a clean cancel.
 * Subclasses implement {@link #execute()} only.
 */
public abstract class InterphaseCommand extends ContextCommand {

	@Parameter
	private StatusService statusService;

	@Override
	public final void run() {
		try {
			checkFields();
			execute();
		} catch (InvalidInputException e) {
			fail(e.getMessage());
		} catch (CancelledException e) {
			cancel(e.getMessage());
		} catch (OutOfMemoryError e) {
			fail("out of memory on " + inputsText() + ": it needs more than the " + Runtime.getRuntime().maxMemory() / (1 << 20)
				+ " MB Java may use (Edit>Options>Memory & Threads in Fiji, INTERPHASE_JAVA_OPTS=-Xmx… for the CLI)");
		} finally {
			if (statusService != null) statusService.clearStatus();
		}
	}

	private void fail(String message) {
		String line = title() + ": " + message;
		cancel(line);
		MacroErrors.report(title(), line);
	}

	/** The command's work: read fields, call core through ij/, set outputs. */
	protected abstract void execute();

	/** The command's name as in the menu, for titles and messages. */
	protected String title() {
		return title(getClass());
	}

	/** The menu leaf of a command class. */
	static String title(Class<?> c) {
		Plugin plugin = c.getAnnotation(Plugin.class);
		String path = plugin == null ? "" : plugin.menuPath();
		return path.isEmpty() ? c.getSimpleName() : path.substring(path.lastIndexOf('>') + 1).trim();
	}

	/** Progress that shows in Fiji's status bar and in the CLI's progress bar. */
	protected Progress progress() {
		return new StatusProgress(statusService);
	}

	/** Throws the one-line message for a field that fails a check. */
	protected static void require(boolean ok, String message) {
		if (!ok) throw new InvalidInputException(message);
	}

	private CommandInfo info() {
		if (getContext() == null) return null;
		CommandService commands = getContext().service(CommandService.class);
		return commands == null ? null : commands.getCommand(getClass());
	}

	/**
	 * Numbers against their min/max, text against its choices (matched case-insensitively and set to
	 * the declared spelling), as the CLI checks them before a run.
	 */
	private void checkFields() {
		CommandInfo info = info();
		if (info == null) return;
		for (ModuleItem<?> item : info.inputs()) {
			if (!(item instanceof CommandModuleItem) || item.getVisibility() == org.scijava.ItemVisibility.MESSAGE) continue;
			Field f = ((CommandModuleItem<?>) item).getField();
			Object v = read(f);
			String name = item.getName();
			if (v instanceof Number) {
				double d = ((Number) v).doubleValue();
				Object min = item.getMinimumValue(), max = item.getMaximumValue();
				if (Double.isNaN(d) && (min != null || max != null)) throw new InvalidInputException(name + ": NaN is not allowed");
				String allowed = min instanceof Number && max instanceof Number
					? " (allowed " + number((Number) min) + "–" + number((Number) max) + ")" : "";
				if (min instanceof Number && d < ((Number) min).doubleValue())
					throw new InvalidInputException(name + ": " + number((Number) v) + " is below the minimum " + number((Number) min) + allowed);
				if (max instanceof Number && d > ((Number) max).doubleValue())
					throw new InvalidInputException(name + ": " + number((Number) v) + " is above the maximum " + number((Number) max) + allowed);
			} else if (v instanceof String && item.getChoices() != null && !item.getChoices().isEmpty()) {
				String match = null;
				for (Object c : item.getChoices())
					if (c.toString().equalsIgnoreCase(((String) v).trim())) match = c.toString();
				if (match == null) throw new InvalidInputException(name + ": \"" + v + "\" is not one of " + item.getChoices());
				write(f, match);
			}
		}
	}

	/** 1 rather than 1.0, 0.0001 rather than 1.0E-4: a number as a user types it. */
	public static String number(Number n) {
		double d = n.doubleValue();
		if (Double.isInfinite(d) || Double.isNaN(d)) return String.valueOf(d);
		return new java.math.BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
	}

	/** stack "x.tif", file "y.spm" — the command's image and file inputs, for messages that must name them. */
	private String inputsText() {
		CommandInfo info = info();
		if (info == null) return "";
		List<String> parts = new ArrayList<>();
		for (ModuleItem<?> item : info.inputs()) {
			if (!(item instanceof CommandModuleItem)) continue;
			Object v = read(((CommandModuleItem<?>) item).getField());
			if (v instanceof ImagePlus) parts.add(item.getName() + " \"" + ((ImagePlus) v).getTitle() + "\"");
			else if (v instanceof File) parts.add(item.getName() + " \"" + ((File) v).getName() + "\"");
		}
		return parts.isEmpty() ? "the inputs" : String.join(", ", parts);
	}

	private Object read(Field f) {
		try {
			f.setAccessible(true);
			return f.get(this);
		} catch (ReflectiveOperationException | RuntimeException e) {
			return null;
		}
	}

	private void write(Field f, Object v) {
		try {
			f.setAccessible(true);
			f.set(this, v);
		} catch (ReflectiveOperationException | RuntimeException e) {
			// leave the value as given; the command's own check names it
		}
	}
}
