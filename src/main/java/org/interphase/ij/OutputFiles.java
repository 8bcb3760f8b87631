package org.interphase.ij;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.Prefs;
import ij.gui.Plot;
import ij.io.FileSaver;
import ij.measure.ResultsTable;
import ij.process.ImageProcessor;

/**
 * The one way an output becomes a file, for the CLI's output folder and for macros that save an
 * output by name ({@link Outputs#save}): the same bytes whichever way a user runs a command.
 */
public final class OutputFiles {

	private OutputFiles() {}

	/**
	 * Float32 ImageJ TIFF keeping calibration, slice labels and string properties. RGB images
	 * (composites) are the one exception: they are saved as RGB, since a float conversion would
	 * keep only their luminance. Slice labels and the Info text are written in Latin-1 (see
	 * {@link #tiffText}).
	 */
	public static void saveFloatTiff(ImagePlus imp, Path file) throws IOException {
		ImagePlus f = imp;
		ImageStack src = imp.getStack();
		boolean convert = imp.getBitDepth() != 32 && imp.getBitDepth() != 24;
		String[] labels = new String[src.getSize()];
		Object info = imp.getProperty("Info");
		if (convert) {
			ImageStack dst = new ImageStack(imp.getWidth(), imp.getHeight());
			for (int i = 1; i <= src.getSize(); i++) {
				ImageProcessor ip = src.getProcessor(i).convertToFloatProcessor();
				dst.addSlice(tiffText(src.getSliceLabel(i)), ip);
			}
			f = new ImagePlus(imp.getTitle(), dst);
			f.setCalibration(imp.getCalibration().copy());
			f.setDimensions(imp.getNChannels(), imp.getNSlices(), imp.getNFrames());
			if (imp.isHyperStack()) f.setOpenAsHyperStack(true);
			if (imp.getProcessor().isColorLut()) { // label images: their LUT and display range, so label k keeps its colour
				f.setLut(imp.getProcessor().getLut());
				f.setDisplayRange(imp.getDisplayRangeMin(), imp.getDisplayRangeMax());
			}
			String[] props = imp.getPropertiesAsArray();
			if (props != null) f.setProperties(props);
		} else {
			for (int i = 1; i <= src.getSize(); i++) {
				labels[i - 1] = src.getSliceLabel(i);
				src.setSliceLabel(tiffText(labels[i - 1]), i);
			}
		}
		f.setProperty("Info", info instanceof String ? tiffText((String) info) : info);
		try {
			FileSaver saver = new FileSaver(f);
			boolean ok;
			// ImageJ takes the byte order from the user's preferences (Edit › Options › Input/Output, kept in
			// IJ_Prefs.txt, read by Fiji but not by the CLI): pinned to ImageJ's default, little-endian, so that
			// a file is the same bytes whichever mode wrote it
			synchronized (OutputFiles.class) {
				boolean intel = Prefs.intelByteOrder;
				Prefs.intelByteOrder = true;
				try {
					ok = f.getStackSize() > 1 ? saver.saveAsTiffStack(file.toString()) : saver.saveAsTiff(file.toString());
				} finally {
					Prefs.intelByteOrder = intel;
				}
			}
			if (!ok) throw new IOException("ImageJ could not save " + file.getFileName());
		} finally {
			if (!convert) {
				for (int i = 1; i <= src.getSize(); i++)
					src.setSliceLabel(labels[i - 1], i);
				imp.setProperty("Info", info);
			}
		}
	}

	/**
	 * {@code text} with characters beyond Latin-1 replaced (– → -, ≤ → <=, ≥ → >=, others → ?):
	 * ImageJ 1.54p keeps them only in big-endian files (seen: a little-endian file read back with "–"
	 * cut to its low byte 0x13) and writes the Info text in the JVM's default charset, so such
	 * characters would come back garbled or differ between machines.
	 */
	public static String tiffText(String text) {
		if (text == null) return null;
		StringBuilder sb = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c <= 0xFF) {
				if (sb != null) sb.append(c);
				continue;
			}
			if (sb == null) sb = new StringBuilder(text.substring(0, i));
			switch (c) {
				case '\u2013': case '\u2014': case '\u2212': sb.append('-'); break;
				case '\u2264': sb.append("<="); break;
				case '\u2265': sb.append(">="); break;
				case '\u2192': sb.append("->"); break;
				case '\u03bb': sb.append("lambda"); break;
				default: sb.append('?');
			}
		}
		return sb == null ? text : sb.toString();
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

	/** The plot as PNG and its plotted data as CSV, columns named after the axis and series labels ({@link Plots#dataTable}). */
	public static void savePlot(Plot plot, Path png, Path csv) throws IOException {
		savePlotImage(plot, png);
		writeCsv(Plots.dataTable(plot), csv);
	}

	/** The plot as PNG. */
	public static void savePlotImage(Plot plot, Path png) throws IOException {
		ImagePlus img = plot.getImagePlus();
		if (!new FileSaver(img).saveAsPng(png.toString())) throw new IOException("ImageJ could not save " + png.getFileName());
	}
}
