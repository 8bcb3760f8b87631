package org.interphase.cli;

import org.interphase.cli.bench.Bench;
import org.interphase.cli.demo.Demo;
import org.interphase.cli.macro.MacroRunner;
import org.interphase.cli.volume.VolumeCli;
import org.interphase.cli.site.UpdateSiteBuilder;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.interphase.core.InvalidInputException;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.event.EventService;

/**
 * The headless command line: {@code list}, {@code run}, {@code demo}, {@code bench}.
 * Exit status 0 on success, 2 on bad input (one line on stderr naming the field or file),
 * 1 on an internal error.
 */
public final class Main {

	static final String USAGE = String.join("\n",
		"usage: interphase <command> [options]",
		"  list [--json]                                   commands, their fields, types, defaults",
		"  help \"<Command Name>\"                           one command in full: fields, units, ranges, an example run and macro line",
		"  run \"<Command Name>\" key=value ... --out DIR    run one command headlessly [--overwrite] [--debug]",
		"  demo [--out DIR] [--overwrite]                  every workflow on test-images/, with an index.html",
		"  bench [--quick] [--only TEXT] [--export DIR]    standard workloads (or those whose name contains TEXT), timings table",
		"  bench --compare [--quick] [--only TEXT]         the workloads NumPy/SciPy/scikit-learn compute too, timed side by side in rounds (bench/peers.py)",
		"  " + String.format("%-48s", "volume \"<Command>\" volume=PATH ... --out DIR") + "a command over a 3D spectral volume, slab by slab (docs/volumes.md)",
		"  macro FILE.ijm [argument]                       run an ImageJ macro headlessly (run(\"<Command Name>\", ...) reaches our commands)",
		"  update-site --out DIR [--previous DIR]          build the Fiji update site (db.xml.gz and jars/) from target/");

	private final PrintStream out;
	private final PrintStream err;
	private final boolean terminal;

	public Main(PrintStream out, PrintStream err, boolean terminal) {
		this.out = out;
		this.err = err;
		this.terminal = terminal;
	}

	public static void main(String[] args) {
		System.setProperty("java.awt.headless", "true");
		int status = new Main(System.out, System.err, System.console() != null).run(args);
		System.out.flush();
		System.exit(status);
	}

	/** Runs the CLI in-process (tests call this) and returns the exit status. */
	public int run(String[] argv) {
		System.setProperty("java.awt.headless", "true");
		List<String> args = new ArrayList<>(List.of(argv));
		boolean debug = args.remove("--debug");
		if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
			(args.isEmpty() ? err : out).println(USAGE);
			return args.isEmpty() ? 2 : 0;
		}
		String sub = args.remove(0);
		try {
			switch (sub) {
				case "list":
					return list(args);
				case "help":
					return help(args);
				case "run":
					return runCommand(args);
				case "demo":
					return demo(args);
				case "bench":
					return Bench.run(args.contains("--quick"), option(args, "--only", ""), optionalPath(args, "--export"),
						args.contains("--compare") ? compareDir() : null, out, err);
				case "macro":
					return MacroRunner.run(args, out, err);
				case "volume":
					return VolumeCli.run(args, out);
				case "update-site":
					return UpdateSiteBuilder.run(args, out);
				default:
					throw new InvalidInputException("unknown sub-command \"" + sub + "\"" + didYouMean(sub) + "; use list, help, run, volume, demo, bench, macro or update-site");
			}
		} catch (InvalidInputException e) {
			err.println("error: " + e.getMessage());
			if (debug) e.printStackTrace(err);
			return 2;
		} catch (RuntimeException | Error e) {
			err.println("internal error: " + e + (debug ? "" : " (run with --debug for the trace)"));
			if (debug) e.printStackTrace(err);
			return 1;
		}
	}

	private int list(List<String> args) {
		boolean json = args.remove("--json");
		if (!args.isEmpty()) throw new InvalidInputException("list takes only --json, not " + args);
		try (Context context = newContext()) {
			CommandCatalog catalog = new CommandCatalog(context);
			List<Map<String, Object>> commands = catalog.describe();
			if (json) {
				out.print(Json.write(commands));
				return 0;
			}
			for (Map<String, Object> c : commands) {
				Object d = c.get("description");
				out.println(c.get("name") + "    [" + c.get("menu_path") + "]" + (d == null || d.toString().isEmpty() ? "" : "    " + d));
				for (Object o : (List<?>) c.get("inputs")) {
					Map<?, ?> f = (Map<?, ?>) o;
					StringBuilder sb = new StringBuilder("    in  " + f.get("name") + " : " + f.get("type"));
					if (f.get("default") != null) sb.append(" = ").append(f.get("default"));
					if (f.get("choices") != null) sb.append("  choices ").append(f.get("choices"));
					if (f.get("min") != null || f.get("max") != null) sb.append("  range [").append(f.get("min")).append(", ").append(f.get("max")).append(']');
					if (Boolean.FALSE.equals(f.get("required"))) sb.append("  (optional)");
					if (f.get("label") != null && !f.get("label").equals(f.get("name"))) sb.append("  \"").append(f.get("label")).append('"');
					out.println(sb);
				}
				for (Object o : (List<?>) c.get("outputs")) {
					Map<?, ?> f = (Map<?, ?>) o;
					out.println("    out " + f.get("name") + " : " + f.get("type"));
				}
			}
			out.println("./interphase help \"<Command Name>\" describes one command in full, with an example.");
			return 0;
		}
	}

	private int help(List<String> args) {
		if (args.isEmpty()) {
			out.println(USAGE);
			return 0;
		}
		try (Context context = newContext()) {
			CommandCatalog catalog = new CommandCatalog(context);
			out.print(Help.text(catalog, catalog.find(String.join(" ", args))));
			return 0;
		}
	}

	private int demo(List<String> args) {
		boolean overwrite = args.remove("--overwrite");
		String dir = option(args, "--out", "interphase-demo");
		if (!args.isEmpty()) throw new InvalidInputException("demo takes only --out DIR and --overwrite, not " + args);
		OutputWriter.checkTarget(Paths.get(dir), overwrite);
		return Demo.run(dir, out, err, terminal);
	}

	private static String didYouMean(String sub) {
		String near = Suggest.nearest(sub, List.of("list", "help", "run", "volume", "demo", "bench", "macro", "update-site"));
		return near == null ? "" : "; did you mean " + near + "?";
	}

	private int runCommand(List<String> args) {
		boolean overwrite = args.remove("--overwrite");
		String outDir = option(args, "--out", null);
		if (args.isEmpty()) throw new InvalidInputException("run needs a command name, e.g. run \"Optical Density\" stack=file.tif --out DIR");
		String name = args.remove(0);
		if (outDir == null) throw new InvalidInputException("run needs --out DIR for the outputs");
		for (String a : args)
			if (a.startsWith("--")) throw new InvalidInputException("unknown option " + a);
		Path target = Paths.get(outDir);
		OutputWriter.checkTarget(target, overwrite);
		try (Context context = newContext()) {
			CommandCatalog catalog = new CommandCatalog(context);
			CommandInfo info = catalog.find(name);
			ConsoleProgress bar = new ConsoleProgress(err, terminal);
			context.service(EventService.class).subscribe(bar);
			CommandRunner.Run result;
			try {
				result = new CommandRunner(context).run(info, CommandRunner.parseArguments(args));
			} finally {
				bar.finish();
			}
			List<String> files = OutputWriter.write(result, target, overwrite, version());
			for (String w : result.warnings)
				err.println("warning: " + w); // after the write: a failed run still ends with one line
			out.println(CommandCatalog.leafName(info) + ": " + files.size() + " files in " + target + String.format(" (%.2f s)", result.seconds));
			// scalar results on the screen too (they are also in outputs.json): what a user reads first
			for (Map.Entry<String, Object> o : result.outputs.entrySet())
				if (o.getValue() instanceof Number || o.getValue() instanceof Boolean || o.getValue() instanceof String)
					out.println("  " + o.getKey() + " = " + o.getValue());
			return 0;
		}
	}

	/** A SciJava context for headless use (plugin discovery through the annotation index). */
	public static Context newContext() {
		System.setProperty("java.awt.headless", "true");
		return new Context();
	}

	/** The suite's version from the jar manifest, or "dev" when run from classes. */
	public static String version() {
		String v = Main.class.getPackage().getImplementationVersion();
		return v == null ? "dev" : v;
	}

	private static String option(List<String> args, String flag, String def) {
		int i = args.indexOf(flag);
		if (i < 0) return def;
		if (i + 1 >= args.size()) throw new InvalidInputException(flag + " needs a value");
		String v = args.get(i + 1);
		args.remove(i + 1);
		args.remove(i);
		return v;
	}

	/** Where bench --compare puts the shared inputs: target/bench-compare of the project, emptied first. */
	private static Path compareDir() {
		Path dir = Paths.get(System.getProperty("interphase.home", ".")).resolve("target").resolve("bench-compare");
		OutputWriter.deleteTree(dir);
		return dir;
	}

	private static Path optionalPath(List<String> args, String flag) {
		String v = option(args, flag, null);
		return v == null ? null : Paths.get(v);
	}
}
