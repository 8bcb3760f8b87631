package org.interphase.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.interphase.cli.OutputWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded macro replays unchanged: in the GUI of the real ImageJ2 + legacy runtime
 * ({@code ../shared/fiji}, under Xvfb; skipped with a message when either is missing) a user opens
 * Plugins › Macros › Record…, runs a command outside any macro so that its dialog opens, and presses
 * OK; the line the Recorder shows, replayed as it is in {@code --headless -batch} on the same input,
 * gives the same outputs as the GUI run.
 *
 * <p>How it is driven: the GUI macro opens the input, opens the Recorder and, as its last statement,
 * starts the command with {@code call("ij.IJ.doCommand", ...)} (its own thread; the macro has ended
 * when the dialog opens, so the dialog opens as from the menu; JavaScript {@code eval("js", ...)} is not
 * available in this runtime: "Could not find JavaScript engine"). OK is clicked with xdotool. Then a
 * startup-macro shortcut (F7) runs a second macro that saves the outputs with
 * {@code Outputs.save} and reads the Recorder text with {@code getInfo("window.contents")}. While a
 * macro runs, a command is not recorded with its options (seen: with the starting macro still
 * running, the command ran without a dialog and the Recorder got only {@code run("Optical Density");}),
 * hence the second macro only after the command has finished.
 *
 * <p>Observed in this runtime (ImageJ 1.54p, imagej-legacy 2.0.3):
 * <ul>
 * <li>{@value #OD_RECORDED}: every non-image input with its value, in field order, with our
 * lower_snake_case field names as keys; a decimal as Java prints a double ({@code 0.0},
 * {@code -10.0}); an empty text field as {@code key=} with nothing after it; an empty optional
 * {@code File} ({@code i0_file}) is left out;</li>
 * <li>{@value #XANES_RECORDED}: a boolean is recorded with its value, {@code flatten=false} (not
 * left out);</li>
 * <li>the image input ({@code stack}) is never recorded, neither with one image open nor with three
 * (Normalize XANES ran with the input stack, the Optical Density stack and its output open; the
 * input was the current image): the replay runs on the current image, as {@code run(...)} of an
 * ImageJ 1 command does. So a replay must open or select the input first, as here;</li>
 * <li>the replayed lines, unchanged, give the GUI run's outputs (pixels, calibration, labels, the
 * I0 table text).</li>
 * </ul>
 */
class FijiRecorderIT {

	/** The line recorded for Optical Density with the dialog's defaults (as observed). */
	static final String OD_RECORDED = "run(\"Optical Density\", \"i0_mode=auto i0_fraction=0.05 i0_region= dwell_ratio=0.0\");";
	/** The line recorded for Normalize XANES with the dialog's defaults, three images open (as observed). */
	static final String XANES_RECORDED = "run(\"Normalize XANES\", \"e0_method=derivative e0=0.0 e0_window=5.0 pre1=-10.0 pre2=-2.0 norm1=5.0 norm2=20.0 nnorm=1 flatten=false min_edge_jump=5.0\");";

	@TempDir
	static Path tmp;

	private static FijiRuntime fiji;

	@BeforeAll
	static void setUp() throws Exception {
		assumeTrue(FijiRuntime.available(), "skipped: the Fiji runtime " + FijiRuntime.SHARED_FIJI + " is absent");
		System.setProperty("java.awt.headless", "true");
		fiji = new FijiRuntime(tmp.resolve("runtime"));
		assumeTrue(fiji.startDisplay(), "skipped: no X server could start (install the Debian package xvfb)");
		assumeTrue(Files.isExecutable(Paths.get("/usr/bin/xdotool")), "skipped: xdotool is not installed");
		fiji.installStepShortcut();
	}

	@AfterAll
	static void tearDown() {
		if (fiji != null) fiji.close();
	}

	static String q(Object s) {
		return FijiRuntimeIT.q(s.toString());
	}

	@Test
	void aRecordedCommandReplaysHeadlessWithTheSameOutputs() throws Exception {
		Path od = Paths.get("test-images/spectral/fe-phantom-transmission.tif").toAbsolutePath();
		Path xanes = Paths.get("test-images/xanes/xanes-phantom-od.tif").toAbsolutePath();
		Path gui = Files.createDirectories(tmp.resolve("gui")), started = gui.resolve("started");
		Path rec1 = gui.resolve("recorded-1.txt"), rec2 = gui.resolve("recorded-2.txt"), step1 = gui.resolve("step1"), done = gui.resolve("done");
		Path macro = gui.resolve("start.ijm");
		Files.writeString(macro, "open(" + q(od) + ");\nrun(\"Record...\");\nFile.saveString(\"x\", " + q(started) + ");\n"
			+ "call(\"ij.IJ.doCommand\", \"Optical Density\");\n");
		List<String> problems = new ArrayList<>();
		FijiRuntime.Result r = fiji.gui(macro, "", started, 120, () -> {
			try {
				if (!runDialog("Optical Density", problems)) return;
				fiji.step("call(\"org.interphase.ij.Outputs.save\", \"od\", " + q(gui.resolve("od.tif")) + ");\n"
					+ "call(\"org.interphase.ij.Outputs.save\", \"i0\", " + q(gui.resolve("i0.csv")) + ");\n"
					+ "selectWindow(\"Recorder\");\nFile.saveString(getInfo(\"window.contents\"), " + q(rec1) + ");\n"
					+ "open(" + q(xanes) + ");\nFile.saveString(\"x\", " + q(step1) + ");\n"
					+ "call(\"ij.IJ.doCommand\", \"Normalize XANES\");\n");
				if (!await(step1, 30)) {
					problems.add("the F7 step macro did not run; windows " + fiji.windowTitles());
					return;
				}
				if (!runDialog("Normalize XANES", problems)) return;
				fiji.step("call(\"org.interphase.ij.Outputs.save\", \"normalized\", " + q(gui.resolve("normalized.tif")) + ");\n"
					+ "selectWindow(\"Recorder\");\nFile.saveString(getInfo(\"window.contents\"), " + q(rec2) + ");\n"
					+ "File.saveString(\"x\", " + q(done) + ");\n");
				if (!await(done, 30)) problems.add("the second F7 step did not finish; windows " + fiji.windowTitles());
			} catch (Exception e) {
				problems.add(e.toString());
			}
		}, () -> {
			problems.clear();
			for (Path marker : List.of(step1, done, rec1, rec2))
				OutputWriter.deleteTree(marker);
		});
		assertTrue(problems.isEmpty(), problems + "\n" + r);
		String recordedOd = lastLine(Files.readString(rec1), "run(\"Optical Density\"");
		String recordedXanes = lastLine(Files.readString(rec2), "run(\"Normalize XANES\"");
		System.out.println("recorded:\n" + recordedOd + "\n" + recordedXanes);
		assertEquals(OD_RECORDED, recordedOd, "the Recorder's text:\n" + Files.readString(rec1));
		assertEquals(XANES_RECORDED, recordedXanes, "the Recorder's text:\n" + Files.readString(rec2));

		// replay exactly the recorded lines headless, on the same inputs
		Path replay = Files.createDirectories(tmp.resolve("replay"));
		Files.writeString(replay.resolve("od.ijm"), "open(" + q(od) + ");\n" + recordedOd + "\n"
			+ "call(\"org.interphase.ij.Outputs.save\", \"od\", " + q(replay.resolve("od.tif")) + ");\n"
			+ "call(\"org.interphase.ij.Outputs.save\", \"i0\", " + q(replay.resolve("i0.csv")) + ");\n");
		FijiRuntime.Result h = fiji.headless(replay.resolve("od.ijm"), "", 120);
		assertEquals(0, h.status, h.toString());
		FijiRuntimeIT.assertSameImage(gui.resolve("od.tif"), replay.resolve("od.tif"), "Optical Density od, GUI vs replay");
		assertEquals(Files.readString(gui.resolve("i0.csv")), Files.readString(replay.resolve("i0.csv")), "Optical Density i0, GUI vs replay");

		Files.writeString(replay.resolve("xanes.ijm"), "open(" + q(od) + ");\nopen(" + q(xanes) + ");\n" + recordedXanes + "\n"
			+ "call(\"org.interphase.ij.Outputs.save\", \"normalized\", " + q(replay.resolve("normalized.tif")) + ");\n");
		h = fiji.headless(replay.resolve("xanes.ijm"), "", 120);
		assertEquals(0, h.status, h.toString());
		FijiRuntimeIT.assertSameImage(gui.resolve("normalized.tif"), replay.resolve("normalized.tif"), "Normalize XANES normalized, GUI vs replay");
	}

	/** Waits for the command's dialog, clicks OK, waits until the command has shown its outputs. */
	private static boolean runDialog(String command, List<String> problems) {
		int[] dialog = fiji.awaitWindow(command, 60);
		if (dialog == null) {
			problems.add("no dialog \"" + command + "\"; windows " + fiji.windowTitles());
			return false;
		}
		List<String> before = fiji.windowTitles();
		fiji.clickOk(dialog);
		long end = System.nanoTime() + 60_000_000_000L;
		while (System.nanoTime() < end) {
			List<String> now = fiji.windowTitles();
			if (now != null && !now.contains(command) && now.stream().anyMatch(t -> !before.contains(t))) {
				sleep(2000); // the remaining outputs, and the Recorder's line after the command
				return true;
			}
			sleep(250);
		}
		problems.add(command + ": no output window after OK; windows " + fiji.windowTitles());
		return false;
	}

	private static String lastLine(String text, String prefix) {
		String found = null;
		for (String line : text.split("\n"))
			if (line.startsWith(prefix)) found = line.trim();
		assertNotNull(found, "no line starting " + prefix + " in the Recorder:\n" + text);
		return found;
	}

	private static boolean await(Path file, int seconds) {
		for (int i = 0; i < seconds * 4 && !Files.exists(file); i++)
			sleep(250);
		return Files.exists(file);
	}

	private static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
