package org.interphase.ij;

import java.awt.Color;
import java.util.Locale;

import org.interphase.core.InvalidInputException;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.LUT;
import ij.process.ShortProcessor;

/**
 * Label images as outputs (16-bit, a distinct-colour LUT with label 0 black) and pixel sizes in nm
 * from a calibration.
 */
public final class LabelImages {

	private LabelImages() {}

	/**
	 * A deterministic glasbey-like LUT: label 0 black, then hues stepping by the golden angle with
	 * alternating saturation and brightness, so neighbouring labels differ strongly.
	 */
	public static LUT distinctLut() {
		byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		float[] sat = { 0.95f, 0.6f, 0.85f }, bri = { 1f, 0.85f, 0.65f };
		for (int i = 1; i < 256; i++) {
			float hue = (float) (((i - 1) * 0.3819660112501051 + 0.02) % 1.0);
			int rgb = Color.HSBtoRGB(hue, sat[(i - 1) % 3], bri[((i - 1) / 3) % 3]);
			r[i] = (byte) (rgb >> 16);
			g[i] = (byte) (rgb >> 8);
			b[i] = (byte) rgb;
		}
		return new LUT(r, g, b);
	}

	/** A new 16-bit label image with the distinct LUT (labels above 255 repeat its colours). */
	public static ImagePlus labelImage(String title, int width, int height, int[] labels, Calibration cal) {
		short[] px = new short[labels.length];
		int max = 0;
		for (int p = 0; p < labels.length; p++) {
			if (labels[p] > 65535) throw new InvalidInputException(title + ": more than 65535 labels");
			px[p] = (short) labels[p];
			max = Math.max(max, labels[p]);
		}
		ShortProcessor ip = new ShortProcessor(width, height, px, null);
		ip.setLut(distinctLut());
		ImagePlus imp = new ImagePlus(title, ip);
		if (cal != null) imp.setCalibration(Images.spatialCopy(cal));
		imp.setDisplayRange(0, 255);
		imp.setProp("interphase.labels", Integer.toString(max));
		return imp;
	}

	/**
	 * Pixel width and height in nm: {@code override} (nm) when > 0, else from the calibration when
	 * its unit is nm, µm or mm; null when the image is not calibrated in a length unit.
	 */
	public static double[] pixelSizeNm(ImagePlus imp, double override) {
		if (override > 0) return new double[] { override, override };
		Calibration cal = imp.getCalibration();
		double f = nmPerUnit(cal.getXUnit());
		if (Double.isNaN(f) || !cal.scaled()) return null;
		double fy = nmPerUnit(cal.getYUnit());
		if (Double.isNaN(fy)) fy = f;
		return new double[] { cal.pixelWidth * f, cal.pixelHeight * fy };
	}

	static double nmPerUnit(String unit) {
		if (unit == null) return Double.NaN;
		switch (unit.trim().toLowerCase(Locale.ROOT)) {
			case "nm": case "nanometer": case "nanometers": case "nanometre": case "nanometres": return 1;
			case "µm": case "μm": case "um": case "micron": case "microns": case "micrometer": case "micrometers": case "micrometre": return 1000;
			case "mm": return 1e6;
			default: return Double.NaN;
		}
	}

	/**
	 * The spatial calibration for label images and maps derived from {@code imp}: in nm when its
	 * pixel size is known in a length unit (so every label image of one input has the same unit,
	 * whichever command made it), else its own calibration.
	 */
	public static Calibration nmCalibration(ImagePlus imp) {
		double[] nm = pixelSizeNm(imp, 0);
		return nm == null ? imp.getCalibration() : nmCalibration(nm[0], nm[1]);
	}

	/** Calibration in nm with the given pixel size, for outputs. */
	public static Calibration nmCalibration(double pixelWidthNm, double pixelHeightNm) {
		Calibration c = new Calibration();
		c.pixelWidth = pixelWidthNm;
		c.pixelHeight = pixelHeightNm;
		c.setUnit("nm");
		return c;
	}
}
