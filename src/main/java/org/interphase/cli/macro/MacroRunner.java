package org.interphase.cli.macro;

import org.interphase.cli.CommandCatalog;
import org.interphase.cli.Main;

import java.awt.HeadlessException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Hashtable;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.interphase.core.InvalidInputException;
import org.interphase.ij.MacroErrors;
import org.scijava.Context;
import org.scijava.command.CommandInfo;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.Menus;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;

/**
 * {@code ./interphase macro FILE.ijm [argument]}: runs an ImageJ 1 macro headlessly with ImageJ's own
 * interpreter in batch mode. ImageJ 1 builds its command table from AWT menus, which cannot exist
 * headless; this runner fills the table instead: the plugin entries of ImageJ's IJ_Props.txt (which
 * is where {@code saveAs("Results", …)} finds its writer), a few dialog-free core commands, and every
 * Interphase command under its menu leaf, bound to {@link MacroBridge}. Commands that need a dialog
 * window stop the macro with a one-line message instead of a stack trace.
 */
public final class MacroRunner {

	/** Core ImageJ commands that work without a display (leaf → ImageJ class and argument). */
	private static final String[][] CORE = {
		{ "Close", "ij.plugin.Commands(\"close\")" },
		{ "Close All", "ij.plugin.Commands(\"close-all\")" },
		{ "8-bit", "ij.plugin.Converter(\"8-bit\")" },
		{ "16-bit", "ij.plugin.Converter(\"16-bit\")" },
		{ "32-bit", "ij.plugin.Converter(\"32-bit\")" },
		{ "Invert", "ij.plugin.filter.Filters(\"invert\")" },
		{ "Smooth", "ij.plugin.filter.Filters(\"smooth\")" },
		{ "Clear Results", "ij.plugin.filter.Analyzer(\"clear\")" },
		{ "Measure", "ij.plugin.filter.Analyzer" },
	};

	private static volatile Context context;
	private static volatile String failure;

	private MacroRunner() {}

	/** The SciJava context of the running macro (for {@link MacroBridge}); null outside a run. */
	static Context context() {
		return context;
	}

	/** Stops the running macro with {@code message}; {@link #run} reports it as bad input. */
	static void fail(String message) {
		if (failure == null) failure = message;
		Interpreter.abort();
	}

	/** CLI entry: {@code macro FILE.ijm [argument...]} (further words are joined into the argument). */
	public static int run(List<String> args, PrintStream out, PrintStream err) {
		if (args.isEmpty()) throw new InvalidInputException("macro needs a macro file, e.g. macro macros/spectral_batch.ijm \"in=DIR out=DIR\"");
		Path file = Paths.get(args.get(0));
		String argument = String.join(" ", args.subList(1, args.size()));
		long t0 = System.nanoTime();
		run(file, argument);
		out.println(file.getFileName() + ": done" + String.format(" (%.2f s)", (System.nanoTime() - t0) / 1e9));
		return 0;
	}

	/** Runs the macro in {@code file} with {@code argument} as its getArgument(); bad input throws. */
	public static synchronized void run(Path file, String argument) {
		if (!Files.isRegularFile(file)) throw new InvalidInputException("macro file not found: " + file);
		String code;
		try {
			code = Files.readString(file, StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new InvalidInputException("cannot read the macro " + file + ": " + e.getMessage(), e);
		}
		System.setProperty("java.awt.headless", "true");
		failure = null;
		MacroErrors.takeStopMessage();
		IJ.ExceptionHandler previousHandler = null;
		try (Context ctx = Main.newContext()) {
			context = ctx;
			installCommands(new CommandCatalog(ctx));
			IJ.setExceptionHandler(MacroRunner::handle);
			Interpreter.batchMode = true;
			Interpreter interp = new Interpreter();
			interp.setIgnoreErrors(true); // errors end the macro with their message instead of a dialog
			try {
				interp.run(code, argument == null ? "" : argument);
			} catch (RuntimeException e) {
				if (failure == null && !Macro.MACRO_CANCELED.equals(e.getMessage())) failure = "macro stopped: " + e;
			}
			String stopped = MacroErrors.takeStopMessage();
			if (failure == null && stopped != null) failure = "macro error: " + stopped;
			String error = interp.getErrorMessage();
			if (failure == null && (interp.wasError() || error != null)) failure = "macro error: " + hint(error);
			if (failure != null) throw new InvalidInputException(file.getFileName() + ": " + failure);
		} finally {
			context = null;
			IJ.setExceptionHandler(previousHandler);
			closeAll();
			Interpreter.batchMode = false;
		}
	}

	private static String hint(String error) {
		if (error != null && error.startsWith("Unrecognized command"))
			return error + " (not an Interphase command, nor an ImageJ command that works without a display; see docs/fiji.md, Batch macros)";
		return error;
	}

	private static void handle(Throwable t) {
		if (t instanceof HeadlessException || t.getCause() instanceof HeadlessException)
			fail("this ImageJ command opens a dialog window, which needs a display; use a macro built-in instead, or run the macro in Fiji (see docs/fiji.md, Batch macros)");
		else
			fail("ImageJ error: " + t);
	}

	/** Fills ImageJ 1's command table (normally built from the AWT menu bar). */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static synchronized void installCommands(CommandCatalog catalog) {
		Hashtable table = Menus.getCommands();
		if (table == null) {
			try {
				Field f = Menus.class.getDeclaredField("pluginsTable");
				f.setAccessible(true);
				table = new Hashtable();
				f.set(null, table);
			} catch (ReflectiveOperationException e) {
				throw new IllegalStateException("cannot install the macro command table in this ImageJ version", e);
			}
			for (String[] entry : ijPropsCommands())
				table.put(entry[0], entry[1]);
			for (String[] entry : CORE)
				table.put(entry[0], entry[1]);
		}
		for (CommandInfo info : catalog.commands())
			table.put(CommandCatalog.leafName(info), MacroBridge.class.getName() + "(\"" + CommandCatalog.leafName(info) + "\")");
	}

	/** The ImageJ (not Interphase) commands a macro can run through this runner. */
	static java.util.Set<String> imagejCommands() {
		java.util.Set<String> names = new java.util.TreeSet<>();
		for (String[] entry : ijPropsCommands())
			names.add(entry[0]);
		for (String[] entry : CORE)
			names.add(entry[0]);
		return names;
	}

	private static final Pattern PROPS_ENTRY = Pattern.compile("^[a-z_]+\\d+=\"([^\"]+)\",(.+)$");

	/** The {@code key="Label[shortcut]",class("arg")} plugin entries of ImageJ's IJ_Props.txt. */
	private static List<String[]> ijPropsCommands() {
		List<String[]> out = new java.util.ArrayList<>();
		try (InputStream in = IJ.class.getResourceAsStream("/IJ_Props.txt")) {
			if (in == null) return out;
			BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
			for (String line; (line = r.readLine()) != null;) {
				Matcher m = PROPS_ENTRY.matcher(line.trim());
				if (!m.matches()) continue;
				String label = m.group(1);
				int bracket = label.indexOf('[');
				if (bracket > 0) label = label.substring(0, bracket);
				out.add(new String[] { label.trim(), m.group(2).trim() });
			}
		} catch (IOException e) {
			// no IJ_Props: only the core and Interphase commands are available
		}
		return out;
	}

	/** Closes every batch-mode image and clears the Results table, so runs do not leak into each other. */
	private static void closeAll() {
		for (int id : Interpreter.getBatchModeImageIDs()) {
			ImagePlus imp = WindowManager.getImage(id);
			if (imp != null) Interpreter.removeBatchModeImage(imp);
		}
		WindowManager.setTempCurrentImage(null);
		Analyzer.setResultsTable(new ResultsTable());
	}
}
