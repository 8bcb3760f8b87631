package org.interphase.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.interphase.core.InvalidInputException;
import org.interphase.ij.OutputFiles;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.ResultsTable;

/**
 * Writes a run's outputs to a folder: images as float32 ImageJ TIFF, tables as CSV, plots as PNG
 * plus their data as CSV, scalars and the run's inputs in outputs.json. Everything is written into
 * a temporary sibling folder first and moved into place only when all of it succeeded, so a failed
 * run leaves nothing behind. Input files are never written over.
 */
public final class OutputWriter {

	private OutputWriter() {}

	/** Refuses an output folder that already holds files (unless overwriting). */
	public static void checkTarget(Path outDir, boolean overwrite) {
		if (Files.exists(outDir) && !Files.isDirectory(outDir))
			throw new InvalidInputException("--out " + outDir + " is a file, not a folder");
		if (!overwrite && Files.isDirectory(outDir) && !isEmpty(outDir))
			throw new InvalidInputException("--out " + outDir + " already holds files; choose a new folder or add --overwrite");
	}

	/** Writes {@code run} into {@code outDir}; returns the names of the files written. */
	public static List<String> write(CommandRunner.Run run, Path outDir, boolean overwrite, String version) {
		checkTarget(outDir, overwrite);
		Path abs = outDir.toAbsolutePath().normalize();
		Path parent = abs.getParent();
		Path tmp;
		try {
			Files.createDirectories(parent);
			tmp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".partial-");
		} catch (IOException e) {
			throw new InvalidInputException("--out " + outDir + ": cannot create the folder: " + e.getMessage(), e);
		}
		try {
			List<String> written = new ArrayList<>();
			Map<String, Object> scalars = new LinkedHashMap<>();
			for (Map.Entry<String, Object> e : run.outputs.entrySet()) {
				String name = e.getKey();
				Object v = e.getValue();
				if (v == null) continue;
				if (v instanceof ImagePlus) {
					OutputFiles.saveFloatTiff((ImagePlus) v, tmp.resolve(name + ".tif"));
					written.add(name + ".tif");
				} else if (v instanceof ResultsTable) {
					OutputFiles.writeCsv((ResultsTable) v, tmp.resolve(name + ".csv"));
					written.add(name + ".csv");
				} else if (v instanceof Plot) {
					OutputFiles.savePlot((Plot) v, tmp.resolve(name + ".png"), tmp.resolve(name + ".csv"));
					written.add(name + ".png");
					written.add(name + ".csv");
				} else if (v instanceof Number || v instanceof Boolean || v instanceof String) {
					scalars.put(name, v);
				}
			}
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("command", CommandCatalog.leafName(run.info));
			json.put("menu_path", CommandCatalog.menuPath(run.info));
			json.put("version", version);
			json.put("elapsed_seconds", run.seconds);
			json.put("inputs", new LinkedHashMap<>(run.used));
			json.put("given", new ArrayList<>(run.given.keySet()));
			if (!run.warnings.isEmpty()) json.put("warnings", new ArrayList<>(run.warnings));
			json.put("outputs", scalars);
			json.put("files", written);
			Files.writeString(tmp.resolve("outputs.json"), Json.write(json));
			written.add("outputs.json");
			for (String f : written) {
				Path target = abs.resolve(f);
				for (Path in : run.inputFiles)
					if (Files.exists(target) && Files.isSameFile(in, target))
						throw new InvalidInputException("--out " + outDir + ": writing " + f + " would overwrite the input file " + in);
			}
			moveIntoPlace(tmp, abs);
			return written;
		} catch (IOException e) {
			throw new InvalidInputException("--out " + outDir + ": cannot write: " + e.getMessage(), e);
		} finally {
			deleteTree(tmp);
		}
	}

	private static void moveIntoPlace(Path tmp, Path outDir) throws IOException {
		if (!Files.exists(outDir)) {
			Files.move(tmp, outDir, StandardCopyOption.ATOMIC_MOVE);
			return;
		}
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp)) {
			for (Path p : ds)
				Files.move(p, outDir.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static boolean isEmpty(Path dir) {
		try (Stream<Path> s = Files.list(dir)) {
			return s.findAny().isEmpty();
		} catch (IOException e) {
			return false;
		}
	}

	public static void deleteTree(Path dir) {
		if (dir == null || !Files.exists(dir)) return;
		try (Stream<Path> s = Files.walk(dir)) {
			s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		} catch (IOException ignored) {
			// best effort: a leftover temporary folder is hidden (dot name) and harmless
		}
	}
}
