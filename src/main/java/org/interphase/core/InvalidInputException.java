package org.interphase.core;

/**
 * Bad input that the user can fix: the message names the field or file and the problem, in one
 * line, and is shown as it is (no stack trace) by Fiji and by the CLI.
 */
public class InvalidInputException extends IllegalArgumentException {
	private static final long serialVersionUID = 1L;

	public InvalidInputException(String message) {
		super(message);
	}

	public InvalidInputException(String message, Throwable cause) {
		super(message, cause);
	}
}
