package org.interphase.fiji;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which Fiji outputs the integration tests take for Fiji's own startup failure (and run again). */
class FijiStartupFailureTest {

	@Test
	void fijisOwnStartupFailuresAreRecognisedOursAreNot() {
		// the lines as Fiji printed them in the failed runs of 2026-12-06
		assertTrue(FijiRuntime.startupFailure("[ERROR] Command errored: Import Spectral Stack\n"
			+ "java.lang.IllegalStateException: Context already injected: org.scijava.AbstractContextual#context\n"));
		assertTrue(FijiRuntime.startupFailure("[ERROR] Cannot create plugin: org.scijava.convert.NullConverter\n"
			+ "[ERROR] Cannot create plugin: net.imagej.legacy.ui.LegacyUI\n"));
		// a plugin of ours that cannot be created is our failure, and so is any macro error
		assertFalse(FijiRuntime.startupFailure("[ERROR] Cannot create plugin: org.interphase.command.OpticalDensityCommand\n"));
		assertFalse(FijiRuntime.startupFailure("Macro Error: Histogram Compare: images: give at least one image (comma-separated titles or files) in line 3\n"));
		assertFalse(FijiRuntime.startupFailure(""));
	}
}
