package org.interphase.fiji;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.interphase.cli.site.UpdateSiteBuilder;

/**
 * The real ImageJ 1.54p + imagej-legacy runtime of {@code ../shared/fiji}, with Interphase installed
 * from a site built by the update-site builder the way the updater installs it: every
 * {@code <path>-<timestamp>} file of the site copied to {@code <path>} of a writable copy of
 * {@code Fiji.app} (so a library the site forgets to ship fails here). Headless runs use
 * {@code --headless -batch}; GUI runs use an Xvfb display and the runtime's {@code FIJI_MACRO}, which
 * runs the macro once the ImageJ window is up, as Plugins › Macros › Run… does.
 */
final class FijiRuntime implements AutoCloseable {

	/** What a run printed and how it ended. */
	static final class Result {
		final int status;
		final String out, err;

		Result(int status, String out, String err) {
			this.status = status;
			this.out = out;
			this.err = err;
		}

		@Override
		public String toString() {
			return "status " + status + "\nstdout:\n" + out + "\nstderr:\n" + err;
		}
	}

	static final Path SHARED_FIJI = Paths.get("..", "shared", "fiji").toAbsolutePath().normalize();

	final Path root, app;
	private Process xvfb;
	private String display;

	/** A fresh runtime under {@code root} with the site built from {@code target/} installed. */
	FijiRuntime(Path root) throws IOException {
		this.root = root;
		Path site = root.resolve("site");
		UpdateSiteBuilder.build(UpdateSiteBuilder.shippedFiles(Paths.get("target"), UpdateSiteBuilder.FIJI_PROVIDED), site, null, new Date());
		app = root.resolve("Fiji.app");
		copyTree(SHARED_FIJI.resolve("Fiji.app"), app);
		installSite(site, app);
	}

	static boolean available() {
		return Files.isExecutable(SHARED_FIJI.resolve("run-fiji")) && Files.isDirectory(SHARED_FIJI.resolve("Fiji.app"));
	}

	/**
	 * Whether a run was stopped by a failure of Fiji's own startup, not by the macro: scijava-common
	 * 2.99.2 rarely throws "Context already injected: org.scijava.AbstractContextual#context" when
	 * the first command publishes its module events, or fails to create its own plugins ("Cannot
	 * create plugin: org.scijava.convert.NullConverter", …, after which no command gets its
	 * parameters). Seen three times in one day's test runs, each on a macro that passed when run
	 * again, never when run by hand 56 times in a row. See docs/fiji.md, Batch macros.
	 */
	static boolean startupFailure(String err) {
		if (err.contains("Context already injected: org.scijava.AbstractContextual#context")) return true;
		for (String line : err.split("\n"))
			if (line.contains("Cannot create plugin: ") && !line.contains("Cannot create plugin: org.interphase.")) return true;
		return false;
	}

	/** {@code run-fiji --headless -batch macro arg}; run once more when Fiji's startup failed ({@link #startupFailure}). */
	Result headless(Path macro, String arg, long timeoutSeconds) throws IOException, InterruptedException {
		return headless(macro, arg, timeoutSeconds, () -> {});
	}

	/**
	 * As {@link #headless(Path, String, long)}; {@code beforeRetry} undoes what the stopped run left
	 * (ImageJ 1 goes on with the next statement after a command that threw, so the first run may
	 * have written files that the second must not find).
	 */
	Result headless(Path macro, String arg, long timeoutSeconds, Runnable beforeRetry) throws IOException, InterruptedException {
		Result r = run(headlessCommand(macro, arg), timeoutSeconds, null);
		if (!startupFailure(r.err)) return r;
		retrying(macro);
		beforeRetry.run();
		return run(headlessCommand(macro, arg), timeoutSeconds, null);
	}

	private static void retrying(Path macro) {
		System.err.println("FijiRuntime: Fiji's startup failed under " + macro.getFileName() + " (see FijiRuntime.startupFailure); running it again");
	}

	private ProcessBuilder headlessCommand(Path macro, String arg) {
		return new ProcessBuilder(SHARED_FIJI.resolve("run-fiji").toString(), "--app", app.toString(), "--headless", "-batch", macro.toString(), arg);
	}

	/**
	 * Runs {@code macro} in the GUI; returns when {@code doneMarker} appears (the macro writes it as
	 * its last statement) or after {@code timeoutSeconds}; {@code onDone} sees the display before the
	 * runtime is stopped (window titles, screenshots). Runs once more, after {@code beforeRetry}, when
	 * Fiji's startup failed ({@link #startupFailure}).
	 */
	Result gui(Path macro, String arg, Path doneMarker, long timeoutSeconds, Runnable onDone, Runnable beforeRetry)
		throws IOException, InterruptedException {
		Result r = guiOnce(macro, arg, doneMarker, timeoutSeconds, onDone);
		if (!startupFailure(r.err)) return r;
		retrying(macro);
		beforeRetry.run();
		Files.deleteIfExists(doneMarker);
		return guiOnce(macro, arg, doneMarker, timeoutSeconds, onDone);
	}

	private Result guiOnce(Path macro, String arg, Path doneMarker, long timeoutSeconds, Runnable onDone) throws IOException, InterruptedException {
		if (display == null) throw new IllegalStateException("no display");
		ProcessBuilder pb = new ProcessBuilder(SHARED_FIJI.resolve("run-fiji").toString(), "--app", app.toString());
		pb.environment().put("DISPLAY", display);
		pb.environment().put("FIJI_MACRO", macro.toString());
		pb.environment().put("FIJI_MACRO_ARG", arg);
		return run(pb, timeoutSeconds, () -> {
			long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
			for (int i = 1; !Files.exists(doneMarker) && System.nanoTime() < end; i++) {
				sleep(200);
				if (i % 10 == 0 && hasErrorDialog()) break; // a command failed: the macro has stopped
			}
			if (onDone != null) onDone.run();
		});
	}

	/**
	 * Whether display n belongs to a running X server. A server killed without its cleanup leaves
	 * its lock file and socket behind: those are removed here (they had used up every display
	 * number after a few dozen test runs on one machine).
	 */
	private static boolean displayInUse(int n) throws IOException {
		Path lock = Paths.get("/tmp/.X" + n + "-lock"), socket = Paths.get("/tmp/.X11-unix/X" + n);
		if (Files.exists(lock)) {
			try {
				long pid = Long.parseLong(Files.readString(lock).trim());
				if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) return true;
			} catch (NumberFormatException | IOException e) {
				return true; // not a lock we can read: leave it alone
			}
		} else if (Files.exists(socket)) {
			return true; // a server without a lock file: not ours to judge
		}
		Files.deleteIfExists(socket);
		Files.deleteIfExists(lock);
		return false;
	}

	/** Starts an Xvfb display; false when none can start (no Xvfb installed). */
	boolean startDisplay() throws IOException, InterruptedException {
		if (display != null) return true;
		if (!Files.isExecutable(Paths.get("/usr/bin/Xvfb"))) return false;
		for (int n = 90 + (int) (ProcessHandle.current().pid() % 9); n < 120; n++) {
			if (displayInUse(n)) continue;
			Process p = new ProcessBuilder("/usr/bin/Xvfb", ":" + n, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
				.redirectErrorStream(true).redirectOutput(root.resolve("xvfb.log").toFile()).start();
			for (int i = 0; i < 50 && p.isAlive() && !Files.exists(Paths.get("/tmp/.X11-unix/X" + n)); i++)
				Thread.sleep(100);
			if (p.isAlive() && Files.exists(Paths.get("/tmp/.X11-unix/X" + n))) {
				xvfb = p;
				display = ":" + n;
				return true;
			}
			p.destroyForcibly();
		}
		return false;
	}

	/** True when ImageJ2's dialog (a cancelled command's reason) is on the display. */
	boolean hasErrorDialog() {
		List<String> t = windowTitles();
		return t != null && t.contains("ImageJ2");
	}

	/** Titles of the windows on the display (xdotool); null when xdotool is missing. */
	List<String> windowTitles() {
		if (display == null || !Files.isExecutable(Paths.get("/usr/bin/xdotool"))) return null;
		try {
			ProcessBuilder pb = new ProcessBuilder("/usr/bin/xdotool", "search", "--onlyvisible", "--name", ".", "getwindowname", "%@");
			pb.environment().put("DISPLAY", display);
			Process p = pb.redirectErrorStream(true).start();
			String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			p.waitFor(10, TimeUnit.SECONDS);
			List<String> titles = new ArrayList<>();
			for (String line : text.split("\n"))
				if (!line.isBlank() && !line.startsWith("sun-awt-")) titles.add(line.trim());
			return titles;
		} catch (IOException | InterruptedException e) {
			return null;
		}
	}

	private Result run(ProcessBuilder pb, long timeoutSeconds, Runnable whileRunning) throws IOException, InterruptedException {
		Path out = Files.createTempFile(root, "fiji-out", ".txt"), err = Files.createTempFile(root, "fiji-err", ".txt");
		// the remembered dialog values (SciJava keeps them in Java's user preferences) of this runtime
		// only: otherwise one run's last values became the next run's dialog defaults
		pb.environment().putIfAbsent("FIJI_JAVA_OPTS", "-Xmx2g -Djava.util.prefs.userRoot=" + root.resolve("user-prefs"));
		Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		int status;
		try {
			if (whileRunning != null) {
				whileRunning.run();
				status = -1; // the GUI does not exit by itself
			} else {
				status = p.waitFor(timeoutSeconds, TimeUnit.SECONDS) ? p.exitValue() : -2;
			}
		} finally {
			p.descendants().forEach(ProcessHandle::destroyForcibly);
			p.destroyForcibly();
			p.waitFor(10, TimeUnit.SECONDS);
		}
		return new Result(status, Files.readString(out), Files.readString(err));
	}

	@Override
	public void close() {
		if (xvfb == null) return;
		xvfb.destroy(); // SIGTERM: Xvfb removes its lock file and socket (a forced kill leaves them)
		try {
			if (!xvfb.waitFor(5, TimeUnit.SECONDS)) xvfb.destroyForcibly();
		} catch (InterruptedException e) {
			xvfb.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/** Installs every file of a site as the updater does: {@code jars/x.jar-20260101000000} → {@code jars/x.jar}. */
	static void installSite(Path site, Path app) throws IOException {
		try (Stream<Path> s = Files.walk(site)) {
			for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
				String rel = site.relativize(f).toString();
				if (rel.equals("db.xml.gz")) continue;
				String installed = rel.replaceFirst("-\\d{14}$", "");
				Path target = app.resolve(installed);
				Files.createDirectories(target.getParent());
				Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

	static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> s = Files.walk(from)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				Path t = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) Files.createDirectories(t);
				else Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

	// ---- driving a running GUI (added for FijiRecorderIT) ----

	/** The file {@link #step} runs, in the app folder. */
	Path stepMacro() {
		return app.resolve("harness-step.ijm");
	}

	/**
	 * Installs a startup macro "Harness Step [F7]" that runs {@link #stepMacro()}: the way to run a macro
	 * in a GUI that is already up (no other macro running), as a user presses a shortcut. Call before
	 * {@link #gui}.
	 */
	void installStepShortcut() throws IOException {
		Files.createDirectories(app.resolve("macros"));
		Files.writeString(app.resolve("macros").resolve("StartupMacros.ijm"),
			"macro \"Harness Step [F7]\" { runMacro(getDirectory(\"imagej\") + \"harness-step.ijm\"); }\n");
	}

	/** Runs {@code macroText} in the running GUI: writes it to {@link #stepMacro()}, clicks the ImageJ window, presses F7. */
	void step(String macroText) throws IOException {
		Files.writeString(stepMacro(), macroText);
		int[] g = windowGeometry("ImageJ");
		if (g == null) throw new IllegalStateException("no ImageJ window");
		xdotool("mousemove", "" + (g[0] + 100), "" + (g[1] + 60), "click", "1");
		sleep(500);
		xdotool("key", "F7");
	}

	/** x, y, width, height of the visible window titled exactly {@code title}; null when there is none. */
	int[] windowGeometry(String title) {
		String id = xdotool("search", "--onlyvisible", "--name", "^" + title.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0") + "$").trim();
		if (id.isEmpty() || !id.split("\n")[0].matches("\\d+")) return null;
		int[] g = new int[4];
		for (String line : xdotool("getwindowgeometry", "--shell", id.split("\n")[0]).split("\n")) {
			String[] kv = line.split("=", 2);
			if (kv.length < 2) continue;
			switch (kv[0]) {
				case "X": g[0] = Integer.parseInt(kv[1].trim()); break;
				case "Y": g[1] = Integer.parseInt(kv[1].trim()); break;
				case "WIDTH": g[2] = Integer.parseInt(kv[1].trim()); break;
				case "HEIGHT": g[3] = Integer.parseInt(kv[1].trim()); break;
				default:
			}
		}
		return g;
	}

	/** Waits up to {@code seconds} for a visible window titled {@code title}; its geometry, or null. */
	int[] awaitWindow(String title, long seconds) {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (System.nanoTime() < end) {
			int[] g = windowGeometry(title);
			if (g != null) return g;
			sleep(250);
		}
		return null;
	}

	/**
	 * Presses OK in an ImageJ2 input dialog (a SciJava command's dialog, OK and Cancel at its bottom
	 * right) by clicking it, as a user does (without a window manager the dialog has no focus for keys).
	 */
	void clickOk(int[] dialog) {
		xdotool("mousemove", "" + (dialog[0] + dialog[2] - 138), "" + (dialog[1] + dialog[3] - 25), "click", "1");
	}

	/** Runs xdotool on the display; its output ("" when it failed). */
	String xdotool(String... args) {
		if (display == null) throw new IllegalStateException("no display");
		try {
			List<String> cmd = new ArrayList<>();
			cmd.add("/usr/bin/xdotool");
			cmd.addAll(List.of(args));
			ProcessBuilder pb = new ProcessBuilder(cmd);
			pb.environment().put("DISPLAY", display);
			Process p = pb.redirectErrorStream(true).start();
			String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			p.waitFor(10, TimeUnit.SECONDS);
			return p.exitValue() == 0 ? text : "";
		} catch (IOException | InterruptedException | IllegalThreadStateException e) {
			return "";
		}
	}

	private static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
