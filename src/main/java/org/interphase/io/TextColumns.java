package org.interphase.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.interphase.core.InvalidInputException;

/**
 * Numeric text tables: energies files, I0 spectra (eV, counts), reference spectra. Columns are
 * separated by whitespace, commas, tabs or semicolons; lines starting with {@code #}, {@code !},
 * {@code %} or {@code ;} are comments; a first non-numeric line is taken as the column names.
 */
public final class TextColumns {

	private final List<String> names;
	private final double[][] columns;

	private TextColumns(List<String> names, double[][] columns) {
		this.names = names;
		this.columns = columns;
	}

	/** Column names from the header line, or {@code column1, column2, …} when there is none. */
	public List<String> names() {
		return names;
	}

	public int columnCount() {
		return columns.length;
	}

	public int rowCount() {
		return columns.length == 0 ? 0 : columns[0].length;
	}

	public double[] column(int c) {
		return columns[c].clone();
	}

	/** Reads {@code file}; every data row must have at least {@code minColumns} numbers. */
	public static TextColumns read(Path file, int minColumns) {
		return read(file, minColumns, false);
	}

	/**
	 * Like {@link #read(Path, int)}, but any number of text lines may precede the first numeric row
	 * (instrument exports write a title, settings and units there). The column names are taken from
	 * the last of those lines that splits into as many fields as the data rows have: at tabs when it
	 * has any, else at commas or semicolons, else at runs of two or more spaces, else at white space.
	 * After the first numeric row every line must be numbers, as in {@link #read(Path, int)}.
	 */
	public static TextColumns readWithHeaderBlock(Path file, int minColumns) {
		return read(file, minColumns, true);
	}

	/** Fields of a header line, split as {@link #readWithHeaderBlock} describes. */
	static List<String> headerFields(String line) {
		String[] parts;
		if (line.indexOf('\t') >= 0) parts = line.split("\t");
		else if (line.indexOf(',') >= 0 || line.indexOf(';') >= 0) parts = line.split("[,;]");
		else if (line.matches(".*\\S {2,}\\S.*")) parts = line.split(" {2,}");
		else parts = line.split("\\s+");
		List<String> out = new ArrayList<>();
		for (String t : parts) {
			String q = t.trim();
			if (q.startsWith("\"") && q.endsWith("\"") && q.length() >= 2) q = q.substring(1, q.length() - 1).trim();
			if (!q.isEmpty() || out.size() > 0) out.add(InputFiles.quote(q));
		}
		while (!out.isEmpty() && out.get(out.size() - 1).isEmpty())
			out.remove(out.size() - 1);
		return out;
	}

	private static TextColumns read(Path file, int minColumns, boolean headerBlock) {
		List<String> headerLines = new ArrayList<>();
		List<String> lines = List.of(InputFiles.readText(file).split("\r\n|\r|\n", -1));
		List<String> header = null;
		String lastComment = null;
		List<double[]> rows = new ArrayList<>();
		int width = -1;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).trim();
			if (line.isEmpty()) continue;
			char c0 = line.charAt(0);
			if (c0 == '#' || c0 == '!' || c0 == '%' || c0 == ';') {
				if (headerBlock && rows.isEmpty()) headerLines.add(line.substring(1).trim());
				lastComment = line.substring(1).trim();
				continue;
			}
			String[] tokens = line.split("[\\s,;]+");
			double[] row = new double[tokens.length];
			boolean numeric = true;
			for (int t = 0; t < tokens.length; t++) {
				try {
					row[t] = Double.parseDouble(tokens[t]);
				} catch (NumberFormatException e) {
					numeric = false;
					break;
				}
			}
			if (!numeric) {
				if (headerBlock && rows.isEmpty()) {
					headerLines.add(c0 == '#' || c0 == '!' || c0 == '%' || c0 == ';' ? line.substring(1).trim() : line);
					continue;
				}
				if (rows.isEmpty() && header == null) {
					header = new ArrayList<>();
					for (String t : tokens)
						header.add(InputFiles.quote(t));
					continue;
				}
				throw new InvalidInputException(InputFiles.name(file) + " line " + (i + 1) + ": not a number in \"" + InputFiles.quote(line) + "\"");
			}
			if (width < 0) width = tokens.length;
			if (tokens.length < Math.max(width, minColumns))
				throw new InvalidInputException(InputFiles.name(file) + " line " + (i + 1) + ": expected " + Math.max(width, minColumns)
					+ " columns, found " + tokens.length);
			rows.add(row);
		}
		if (rows.isEmpty()) throw InputFiles.invalid(file, "holds no numeric rows");
		if (headerBlock) {
			for (int h = headerLines.size() - 1; h >= 0 && header == null; h--) {
				List<String> f = headerFields(headerLines.get(h));
				if (f.size() == width) header = f;
			}
		}
		if (header == null && lastComment != null) {
			// Athena/Larch write the column names as the last comment line
			List<String> fromComment = new ArrayList<>();
			for (String t : lastComment.split("[\\s,;]+"))
				fromComment.add(InputFiles.quote(t));
			if (fromComment.size() == width) header = fromComment;
		}
		double[][] cols = new double[width][rows.size()];
		for (int r = 0; r < rows.size(); r++)
			for (int c = 0; c < width; c++)
				cols[c][r] = rows.get(r)[c];
		List<String> names = new ArrayList<>();
		for (int c = 0; c < width; c++)
			names.add(header != null && header.size() == width ? header.get(c) : "column" + (c + 1));
		return new TextColumns(names, cols);
	}
}
