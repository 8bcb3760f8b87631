package org.interphase.core.sims;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;

/**
 * Depth profiles of a {@link SimsVolume} inside a region: per ion and cycle the mean and SD (over
 * the region's pixels) of the counts per voxel, with an optional Poisson dead-time correction and a
 * normalisation.
 * <ul>
 * <li>Dead-time (Poisson) correction, N primary pulses per pixel and cycle: I = −N·ln(1 − c/N),
 * applied to the region mean c̄ of each ion and cycle (the maximum-likelihood rate when every pulse
 * detects at most one ion); the SD is scaled by dI/dc = 1/(1 − c̄/N). c̄ ≥ N is saturated: NaN.</li>
 * <li>Normalisation: none; total_ion (each ion divided by the sum of all ions of the cycle); or by one
 * ion (each ion divided by that ion's mean of the cycle). The SD is divided by the same number.</li>
 * </ul>
 */
public final class DepthProfile {

	/** Ion labels, depth (one per cycle), mean[ion][cycle], sd[ion][cycle]. */
	public final String[] ions;
	public final double[] depth;
	public final double[][] mean, sd;
	/** Pixels in the region. */
	public final int pixels;
	/** Cycles × ions whose mean count reached the pulse count (NaN after the correction). */
	public final int saturated;

	private DepthProfile(String[] ions, double[] depth, double[][] mean, double[][] sd, int pixels, int saturated) {
		this.ions = ions;
		this.depth = depth;
		this.mean = mean;
		this.sd = sd;
		this.pixels = pixels;
		this.saturated = saturated;
	}

	/** Index of an ion of this profile (case-insensitive), −1 when absent. */
	public int indexOf(String ion) {
		for (int i = 0; i < ions.length; i++)
			if (ions[i].equalsIgnoreCase(ion.trim())) return i;
		return -1;
	}

	/**
	 * Profiles of {@code v} inside {@code mask} (null = every pixel). {@code pulses} ≤ 0 skips the
	 * dead-time correction; {@code normalize} is {@code none}, {@code total_ion} or an ion label;
	 * {@code depth} has one value per cycle.
	 */
	public static DepthProfile compute(SimsVolume v, boolean[] mask, double pulses, String normalize, double[] depth, Progress progress) {
		if (depth.length != v.cycles) throw new InvalidInputException("depth axis: " + depth.length + " depths for " + v.cycles + " cycles");
		if (mask != null && mask.length != v.pixels()) throw new InvalidInputException("mask: not the size of the image (" + v.width + "×" + v.height + ")");
		int n = 0;
		for (int p = 0; p < v.pixels(); p++)
			if (mask == null || mask[p]) n++;
		if (n == 0) throw new InvalidInputException("region: holds no pixels");
		String norm = normalize == null || normalize.trim().isEmpty() ? "none" : normalize.trim();
		int ni = v.ionCount(), nc = v.cycles;
		int normIon = norm.equalsIgnoreCase("none") || norm.equalsIgnoreCase("total_ion") ? -1 : v.ion(norm, "normalize");
		double[][] mean = new double[ni][nc], sd = new double[ni][nc];
		int saturated = 0;
		for (int i = 0; i < ni; i++) {
			progress.checkCancelled();
			progress.report("Depth profiles", i / (double) ni);
			for (int c = 0; c < nc; c++) {
				float[] px = v.cycle(i, c);
				double s = 0;
				int m = 0;
				for (int p = 0; p < px.length; p++)
					if ((mask == null || mask[p]) && px[p] == px[p]) {
						s += px[p];
						m++;
					}
				double mu = m > 0 ? s / m : Double.NaN, ss = 0;
				for (int p = 0; p < px.length; p++)
					if ((mask == null || mask[p]) && px[p] == px[p]) ss += (px[p] - mu) * (px[p] - mu);
				double dev = m > 1 ? Math.sqrt(ss / (m - 1)) : Double.NaN;
				if (pulses > 0) {
					if (mu >= pulses) {
						saturated++;
						mu = dev = Double.NaN;
					} else {
						double f = 1 - mu / pulses;
						dev = dev / f;
						mu = deadTime(mu, pulses);
					}
				}
				mean[i][c] = mu;
				sd[i][c] = dev;
			}
		}
		if (!norm.equalsIgnoreCase("none")) {
			double[] div = new double[nc];
			for (int c = 0; c < nc; c++) {
				if (normIon >= 0) div[c] = mean[normIon][c];
				else for (int i = 0; i < ni; i++)
					div[c] += mean[i][c];
			}
			double[] ref = normIon >= 0 ? mean[normIon].clone() : null;
			for (int i = 0; i < ni; i++)
				for (int c = 0; c < nc; c++) {
					double d = normIon >= 0 ? ref[c] : div[c];
					mean[i][c] = d > 0 ? mean[i][c] / d : Double.NaN;
					sd[i][c] = d > 0 ? sd[i][c] / d : Double.NaN;
				}
		}
		progress.report("Depth profiles", 1);
		return new DepthProfile(v.ions(), depth.clone(), mean, sd, n, saturated);
	}

	/** Poisson dead-time correction I = −N·ln(1 − c/N) of a count c (per pixel) with N pulses; NaN for c ≥ N. */
	public static double deadTime(double counts, double pulses) {
		if (!(counts < pulses)) return Double.NaN;
		return -pulses * Math.log1p(-counts / pulses);
	}

	/** The mask of a rectangle x, y, w, h (clipped to the image). */
	public static boolean[] rectangle(int width, int height, int x, int y, int w, int h) {
		if (w <= 0 || h <= 0) throw new InvalidInputException("region: width and height must be positive (got " + w + "×" + h + ")");
		if (x >= width || y >= height || x + w <= 0 || y + h <= 0)
			throw new InvalidInputException("region: " + x + "," + y + "," + w + "," + h + " lies outside the " + width + "×" + height + " image");
		boolean[] m = new boolean[width * height];
		for (int yy = Math.max(0, y); yy < Math.min(height, y + h); yy++)
			for (int xx = Math.max(0, x); xx < Math.min(width, x + w); xx++)
				m[yy * width + xx] = true;
		return m;
	}
}
