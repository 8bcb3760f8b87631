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
		List<String> cmd = command(compareDir, quick, out);
		if (cmd == null) return 0;
		try {
			Process p = start(cmd);
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
			out.println("peers skipped: cannot start " + cmd.get(0) + ": " + e.getMessage());
			return 0;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return 1;
		}
	}

	/**
	 * One round of the interleaved comparison: the median time in seconds of the main peer of the
	 * workload in {@code workloadDir} ({@code peers.py --round}), timed right after ours; null
	 * when the peers cannot run (the final table then says why) or the round fails.
	 */
	static Double timeRound(Path workloadDir, boolean quick, PrintStream err) {
		List<String> cmd = command(workloadDir, quick, null);
		if (cmd == null) return null;
		cmd.add(2, "--round");
		try {
			Process p = start(cmd);
			String text;
			try (InputStream in = p.getInputStream()) {
				text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
			}
			int status = p.waitFor();
			String last = text.substring(text.lastIndexOf('\n') + 1).trim();
			if (status != 0 || !last.startsWith("peer_s ")) {
				err.println("error: bench/peers.py --round " + workloadDir.getFileName() + " failed: " + last);
				return null;
			}
			String value = last.substring("peer_s ".length()).trim();
			return value.equals("none") ? null : Double.valueOf(value);
		} catch (IOException | NumberFormatException e) {
			err.println("error: bench/peers.py --round " + workloadDir.getFileName() + ": " + e.getMessage());
			return null;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** python3 bench/peers.py DIR [--quick], or null (with a line on {@code out} when not null) when either is missing. */
	private static List<String> command(Path dir, boolean quick, PrintStream out) {
		Path script = Paths.get(System.getProperty("interphase.home", ".")).resolve("bench").resolve("peers.py");
		if (!Files.isRegularFile(script)) {
			if (out != null) out.println("peers skipped: " + script + " not found (run bench --compare from the project folder, through ./interphase)");
			return null;
		}
		String python = python();
		if (python == null) {
			if (out != null) out.println("peers skipped: no python3 with NumPy found; install the peers with: " + INSTALL);
			return null;
		}
		List<String> cmd = new ArrayList<>(List.of(python, script.toString(), dir.toAbsolutePath().toString()));
		if (quick) cmd.add("--quick");
		return cmd;
	}

	private static Process start(List<String> cmd) throws IOException {
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
		// NumPy picks its OpenBLAS kernel for this CPU only when these overrides are not set
		pb.environment().remove("OPENBLAS_CORETYPE");
		pb.environment().remove("OPENBLAS_L2_SIZE");
		return pb.start();
	}

	/** The first python3 that imports NumPy: Debian's (where apt installs the peers), then the PATH's; null for none. */
	static String python() {
		if (python == null) {
			String found = findPython();
			python = found == null ? "" : found;
		}
		return python.isEmpty() ? null : python;
	}

	/** The answer of {@link #findPython} ("" for none), looked up once per run: every round asks. */
	private static String python;

	private static String findPython() {
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
