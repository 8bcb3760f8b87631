package org.interphase.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Images;
import org.interphase.ij.OutputFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;

import ij.IJ;
import ij.ImagePlus;

/**
 * The macro runner and the macros: every macros/*.ijm runs to completion through
 * {@code ./interphase macro} on test-images/ and writes its outputs; a run() through the macro bridge
 * gives what the CLI gives; the macro built-ins a batch needs work headless; and, statically, every
 * run("…") in macros/ and README.md names an existing command with existing keys only.
 */
class MacroTest {

	@TempDir
	Path tmp;

	final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

	int cli(String... args) {
		out.reset();
		err.reset();
		return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false).run(args);
	}

	static List<Path> macros() throws IOException {
		try (Stream<Path> s = Files.list(Paths.get("macros"))) {
			List<Path> l = new ArrayList<>();
			s.filter(p -> p.toString().endsWith(".ijm")).sorted().forEach(l::add);
			return l;
		}
	}

	/** macros/&lt;area&gt;_batch.ijm reads test-images/&lt;area&gt;/ (the convention in README, Batch macros). */
	static Path inputFolder(Path macro) {
		String name = macro.getFileName().toString().replaceFirst("\\.ijm$", "");
		String area = name.contains("_") ? name.substring(0, name.indexOf('_')) : name;
		Path dir = Paths.get("test-images", area);
		return Files.isDirectory(dir) ? dir : Paths.get("test-images");
	}

	@Test
	void everyMacroRunsToCompletionAndWritesItsOutputs() throws IOException {
		List<Path> macros = macros();
		assertFalse(macros.isEmpty(), "macros/ holds the batch macros");
		for (Path m : macros) {
			Path o = tmp.resolve(m.getFileName().toString() + "-out");
			int rc = cli("macro", m.toString(), "in=[" + inputFolder(m) + "] out=[" + o + "]");
			assertEquals(0, rc, m + " failed: " + err.toString(StandardCharsets.UTF_8));
			assertTrue(Files.isDirectory(o), m + " created its output folder");
			try (Stream<Path> s = Files.list(o)) {
				List<Path> written = new ArrayList<>();
				s.forEach(written::add);
				assertFalse(written.isEmpty(), m + " wrote outputs");
				for (Path w : written)
					assertTrue(Files.size(w) > 0, "non-empty output " + w);
			}
		}
	}

	@Test
	void spectralBatchGivesWhatTheCliGives() throws IOException {
		Path in = Paths.get("test-images", "spectral");
		Path o = tmp.resolve("macro");
		assertEquals(0, cli("macro", "macros/spectral_batch.ijm", "in=[" + in + "] out=[" + o + "] i0_fraction=0.1"), err.toString(StandardCharsets.UTF_8));
		Path c = tmp.resolve("cli");
		assertEquals(0, cli("run", "Optical Density", "stack=" + in.resolve("fe-phantom-transmission.tif"), "i0_mode=auto", "i0_fraction=0.1", "--out", c.toString()),
			err.toString(StandardCharsets.UTF_8));
		ImagePlus a = IJ.openImage(o.resolve("fe-phantom-transmission_od.tif").toString());
		ImagePlus b = IJ.openImage(c.resolve("od.tif").toString());
		assertEquals(b.getStackSize(), a.getStackSize());
		assertEquals(b.getStack().getSliceLabel(3), a.getStack().getSliceLabel(3), "energies kept in the labels");
		for (int z = 1; z <= a.getStackSize(); z++) {
			float[] pa = (float[]) a.getStack().getPixels(z), pb = (float[]) b.getStack().getPixels(z);
			for (int i = 0; i < pa.length; i++)
				assertEquals(pb[i], pa[i], 0f, "slice " + z + " pixel " + i);
		}
		List<String> i0 = Files.readAllLines(o.resolve("fe-phantom-transmission_i0.csv"));
		List<String> i0cli = Files.readAllLines(c.resolve("i0.csv"));
		assertEquals(i0cli.size(), i0.size(), "one row per energy plus the header");
		assertEquals(i0cli.get(0), i0.get(0));
		for (int r = 1; r < i0.size(); r++) {
			String[] x = i0.get(r).split(","), y = i0cli.get(r).split(",");
			for (int k = 0; k < x.length; k++)
				assertEquals(Double.parseDouble(y[k]), Double.parseDouble(x[k]), 1e-5 * Math.abs(Double.parseDouble(y[k])), "i0 row " + r);
		}
	}

	@Test
	void builtInsAndSelectionsWorkHeadless() throws IOException {
		double[] en = { 700, 705, 710 };
		SpectralStack s = SpectralStack.allocate(10, 8, en);
		for (int e = 0; e < en.length; e++)
			for (int p = 0; p < 80; p++)
				s.slice(e)[p] = (p % 10 < 3 && p / 10 < 2) ? 1000f : (float) (1000 * Math.exp(-0.5 * (e + 1)));
		Path data = tmp.resolve("data dir");
		Files.createDirectories(data);
		OutputFiles.saveFloatTiff(Images.toImagePlus(s, "stack", null), data.resolve("a.tif"));
		Path o = tmp.resolve("o");
		Path macro = tmp.resolve("t.ijm");
		Files.writeString(macro, String.join("\n",
			"arg = getArgument();",
			"in = call(\"ij.Macro.getValue\", arg, \"in\", \"\");",
			"out = call(\"ij.Macro.getValue\", arg, \"out\", \"\");",
			"File.makeDirectory(out);",
			"list = getFileList(in);",
			"if (list.length != 1) exit(\"getFileList\");",
			"open(in + File.separator + list[0]);",
			"id = getImageID();",
			"makeRectangle(0, 0, 3, 2);",
			"run(\"Optical Density\", \"i0_mode=roi\");",
			"od = getTitle();",
			"saveAs(\"Tiff\", out + File.separator + \"od.tif\");",
			"saveAs(\"Results\", out + File.separator + \"i0.csv\");",
			"selectImage(id);",
			"if (getTitle() != \"a.tif\") exit(\"selectImage\");",
			"close();",
			"File.saveString(\"ok \" + nImages, out + File.separator + \"log.txt\");",
			""));
		assertEquals(0, cli("macro", macro.toString(), "in=[" + data + "] out=[" + o + "]"), err.toString(StandardCharsets.UTF_8));
		assertEquals("ok 1", Files.readString(o.resolve("log.txt")), "one image (the OD) still open after close()");
		ImagePlus od = IJ.openImage(o.resolve("od.tif").toString());
		// I0 = the 3×2 rectangle (intensity 1000): OD there is 0, elsewhere 0.5·(e+1)
		assertEquals(0, od.getStack().getProcessor(2).getf(1, 1), 1e-6);
		assertEquals(1.0, od.getStack().getProcessor(2).getf(5, 5), 1e-5);
		assertEquals(4, Files.readAllLines(o.resolve("i0.csv")).size(), "header plus three energies");
	}

	@Test
	void badInputInAMacroIsOneLineNamingTheField() throws IOException {
		Path macro = tmp.resolve("bad.ijm");
		Files.writeString(macro, "run(\"Optical Density\", \"stack=[not open] i0_mode=auto\");\nprint(\"unreachable\");\n");
		assertEquals(2, cli("macro", macro.toString()));
		String e = err.toString(StandardCharsets.UTF_8).trim();
		assertEquals(1, e.lines().count(), e);
		assertTrue(e.contains("stack") && e.contains("not open"), e);
		Files.writeString(macro, "run(\"Duplicate...\", \"title=x\");\n");
		assertEquals(2, cli("macro", macro.toString()));
		assertTrue(err.toString(StandardCharsets.UTF_8).contains("Duplicate..."));
		assertEquals(2, cli("macro", tmp.resolve("missing.ijm").toString()));
	}

	// ---- static check of run("…") calls ----

	/** One run(name, options) call: options with non-literal parts replaced by X. */
	static final class RunCall {
		final String where, name, options;

		RunCall(String where, String name, String options) {
			this.where = where;
			this.name = name;
			this.options = options;
		}
	}

	/** Every run("literal", …) call in {@code text}. */
	static List<RunCall> runCalls(String where, String text) {
		List<RunCall> calls = new ArrayList<>();
		int i = 0;
		while ((i = text.indexOf("run(\"", i)) >= 0) {
			if (i > 0 && (Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '.')) {
				i += 4;
				continue;
			}
			int start = i + 4;
			// argument list up to the matching ')', strings respected
			int depth = 1, j = start;
			boolean inString = false;
			for (; j < text.length() && depth > 0; j++) {
				char ch = text.charAt(j);
				if (inString) {
					if (ch == '\\') j++;
					else if (ch == '"') inString = false;
				} else if (ch == '"') inString = true;
				else if (ch == '(') depth++;
				else if (ch == ')') depth--;
			}
			String argList = text.substring(start, j - 1);
			List<String> args = splitTopLevel(argList, ',');
			String name = literal(args.get(0).trim());
			String options = "";
			if (args.size() > 1) {
				StringBuilder sb = new StringBuilder();
				for (String operand : splitTopLevel(args.get(1), '+')) {
					String lit = literal(operand.trim());
					sb.append(lit != null ? lit : "X");
				}
				options = sb.toString();
			}
			int line = text.substring(0, i).split("\n", -1).length;
			if (name != null) calls.add(new RunCall(where + ":" + line, name, options));
			i = j;
		}
		return calls;
	}

	static String literal(String s) {
		if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") && s.indexOf('"', 1) == s.length() - 1) return s.substring(1, s.length() - 1);
		return null;
	}

	static List<String> splitTopLevel(String s, char sep) {
		List<String> parts = new ArrayList<>();
		int depth = 0, from = 0;
		boolean inString = false;
		for (int k = 0; k < s.length(); k++) {
			char ch = s.charAt(k);
			if (inString) {
				if (ch == '\\') k++;
				else if (ch == '"') inString = false;
			} else if (ch == '"') inString = true;
			else if (ch == '(' || ch == '[') depth++;
			else if (ch == ')' || ch == ']') depth--;
			else if (ch == sep && depth == 0) {
				parts.add(s.substring(from, k));
				from = k + 1;
			}
		}
		parts.add(s.substring(from));
		return parts;
	}

	/** The keys of a macro options string (key=value, key=[value with spaces], bare key). */
	static List<String> keys(String options) {
		List<String> keys = new ArrayList<>();
		int k = 0, n = options.length();
		while (k < n) {
			while (k < n && Character.isWhitespace(options.charAt(k)))
				k++;
			int s = k;
			while (k < n && !Character.isWhitespace(options.charAt(k)) && options.charAt(k) != '=')
				k++;
			String key = options.substring(s, k);
			if (k < n && options.charAt(k) == '=') {
				k++;
				if (k < n && options.charAt(k) == '[') {
					int close = options.indexOf(']', k);
					k = close < 0 ? n : close + 1;
				}
				while (k < n && !Character.isWhitespace(options.charAt(k)))
					k++;
			}
			if (!key.isEmpty()) keys.add(key);
		}
		return keys;
	}

	@Test
	void keyParserReadsMacroOptions() {
		assertEquals(List.of("stack", "i0_mode", "flag", "i0_fraction"), keys("stack=[a b.tif] i0_mode=auto flag i0_fraction=X"));
		List<RunCall> calls = runCalls("t", "run(\"Optical Density\", \"stack=[\" + getTitle() + \"] i0_mode=auto\");\nx = myrun(\"No\");");
		assertEquals(1, calls.size());
		assertEquals("stack=[X] i0_mode=auto", calls.get(0).options);
	}

	@Test
	void everyRunCallNamesAnExistingCommandWithExistingKeys() throws IOException {
		Map<String, Set<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		try (Context context = Main.newContext()) {
			for (CommandInfo info : new CommandCatalog(context).commands()) {
				Set<String> names = new HashSet<>();
				for (ModuleItem<?> item : CommandCatalog.userInputs(info))
					names.add(item.getName());
				fields.put(CommandCatalog.leafName(info), names);
			}
		}
		Set<String> imagej = MacroRunner.imagejCommands();
		List<RunCall> calls = new ArrayList<>();
		for (Path m : macros())
			calls.addAll(runCalls(m.toString(), Files.readString(m)));
		calls.addAll(runCalls("README.md", Files.readString(Paths.get("README.md"))));
		List<String> problems = new ArrayList<>();
		int checked = 0;
		for (RunCall c : calls) {
			if (c.name.contains("<")) continue; // a placeholder in prose, e.g. run("<menu leaf>", …)
			Set<String> valid = fields.get(c.name);
			if (valid == null) {
				if (!imagej.contains(c.name)) problems.add(c.where + ": no command \"" + c.name + "\"");
				continue;
			}
			for (String key : keys(c.options)) {
				if (key.equals("X")) continue; // options from a variable: cannot be checked
				if (!valid.contains(key)) problems.add(c.where + ": " + c.name + " has no field \"" + key + "\" (fields: " + valid + ")");
			}
			checked++;
		}
		assertTrue(problems.isEmpty(), String.join("\n", problems));
		assertTrue(checked >= 2, "the macros and README call Interphase commands (" + checked + " checked)");
	}
}
