package org.interphase.core;

/**
 * Progress and cancellation channel between the science in {@code core} and whoever runs it:
 * Fiji forwards it to the status bar, the CLI draws a bar on stderr, tests ignore it.
 * Implementations must be thread-safe: engines report from worker threads.
 */
public interface Progress {

	/** Reports that {@code fraction} (0..1) of the task named {@code task} is done. */
	void report(String task, double fraction);

	/** True when the user asked to stop; long loops check it between tiles. */
	boolean cancelled();

	/** Throws {@link CancelledException} when the user asked to stop. */
	default void checkCancelled() {
		if (cancelled()) throw new CancelledException();
	}

	/** A progress that shows nothing and is never cancelled. */
	Progress NONE = new Progress() {
		@Override
		public void report(String task, double fraction) {}

		@Override
		public boolean cancelled() {
			return false;
		}
	};
}
