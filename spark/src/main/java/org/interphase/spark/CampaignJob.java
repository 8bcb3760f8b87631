package org.interphase.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.interphase.cli.CommandCatalog;
import org.interphase.cli.CommandRunner;
import org.interphase.cli.Json;
import org.interphase.cli.Main;
import org.interphase.cli.OutputWriter;
import org.interphase.cli.volume.VolumeJob;
import org.interphase.core.InvalidInputException;
import org.interphase.io.NaturalOrder;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;

import ij.ImagePlus;

/**
 * One command over a campaign of files: every file is a partition; an executor runs the command on it
 * exactly as {@code ./interphase run} does ({@link CommandRunner}, {@link OutputWriter}) into
 * {@code DIR/<file name>/}; the driver merges each table output into {@code DIR/<output>.csv} with a
 * {@code file} column and the scalars into {@code DIR/files.csv}.
 */
public final class CampaignJob implements Serializable {

	private static final long serialVersionUID = 1L;

	/** The commands a campaign runs (one image per file). */
	public static final List<String> COMMANDS = List.of("Surface Roughness", "Track Voids");

	final String command;
	final String field;
	final LinkedHashMap<String, String> args;
	final List<String> files;

	private CampaignJob(String command, String field, LinkedHashMap<String, String> args, List<String> files) {
		this.command = command;
		this.field = field;
		this.args = args;
		this.files = files;
	}

	/** {@code files=FOLDER} (every regular, non-hidden file in it, natural order) plus the command's keys. */
	public static CampaignJob of(String command, Map<String, String> all) {
		String name = null;
		for (String c : COMMANDS)
			if (c.equalsIgnoreCase(command.trim())) name = c;
		if (name == null) throw new InvalidInputException("files: \"" + command + "\" does not run on campaigns; commands: " + String.join(", ", COMMANDS));
		String folder = all.get("files");
		if (folder == null) throw new InvalidInputException("files: required, but not given (files=FOLDER)");
		Path dir = Paths.get(folder);
		if (!Files.isDirectory(dir)) throw new InvalidInputException("files: " + folder + " is not a folder");
		List<String> files = new ArrayList<>();
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
			for (Path p : ds)
				if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) files.add(p.toAbsolutePath().toString());
		} catch (IOException e) {
			throw new InvalidInputException("files: cannot list " + folder + ": " + e.getMessage());
		}
		if (files.isEmpty()) throw new InvalidInputException("files: folder " + folder + " is empty");
		files.sort((a, b) -> NaturalOrder.compare(a, b));
		LinkedHashMap<String, String> args = new LinkedHashMap<>(all);
		args.remove("files");
		CommandInfo info = new CommandCatalog(VolumeJob.context()).find(name);
		String field = null;
		for (ModuleItem<?> item : CommandCatalog.userInputs(info))
			if (field == null && ImagePlus.class.equals(item.getType())) field = item.getName();
		if (args.containsKey(field)) throw new InvalidInputException(field + ": the campaign's files are the input; give files=, not " + field + "=");
		args.put(field, files.get(0));
		new CommandRunner(VolumeJob.context()).inputFiles(info, args); // checks the keys before the job starts
		args.remove(field);
		return new CampaignJob(name, field, args, files);
	}

	/** What one file produced. */
	static final class FileResult implements Serializable {
		private static final long serialVersionUID = 1L;
		final String file, folder;
		final LinkedHashMap<String, String> scalars = new LinkedHashMap<>();
		final LinkedHashMap<String, String> tables = new LinkedHashMap<>();
		String error;

		FileResult(String file, String folder) {
			this.file = file;
			this.folder = folder;
		}
	}

	/** The output folder of one file: its name without the extension. */
	static String folderOf(String file) {
		return Paths.get(file).getFileName().toString().replaceFirst("\\.[A-Za-z0-9]{1,5}$", "");
	}

	FileResult runFile(String file, String out) {
		FileResult r = new FileResult(file, folderOf(file));
		try {
			CommandInfo info = new CommandCatalog(VolumeJob.context()).find(command);
			LinkedHashMap<String, String> a = new LinkedHashMap<>(args);
			a.put(field, file);
			CommandRunner.Run run = new CommandRunner(VolumeJob.context()).run(info, a);
			Path dir = Paths.get(out).resolve(r.folder);
			List<String> written = OutputWriter.write(run, dir, false, Main.version());
			for (Map.Entry<String, Object> e : run.outputs.entrySet()) {
				Object v = e.getValue();
				if (v instanceof Number || v instanceof Boolean || v instanceof String) r.scalars.put(e.getKey(), v.toString());
				else if (v instanceof ij.measure.ResultsTable && written.contains(e.getKey() + ".csv"))
					r.tables.put(e.getKey(), Files.readString(dir.resolve(e.getKey() + ".csv")));
			}
		} catch (InvalidInputException | IOException e) {
			r.error = e.getMessage(); // one bad file does not stop the campaign; files.csv names it
		}
		return r;
	}

	/** Runs the campaign; returns the summary written to outputs.json. */
	public Map<String, Object> run(JavaSparkContext sc, Path out) {
		long t0 = System.nanoTime();
		OutputWriter.checkTarget(out, false);
		try {
			Files.createDirectories(out);
		} catch (IOException e) {
			throw new InvalidInputException("--out " + out + ": cannot create the folder: " + e.getMessage());
		}
		String dir = out.toAbsolutePath().toString();
		List<FileResult> results = sc.parallelize(files, files.size()).map(f -> runFile(f, dir)).collect();
		List<String> scalarNames = new ArrayList<>();
		Map<String, StringBuilder> tables = new LinkedHashMap<>();
		int failed = 0;
		for (FileResult r : results) {
			if (r.error != null) failed++;
			for (String k : r.scalars.keySet())
				if (!scalarNames.contains(k)) scalarNames.add(k);
			for (Map.Entry<String, String> t : r.tables.entrySet()) {
				String[] lines = t.getValue().split("\r?\n");
				StringBuilder sb = tables.computeIfAbsent(t.getKey(), k -> new StringBuilder("file,").append(lines[0]).append('\n'));
				for (int i = 1; i < lines.length; i++)
					if (!lines[i].isEmpty()) sb.append(csvText(r.folder)).append(',').append(lines[i]).append('\n');
			}
		}
		StringBuilder fc = new StringBuilder("file,folder,error");
		for (String k : scalarNames)
			fc.append(',').append(k);
		fc.append('\n');
		for (FileResult r : results) {
			fc.append(csvText(Paths.get(r.file).getFileName().toString())).append(',').append(csvText(r.folder)).append(',')
				.append(r.error == null ? "" : csvText(r.error));
			for (String k : scalarNames)
				fc.append(',').append(r.scalars.getOrDefault(k, "NaN"));
			fc.append('\n');
		}
		try {
			Files.writeString(out.resolve("files.csv"), fc);
			for (Map.Entry<String, StringBuilder> t : tables.entrySet())
				Files.writeString(out.resolve(t.getKey() + ".csv"), t.getValue());
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("command", command);
			json.put("runner", "spark " + sc.master());
			json.put("version", Main.version());
			json.put("elapsed_seconds", (System.nanoTime() - t0) / 1e9);
			json.put("files", files.size());
			json.put("failed", failed);
			json.put("inputs", new LinkedHashMap<>(args));
			json.put("tables", new ArrayList<>(tables.keySet()));
			Files.writeString(out.resolve("outputs.json"), Json.write(json));
			return json;
		} catch (IOException e) {
			throw new InvalidInputException("--out " + out + ": cannot write: " + e.getMessage());
		}
	}

	private static String csvText(String s) {
		return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"").replace('\n', ' ') + "\"" : s;
	}

	static String lower(String s) {
		return s.toLowerCase(Locale.ROOT);
	}
}
