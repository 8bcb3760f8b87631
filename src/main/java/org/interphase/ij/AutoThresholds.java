package org.interphase.ij;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.interphase.core.InvalidInputException;

import ij.process.AutoThresholder;

/** ImageJ's own automatic thresholds (AutoThresholder), by lower-case method name, on a value histogram. */
public final class AutoThresholds {

	private AutoThresholds() {}

	/** The method names, lower case, as the commands' choices use them. */
	public static List<String> methods() {
		List<String> out = new ArrayList<>();
		for (AutoThresholder.Method m : AutoThresholder.Method.values())
			out.add(m.name().toLowerCase(Locale.ROOT));
		return out;
	}

	/**
	 * The threshold value of {@code method} on a histogram of {@code hist.length} equal bins over
	 * [min, max]: ImageJ's bin index t puts bins 0..t below the threshold, so values below
	 * min + (t+1)·binWidth are the dark class.
	 */
	public static double value(String method, int[] hist, double min, double max) {
		AutoThresholder.Method m = null;
		for (AutoThresholder.Method c : AutoThresholder.Method.values())
			if (c.name().equalsIgnoreCase(method.trim())) m = c;
		if (m == null) throw new InvalidInputException("threshold_method: \"" + method + "\" is not one of " + methods() + " or value");
		int t = new AutoThresholder().getThreshold(m, hist.clone());
		return min + (t + 1) * (max - min) / hist.length;
	}

	/**
	 * One threshold per listed channel of prepared void-tracking data ({@code [t][k]}): {@code value}
	 * when the method is "value", else the method on a 256-bin histogram of the channel over all frames.
	 */
	public static double[] forChannels(float[][][] prepared, String method, double value) {
		int nk = prepared[0].length;
		double[] thr = new double[nk];
		for (int k = 0; k < nk; k++) {
			if (method.equalsIgnoreCase("value")) {
				thr[k] = value;
				continue;
			}
			double[] range = org.interphase.core.morphology.VoidTracking.range(prepared, k);
			if (!(range[1] > range[0])) throw new InvalidInputException("threshold_method: channel " + (k + 1) + " is flat or empty; give threshold_method=value");
			int[] hist = org.interphase.core.morphology.VoidTracking.histogram(prepared, k, 256, range);
			thr[k] = value(method, hist, range[0], range[1]);
		}
		return thr;
	}
}
