package org.interphase.core;

/** Thrown by long operations when their {@link Progress} says the user cancelled. */
public class CancelledException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	public CancelledException() {
		super("cancelled by the user");
	}
}
