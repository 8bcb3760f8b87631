package org.interphase.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

import org.interphase.core.InvalidInputException;

/** Dispatch of AFM image files to their reader by extension (and, for NanoScope, content). */
public final class AfmImporter {

	public static final String KNOWN_FORMATS = "Bruker/Veeco NanoScope (.spm, .000–.999), Gwyddion (.gwy, .gsf), Asylum Research (.ibw), "
		+ "Image Metrology (.bcr, .bcrf), WSxM (.top, .stp), Nanosurf (.nid), NT-MDT (.mdt), JPK images (.jpk, .jpk-qi-image), Hitachi/Seiko (.xqd), TIFF";

	private static final Pattern NUMBERED = Pattern.compile(".*\\.\\d{3}$");

	/** Extensions of the formats read by their own reader (issue 16). */
	private static final String[] EXTENSIONS = { ".gsf", ".bcr", ".bcrf", ".top", ".stp", ".nid", ".mdt", ".jpk", ".jpk-qi-image", ".xqd" };

	private AfmImporter() {}

	/** True for the non-TIFF AFM formats this importer reads; numbered NanoScope files must list an image. */
	public static boolean accepts(Path file) {
		if (file != null && Files.exists(file) && !Files.isDirectory(file)) InputFiles.requireRegular(file); // a pipe would block the content check
		String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (n.endsWith(".gwy") || n.endsWith(".ibw")) return true;
		for (String ext : EXTENSIONS)
			if (n.endsWith(ext)) return true;
		if (n.endsWith(".spm") || NUMBERED.matcher(n).matches()) return NanoscopeReader.isImageFile(file);
		return false;
	}

	public static AfmImage read(Path file) {
		if (file == null) throw new InvalidInputException("file: no file given");
		if (!Files.exists(file)) throw new InvalidInputException("file: not found: " + file);
		InputFiles.requireRegular(file);
		String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (n.endsWith(".gwy")) return InputFiles.guard(file, () -> GwyReader.read(file));
		if (n.endsWith(".ibw")) return InputFiles.guard(file, () -> IbwReader.read(file));
		if (n.endsWith(".gsf")) return InputFiles.guard(file, () -> GsfReader.read(file));
		if (n.endsWith(".bcr") || n.endsWith(".bcrf")) return InputFiles.guard(file, () -> BcrReader.read(file));
		if (n.endsWith(".top") || n.endsWith(".stp")) return InputFiles.guard(file, () -> WsxmReader.read(file));
		if (n.endsWith(".nid")) return InputFiles.guard(file, () -> NidReader.read(file));
		if (n.endsWith(".mdt")) return InputFiles.guard(file, () -> MdtReader.read(file));
		if (n.endsWith(".jpk") || n.endsWith(".jpk-qi-image")) return InputFiles.guard(file, () -> JpkImageReader.read(file));
		if (n.endsWith(".xqd")) return InputFiles.guard(file, () -> XqdReader.read(file));
		if (n.endsWith(".spm") || NUMBERED.matcher(n).matches()) return InputFiles.guard(file, () -> NanoscopeReader.read(file));
		throw new InvalidInputException("file: " + file.getFileName() + " is not a known AFM format; known: " + KNOWN_FORMATS);
	}
}
