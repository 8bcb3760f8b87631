package org.interphase.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Images;
import org.interphase.ij.OutputFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** What the CLI tests share: a small transmission stack on disk and a CLI whose stdout/stderr are captured. */
abstract class CliFixture {

	@TempDir
	Path tmp;
	Path stack;

	final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

	/** The stack's file name (without .tif). */
	abstract String stackName();

	@BeforeEach
	void writeStack() throws IOException {
		double[] en = { 700, 705, 707.5, 710, 720 };
		SpectralStack s = SpectralStack.allocate(8, 5, en);
		for (int e = 0; e < en.length; e++)
			for (int p = 0; p < 40; p++)
				s.slice(e)[p] = (float) (1000 * Math.exp(-(p % 8 < 2 ? 0 : 0.05 * e * (p % 8))));
		stack = tmp.resolve(stackName() + ".tif");
		OutputFiles.saveFloatTiff(Images.toImagePlus(s, stackName(), null), stack);
	}

	int cli(String... args) {
		out.reset();
		err.reset();
		return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false).run(args);
	}
}
