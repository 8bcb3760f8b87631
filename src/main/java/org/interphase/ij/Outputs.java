package org.interphase.ij;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;


import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Plot;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;

/**
 * How a command's outputs reach an ImageJ user — the one mechanism for every command, in the GUI,
 * in batch mode, in {@code --headless -batch} and in {@code ./interphase macro}.
 *
 * <p>Why not leave outputs to ImageJ2's display layer: seen in the ImageJ 1.54p + imagej-legacy 2.0.3
 * runtime, an output ImagePlus of a SciJava command never becomes a macro image in batch mode (it is
 * neither registered with the interpreter nor made current for the macro's thread, which is not the
 * thread the command runs in), and ResultsTable/Plot outputs are dropped headless ("Ignoring
 * unsupported output"). So outputs are published here through ImageJ 1 itself, and the caller marks
 * them resolved so that ImageJ2 does not display them a second time:
 * <ul>
 * <li>images: in batch mode (or headless) registered as batch-mode images and made the current image
 * of the macro's thread; otherwise shown in a window. The first output image ends up current;</li>
 * <li>tables: shown in a window titled after the output's label when there is a display; the first
 * table also becomes the system "Results" table (what {@code nResults}, {@code getResult} and
 * {@code saveAs("Results", path)} read);</li>
 * <li>plots: a plot window, or in batch mode a batch-mode image titled after the plot;</li>
 * <li>scalars: kept for {@code call("org.interphase.ij.Outputs.get", "name")}, and written to the Log
 * window when a user (not a macro) ran the command.</li>
 * </ul>
 * Every output of the last command stays reachable by field name or title, in every mode, through
 * {@link #get} and {@link #save} (ImageJ 1 cannot hold a table other than "Results" without a window,
 * so headless macros save tables this way).
 */
public final class Outputs {

	/** One output: field name, title shown to users, value. */
	public static final class Output {
		public final String name;
		public final String title;
		public final Object value;

		public Output(String name, String title, Object value) {
			this.name = name;
			this.title = title;
			this.value = value;
		}
	}

	private static volatile String lastCommand = "";
	private static volatile List<Output> last = Collections.emptyList();

	private Outputs() {}

	/** True when ImageJ 1 is the user's front end: a macro is running, or an ImageJ window exists. */
	public static boolean imageJActive() {
		return IJ.isMacro() || Gui.interactive();
	}

	/**
	 * Publishes {@code outputs} of {@code command} through ImageJ 1 (see the class comment).
	 * {@code caller} is the thread that ran the command (the macro's thread; null when unknown).
	 */
	public static void publish(String command, List<Output> outputs, Thread caller) {
		lastCommand = command;
		last = Collections.unmodifiableList(new ArrayList<>(outputs));
		boolean batch = Interpreter.isBatchMode() || GraphicsEnvironment.isHeadless();
		boolean macro = IJ.isMacro();
		ImagePlus firstImage = null;
		boolean firstTable = true;
		for (Output o : outputs) {
			Object v = o.value;
			if (v instanceof ImagePlus) {
				ImagePlus imp = (ImagePlus) v;
				showImage(imp, batch, caller);
				if (firstImage == null) firstImage = imp;
			} else if (v instanceof Plot) {
				Plot plot = (Plot) v;
				if (batch) {
					ImagePlus imp = plot.getImagePlus();
					imp.setTitle(plot.getTitle());
					showImage(imp, true, caller);
				} else {
					plot.show();
				}
			} else if (v instanceof ResultsTable) {
				ResultsTable rt = (ResultsTable) v;
				if (firstTable) {
					ResultsTable results = (ResultsTable) rt.clone();
					Analyzer.setResultsTable(results);
					Tables.setPrecision(results); // after: becoming the Results table resets it to 3 decimals
					firstTable = false;
				}
				if (!GraphicsEnvironment.isHeadless() && rt.size() > 0) rt.show(o.title);
			} else if (v != null && !macro && Gui.interactive()) {
				IJ.log(command + ": " + o.title + " = " + v);
			}
		}
		if (firstImage != null) {
			if (batch) {
				Interpreter.activateImage(firstImage);
				if (caller != null) WindowManager.setTempCurrentImage(caller, firstImage);
				WindowManager.setTempCurrentImage(firstImage);
			} else if (firstImage.getWindow() != null) {
				IJ.selectWindow(firstImage.getID()); // to the front and waits until ImageJ has made it current, as selectImage does
			}
		}
	}

	private static void showImage(ImagePlus imp, boolean batch, Thread caller) {
		if (!batch) {
			imp.show();
			return;
		}
		Interpreter.addBatchModeImage(imp);
		if (caller != null) WindowManager.setTempCurrentImage(caller, imp);
	}

	/**
	 * Macro function: {@code call("org.interphase.ij.Outputs.get", "valid_pixels")} returns a scalar
	 * output of the last Interphase command as text; an image output gives its title.
	 */
	public static String get(String name) {
		Output o = find(name);
		if (o == null) return "";
		if (o.value instanceof ImagePlus) return ((ImagePlus) o.value).getTitle();
		if (o.value instanceof Plot) return ((Plot) o.value).getTitle();
		if (o.value instanceof ResultsTable) return o.title;
		if (o.value instanceof Double || o.value instanceof Float) {
			double d = ((Number) o.value).doubleValue();
			return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
		}
		return String.valueOf(o.value);
	}

	/**
	 * Macro function: {@code call("org.interphase.ij.Outputs.save", "zone_stats", path)} writes an output
	 * of the last Interphase command (by field name or title) as the CLI writes it: a table as CSV, an
	 * image as float32 TIFF, a plot as PNG (or its data as CSV when the path ends in .csv).
	 * Returns the path written.
	 */
	public static String save(String name, String path) {
		Output o = find(name);
		if (o == null) return "";
		Path file = Paths.get(path);
		try {
			if (o.value instanceof ResultsTable) OutputFiles.writeCsv((ResultsTable) o.value, file);
			else if (o.value instanceof ImagePlus) OutputFiles.saveFloatTiff((ImagePlus) o.value, file);
			else if (o.value instanceof Plot) {
				Plot plot = (Plot) o.value;
				if (path.toLowerCase(Locale.ROOT).endsWith(".csv")) OutputFiles.writeCsv(Plots.dataTable(plot), file);
				else OutputFiles.savePlotImage(plot, file);
			} else return fail("Outputs.save: \"" + name + "\" of " + lastCommand + " is a value, not a table, image or plot; read it with Outputs.get");
		} catch (IOException | RuntimeException e) {
			return fail("Outputs.save: cannot write " + path + ": " + e.getMessage());
		}
		return path;
	}

	/** Macro function: the names of the last command's outputs, comma-separated (for scripts that explore). */
	public static String names() {
		StringBuilder sb = new StringBuilder();
		for (Output o : last) {
			if (sb.length() > 0) sb.append(',');
			sb.append(o.name);
		}
		return sb.toString();
	}

	/** The last command's outputs by field name (for tests and the CLI's macro runner). */
	public static Map<String, Object> lastOutputs() {
		Map<String, Object> m = new LinkedHashMap<>();
		for (Output o : last)
			m.put(o.name, o.value);
		return m;
	}

	/** The output named {@code name}; null (the macro stopped with a message) when there is none. */
	private static Output find(String name) {
		String key = name == null ? "" : name.trim();
		for (Output o : last)
			if (o.name.equalsIgnoreCase(key) || o.title.equalsIgnoreCase(key)) {
				if (o.value != null) return o;
				fail(lastCommand + " produced no \"" + key + "\" (the output is empty for this input)");
				return null;
			}
		fail(lastCommand.isEmpty() ? "no Interphase command has run yet, so there is no output \"" + key + "\""
			: lastCommand + " has no output \"" + key + "\"; its outputs: " + names());
		return null;
	}

	/**
	 * Stops the running macro with {@code message} (a macro error, as for any ImageJ error) and returns
	 * "" for the macro function to return: an exception would reach the user as a stack trace.
	 * Outside a macro, throws.
	 */
	private static String fail(String message) {
		MacroErrors.stopMacro(message);
		return "";
	}
}
