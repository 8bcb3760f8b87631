package org.interphase;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The house rules of DESIGN.md that a compiler does not check. */
class ArchitectureTest {

	static final Path MAIN = Path.of("src/main/java/org/interphase");

	@Test
	void coreKnowsNothingOfImageJScijavaOrAwt() throws IOException {
		Pattern forbidden = Pattern.compile("^\\s*import\\s+(static\\s+)?(ij\\.|org\\.scijava\\.|java\\.awt\\.|org\\.interphase\\.(ij|io|command|cli)\\.)",
			Pattern.MULTILINE);
		List<String> offenders = new ArrayList<>();
		try (Stream<Path> files = Files.walk(MAIN.resolve("core"))) {
			files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
				try {
					if (forbidden.matcher(Files.readString(p)).find()) offenders.add(MAIN.relativize(p).toString());
				} catch (IOException e) {
					throw new IllegalStateException(e);
				}
			});
		}
		assertTrue(offenders.isEmpty(), "core must stay free of ImageJ, SciJava, AWT and the outer layers: " + offenders);
	}

	@Test
	void commandsHoldNoLoopsOverPixels() throws IOException {
		// a command reads fields, converts through ij/, calls core: nested pixel loops belong in core
		Pattern nestedLoop = Pattern.compile("for \\(int y = [^;]*;[^)]*\\)\\s*\\{?\\s*for \\(int x = ");
		List<String> offenders = new ArrayList<>();
		try (Stream<Path> files = Files.walk(MAIN.resolve("command"))) {
			files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
				try {
					if (nestedLoop.matcher(Files.readString(p)).find()) offenders.add(MAIN.relativize(p).toString());
				} catch (IOException e) {
					throw new IllegalStateException(e);
				}
			});
		}
		assertTrue(offenders.isEmpty(), "pixel loops in commands: " + offenders);
	}
}
