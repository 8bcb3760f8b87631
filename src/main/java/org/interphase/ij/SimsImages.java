package org.interphase.ij;

import java.util.Locale;

import org.interphase.core.InvalidInputException;
import org.interphase.core.sims.SimsVolume;
import org.interphase.io.SimsReader;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;

/**
 * ToF-SIMS data as ImagePlus: a hyperstack C = ions (slice labels and the property
 * {@value SimsReader#ION_PROPERTY} hold the ion labels), Z = sputter cycles; the sputter time per
 * cycle in {@value SimsReader#CYCLE_TIME_PROPERTY} and, when the source listed them, each cycle's
 * time in {@value SimsReader#TIMES_PROPERTY}; the lateral pixel size in the calibration.
 */
public final class SimsImages {

	private SimsImages() {}

	/** The hyperstack of {@code d}. */
	public static ImagePlus toHyperstack(SimsReader.SimsData d, String title) {
		SimsVolume v = d.volume;
		String[] ions = v.ions();
		ImageStack st = new ImageStack(v.width, v.height);
		for (int k = 0; k < v.cycles; k++)
			for (int i = 0; i < ions.length; i++)
				st.addSlice(ions[i], new FloatProcessor(v.width, v.height, v.cycle(i, k).clone()));
		ImagePlus imp = new ImagePlus(title, st);
		imp.setDimensions(ions.length, v.cycles, 1);
		if (st.getSize() > 1) imp.setOpenAsHyperStack(true);
		Calibration cal = new Calibration();
		if (d.pixelWidth > 0 && Double.isFinite(d.pixelWidth)) {
			cal.pixelWidth = cal.pixelHeight = d.pixelWidth;
			cal.setUnit(d.unit);
		}
		imp.setCalibration(cal);
		imp.setProp(SimsReader.ION_PROPERTY, String.join(",", ions));
		if (d.cycleTimeS > 0) imp.setProp(SimsReader.CYCLE_TIME_PROPERTY, Images.format(d.cycleTimeS));
		if (d.timesS != null) {
			StringBuilder sb = new StringBuilder();
			for (double t : d.timesS)
				sb.append(sb.length() > 0 ? "," : "").append(Images.format(t));
			imp.setProp(SimsReader.TIMES_PROPERTY, sb.toString());
		}
		imp.setProperty("Info", String.format(Locale.ROOT, "ToF-SIMS %s: %s%nions: %s%ncycles: %d%nsputter time per cycle (s): %s%n", d.format, d.source,
			String.join(", ", ions), v.cycles, d.cycleTimeS > 0 ? Images.format(d.cycleTimeS) : "unknown"));
		Images.autoContrast(imp);
		return imp;
	}

	/** The volume held by {@code imp}: C = ions, Z (or T when Z = 1) = cycles. */
	public static SimsVolume volume(ImagePlus imp, String field) {
		int nc = imp.getNChannels(), nz = imp.getNSlices(), nt = imp.getNFrames();
		if (nz > 1 && nt > 1)
			throw new InvalidInputException(field + ": \"" + imp.getTitle() + "\" has " + nz + " slices and " + nt + " frames; give a hyperstack C = ions, Z = cycles");
		int cycles = Math.max(nz, nt);
		ImageStack st = imp.getStack();
		String prop = imp.getProp(SimsReader.ION_PROPERTY);
		String[] fromProp = prop == null || prop.trim().isEmpty() ? null : prop.trim().split("\\s*,\\s*");
		String[] ions = new String[nc];
		float[][][] data = new float[nc][cycles][];
		for (int c = 0; c < nc; c++) {
			String label = st.getSliceLabel(imp.getStackIndex(c + 1, 1, 1));
			label = label == null ? "" : label.split("\n")[0].trim();
			ions[c] = fromProp != null && fromProp.length == nc ? fromProp[c] : !label.isEmpty() && nc > 1 ? label : nc == 1 ? baseTitle(imp) : "ion " + (c + 1);
			for (int k = 0; k < cycles; k++)
				data[c][k] = Images.floatPixels(st.getProcessor(imp.getStackIndex(c + 1, nz > 1 ? k + 1 : 1, nt > 1 ? k + 1 : 1)));
		}
		return new SimsVolume(imp.getWidth(), imp.getHeight(), ions, data);
	}

	/** Sputter time per cycle (s) recorded in {@code imp}, NaN when none. */
	public static double cycleTime(ImagePlus imp) {
		String s = imp.getProp(SimsReader.CYCLE_TIME_PROPERTY);
		try {
			return s == null ? Double.NaN : Double.parseDouble(s.trim());
		} catch (NumberFormatException e) {
			return Double.NaN;
		}
	}

	/** Sputter times (s) of the cycles recorded in {@code imp}, null when none (or not one per cycle). */
	public static double[] times(ImagePlus imp, int cycles) {
		String s = imp.getProp(SimsReader.TIMES_PROPERTY);
		if (s == null || s.trim().isEmpty()) return null;
		String[] p = s.trim().split("\\s*,\\s*");
		if (p.length != cycles) return null;
		double[] t = new double[cycles];
		try {
			for (int k = 0; k < cycles; k++)
				t[k] = Double.parseDouble(p[k]);
		} catch (NumberFormatException e) {
			return null;
		}
		return t;
	}

	private static String baseTitle(ImagePlus imp) {
		String t = imp.getTitle() == null ? "" : imp.getTitle().replaceFirst("(?i)\\.tiff?$", "");
		return t.isEmpty() ? "ion 1" : t;
	}
}
