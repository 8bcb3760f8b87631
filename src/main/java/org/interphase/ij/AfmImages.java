package org.interphase.ij;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.interphase.core.InvalidInputException;
import org.interphase.io.AfmImage;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;

/**
 * AFM images ⇄ ImagePlus: channels become labelled float slices ("Height (nm)"), the lateral
 * calibration is in µm, the value units are in the slice labels, the value unit of the calibration
 * and the property {@value #UNITS} (comma-separated, one per slice).
 */
public final class AfmImages {

	public static final String UNITS = "interphase.afm.units";
	/** Channel names, comma-separated, one per slice (single-slice TIFFs do not keep their slice label). */
	public static final String CHANNELS = "interphase.afm.channels";
	private static final Pattern LABEL_UNIT = Pattern.compile("\\(([^()]*)\\)\\s*$");

	private AfmImages() {}

	/** One channel ({@code channel} names it) or all channels as a stack ({@code channel} empty). */
	public static ImagePlus toImagePlus(AfmImage im, String channel, String title) {
		List<AfmImage.Channel> chosen = new ArrayList<>();
		if (channel == null || channel.trim().isEmpty()) {
			AfmImage.Channel first = im.channels.get(0);
			for (AfmImage.Channel c : im.channels)
				if (c.width == first.width && c.height == first.height) chosen.add(c);
		} else {
			AfmImage.Channel c = im.channel(channel);
			if (c == null)
				throw new InvalidInputException("channel: \"" + channel + "\" is not in " + im.source.getFileName() + "; its channels are " + im.names());
			chosen.add(c);
		}
		AfmImage.Channel first = chosen.get(0);
		ImageStack st = new ImageStack(first.width, first.height);
		List<String> units = new ArrayList<>(), names = new ArrayList<>();
		StringBuilder info = new StringBuilder();
		info.append("Source: ").append(im.source).append('\n').append("Format: ").append(im.format).append('\n');
		info.append(String.format(Locale.ROOT, "Pixel size: %.6g × %.6g µm; image %.6g × %.6g µm%n", first.pixelWidth, first.pixelHeight,
			first.pixelWidth * first.width, first.pixelHeight * first.height));
		for (AfmImage.Channel c : chosen) {
			st.addSlice(label(c.name, c.unit), new FloatProcessor(c.width, c.height, c.data));
			units.add(c.unit);
			names.add(c.name.replace(',', ';'));
			info.append("Scaling: ").append(c.scaling).append('\n');
		}
		if (chosen.size() < im.channels.size() && (channel == null || channel.trim().isEmpty()))
			info.append("Channels of another size left out: ").append(im.channels.size() - chosen.size()).append('\n');
		ImagePlus imp = new ImagePlus(title, st);
		Calibration cal = new Calibration();
		cal.pixelWidth = first.pixelWidth;
		cal.pixelHeight = first.pixelHeight;
		cal.setUnit("µm");
		cal.setValueUnit(first.unit);
		imp.setCalibration(cal);
		imp.setProperty("Info", info.toString());
		imp.setProp(UNITS, String.join(",", units));
		imp.setProp(CHANNELS, String.join(",", names));
		Images.autoContrast(imp);
		return imp;
	}

	/** The channel name of slice {@code slice} (1-based): the property, the slice label without its unit, or "slice N". */
	public static String channelName(ImagePlus imp, int slice) {
		String p = imp.getProp(CHANNELS);
		if (p != null) {
			String[] n = p.split(",", -1);
			if (n.length == imp.getStackSize()) return n[slice - 1].trim();
		}
		String lab = imp.getStack().getSliceLabel(slice);
		if (lab != null && !lab.trim().isEmpty()) return lab.split("\n")[0].replaceAll("\\s*\\([^()]*\\)\\s*$", "");
		return "slice " + slice;
	}

	/** Copies the unit and channel properties (same slices) from {@code from} to {@code to}. */
	public static void copyProperties(ImagePlus from, ImagePlus to) {
		for (String k : new String[] { UNITS, CHANNELS }) {
			String v = from.getProp(k);
			if (v != null) to.setProp(k, v);
		}
		to.getCalibration().setValueUnit(unit(from, 1));
	}

	/** Slice label "Name (unit)". */
	public static String label(String name, String unit) {
		return unit == null || unit.isEmpty() ? name : name + " (" + unit + ")";
	}

	/** The value unit of slice {@code slice} (1-based): the property, the slice label, the calibration, or "" when none says. */
	public static String unit(ImagePlus imp, int slice) {
		String p = imp.getProp(UNITS);
		if (p != null) {
			String[] u = p.split(",", -1);
			if (u.length == imp.getStackSize()) return u[slice - 1].trim();
		}
		String lab = imp.getStack().getSliceLabel(slice);
		if (lab != null) {
			Matcher m = LABEL_UNIT.matcher(lab.split("\n")[0]);
			if (m.find()) return m.group(1).trim();
		}
		String vu = imp.getCalibration().getValueUnit();
		return vu == null || vu.equalsIgnoreCase("Gray Value") ? "" : vu;
	}

	/** Sets the value units of a new image (all slices in {@code unit}). */
	public static void setUnit(ImagePlus imp, String unit) {
		List<String> u = new ArrayList<>();
		for (int i = 0; i < imp.getStackSize(); i++)
			u.add(unit);
		imp.setProp(UNITS, String.join(",", u));
		imp.getCalibration().setValueUnit(unit);
	}

	/** nm per unit of the heights of slice {@code slice}: 1 for nm or no unit (assumed nm), else the length factor; error for non-lengths. */
	public static double heightToNm(ImagePlus imp, int slice, String field) {
		String u = unit(imp, slice);
		if (u.isEmpty()) return 1;
		switch (u.toLowerCase(Locale.ROOT).replace('µ', 'u').replace('μ', 'u')) {
			case "nm": return 1;
			case "um": case "micron": case "microns": return 1e3;
			case "pm": return 1e-3;
			case "mm": return 1e6;
			case "m": return 1e9;
			case "a": case "å": return 0.1;
			default:
				throw new InvalidInputException(field + ": slice " + slice + " holds " + u + " values, not heights (choose a height channel, e.g. channel=Height)");
		}
	}

	/**
	 * The heights of slice {@code slice} in nm, or null when the slice is not a height channel (its
	 * unit is not a length): the one conversion Surface Roughness and Surface Statistics share.
	 */
	public static float[] heightsNm(ImagePlus imp, int slice) {
		double toNm;
		try {
			toNm = heightToNm(imp, slice, "image");
		} catch (InvalidInputException e) {
			return null;
		}
		float[] z = Images.floatPixels(imp.getStack().getProcessor(slice));
		float[] nm = new float[z.length];
		for (int p = 0; p < z.length; p++)
			nm[p] = (float) (z[p] * toNm);
		return nm;
	}

	/** Pixel width and height in nm from the calibration; error when the image is not spatially calibrated. */
	public static double[] pixelSizeNm(ImagePlus imp, String field) {
		Calibration c = imp.getCalibration();
		double f = lateral(c.getXUnit());
		if (!c.scaled() || Double.isNaN(f))
			throw new InvalidInputException(field + ": no lateral calibration (pixel size in nm or µm); set it with Image>Properties or open the file with Import AFM Image");
		double fy = lateral(c.getYUnit());
		return new double[] { c.pixelWidth * f, c.pixelHeight * (Double.isNaN(fy) ? f : fy) };
	}

	private static double lateral(String unit) {
		if (unit == null) return Double.NaN;
		switch (unit.toLowerCase(Locale.ROOT).replace('µ', 'u').replace('μ', 'u')) {
			case "nm": return 1;
			case "um": case "micron": case "microns": return 1e3;
			case "mm": return 1e6;
			case "m": return 1e9;
			default: return Double.NaN;
		}
	}

	/** A new calibrated float image with heights in {@code unit}. */
	public static ImagePlus heightMap(String title, int w, int h, float[] data, Calibration cal, String label, String unit) {
		ImageStack st = new ImageStack(w, h);
		st.addSlice(label(label, unit), new FloatProcessor(w, h, data));
		ImagePlus imp = new ImagePlus(title, st);
		if (cal != null) imp.setCalibration(Images.spatialCopy(cal));
		setUnit(imp, unit);
		imp.setProp(CHANNELS, label.replace(',', ';'));
		Images.autoContrast(imp);
		return imp;
	}
}
