package org.interphase.ij;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.interphase.core.InvalidInputException;
import org.interphase.io.XrfMaps;
import org.interphase.io.XrfMapsReader;
import org.interphase.io.XrfTimeSeries;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;

/**
 * XRF maps as ImagePlus: one channel per element (slice label = element name, property
 * {@value #ELEMENTS}), time series as hyperstacks C = elements, T = frames with the frame times
 * (hours from the first frame) in the property {@value #FRAME_TIMES} and the mean interval in the
 * calibration.
 */
public final class XrfImages {

	public static final String ELEMENTS = "interphase.elements";
	public static final String FRAME_TIMES = "interphase.frame_times";

	private XrfImages() {}

	/** A multichannel image of one scan. */
	public static ImagePlus toImagePlus(XrfMaps m, String title) {
		ImageStack st = new ImageStack(m.width, m.height);
		for (int i = 0; i < m.maps.size(); i++)
			st.addSlice(m.names.get(i), new FloatProcessor(m.width, m.height, m.maps.get(i)));
		ImagePlus imp = new ImagePlus(title, st);
		imp.setDimensions(m.maps.size(), 1, 1);
		if (m.maps.size() > 1) imp.setOpenAsHyperStack(true);
		imp.setCalibration(calibration(m));
		imp.setProp(ELEMENTS, String.join(",", m.names));
		StringBuilder info = new StringBuilder("Source: ").append(m.source).append("\nFormat: ").append(m.format).append('\n');
		m.metadata.forEach((k, v) -> info.append(k).append(": ").append(v).append('\n'));
		imp.setProperty("Info", info.toString());
		String t = m.metadata.get("scan_time_start");
		if (t != null) imp.setProp(XrfMapsReader.SCAN_TIME_PROPERTY, t);
		Images.autoContrast(imp);
		return imp;
	}

	/** A hyperstack C = elements, T = frames of a time series. */
	public static ImagePlus toHyperstack(XrfTimeSeries s, String title) {
		int nc = s.names.size(), nt = s.frames.size();
		ImageStack st = new ImageStack(s.width, s.height);
		for (int t = 0; t < nt; t++)
			for (int c = 0; c < nc; c++)
				st.addSlice(s.names.get(c), new FloatProcessor(s.width, s.height, s.frames.get(t).maps.get(c)));
		ImagePlus imp = new ImagePlus(title, st);
		imp.setDimensions(nc, 1, nt);
		imp.setOpenAsHyperStack(true);
		Calibration cal = calibration(s.frames.get(0));
		cal.setTimeUnit("h");
		cal.frameInterval = nt > 1 ? s.timesH[nt - 1] / (nt - 1) : 0;
		imp.setCalibration(cal);
		imp.setProp(ELEMENTS, String.join(",", s.names));
		imp.setProp(FRAME_TIMES, times(s.timesH));
		StringBuilder info = new StringBuilder("XRF time series: ").append(nt).append(" frames, times from ").append(s.timeSource)
			.append(s.cropped ? ", cropped to the common size" : "").append('\n');
		for (int t = 0; t < nt; t++)
			info.append(String.format(Locale.ROOT, "frame %d: %s  t = %.4f h%n", t + 1, s.frames.get(t).source.getFileName(), s.timesH[t]));
		imp.setProperty("Info", info.toString());
		Images.autoContrast(imp);
		return imp;
	}

	static String times(double[] t) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < t.length; i++)
			sb.append(i == 0 ? "" : ",").append(Images.format(t[i]));
		return sb.toString();
	}

	private static Calibration calibration(XrfMaps m) {
		Calibration cal = new Calibration();
		if (Double.isFinite(m.pixelWidth) && m.pixelWidth > 0) {
			cal.pixelWidth = m.pixelWidth;
			cal.pixelHeight = Double.isFinite(m.pixelHeight) && m.pixelHeight > 0 ? m.pixelHeight : m.pixelWidth;
			cal.setUnit(m.unit);
		}
		return cal;
	}

	/** A time series held by an ImagePlus: frames[t][c], channel names, times in hours. */
	public static final class Series {
		public final int width, height;
		public final float[][][] frames;
		public final List<String> names;
		public final double[] timesH;
		/** µm per pixel (1 when uncalibrated, see {@link #calibrated}). */
		public final double pixelWidth, pixelHeight;
		public final boolean calibrated;
		public final String timeSource;

		Series(int width, int height, float[][][] frames, List<String> names, double[] timesH, double pw, double ph, boolean calibrated, String timeSource) {
			this.width = width;
			this.height = height;
			this.frames = frames;
			this.names = names;
			this.timesH = timesH;
			this.pixelWidth = pw;
			this.pixelHeight = ph;
			this.calibrated = calibrated;
			this.timeSource = timeSource;
		}

		/** Index of a channel given by name (case-insensitive) or 1-based number. */
		public int channel(String token, String field) {
			for (int c = 0; c < names.size(); c++)
				if (names.get(c).equalsIgnoreCase(token)) return c;
			try {
				int i = Integer.parseInt(token.trim());
				if (i >= 1 && i <= names.size()) return i - 1;
			} catch (NumberFormatException ignored) {
				// a name
			}
			throw new InvalidInputException(field + ": no channel \"" + token + "\"; channels: " + String.join(", ", names) + " (or 1–" + names.size() + ")");
		}
	}

	/**
	 * Reads a time series from {@code imp}: a hyperstack C × T (Z = 1), or a plain stack taken as one
	 * channel over time. Times from {@value #FRAME_TIMES}, else the calibration's frame interval (h, min
	 * or s), else 1 h per frame. Pixel size in µm from the calibration (nm and mm converted).
	 */
	public static Series series(ImagePlus imp, String field) {
		int nc = imp.getNChannels(), nz = imp.getNSlices(), nt = imp.getNFrames();
		if (nz > 1 && (nt > 1 || nc > 1))
			throw new InvalidInputException(field + ": \"" + imp.getTitle() + "\" has " + nz + " z-slices; give a hyperstack of channels × frames");
		if (nt == 1 && nc == 1 && nz > 1) {
			nt = nz;
		}
		ImageStack st = imp.getStack();
		float[][][] frames = new float[nt][nc][];
		List<String> names = new ArrayList<>();
		String prop = imp.getProp(ELEMENTS);
		String[] fromProp = prop == null ? null : prop.split(",");
		for (int c = 0; c < nc; c++) {
			String label = st.getSliceLabel(c + 1);
			if (label != null) label = label.split("\n")[0].trim();
			if (fromProp != null && fromProp.length == nc) names.add(fromProp[c].trim());
			else names.add(label == null || label.isEmpty() ? "channel " + (c + 1) : label);
		}
		for (int t = 0; t < nt; t++)
			for (int c = 0; c < nc; c++)
				frames[t][c] = Images.floatPixels(st.getProcessor(t * nc + c + 1));
		double[] times = null;
		String source;
		String tp = imp.getProp(FRAME_TIMES);
		if (tp != null) {
			String[] parts = tp.split(",");
			if (parts.length == nt) {
				times = new double[nt];
				for (int t = 0; t < nt; t++)
					times[t] = Double.parseDouble(parts[t].trim());
			}
		}
		Calibration cal = imp.getCalibration();
		if (times != null) {
			source = FRAME_TIMES;
		} else if (cal.frameInterval > 0) {
			String unit = cal.getTimeUnit() == null ? "" : cal.getTimeUnit().toLowerCase(Locale.ROOT);
			double f = unit.startsWith("h") ? 1 : unit.startsWith("min") ? 1 / 60.0 : unit.startsWith("s") ? 1 / 3600.0 : 1;
			times = new double[nt];
			for (int t = 0; t < nt; t++)
				times[t] = t * cal.frameInterval * f;
			source = "calibration frame interval";
		} else {
			times = new double[nt];
			for (int t = 0; t < nt; t++)
				times[t] = t;
			source = "none (1 h per frame assumed)";
		}
		boolean calibrated = cal.scaled();
		double f = 1;
		String u = cal.getUnit() == null ? "" : cal.getUnit().toLowerCase(Locale.ROOT);
		if (u.equals("nm")) f = 1e-3;
		else if (u.equals("mm")) f = 1e3;
		double pw = calibrated ? cal.pixelWidth * f : 1, ph = calibrated ? cal.pixelHeight * f : 1;
		return new Series(imp.getWidth(), imp.getHeight(), frames, names, times, pw, ph, calibrated, source);
	}
}
