package org.interphase.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.interphase.core.InvalidInputException;
import org.interphase.core.stack.SpectralStack;

/** Picks the reader for a spectral-stack file from its extension and content. */
public final class StackImporter {

	/** The formats this importer knows, for the message on an unknown file. */
	public static final String KNOWN_FORMATS = "ImageJ TIFF stack (.tif, .tiff) with energies in the slice labels or an energies file; "
		+ "ALS/SLS STXM (.hdr + .xim); NXstxm NeXus HDF5 (.hdf5, .h5, .nxs); aXis2000 (.ncb + .dat)";

	private StackImporter() {}

	/** Reads {@code file}; {@code energiesFile} (may be null) overrides the energies in the file. */
	public static ImportedStack read(Path file, Path energiesFile) {
		return read(file, energiesFile, "", false);
	}

	/**
	 * Reads {@code file}; {@code energiesFile} (may be null) overrides the energies in the file;
	 * {@code channel} picks a detector (STXM formats; empty = the first); {@code ringCurrent} divides
	 * by the storage-ring current over its median (formats that record it).
	 */
	public static ImportedStack read(Path file, Path energiesFile, String channel, boolean ringCurrent) {
		if (file == null) throw new InvalidInputException("file: no stack file given");
		if (!Files.exists(file)) throw new InvalidInputException("file not found: " + file);
		if (Files.isDirectory(file)) throw new InvalidInputException(file + " is a folder; give a stack file (" + KNOWN_FORMATS + ")");
		if (energiesFile != null && !Files.exists(energiesFile))
			throw new InvalidInputException("energies file not found: " + energiesFile);
		InputFiles.requireRegular(file);
		if (energiesFile != null) InputFiles.requireRegular(energiesFile);
		return InputFiles.guard(file, () -> readChecked(file, energiesFile, channel, ringCurrent));
	}

	private static ImportedStack readChecked(Path file, Path energiesFile, String channel, boolean ringCurrent) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		String ch = channel == null ? "" : channel.trim();
		if (name.endsWith(".tif") || name.endsWith(".tiff") || TiffSignature.isTiff(file)) {
			noChannel(ch, file, "a TIFF");
			noRingCurrent(ringCurrent, file, "a TIFF stack");
			return TiffStackReader.read(file, energiesFile);
		}
		ImportedStack in;
		if (name.endsWith(".hdr")) {
			in = AlsHdrReader.read(file, ch, ringCurrent);
		} else if (name.endsWith(".xim")) {
			Path hdr = alsHeaderOf(file);
			if (hdr == null)
				throw new InvalidInputException(file.getFileName() + " is one image of an ALS/SLS stack; open its .hdr (not found beside it)");
			in = AlsHdrReader.read(hdr, ch, ringCurrent);
		} else if (name.endsWith(".ncb") || (name.endsWith(".dat") && Files.isRegularFile(ncbOf(file)))) {
			Path ncb = name.endsWith(".ncb") ? file : ncbOf(file);
			noChannel(ch, file, "an aXis2000 stack");
			noRingCurrent(ringCurrent, file, "an aXis2000 stack");
			in = AxisNcbReader.read(ncb);
		} else if (NxStxmReader.isHdf5(file)) {
			in = NxStxmReader.read(file, ch, ringCurrent);
		} else if (name.endsWith(".hdf5") || name.endsWith(".h5") || name.endsWith(".nxs")) {
			throw new InvalidInputException(file.getFileName() + " is not an HDF5 file (no HDF5 signature)");
		} else {
			throw new InvalidInputException("unknown stack format: " + file.getFileName() + "; known formats: " + KNOWN_FORMATS);
		}
		return energiesFile == null ? in : withEnergies(in, energiesFile);
	}

	private static void noChannel(String ch, Path file, String what) {
		if (!ch.isEmpty()) throw new InvalidInputException("channel: " + file.getFileName() + " is " + what + " with a single channel; leave channel empty");
	}

	private static void noRingCurrent(boolean ringCurrent, Path file, String what) {
		if (ringCurrent)
			throw new InvalidInputException("ring_current: " + file.getFileName() + " is " + what + ", which records no ring current");
	}

	/** The .hdr of {@code <base>_a000.xim}, or null. */
	private static Path alsHeaderOf(Path xim) {
		String n = xim.getFileName().toString();
		int us = n.lastIndexOf('_');
		if (us <= 0) return null;
		Path hdr = xim.resolveSibling(n.substring(0, us) + ".hdr");
		return Files.isRegularFile(hdr) ? hdr : null;
	}

	private static Path ncbOf(Path dat) {
		String n = dat.getFileName().toString();
		return dat.resolveSibling(n.substring(0, n.lastIndexOf('.')) + ".ncb");
	}

	private static ImportedStack withEnergies(ImportedStack in, Path energiesFile) {
		double[] e = TextColumns.read(energiesFile, 1).column(0);
		int n = in.stack.energyCount();
		if (e.length != n)
			throw new InvalidInputException("energies file " + energiesFile.getFileName() + " lists " + e.length + " energies but "
				+ in.source.getFileName() + " has " + n + " slices");
		SpectralStack.checkIncreasing(e, "energies of " + energiesFile.getFileName());
		SpectralStack s = new SpectralStack(in.stack.width(), in.stack.height(), e, in.stack.slices());
		return new ImportedStack(s, in.pixelWidth, in.pixelHeight, in.unit, in.format, in.source, in.metadata);
	}
}
