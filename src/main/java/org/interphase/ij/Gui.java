package org.interphase.ij;

import java.awt.GraphicsEnvironment;

import ij.IJ;

/** What commands do differently when a user is looking at Fiji rather than a batch run. */
public final class Gui {

	private Gui() {}

	/** True when an ImageJ window exists to show tables and messages in. */
	public static boolean interactive() {
		return !GraphicsEnvironment.isHeadless() && IJ.getInstance() != null;
	}

	/** Writes a line to the Log window when interactive (the CLI puts it in outputs.json instead). */
	public static void log(String message) {
		if (interactive()) IJ.log(message);
	}
}
