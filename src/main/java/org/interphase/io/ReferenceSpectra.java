package org.interphase.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.interphase.core.InvalidInputException;
import org.interphase.core.spectrum.Spectrum;

/**
 * Reference spectra for linear combination fitting, from
 * <ul>
 * <li>one table: an energy column then one column per reference, named by the header line (CSV,
 * TSV, whitespace) or by the last comment line (Athena/Larch multi-column {@code .nor});</li>
 * <li>a folder of two-column spectra (energy, value: {@code .r}, {@code .xsp}, {@code .txt},
 * {@code .dat}, {@code .csv}, …), one reference per file, named after the file.</li>
 * </ul>
 * Spectra stored with decreasing energies are reversed.
 */
public final class ReferenceSpectra {

	/** File name endings read from a folder. */
	static final List<String> EXTENSIONS = List.of(".r", ".xsp", ".txt", ".dat", ".csv", ".tsv", ".nor", ".xmu", ".spec");

	private ReferenceSpectra() {}

	/** Reads the references in {@code fileOrFolder}. */
	public static List<Spectrum> read(Path fileOrFolder) {
		if (Files.isDirectory(fileOrFolder)) return readFolder(fileOrFolder);
		if (!Files.exists(fileOrFolder)) throw new InvalidInputException("references: file not found: " + fileOrFolder);
		InputFiles.requireRegular(fileOrFolder);
		TextColumns t = TextColumns.read(fileOrFolder, 2);
		double[] energies = t.column(0);
		List<Spectrum> out = new ArrayList<>();
		String stem = stem(fileOrFolder);
		for (int c = 1; c < t.columnCount(); c++) {
			String name = t.names().get(c);
			if (t.columnCount() == 2 && name.equals("column2")) name = stem;
			out.add(spectrum(fileOrFolder.getFileName() + " column " + name, name, energies, t.column(c)));
		}
		return out;
	}

	private static List<Spectrum> readFolder(Path folder) {
		List<Path> files;
		try (Stream<Path> s = Files.list(folder)) {
			files = s.filter(Files::isRegularFile).filter(f -> {
				String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
				return !n.startsWith(".") && EXTENSIONS.stream().anyMatch(n::endsWith);
			}).sorted().collect(Collectors.toList());
		} catch (IOException e) {
			throw new InvalidInputException("references: cannot list " + folder + ": " + e.getMessage(), e);
		}
		if (files.isEmpty())
			throw new InvalidInputException("references: folder " + folder + " holds no spectrum files (" + String.join(", ", EXTENSIONS) + ")");
		List<Spectrum> out = new ArrayList<>();
		for (Path f : files) {
			TextColumns t = TextColumns.read(f, 2);
			out.add(spectrum(f.getFileName().toString(), stem(f), t.column(0), t.column(1)));
		}
		return out;
	}

	private static Spectrum spectrum(String where, String name, double[] energies, double[] values) {
		int n = energies.length;
		if (n >= 2 && energies[n - 1] < energies[0]) {
			for (int i = 0; i < n / 2; i++) {
				double t = energies[i];
				energies[i] = energies[n - 1 - i];
				energies[n - 1 - i] = t;
				t = values[i];
				values[i] = values[n - 1 - i];
				values[n - 1 - i] = t;
			}
		}
		for (int i = 0; i < n; i++)
			if (!Double.isFinite(values[i]))
				throw new InvalidInputException("references: " + where + " is not a number at row " + (i + 1));
		try {
			return new Spectrum(name, energies, values);
		} catch (InvalidInputException e) {
			throw new InvalidInputException("references: " + where + ": " + e.getMessage(), e);
		}
	}

	private static String stem(Path f) {
		String n = f.getFileName().toString();
		int dot = n.lastIndexOf('.');
		return dot > 0 ? n.substring(0, dot) : n;
	}
}
