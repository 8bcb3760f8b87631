package org.interphase.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.interphase.core.InvalidInputException;

/** Picks the reader for a spectral-stack file from its extension and content. */
public final class StackImporter {

	/** The formats this importer knows, for the message on an unknown file. */
	public static final String KNOWN_FORMATS = "ImageJ TIFF stack (.tif, .tiff) with energies in the slice labels or an energies file";

	private StackImporter() {}

	/** Reads {@code file}; {@code energiesFile} (may be null) overrides the energies in the file. */
	public static ImportedStack read(Path file, Path energiesFile) {
		if (file == null) throw new InvalidInputException("file: no stack file given");
		if (!Files.exists(file)) throw new InvalidInputException("file not found: " + file);
		if (Files.isDirectory(file)) throw new InvalidInputException(file + " is a folder; give a stack file (" + KNOWN_FORMATS + ")");
		if (energiesFile != null && !Files.isRegularFile(energiesFile))
			throw new InvalidInputException("energies file not found: " + energiesFile);
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".tif") || name.endsWith(".tiff") || TiffSignature.isTiff(file)) return TiffStackReader.read(file, energiesFile);
		throw new InvalidInputException("unknown stack format: " + file.getFileName() + "; known formats: " + KNOWN_FORMATS);
	}
}
