package org.interphase.ij;

import java.awt.GraphicsEnvironment;

import ij.IJ;
import ij.measure.ResultsTable;

/** What commands do differently when a user is looking at Fiji rather than a batch run. */
public final class Gui {

	private Gui() {}

	/** True when an ImageJ window exists to show tables and messages in. */
	public static boolean interactive() {
		return !GraphicsEnvironment.isHeadless() && IJ.getInstance() != null;
	}

	/** Shows {@code table} in a window titled {@code title} when interactive. */
	public static void show(ResultsTable table, String title) {
		if (interactive()) table.show(title);
	}

	/** Writes a line to the Log window when interactive (the CLI puts it in outputs.json instead). */
	public static void log(String message) {
		if (interactive()) IJ.log(message);
	}

	/** Shows an error dialog when interactive. */
	public static void error(String title, String message) {
		if (interactive()) IJ.error(title, message);
	}
}
