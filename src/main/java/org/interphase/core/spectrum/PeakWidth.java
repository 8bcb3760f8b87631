package org.interphase.core.spectrum;

/**
 * Energy, height and FWHM of the strongest peak of a spectrum inside an energy window. The peak is
 * the largest sample in the window, its energy refined by a 3-point Gaussian (parabola through the
 * logarithms of the values above the window minimum; plain parabola if a value is not above it);
 * the baseline is the window minimum; the FWHM is the distance between the half-height crossings
 * on each side, linearly interpolated between samples (NaN when a side does not fall to half
 * height inside the window).
 */
public final class PeakWidth {

	public static final class Peak {
		public final double energy, height, fwhm, baseline;

		Peak(double energy, double height, double fwhm, double baseline) {
			this.energy = energy;
			this.height = height;
			this.fwhm = fwhm;
			this.baseline = baseline;
		}
	}

	private PeakWidth() {}

	public static Peak measure(double[] energies, double[] values, double windowMin, double windowMax) {
		int lo = -1, hi = -1;
		for (int i = 0; i < energies.length; i++) {
			if (energies[i] >= windowMin && energies[i] <= windowMax && !Double.isNaN(values[i])) {
				if (lo < 0) lo = i;
				hi = i;
			}
		}
		if (lo < 0 || hi - lo < 2) return new Peak(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
		int top = lo;
		double base = Double.POSITIVE_INFINITY;
		for (int i = lo; i <= hi; i++) {
			if (Double.isNaN(values[i])) continue;
			if (values[i] > values[top]) top = i;
			base = Math.min(base, values[i]);
		}
		double energy = energies[top], height = values[top] - base;
		if (top > lo && top < hi && !Double.isNaN(values[top - 1]) && !Double.isNaN(values[top + 1])) {
			double a = values[top - 1] - base, b = values[top] - base, c = values[top + 1] - base;
			boolean log = a > 0 && b > 0 && c > 0;
			double[] v = vertex(energies[top - 1], energies[top], energies[top + 1], log ? Math.log(a) : a, log ? Math.log(b) : b,
				log ? Math.log(c) : c);
			if (v != null && v[0] >= energies[top - 1] && v[0] <= energies[top + 1]) {
				energy = v[0];
				height = log ? Math.exp(v[1]) : v[1];
			}
		}
		double half = base + height / 2;
		double left = Double.NaN, right = Double.NaN;
		for (int i = top; i > lo; i--) {
			if (values[i - 1] <= half) {
				left = cross(energies[i - 1], values[i - 1], energies[i], values[i], half);
				break;
			}
		}
		for (int i = top; i < hi; i++) {
			if (values[i + 1] <= half) {
				right = cross(energies[i], values[i], energies[i + 1], values[i + 1], half);
				break;
			}
		}
		return new Peak(energy, height, right - left, base);
	}

	/** Vertex (x, y) of the parabola through three points, or null when they are collinear. */
	static double[] vertex(double x1, double x2, double x3, double y1, double y2, double y3) {
		double d1 = (y2 - y1) / (x2 - x1), d2 = (y3 - y2) / (x3 - x2);
		double a = (d2 - d1) / (x3 - x1);
		if (!(a < 0)) return null; // not a maximum
		double b = d1 - a * (x1 + x2);
		double xv = -b / (2 * a);
		double yv = y2 + a * (xv - x2) * (xv - x2) + (b + 2 * a * x2) * (xv - x2);
		return new double[] { xv, yv };
	}

	private static double cross(double x1, double y1, double x2, double y2, double level) {
		if (y2 == y1) return 0.5 * (x1 + x2);
		return x1 + (level - y1) * (x2 - x1) / (y2 - y1);
	}
}
