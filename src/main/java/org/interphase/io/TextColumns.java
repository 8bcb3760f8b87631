package org.interphase.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
		} catch (IOException e) {
			throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
		}
		List<String> header = null;
		String lastComment = null;
		List<double[]> rows = new ArrayList<>();
		int width = -1;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).trim();
			if (line.isEmpty()) continue;
			char c0 = line.charAt(0);
			if (c0 == '#' || c0 == '!' || c0 == '%' || c0 == ';') {
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
				if (rows.isEmpty() && header == null) {
					header = List.of(tokens);
					continue;
				}
				throw new InvalidInputException(file.getFileName() + " line " + (i + 1) + ": not a number in \"" + abbreviate(line) + "\"");
			}
			if (width < 0) width = tokens.length;
			if (tokens.length < Math.max(width, minColumns))
				throw new InvalidInputException(file.getFileName() + " line " + (i + 1) + ": expected " + Math.max(width, minColumns)
					+ " columns, found " + tokens.length);
			rows.add(row);
		}
		if (rows.isEmpty()) throw new InvalidInputException(file.getFileName() + " holds no numeric rows");
		if (header == null && lastComment != null) {
			// Athena/Larch write the column names as the last comment line
			List<String> fromComment = List.of(lastComment.split("[\\s,;]+"));
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

	private static String abbreviate(String s) {
		return s.length() > 40 ? s.substring(0, 40) + "…" : s;
	}
}
