package org.interphase.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Assumptions;

/**
 * Real measured files for the tests: {@code test-images/real/<path>} (MIT-licensed copies, in every
 * clone) first, else {@code ../shared/data/<path>}; a test whose file is in neither skips with a
 * message naming it.
 */
public final class RealData {

	public static final Path COPIES = Paths.get("test-images/real");
	public static final Path SHARED = Paths.get("../shared/data");

	private RealData() {}

	/** The file (or folder) at {@code relative}: the project's copy when there is one, else the shared one (which may be absent). */
	public static Path path(String relative) {
		Path copy = COPIES.resolve(relative);
		return Files.exists(copy) ? copy : SHARED.resolve(relative);
	}

	/** As {@link #path} but skips the calling test when the file is in neither place. */
	public static Path require(String relative) {
		Path p = path(relative);
		Assumptions.assumeTrue(Files.exists(p), "real data absent (neither test-images/real nor ../shared/data holds it): " + relative);
		return p;
	}
}
