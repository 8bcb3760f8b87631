package org.interphase.cli;

import java.io.PrintStream;

import org.scijava.app.event.StatusEvent;
import org.scijava.event.EventHandler;

/** Draws the commands' StatusService progress as a bar on stderr (only on a terminal). */
public final class ConsoleProgress {

	private final PrintStream err;
	private final boolean enabled;
	private boolean drawn;

	public ConsoleProgress(PrintStream err, boolean enabled) {
		this.err = err;
		this.enabled = enabled;
	}

	@EventHandler
	public synchronized void onStatus(StatusEvent e) {
		if (!enabled) return;
		int max = e.getProgressMaximum();
		if (max <= 0) {
			finish();
			return;
		}
		draw(e.getStatusMessage(), e.getProgressValue() / (double) max);
	}

	/** Draws {@code fraction} of a 30-character bar with the task name. */
	public synchronized void draw(String task, double fraction) {
		if (!enabled) return;
		int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * 30);
		StringBuilder sb = new StringBuilder("\r[");
		for (int i = 0; i < 30; i++)
			sb.append(i < filled ? '#' : ' ');
		sb.append(String.format("] %3d%% %s", Math.round(fraction * 100), task == null ? "" : task));
		sb.append("\u001b[K");
		err.print(sb);
		err.flush();
		drawn = true;
	}

	/** Ends the bar's line. */
	public synchronized void finish() {
		if (drawn) {
			err.print("\r\u001b[K");
			err.flush();
			drawn = false;
		}
	}
}
