package org.interphase.command;

import org.interphase.core.CancelledException;
import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.interphase.ij.Gui;
import org.interphase.ij.StatusProgress;
import org.scijava.app.StatusService;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Base of every Interphase command: bad input ends the command with its one-line message
 * (a dialog in Fiji, the cancel reason for the CLI and macros), never a stack trace; cancellation
 * by the user is a clean cancel. Subclasses implement {@link #execute()} only.
 */
public abstract class InterphaseCommand extends ContextCommand {

	@Parameter
	private StatusService statusService;

	@Override
	public final void run() {
		try {
			execute();
		} catch (InvalidInputException e) {
			cancel(e.getMessage());
			Gui.error(title(), e.getMessage());
		} catch (CancelledException e) {
			cancel(e.getMessage());
		} catch (OutOfMemoryError e) {
			String msg = "out of memory: this input needs more than the " + Runtime.getRuntime().maxMemory() / (1 << 20)
				+ " MB Java may use (Edit>Options>Memory & Threads)";
			cancel(msg);
			Gui.error(title(), msg);
		} finally {
			if (statusService != null) statusService.clearStatus();
		}
	}

	/** The command's work: read fields, call core through ij/, set outputs. */
	protected abstract void execute();

	/** The command's name as in the menu, for titles and messages. */
	protected String title() {
		Plugin plugin = getClass().getAnnotation(Plugin.class);
		String path = plugin == null ? "" : plugin.menuPath();
		return path.isEmpty() ? getClass().getSimpleName() : path.substring(path.lastIndexOf('>') + 1).trim();
	}

	/** Progress that shows in Fiji's status bar and in the CLI's progress bar. */
	protected Progress progress() {
		return new StatusProgress(statusService);
	}

	/** Throws the one-line message for a field that fails a check. */
	protected static void require(boolean ok, String message) {
		if (!ok) throw new InvalidInputException(message);
	}
}
