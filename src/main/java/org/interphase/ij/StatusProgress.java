package org.interphase.ij;

import org.interphase.core.Progress;
import org.scijava.app.StatusService;

import ij.IJ;

/**
 * Forwards core progress to SciJava's StatusService (Fiji's status bar and progress bar; the CLI
 * listens to the same events and draws a bar on stderr). Reports are thinned to 1 % steps, so
 * worker threads do not flood the event bus. Escape in Fiji cancels.
 */
public final class StatusProgress implements Progress {

	private final StatusService status;
	private int lastPermille = -1;
	private String lastTask;

	public StatusProgress(StatusService status) {
		this.status = status;
	}

	@Override
	public synchronized void report(String task, double fraction) {
		int permille = (int) Math.round(Math.max(0, Math.min(1, fraction)) * 100);
		if (permille == lastPermille && task.equals(lastTask)) return;
		lastPermille = permille;
		lastTask = task;
		if (status != null) status.showStatus(permille, 100, task);
	}

	@Override
	public boolean cancelled() {
		return Gui.interactive() && IJ.escapePressed();
	}
}
