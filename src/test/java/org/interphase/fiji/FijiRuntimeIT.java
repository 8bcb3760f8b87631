package org.interphase.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.interphase.cli.CommandCatalog;
import org.interphase.cli.CommandRunner;
import org.interphase.cli.Main;
import org.interphase.cli.OutputWriter;
import org.interphase.command.SmokeCases;
import org.interphase.core.InvalidInputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.ResultsTable;

/**
 * Every command as a Fiji user meets it, in the real ImageJ2 + legacy runtime of {@code ../shared/fiji}
 * (skipped with a message when it is absent; GUI tests skipped when no X server can start): a macro
 * call of each command with the smoke-test keys and with only its required keys, headless and in the
 * GUI, must give the CLI's outputs (same pixels, calibration and labels; same table text; same
 * scalars), make each output image a macro image exactly once and leave the first one current, open no
 * dialog, and a bad call must stop the macro with the command's one-line message.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FijiRuntimeIT {

	@TempDir
	static Path tmp;

	private static FijiRuntime fiji;
	private static Context context;
	private static List<Case> cases;

	/** One macro call and what the CLI made of it. */
	static final class Case {
		final String id, leaf;
		final CommandInfo info;
		final Map<String, String> args;
		final Map<String, Object> outputs; // null when the CLI refused the input
		final String error;
		final Path cliDir;

		Case(String id, CommandInfo info, Map<String, String> args, Map<String, Object> outputs, String error, Path cliDir) {
			this.id = id;
			this.leaf = CommandCatalog.leafName(info);
			this.info = info;
			this.args = args;
			this.outputs = outputs;
			this.error = error;
			this.cliDir = cliDir;
		}
	}

	@BeforeAll
	static void setUp() throws IOException {
		assumeTrue(FijiRuntime.available(), "skipped: the Fiji runtime " + FijiRuntime.SHARED_FIJI + " is absent");
		System.setProperty("java.awt.headless", "true");
		fiji = new FijiRuntime(tmp.resolve("runtime"));
		context = Main.newContext();
		CommandCatalog catalog = new CommandCatalog(context);
		cases = new ArrayList<>();
		Map<String, Map<String, String>> smoke = SmokeCases.all(Files.createDirectories(tmp.resolve("inputs")));
		for (Map.Entry<String, Map<String, String>> e : smoke.entrySet()) {
			CommandInfo info = catalog.find(SmokeCases.command(e.getKey()));
			cases.add(cliCase("smoke-" + cases.size(), info, e.getValue()));
			if (!SmokeCases.command(e.getKey()).equals(e.getKey())) continue; // a further case: its required-only run is the first case's
			Map<String, String> required = requiredOnly(info, e.getValue());
			if (!required.equals(e.getValue())) cases.add(cliCase("required-" + cases.size(), info, required));
		}
	}

	@AfterAll
	static void tearDown() {
		if (fiji != null) fiji.close();
		if (context != null) context.dispose();
	}

	/** The keys a user cannot leave out: images and files, and inputs without a default. */
	static Map<String, String> requiredOnly(CommandInfo info, Map<String, String> args) {
		Map<String, Object> defaults = CommandRunner.defaults(context, info);
		Map<String, String> req = new LinkedHashMap<>();
		for (ModuleItem<?> item : CommandCatalog.userInputs(info)) {
			String name = item.getName();
			Object d = defaults.get(name);
			boolean noDefault = d == null || "".equals(d);
			if (args.containsKey(name) && (isImage(item) || item.getType() == File.class || noDefault && item.isRequired())) req.put(name, args.get(name));
		}
		return req;
	}

	static boolean isImage(ModuleItem<?> item) {
		return item.getType() == ImagePlus.class;
	}

	static Case cliCase(String id, CommandInfo info, Map<String, String> args) throws IOException {
		Path dir = tmp.resolve("cli").resolve(id);
		try {
			CommandRunner.Run r = new CommandRunner(context).run(info, args);
			OutputWriter.write(r, dir, false, "test");
			return new Case(id, info, args, r.outputs, null, dir);
		} catch (InvalidInputException e) {
			return new Case(id, info, args, null, e.getMessage(), dir);
		}
	}

	// ---- macros ----

	static String q(String s) {
		return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	/** Opens a case's images and runs it; afterwards {@code delta} and {@code title} describe the outputs. */
	static String callCase(Case c) {
		StringBuilder m = new StringBuilder("close(\"*\");\n");
		StringBuilder opts = new StringBuilder();
		for (ModuleItem<?> item : CommandCatalog.userInputs(c.info)) {
			String v = c.args.get(item.getName());
			if (v == null) continue;
			if (isImage(item)) {
				m.append("open(").append(q(v)).append(");\n").append("title_").append(item.getName()).append(" = getTitle();\n");
				opts.append(' ').append(item.getName()).append("=[\" + title_").append(item.getName()).append(" + \"]");
			} else {
				opts.append(' ').append(item.getName()).append("=[").append(v.replace("\"", "\\\"")).append(']');
			}
		}
		m.append("before = nImages;\n");
		m.append("run(").append(q(c.leaf)).append(", \"").append(opts.toString().trim()).append("\");\n");
		return m.toString();
	}

	/** The macro that runs every case the CLI accepted and saves each output by name. */
	static Path successMacro(Path outRoot, Path log, boolean batch) throws IOException {
		StringBuilder m = new StringBuilder();
		if (batch) m.append("setBatchMode(true);\n");
		for (Case c : cases) {
			if (c.outputs == null) continue;
			Path dir = outRoot.resolve(c.id);
			Files.createDirectories(dir);
			m.append(callCase(c));
			m.append("File.append(").append(q(c.id + "|")).append(" + (nImages - before) + \"|\" + getTitle(), ").append(q(log.toString())).append(");\n");
			for (Map.Entry<String, Object> o : c.outputs.entrySet()) {
				Object v = o.getValue();
				String name = o.getKey();
				if (v == null) continue;
				String file = v instanceof ImagePlus ? name + ".tif" : v instanceof ResultsTable || v instanceof Plot ? name + ".csv" : null;
				if (file != null) {
					m.append("r = call(\"org.interphase.ij.Outputs.save\", ").append(q(name)).append(", ").append(q(dir.resolve(file).toString())).append(");\n");
				} else {
					m.append("File.append(").append(q(c.id + "|scalar|" + name + "|")).append(" + call(\"org.interphase.ij.Outputs.get\", ").append(q(name))
						.append("), ").append(q(log.toString())).append(");\n");
				}
			}
		}
		m.append("File.saveString(\"done\", ").append(q(outRoot.resolve("done").toString())).append(");\n");
		Path macro = outRoot.resolve("commands.ijm");
		Files.writeString(macro, m.toString());
		return macro;
	}

	// ---- checks ----

	/** Every output of every accepted case equals the CLI's, and the macro saw each image once, the first current. */
	static void assertSameAsCli(Path outRoot, Path log, String mode) throws IOException {
		assertTrue(Files.exists(log), mode + ": the macro wrote no log");
		Map<String, String> seen = new LinkedHashMap<>();
		Map<String, String> scalars = new LinkedHashMap<>();
		for (String line : Files.readAllLines(log)) {
			String[] p = line.split("\\|", -1);
			if (p.length == 4 && p[1].equals("scalar")) scalars.put(p[0] + "|" + p[2], p[3]);
			else if (p.length == 3) seen.put(p[0], p[1] + "|" + p[2]);
		}
		for (Case c : cases) {
			if (c.outputs == null) continue;
			String what = mode + " " + c.id + " " + c.leaf + " " + c.args.keySet();
			assertNotNull(seen.get(c.id), what + ": did not run");
			int images = 0;
			String firstTitle = null;
			for (Object v : c.outputs.values()) {
				if (v instanceof ImagePlus || v instanceof Plot) images++;
				if (v instanceof ImagePlus && firstTitle == null) firstTitle = ((ImagePlus) v).getTitle();
			}
			String[] s = seen.get(c.id).split("\\|", 2);
			assertEquals(images, Integer.parseInt(s[0]), what + ": new macro images (each output image and plot exactly once)");
			if (firstTitle != null) assertEquals(firstTitle, s[1], what + ": the first output image is the current image");
			for (Map.Entry<String, Object> o : c.outputs.entrySet()) {
				Object v = o.getValue();
				String name = o.getKey();
				if (v == null) continue;
				Path dir = outRoot.resolve(c.id);
				if (v instanceof ImagePlus) assertSameImage(c.cliDir.resolve(name + ".tif"), dir.resolve(name + ".tif"), what + " " + name);
				else if (v instanceof ResultsTable || v instanceof Plot)
					assertEquals(Files.readString(c.cliDir.resolve(name + ".csv")), Files.readString(dir.resolve(name + ".csv")), what + " " + name);
				else if (v instanceof Number)
					assertEquals(((Number) v).doubleValue(), Double.parseDouble(scalars.get(c.id + "|" + name)), 0, what + " " + name);
				else assertEquals(v.toString(), scalars.get(c.id + "|" + name), what + " " + name);
			}
		}
	}

	static void assertSameImage(Path expected, Path actual, String what) {
		assertTrue(Files.exists(actual), what + ": not saved");
		ImagePlus a = IJ.openImage(expected.toString()), b = IJ.openImage(actual.toString());
		assertEquals(a.getWidth() + "×" + a.getHeight() + "×" + a.getStackSize() + " " + a.getBitDepth() + "-bit",
			b.getWidth() + "×" + b.getHeight() + "×" + b.getStackSize() + " " + b.getBitDepth() + "-bit", what);
		assertEquals(a.getCalibration().pixelWidth, b.getCalibration().pixelWidth, 0, what + ": pixel width");
		assertEquals(a.getCalibration().getUnit(), b.getCalibration().getUnit(), what + ": unit");
		for (int i = 1; i <= a.getStackSize(); i++) {
			assertEquals(a.getStack().getSliceLabel(i), b.getStack().getSliceLabel(i), what + ": label of slice " + i);
			Object pa = a.getStack().getPixels(i), pb = b.getStack().getPixels(i);
			if (pa instanceof float[]) {
				float[] fa = (float[]) pa, fb = (float[]) pb;
				for (int k = 0; k < fa.length; k++)
					if (Float.floatToIntBits(fa[k]) != Float.floatToIntBits(fb[k]))
						throw new AssertionError(what + ": slice " + i + " pixel " + k + ": " + fa[k] + " vs " + fb[k]);
			} else if (pa instanceof int[]) {
				assertTrue(java.util.Arrays.equals((int[]) pa, (int[]) pb), what + ": slice " + i);
			}
		}
	}

	// ---- tests ----

	@Test
	@Order(1)
	void everyCommandHeadlessGivesTheCliOutputs() throws Exception {
		Path out = Files.createDirectories(tmp.resolve("headless")), log = out.resolve("log.txt");
		FijiRuntime.Result r = fiji.headless(successMacro(out, log, false), "", 300, () -> OutputWriter.deleteTree(log));
		assertEquals(0, r.status, r.toString());
		assertFalse(r.err.contains("Ignoring unsupported output"), r.toString());
		assertFalse(r.err.contains("Exception"), r.toString());
		assertTrue(Files.exists(out.resolve("done")), "the macro did not finish: " + r);
		assertSameAsCli(out, log, "headless");
	}

	@Test
	@Order(2)
	void everyCommandInTheGuiGivesTheCliOutputsWithoutADialog() throws Exception {
		assumeTrue(fiji.startDisplay(), "skipped: no X server could start (install the Debian package xvfb)");
		Path out = Files.createDirectories(tmp.resolve("gui")), log = out.resolve("log.txt");
		List<List<String>> windows = new ArrayList<>();
		FijiRuntime.Result r = fiji.gui(successMacro(out, log, false), "", out.resolve("done"), 240, () -> windows.add(fiji.windowTitles()), () -> {
			windows.clear();
			OutputWriter.deleteTree(log);
		});
		assertTrue(Files.exists(out.resolve("done")), "the GUI macro did not finish (a dialog waiting?): windows " + windows + "\n" + r);
		assertSameAsCli(out, log, "GUI");
		List<String> titles = windows.get(0);
		if (titles != null) {
			assertFalse(titles.contains("ImageJ2"), "a dialog is open: " + titles);
			assertFalse(titles.stream().anyMatch(t -> t.contains("Exception")), "an exception window: " + titles);
			for (Case c : cases)
				for (ModuleItem<?> item : CommandCatalog.outputs(c.info)) {
					Object v = c.outputs == null ? null : c.outputs.get(item.getName());
					if (v instanceof Number || v instanceof Boolean || v instanceof String)
						assertFalse(titles.contains(item.getLabel()) || titles.contains(item.getName()), "a stray window for the scalar " + item.getName() + ": " + titles);
				}
			assertFalse(titles.contains("Console"), "something was printed to the console: " + titles + "\n" + r);
		}
	}

	@Test
	@Order(3)
	void everyCommandInGuiBatchModeGivesTheCliOutputs() throws Exception {
		assumeTrue(fiji.startDisplay(), "skipped: no X server could start (install the Debian package xvfb)");
		Path out = Files.createDirectories(tmp.resolve("gui-batch")), log = out.resolve("log.txt");
		FijiRuntime.Result r = fiji.gui(successMacro(out, log, true), "", out.resolve("done"), 240, null, () -> OutputWriter.deleteTree(log));
		assertTrue(Files.exists(out.resolve("done")), "the GUI batch macro did not finish: " + r);
		assertSameAsCli(out, log, "GUI batch mode");
	}

	@Test
	@Order(4)
	void badInputStopsAHeadlessMacroWithTheCommandsLine() throws Exception {
		List<Case> bad = new ArrayList<>();
		for (Case c : cases)
			if (c.error != null) bad.add(c);
		CommandInfo od = new CommandCatalog(context).find("Optical Density");
		Map<String, String> odArgs = new LinkedHashMap<>(SmokeCases.all(tmp.resolve("inputs")).get("Optical Density"));
		odArgs.put("i0_fraction", "7");
		bad.add(cliCase("bad-od", od, odArgs));
		for (Case c : bad) {
			assertNotNull(c.error, c.id + ": the CLI accepted " + c.args);
			Path dir = Files.createDirectories(tmp.resolve("bad").resolve(c.id)), marker = dir.resolve("reached");
			Path macro = dir.resolve("bad.ijm");
			Files.writeString(macro, callCase(c) + "File.saveString(\"x\", " + q(marker.toString()) + ");\n");
			FijiRuntime.Result r = fiji.headless(macro, "", 120, () -> OutputWriter.deleteTree(marker));
			String what = c.id + " " + c.leaf + " " + c.args.keySet() + ": " + r;
			assertEquals(2, r.status, what);
			assertFalse(Files.exists(marker), "the macro went on after the error: " + what);
			String first = r.err.lines().filter(l -> l.startsWith("Macro Error: ")).findFirst().orElse("");
			assertTrue(first.startsWith("Macro Error: " + c.leaf + ": "), what);
			assertEquals(c.error.startsWith(c.leaf + ": ") ? c.error : c.leaf + ": " + c.error,
				first.substring("Macro Error: ".length()).replaceFirst(" in line \\d+$", ""), what);
			assertFalse(r.err.contains("Exception"), what);
		}
	}

	@Test
	@Order(5)
	void badInputInTheGuiShowsOnePlainDialogAndStopsTheMacro() throws Exception {
		assumeTrue(fiji.startDisplay(), "skipped: no X server could start (install the Debian package xvfb)");
		Path dir = Files.createDirectories(tmp.resolve("gui-bad")), started = dir.resolve("started"), marker = dir.resolve("reached");
		String stack = SmokeCases.all(tmp.resolve("inputs")).get("Optical Density").get("stack");
		Files.writeString(dir.resolve("bad.ijm"), "open(" + q(stack) + ");\nFile.saveString(\"x\", " + q(started.toString()) + ");\n"
			+ "run(\"Optical Density\", \"i0_mode=bogus\");\nFile.saveString(\"x\", " + q(marker.toString()) + ");\n");
		List<List<String>> windows = new ArrayList<>();
		fiji.gui(dir.resolve("bad.ijm"), "", started, 120, () -> {
			for (int i = 0; i < 50 && !Files.exists(marker); i++) {
				List<String> t = fiji.windowTitles();
				if (t != null && t.contains("ImageJ2")) break;
				try {
					Thread.sleep(200);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}
			windows.add(fiji.windowTitles());
		}, () -> {
			windows.clear();
			OutputWriter.deleteTree(marker);
			OutputWriter.deleteTree(started);
		});
		assertFalse(Files.exists(marker), "the macro went on after the error");
		List<String> titles = windows.get(0);
		if (titles != null) {
			assertTrue(titles.contains("ImageJ2"), "no error dialog: " + titles);
			assertFalse(titles.stream().anyMatch(t -> t.contains("Exception")), "an exception window: " + titles);
		}
	}

	// ---- batch macros ----

	private static final java.util.regex.Pattern EXAMPLE = java.util.regex.Pattern.compile("\\./interphase macro (macros/\\S+\\.ijm) \"(.*)\"");

	/** The macro's documented example argument with its folders made absolute: in=test-images/…, out=DIR. */
	static String exampleArgument(Path macro, Path out) throws IOException {
		for (String line : Files.readAllLines(macro)) {
			java.util.regex.Matcher m = EXAMPLE.matcher(line);
			if (!m.find()) continue;
			String arg = m.group(2);
			String in = ij.Macro.getValue(arg, "in", null);
			assertNotNull(in, macro + ": the example has no in=[...]");
			String rest = arg.replaceAll("(^|\\s)(in|out)=(\\[[^\\]]*\\]|\\S+)", " ").trim();
			return "in=[" + Path.of(in).toAbsolutePath() + "] out=[" + out + "]" + (rest.isEmpty() ? "" : " " + rest);
		}
		throw new AssertionError(macro + ": no \"./interphase macro " + macro.getFileName() + " \\\"in=[...] out=[...]\\\"\" example in its header");
	}

	static List<Path> batchMacros() throws IOException {
		try (java.util.stream.Stream<Path> s = Files.list(Path.of("macros"))) {
			return s.filter(p -> p.toString().endsWith(".ijm")).sorted().collect(java.util.stream.Collectors.toList());
		}
	}

	/** Same files, same bytes (PNG plots: same size in pixels, the renderings may differ between JVMs' fonts). */
	static void assertSameFolder(Path expected, Path actual, String what) throws IOException {
		List<String> a = listFiles(expected), b = listFiles(actual);
		assertFalse(a.isEmpty(), what + ": our runner wrote nothing");
		assertEquals(a, b, what + ": files");
		for (String f : a) {
			Path x = expected.resolve(f), y = actual.resolve(f);
			if (f.endsWith(".png")) {
				ImagePlus px = IJ.openImage(x.toString()), py = IJ.openImage(y.toString());
				assertEquals(px.getWidth() + "×" + px.getHeight(), py.getWidth() + "×" + py.getHeight(), what + " " + f);
			} else if (!java.util.Arrays.equals(Files.readAllBytes(x), Files.readAllBytes(y))) {
				if (f.endsWith(".tif") || f.endsWith(".tiff")) assertSameImage(x, y, what + " " + f); // names the first difference
				else assertEquals(Files.readString(x), Files.readString(y), what + " " + f);
				throw new AssertionError(what + " " + f + ": same pixels and labels, different bytes");
			}
		}
	}

	static List<String> listFiles(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) return List.of();
		try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
			return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().collect(java.util.stream.Collectors.toList());
		}
	}

	@Test
	@Order(6)
	void everyBatchMacroWritesInFijiWhatOurRunnerWrites() throws Exception {
		boolean gui = fiji.startDisplay();
		StringBuilder master = new StringBuilder();
		Path guiDone = tmp.resolve("batch-gui-done");
		for (Path macro : batchMacros()) {
			String name = macro.getFileName().toString().replace(".ijm", "");
			Path ours = tmp.resolve("batch-runner").resolve(name), headless = tmp.resolve("batch-headless").resolve(name);
			Files.createDirectories(ours.getParent());
			Files.createDirectories(headless.getParent());
			Files.createDirectories(tmp.resolve("batch-gui"));
			org.interphase.cli.macro.MacroRunner.run(macro, exampleArgument(macro, ours));
			FijiRuntime.Result r = fiji.headless(macro.toAbsolutePath(), exampleArgument(macro, headless), 300, () -> OutputWriter.deleteTree(headless));
			assertEquals(0, r.status, name + " --headless -batch: " + r);
			assertFalse(r.err.contains("Exception") || r.err.contains("Macro Error"), name + ": " + r);
			assertSameFolder(ours, headless, name + " (--headless -batch vs ./interphase macro)");
			master.append("runMacro(").append(q(macro.toAbsolutePath().toString())).append(", ")
				.append(q(exampleArgument(macro, tmp.resolve("batch-gui").resolve(name)))).append(");\n");
		}
		if (!gui) return; // GUI half skipped: no X server
		master.append("File.saveString(\"done\", ").append(q(guiDone.toString())).append(");\n");
		Path m = tmp.resolve("batch-gui.ijm");
		Files.writeString(m, master.toString());
		FijiRuntime.Result r = fiji.gui(m, "", guiDone, 300, null, () -> {
			OutputWriter.deleteTree(tmp.resolve("batch-gui"));
			tmp.resolve("batch-gui").toFile().mkdirs(); // the macros create their folders in it
		});
		assertTrue(Files.exists(guiDone), "the batch macros did not finish in the GUI: " + r);
		for (Path macro : batchMacros()) {
			String name = macro.getFileName().toString().replace(".ijm", "");
			assertSameFolder(tmp.resolve("batch-runner").resolve(name), tmp.resolve("batch-gui").resolve(name), name + " (GUI vs ./interphase macro)");
		}
	}

	@Test
	@Order(7)
	void spectralBatchHeadlessWritesTheOpticalDensityOfTheCli() throws Exception {
		Path out = tmp.resolve("spectral-batch");
		Path macro = Path.of("macros", "spectral_batch.ijm").toAbsolutePath();
		FijiRuntime.Result r = fiji.headless(macro, "in=[" + Path.of("test-images", "spectral").toAbsolutePath() + "] out=[" + out + "]", 300);
		assertEquals(0, r.status, r.toString());
		Path stack = Path.of("test-images", "spectral", "fe-phantom-transmission.tif");
		Case c = cliCase("spectral-batch-cli", new CommandCatalog(context).find("Optical Density"),
			new LinkedHashMap<>(Map.of("stack", stack.toAbsolutePath().toString(), "i0_mode", "auto", "i0_fraction", "0.05")));
		assertNotNull(c.outputs, c.error);
		assertSameImage(c.cliDir.resolve("od.tif"), out.resolve("fe-phantom-transmission_od.tif"), "spectral_batch _od.tif vs ./interphase run");
		assertEquals(Files.readString(c.cliDir.resolve("i0.csv")), Files.readString(out.resolve("fe-phantom-transmission_i0.csv")), "_i0.csv");
	}

	@Test
	@Order(8)
	void aBatchMacroWithoutInputStopsWithStatus2() throws Exception {
		Path macro = Path.of("macros", "spectral_batch.ijm").toAbsolutePath();
		FijiRuntime.Result r = fiji.headless(macro, "in=[" + tmp.resolve("no-such-folder") + "] out=[" + tmp.resolve("nothing") + "]", 120);
		assertEquals(2, r.status, r.toString());
		assertTrue(r.err.contains("Macro Error: "), r.toString());
		assertFalse(Files.exists(tmp.resolve("nothing")) && !listFiles(tmp.resolve("nothing")).isEmpty(), "files written: " + r);
	}
}
