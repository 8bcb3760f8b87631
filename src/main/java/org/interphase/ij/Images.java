package org.interphase.ij;

import java.util.List;
import java.util.Locale;

import org.interphase.core.InvalidInputException;
import org.interphase.core.stack.SpectralStack;
import org.interphase.io.EnergyLabels;
import org.interphase.io.ImportedStack;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

/**
 * ImagePlus ⇄ core conversions and the ImagePlus conventions of DESIGN.md: energies in the slice
 * labels ("708.25 eV") and in the property {@value #ENERGIES}; calibration carried over; new images
 * for every output.
 */
public final class Images {

	/** ImagePlus property holding the energies (eV), comma-separated. */
	public static final String ENERGIES = EnergyLabels.PROPERTY;

	private Images() {}

	/** Energies of {@code imp} from its property, else from its slice labels; null when neither has them. */
	public static double[] energies(ImagePlus imp) {
		int n = imp.getStackSize();
		double[] e = EnergyLabels.parseProperty(imp.getProp(ENERGIES), n);
		if (e != null) return e;
		ImageStack stack = imp.getStack();
		e = new double[n];
		for (int i = 0; i < n; i++) {
			e[i] = EnergyLabels.parse(stack.getSliceLabel(i + 1));
			if (Double.isNaN(e[i])) return null;
		}
		return e;
	}

	/** Energies of {@code imp}, or a message naming {@code field} and how to give them. */
	public static double[] requireEnergies(ImagePlus imp, String field) {
		double[] e = energies(imp);
		if (e == null)
			throw new InvalidInputException(field + ": image \"" + imp.getTitle() + "\" has no energies (slice labels such as \"708.25 eV\" or the property "
				+ ENERGIES + "); import it with Import Spectral Stack and an energies file");
		return e;
	}

	/** Writes {@code energies} into the slice labels and the property of {@code imp}. */
	public static void setEnergies(ImagePlus imp, double[] energies) {
		ImageStack stack = imp.getStack();
		if (energies.length != stack.getSize())
			throw new InvalidInputException(imp.getTitle() + " has " + stack.getSize() + " slices but " + energies.length + " energies");
		for (int i = 0; i < energies.length; i++)
			stack.setSliceLabel(EnergyLabels.label(energies[i]), i + 1);
		// setProp (not setProperty): string properties are saved in ImageJ TIFFs
		imp.setProp(ENERGIES, EnergyLabels.property(energies));
	}

	/**
	 * The spectral stack held by {@code imp} (one slice per energy). Float slices are shared, not
	 * copied (core never writes into its inputs); other types are converted.
	 */
	public static SpectralStack spectralStack(ImagePlus imp, String field) {
		double[] energies = requireEnergies(imp, field);
		ImageStack stack = imp.getStack();
		float[][] slices = new float[stack.getSize()][];
		for (int i = 0; i < slices.length; i++)
			slices[i] = floatPixels(stack.getProcessor(i + 1));
		return new SpectralStack(imp.getWidth(), imp.getHeight(), energies, slices);
	}

	/** The pixels of {@code ip} as float, shared when it already is float. */
	public static float[] floatPixels(ImageProcessor ip) {
		if (ip instanceof FloatProcessor) return (float[]) ip.getPixels();
		return (float[]) ip.convertToFloatProcessor().getPixels();
	}

	/** A new float stack image of {@code stack}, labelled with its energies. */
	public static ImagePlus toImagePlus(SpectralStack stack, String title, Calibration cal) {
		ImageStack is = new ImageStack(stack.width(), stack.height());
		for (int e = 0; e < stack.energyCount(); e++)
			is.addSlice(null, new FloatProcessor(stack.width(), stack.height(), stack.slice(e)));
		ImagePlus imp = new ImagePlus(title, is);
		setEnergies(imp, stack.energies());
		if (cal != null) imp.setCalibration(spatialCopy(cal));
		autoContrast(imp);
		return imp;
	}

	/** A new image from an importer's result, calibrated and with its metadata in the info. */
	public static ImagePlus toImagePlus(ImportedStack in, String title) {
		Calibration cal = new Calibration();
		if (Double.isFinite(in.pixelWidth) && in.pixelWidth > 0) {
			cal.pixelWidth = in.pixelWidth;
			cal.pixelHeight = Double.isFinite(in.pixelHeight) && in.pixelHeight > 0 ? in.pixelHeight : in.pixelWidth;
			cal.setUnit(in.unit);
		}
		ImagePlus imp = toImagePlus(in.stack, title, cal);
		StringBuilder info = new StringBuilder();
		info.append("Source: ").append(in.source).append('\n');
		info.append("Format: ").append(in.format).append('\n');
		in.metadata.forEach((k, v) -> info.append(k).append(": ").append(v).append('\n'));
		imp.setProperty("Info", info.toString());
		in.metadata.forEach((k, v) -> imp.setProp("interphase." + k, v));
		return imp;
	}

	/** A new single float map with the spatial calibration of {@code cal}. */
	public static ImagePlus map(String title, int width, int height, float[] data, Calibration cal) {
		ImagePlus imp = new ImagePlus(title, new FloatProcessor(width, height, data));
		if (cal != null) imp.setCalibration(spatialCopy(cal));
		setValueUnit(imp, unitOf(title));
		autoContrast(imp);
		return imp;
	}

	/** A new float stack of maps, one labelled slice each. */
	public static ImagePlus maps(String title, int width, int height, List<float[]> data, List<String> labels, Calibration cal) {
		ImageStack is = new ImageStack(width, height);
		for (int i = 0; i < data.size(); i++)
			is.addSlice(labels.get(i), new FloatProcessor(width, height, data.get(i)));
		ImagePlus imp = new ImagePlus(title, is);
		if (cal != null) imp.setCalibration(spatialCopy(cal));
		autoContrast(imp);
		return imp;
	}

	/**
	 * The unit a map title ends with in parentheses ("… E0 (eV)" → "eV"), or null: a short word
	 * without spaces, so "(width 30 px)" is not taken for a unit.
	 */
	public static String unitOf(String title) {
		if (title == null || !title.endsWith(")")) return null;
		int open = title.lastIndexOf('(');
		if (open < 0) return null;
		String u = title.substring(open + 1, title.length() - 1).trim();
		return u.isEmpty() || u.length() > 8 || u.contains(" ") ? null : u;
	}

	/**
	 * Sets the unit of the pixel values (Image › Properties' value unit, kept in the TIFF); a no-op
	 * for null.
	 */
	public static void setValueUnit(ImagePlus imp, String unit) {
		if (unit != null) imp.getCalibration().setValueUnit(unit);
	}

	/**
	 * An axis label for pixel values of {@code imp}: {@code label} with the image's value unit in
	 * parentheses when it has one ("Mean ± SD (counts)").
	 */
	public static String valueAxis(String label, ImagePlus imp) {
		String u = imp == null ? null : imp.getCalibration().getValueUnit();
		return u == null || u.isEmpty() || "Gray Value".equals(u) ? label : label + " (" + u + ")";
	}

	/** Spatial part of a calibration (pixel size, unit, origin); value calibration is dropped. */
	public static Calibration spatialCopy(Calibration cal) {
		Calibration c = new Calibration();
		c.pixelWidth = cal.pixelWidth;
		c.pixelHeight = cal.pixelHeight;
		c.pixelDepth = cal.pixelDepth;
		c.setXUnit(cal.getXUnit());
		c.setYUnit(cal.getYUnit());
		c.setZUnit(cal.getZUnit());
		c.xOrigin = cal.xOrigin;
		c.yOrigin = cal.yOrigin;
		c.frameInterval = cal.frameInterval;
		c.setTimeUnit(cal.getTimeUnit());
		return c;
	}

	/** Display range over the finite values of the whole stack, so NaN pixels do not spoil it. */
	public static void autoContrast(ImagePlus imp) {
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		ImageStack st = imp.getStack();
		for (int i = 1; i <= st.getSize(); i++) {
			ImageProcessor ip = st.getProcessor(i);
			for (int p = 0, n = ip.getPixelCount(); p < n; p++) {
				float v = ip.getf(p);
				if (Float.isFinite(v)) {
					if (v < lo) lo = v;
					if (v > hi) hi = v;
				}
			}
		}
		if (lo <= hi) imp.setDisplayRange(lo, hi == lo ? lo + 1 : hi);
	}

	/** Locale-free number formatting for labels and messages. */
	public static String format(double v) {
		return String.format(Locale.ROOT, "%.6g", v);
	}

	/**
	 * The label image held by {@code imp} (0 = background): whole non-negative values only, as a
	 * label image from any tool (8-, 16- or 32-bit) carries them.
	 */
	public static int[] labels(ImagePlus imp, String field) {
		if (imp.getStackSize() != 1) throw new InvalidInputException(field + ": \"" + imp.getTitle() + "\" must be a single label image, not a stack");
		ImageProcessor ip = imp.getProcessor();
		int n = ip.getPixelCount();
		int[] out = new int[n];
		for (int p = 0; p < n; p++) {
			float v = ip.getf(p);
			if (Float.isNaN(v)) continue; // NaN = outside every region
			if (v < 0 || v != Math.rint(v) || v > Integer.MAX_VALUE)
				throw new InvalidInputException(field + ": \"" + imp.getTitle() + "\" holds " + v + " at pixel (" + p % ip.getWidth() + ", "
					+ p / ip.getWidth() + "); a label image holds whole numbers ≥ 0");
			out[p] = (int) v;
		}
		return out;
	}
}
