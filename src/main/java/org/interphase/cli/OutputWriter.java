package org.interphase.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Plot;
import ij.io.FileSaver;
import ij.measure.ResultsTable;
import ij.process.ImageProcessor;

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
					saveFloatTiff((ImagePlus) v, tmp.resolve(name + ".tif"));
					written.add(name + ".tif");
				} else if (v instanceof ResultsTable) {
					writeCsv((ResultsTable) v, tmp.resolve(name + ".csv"));
					written.add(name + ".csv");
				} else if (v instanceof Plot) {
					savePlot((Plot) v, tmp.resolve(name + ".png"), tmp.resolve(name + ".csv"));
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
			json.put("inputs", new LinkedHashMap<>(run.given));
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

	/**
	 * Float32 ImageJ TIFF keeping calibration, slice labels and string properties. RGB images
	 * (composites) are the one exception: they are saved as RGB, since a float conversion would
	 * keep only their luminance.
	 */
	public static void saveFloatTiff(ImagePlus imp, Path file) throws IOException {
		ImagePlus f = imp;
		if (imp.getBitDepth() != 32 && imp.getBitDepth() != 24) {
			ImageStack src = imp.getStack();
			ImageStack dst = new ImageStack(imp.getWidth(), imp.getHeight());
			for (int i = 1; i <= src.getSize(); i++) {
				ImageProcessor ip = src.getProcessor(i).convertToFloatProcessor();
				dst.addSlice(src.getSliceLabel(i), ip);
			}
			f = new ImagePlus(imp.getTitle(), dst);
			f.setCalibration(imp.getCalibration().copy());
			f.setDimensions(imp.getNChannels(), imp.getNSlices(), imp.getNFrames());
			if (imp.isHyperStack()) f.setOpenAsHyperStack(true);
			f.setProperty("Info", imp.getProperty("Info"));
			String[] props = imp.getPropertiesAsArray();
			if (props != null) f.setProperties(props);
		}
		FileSaver saver = new FileSaver(f);
		boolean ok = f.getStackSize() > 1 ? saver.saveAsTiffStack(file.toString()) : saver.saveAsTiff(file.toString());
		if (!ok) throw new IOException("ImageJ could not save " + file.getFileName());
	}

	/** CSV with a header row; numbers in full precision, NaN as "NaN", text columns as text. */
	public static void writeCsv(ResultsTable rt, Path file) throws IOException {
		String[] headings = rt.getHeadings();
		List<String> cols = new ArrayList<>();
		for (String h : headings)
			if (h != null && !h.isEmpty() && !" ".equals(h) && !"Label".equals(h)) cols.add(h);
		boolean hasLabels = rt.getColumnIndex("Label") != ResultsTable.COLUMN_NOT_FOUND && rt.columnExists("Label");
		try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			List<String> header = new ArrayList<>();
			if (hasLabels) header.add("label");
			header.addAll(cols);
			w.write(csvLine(header));
			for (int r = 0; r < rt.size(); r++) {
				List<String> cells = new ArrayList<>();
				if (hasLabels) cells.add(rt.getLabel(r) == null ? "" : rt.getLabel(r));
				for (String c : cols)
					cells.add(cell(rt, c, r));
				w.write(csvLine(cells));
			}
		}
	}

	private static String cell(ResultsTable rt, String col, int row) {
		double v = rt.getValue(col, row);
		if (Double.isNaN(v)) {
			String s = rt.getStringValue(col, row);
			if (s != null && !s.isEmpty() && !"NaN".equals(s)) {
				try {
					Double.parseDouble(s);
					return "NaN";
				} catch (NumberFormatException e) {
					return s;
				}
			}
			return "NaN";
		}
		if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
		return Double.toString(v);
	}

	private static String csvLine(List<String> cells) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) sb.append(',');
			String c = cells.get(i);
			if (c.contains(",") || c.contains("\"") || c.contains("\n")) sb.append('"').append(c.replace("\"", "\"\"")).append('"');
			else sb.append(c);
		}
		return sb.append('\n').toString();
	}

	/** The plot as PNG and its plotted data as CSV. */
	public static void savePlot(Plot plot, Path png, Path csv) throws IOException {
		ImagePlus img = plot.getImagePlus();
		if (!new FileSaver(img).saveAsPng(png.toString())) throw new IOException("ImageJ could not save " + png.getFileName());
		writeCsv(plot.getResultsTable(true), csv);
	}

	private static boolean isEmpty(Path dir) {
		try (Stream<Path> s = Files.list(dir)) {
			return s.findAny().isEmpty();
		} catch (IOException e) {
			return false;
		}
	}

	static void deleteTree(Path dir) {
		if (dir == null || !Files.exists(dir)) return;
		try (Stream<Path> s = Files.walk(dir)) {
			s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		} catch (IOException ignored) {
			// best effort: a leftover temporary folder is hidden (dot name) and harmless
		}
	}
}
