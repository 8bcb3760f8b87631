package org.interphase.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs bench/peers.py on what {@code bench --compare} wrote: the peers (NumPy, SciPy,
 * scikit-learn) are timed in a Python process of their own, on the same inputs, and the script
 * prints the side-by-side table. Without Python or NumPy the comparison is skipped with a line
 * saying what to install; our own timings have been printed already.
 */
final class Peers {

	static final String INSTALL = "apt-get install python3-numpy python3-scipy python3-sklearn python3-skimage python3-threadpoolctl";

	private Peers() {}

	static int run(Path compareDir, boolean quick, PrintStream out, PrintStream err) {
		Path script = Paths.get(System.getProperty("interphase.home", ".")).resolve("bench").resolve("peers.py");
		if (!Files.isRegularFile(script)) {
			out.println("peers skipped: " + script + " not found (run bench --compare from the project folder, through ./interphase)");
			return 0;
		}
		String python = python();
		if (python == null) {
			out.println("peers skipped: no python3 with NumPy found; install the peers with: " + INSTALL);
			return 0;
		}
		List<String> cmd = new ArrayList<>(List.of(python, script.toString(), compareDir.toAbsolutePath().toString()));
		if (quick) cmd.add("--quick");
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
		// NumPy picks its OpenBLAS kernel for this CPU only when these overrides are not set
		pb.environment().remove("OPENBLAS_CORETYPE");
		pb.environment().remove("OPENBLAS_L2_SIZE");
		try {
			Process p = pb.start();
			try (InputStream in = p.getInputStream()) {
				byte[] buf = new byte[8192];
				int r;
				while ((r = in.read(buf)) > 0) {
					out.write(buf, 0, r);
					out.flush();
				}
			}
			int status = p.waitFor();
			if (status != 0) err.println("error: bench/peers.py ended with status " + status);
			return status == 0 ? 0 : 1;
		} catch (IOException e) {
			out.println("peers skipped: cannot start " + python + ": " + e.getMessage());
			return 0;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return 1;
		}
	}

	/** The first python3 that imports NumPy: Debian's (where apt installs the peers), then the PATH's. */
	static String python() {
		for (String candidate : new String[] { "/usr/bin/python3", "python3" }) {
			try {
				Process p = new ProcessBuilder(candidate, "-c", "import numpy").redirectErrorStream(true).start();
				p.getInputStream().readAllBytes();
				if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) return candidate;
			} catch (IOException e) {
				// not installed: try the next
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
		return null;
	}

}
