package org.interphase.ij;

import java.awt.GraphicsEnvironment;
import java.util.function.Consumer;

import ij.IJ;

/** What commands do differently when a user is looking at Fiji rather than a batch run. */
public final class Gui {

	private Gui() {}

	/** True when an ImageJ window exists to show tables and messages in. */
	public static boolean interactive() {
		return !GraphicsEnvironment.isHeadless() && IJ.getInstance() != null;
	}

	private static final ThreadLocal<Consumer<String>> COLLECTOR = new ThreadLocal<>();

	/** Writes a line to the Log window when interactive (the CLI puts it in outputs.json instead, see {@link #collectLog}). */
	public static void log(String message) {
		Consumer<String> c = COLLECTOR.get();
		if (c != null) c.accept(message);
		if (interactive()) IJ.log(message);
	}

	/** Sends this thread's {@link #log} lines also to {@code collector} (null stops); the CLI's runner uses it around a run. */
	public static void collectLog(Consumer<String> collector) {
		if (collector == null) COLLECTOR.remove();
		else COLLECTOR.set(collector);
	}
}
