package org.interphase.ij;

import java.awt.GraphicsEnvironment;
import java.util.concurrent.atomic.AtomicBoolean;

import ij.IJ;
import ij.Macro;
import ij.macro.Interpreter;

/**
 * Where a command's one-line error goes, by mode:
 * <ul>
 * <li>a macro is running (GUI, batch mode, {@code --headless -batch}, {@code ./interphase macro}): the
 * macro stops as when an ImageJ 1 plugin calls {@code IJ.error}: {@code IJ.error} reaches the running
 * interpreter, which ends the macro (headless it prints "Macro Error: <line> in line N" and the macro
 * line on stderr) and throws "Macro canceled" in the calling thread. Here that is the command's
 * thread, so it is caught: uncaught, ImageJ2 shows it as an exception window with a stack trace, which
 * is what users saw before. In the GUI the line itself reaches the user through ImageJ2's dialog for a
 * cancelled command;</li>
 * <li>in {@code --headless -batch} ImageJ exits with status 0 whatever happened (seen in the runtime:
 * even a macro syntax error exits 0), so after a failed Interphase command the JVM's exit status is
 * set to 2 when it exits, for batch scripts that check it;</li>
 * <li>a user ran the command from the menu: ImageJ2's plain dialog with the cancel reason;</li>
 * <li>the CLI: nothing here; it reads the command's cancel reason and prints it.</li>
 * </ul>
 */
public final class MacroErrors {

	/** Exit status of a {@code --headless -batch} run in which an Interphase command failed. */
	public static final int FAILED_BATCH_STATUS = 2;

	private static final AtomicBoolean exitHookInstalled = new AtomicBoolean();

	/** The message of the first {@link #stopMacro} since {@link #takeStopMessage}, or null. */
	private static volatile String stopMessage;

	private MacroErrors() {}

	/**
	 * Stops a running macro after {@code line} ("Command: field: problem"), the command's cancel
	 * reason. Outside a macro there is nothing to do: ImageJ2 shows a cancelled command's reason in a
	 * plain dialog in the GUI (seen in the runtime), and the CLI prints it.
	 */
	public static void report(String command, String line) {
		if (Interpreter.getInstance() != null) {
			if (GraphicsEnvironment.isHeadless() && IJ.getInstance() == null) failBatchExit();
			try {
				IJ.error(command, line);
			} catch (RuntimeException e) {
				if (!Macro.MACRO_CANCELED.equals(e.getMessage())) throw e;
			}
		}
	}

	/**
	 * Macro function for batch macros that find their input unusable (a missing or empty folder):
	 * {@code call("org.interphase.ij.MacroErrors.fail", "spectral_batch: no stacks in " + in)} stops the
	 * macro as a failed command does, so a {@code -batch} run ends with status 2 and
	 * {@code ./interphase macro} with its error line, instead of reporting success.
	 */
	public static String fail(String message) {
		stopMacro(message);
		return "";
	}

	/**
	 * From a macro function ({@code call(...)}, the macro's own thread, where {@code IJ.error} does not
	 * reach the interpreter): ends the macro with {@code message} as a macro error. Outside a macro, throws.
	 */
	public static void stopMacro(String message) {
		Interpreter interp = Interpreter.getInstance();
		if (interp == null) throw new org.interphase.core.InvalidInputException(message);
		if (stopMessage == null) stopMessage = message;
		if (GraphicsEnvironment.isHeadless() && IJ.getInstance() == null) failBatchExit();
		try {
			interp.abort(message);
		} catch (RuntimeException e) {
			if (!Macro.MACRO_CANCELED.equals(e.getMessage())) throw e;
		}
	}

	/**
	 * The message with which {@link #stopMacro} last stopped a macro, and forgets it (null when none).
	 * For a runner that ignores macro errors ({@code Interpreter.setIgnoreErrors}): there the
	 * interpreter goes on parsing after the stop, and when the stop came from inside a block or a user
	 * function its error message becomes "'}' expected" instead of the reason.
	 */
	public static String takeStopMessage() {
		String m = stopMessage;
		stopMessage = null;
		return m;
	}

	/** Makes a {@code -batch} JVM exit with {@link #FAILED_BATCH_STATUS} instead of ImageJ's unconditional 0. */
	private static void failBatchExit() {
		String cmd = System.getProperty("sun.java.command", "");
		if (!(" " + cmd + " ").contains(" -batch ")) return; // an embedding (a script host, a test) keeps its own exit status
		if (!exitHookInstalled.compareAndSet(false, true)) return;
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.flush();
			System.err.flush();
			Runtime.getRuntime().halt(FAILED_BATCH_STATUS);
		}, "interphase-batch-exit-status"));
	}
}
