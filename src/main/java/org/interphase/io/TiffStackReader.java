package org.interphase.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.interphase.core.InvalidInputException;
import org.interphase.core.stack.SpectralStack;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.Opener;
import ij.measure.Calibration;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

/**
 * ImageJ TIFF stacks (through ImageJ's own opener): energies from an energies text file (one per
 * line; further columns ignored) when given, else from the slice labels or the
 * {@value EnergyLabels#PROPERTY} property that Interphase writes.
 */
public final class TiffStackReader {

	private TiffStackReader() {}

	public static ImportedStack read(Path file, Path energiesFile) {
		ImagePlus imp = open(file);
		int n = imp.getStackSize();
		double[] energies;
		if (energiesFile != null) {
			TextColumns cols = TextColumns.read(energiesFile, 1);
			energies = cols.column(0);
			if (energies.length != n)
				throw new InvalidInputException("energies file " + energiesFile.getFileName() + " lists " + energies.length + " energies but "
					+ file.getFileName() + " has " + n + " slices");
		} else {
			energies = energiesOf(imp);
			if (energies == null)
				throw new InvalidInputException(file.getFileName() + ": the slice labels hold no energies (such as \"708.25 eV\"); "
					+ "give an energies file with one energy per line");
		}
		SpectralStack.checkIncreasing(energies, "energies of " + (energiesFile != null ? energiesFile.getFileName() : file.getFileName()));
		ImageStack st = imp.getStack();
		float[][] slices = new float[n][];
		for (int i = 0; i < n; i++) {
			ImageProcessor ip = st.getProcessor(i + 1);
			slices[i] = ip instanceof FloatProcessor ? (float[]) ip.getPixels() : (float[]) ip.convertToFloatProcessor().getPixels();
		}
		Calibration cal = imp.getCalibration();
		Map<String, String> meta = new LinkedHashMap<>();
		meta.put("source_bit_depth", Integer.toString(imp.getBitDepth()));
		copyProperty(imp, "interphase.dwell_ms", meta);
		boolean scaled = cal.scaled();
		return new ImportedStack(new SpectralStack(imp.getWidth(), imp.getHeight(), energies, slices), scaled ? cal.pixelWidth : Double.NaN,
			scaled ? cal.pixelHeight : Double.NaN, scaled ? cal.getUnit() : "pixel", "ImageJ TIFF", file, meta);
	}

	/**
	 * Opens a TIFF (or any format ImageJ reads) or explains why not. A TIFF's structure is checked first
	 * ({@link TiffSignature#check}): ImageJ's opener would fill a truncated file's missing part with zeros.
	 */
	public static ImagePlus open(Path file) {
		InputFiles.requireRegular(file);
		if (TiffSignature.isTiff(file)) TiffSignature.check(file);
		ImagePlus imp = InputFiles.guard(file, () -> new Opener().openImage(file.toAbsolutePath().toString()));
		if (imp == null) throw InputFiles.invalid(file, "ImageJ cannot open it as an image");
		return imp;
	}

	private static double[] energiesOf(ImagePlus imp) {
		int n = imp.getStackSize();
		double[] e = EnergyLabels.parseProperty(imp.getProp(EnergyLabels.PROPERTY), n);
		if (e != null) return e;
		ImageStack st = imp.getStack();
		e = new double[n];
		for (int i = 0; i < n; i++) {
			e[i] = EnergyLabels.parse(st.getSliceLabel(i + 1));
			if (Double.isNaN(e[i])) return null;
		}
		return e;
	}

	private static void copyProperty(ImagePlus imp, String key, Map<String, String> meta) {
		String v = imp.getProp(key);
		if (v != null) meta.put(key.substring("interphase.".length()), v);
	}
}
