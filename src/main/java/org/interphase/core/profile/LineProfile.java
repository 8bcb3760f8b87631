package org.interphase.core.profile;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;

/**
 * Wide line profile (SCIENCE.md §3): samples a straight or segmented line at 1-pixel steps with
 * bilinear interpolation and, at each position, at {@code width} points 1 pixel apart
 * perpendicular to the line (centred on it); reports the mean, sample SD (n−1) and count of the
 * valid samples across the width. Coordinates are pixel coordinates with pixel (i, j)'s value at
 * (i, j), as ImageJ's {@code getInterpolatedValue}. A straight line of length L pixels is divided
 * into round(L) equal steps (≈ 1 px) and both end points are sampled, as ImageJ's {@code getLine};
 * a segmented line is sampled at points 1 px apart (straight distance) along the path, continuing
 * across the vertices, as ImageJ's segmented-line profile. Samples outside
 * the image or touching a NaN pixel are left out (n counts the rest); a position without any
 * sample has mean NaN.
 */
public final class LineProfile {

	/** Distance of each position from the line start, in calibrated units. */
	public final double[] distance;
	/** Mean, sample SD (n−1; NaN when n < 2) and count of the samples across the width. */
	public final double[] mean, sd;
	public final int[] n;
	/** Pixel coordinates of each position on the centre line. */
	public final double[] x, y;
	public final int width;
	/** Unit normal at each position (geometry only). */
	private final double[] nx, ny;

	private LineProfile(int size, int width) {
		nx = new double[size];
		ny = new double[size];
		distance = new double[size];
		mean = new double[size];
		sd = new double[size];
		n = new int[size];
		x = new double[size];
		y = new double[size];
		this.width = width;
	}

	public int size() {
		return distance.length;
	}

	/** Total length of the line in calibrated units. */
	public double length() {
		return distance.length == 0 ? 0 : distance[distance.length - 1];
	}

	/**
	 * Samples {@code pixels} (row-major, {@code w}×{@code h}) along the polyline through
	 * ({@code xs[i]}, {@code ys[i]}) with {@code width} samples across; {@code pixelWidth},
	 * {@code pixelHeight} calibrate the distances.
	 */
	public static LineProfile sample(float[] pixels, int w, int h, double[] xs, double[] ys, int width, double pixelWidth, double pixelHeight,
		Progress progress) {
		if (xs.length != ys.length || xs.length < 2) throw new InvalidInputException("line: needs at least two points");
		if (width < 1) throw new InvalidInputException("width: must be at least 1 pixel, got " + width);
		if (pixels.length != (long) w * h) throw new IllegalArgumentException(pixels.length + " pixels for " + w + "×" + h);
		LineProfile p = xs.length == 2 ? straight(xs, ys, width, pixelWidth, pixelHeight) : segmented(xs, ys, width, pixelWidth, pixelHeight);
		final int total = p.size();
		final double[] nx = p.nx, ny = p.ny;
		final double half = (width - 1) / 2.0;
		Parallel.forBlocks(total, Math.max(16, 65536 / width), progress, "line profile", () -> {
			double[] v = new double[width];
			return (from, to) -> {
				for (int i = from; i < to; i++) {
					int m = 0;
					double sum = 0;
					for (int j = 0; j < width; j++) {
						double off = j - half;
						double val = bilinear(pixels, w, h, p.x[i] + off * nx[i], p.y[i] + off * ny[i]);
						if (val == val) {
							v[m++] = val;
							sum += val;
						}
					}
					p.n[i] = m;
					if (m == 0) {
						p.mean[i] = Double.NaN;
						p.sd[i] = Double.NaN;
						continue;
					}
					double mu = sum / m, ss = 0;
					for (int j = 0; j < m; j++)
						ss += (v[j] - mu) * (v[j] - mu);
					p.mean[i] = mu;
					p.sd[i] = m > 1 ? Math.sqrt(ss / (m - 1)) : Double.NaN;
				}
			};
		});
		return p;
	}

	/** Straight line: round(L) equal steps, both end points (ImageJ's getLine). */
	private static LineProfile straight(double[] xs, double[] ys, int width, double pw, double ph) {
		double dx = xs[1] - xs[0], dy = ys[1] - ys[0];
		double len = Math.hypot(dx, dy);
		int steps = (int) Math.round(len);
		if (steps < 1) throw new InvalidInputException("line: shorter than one pixel");
		LineProfile p = new LineProfile(steps + 1, width);
		double stepCal = Math.hypot(dx * pw, dy * ph) / steps;
		for (int i = 0; i <= steps; i++) {
			p.x[i] = xs[0] + dx * i / steps;
			p.y[i] = ys[0] + dy * i / steps;
			p.distance[i] = i * stepCal;
			p.nx[i] = -dy / len;
			p.ny[i] = dx / len;
		}
		return p;
	}

	/**
	 * Segmented line: from the start, each next point is the first point further along the path
	 * at a straight (chord) distance of 1 px from the previous one, continuing across the
	 * vertices, until the end is less than 1 px away (ImageJ's segmented-line profile, which uses
	 * the same 1-px interpolated polygon); the normal is that of the segment a point lies on and
	 * distances add up the calibrated chords.
	 */
	private static LineProfile segmented(double[] xs, double[] ys, int width, double pw, double ph) {
		int segs = xs.length - 1;
		java.util.List<double[]> pts = new java.util.ArrayList<>();
		int s = 0;
		while (s < segs && xs[s + 1] == xs[s] && ys[s + 1] == ys[s])
			s++;
		if (s == segs) throw new InvalidInputException("line: shorter than one pixel");
		double px = xs[0], py = ys[0], dist = 0;
		pts.add(new double[] { px, py, normalX(xs, ys, s), normalY(xs, ys, s), 0 });
		while (true) {
			boolean found = false;
			for (int t = s; t < segs; t++) {
				double ax = t == s ? px : xs[t], ay = t == s ? py : ys[t];
				double dx = xs[t + 1] - ax, dy = ys[t + 1] - ay;
				double a = dx * dx + dy * dy;
				if (a == 0) continue;
				double fx = ax - px, fy = ay - py;
				double b = 2 * (fx * dx + fy * dy), c = fx * fx + fy * fy - 1;
				double disc = b * b - 4 * a * c;
				if (disc < 0) continue;
				double lambda = (-b + Math.sqrt(disc)) / (2 * a);
				if (lambda < 0 || lambda > 1 + 1e-12) continue;
				double nxp = ax + lambda * dx, nyp = ay + lambda * dy;
				dist += Math.hypot((nxp - px) * pw, (nyp - py) * ph);
				px = nxp;
				py = nyp;
				s = t;
				pts.add(new double[] { px, py, normalX(xs, ys, t), normalY(xs, ys, t), dist });
				found = true;
				break;
			}
			if (!found) break;
		}
		if (pts.size() < 2) throw new InvalidInputException("line: shorter than one pixel");
		LineProfile p = new LineProfile(pts.size(), width);
		for (int k = 0; k < pts.size(); k++) {
			double[] q = pts.get(k);
			p.x[k] = q[0];
			p.y[k] = q[1];
			p.nx[k] = q[2];
			p.ny[k] = q[3];
			p.distance[k] = q[4];
		}
		return p;
	}

	private static double normalX(double[] xs, double[] ys, int s) {
		double dx = xs[s + 1] - xs[s], dy = ys[s + 1] - ys[s], len = Math.hypot(dx, dy);
		return len > 0 ? -dy / len : 0;
	}

	private static double normalY(double[] xs, double[] ys, int s) {
		double dx = xs[s + 1] - xs[s], dy = ys[s + 1] - ys[s], len = Math.hypot(dx, dy);
		return len > 0 ? dx / len : 1;
	}

	/** Straight line from (x1, y1) to (x2, y2). */
	public static LineProfile sample(float[] pixels, int w, int h, double x1, double y1, double x2, double y2, int width, double pixelWidth,
		double pixelHeight, Progress progress) {
		return sample(pixels, w, h, new double[] { x1, x2 }, new double[] { y1, y2 }, width, pixelWidth, pixelHeight, progress);
	}

	/** Bilinear value at (x, y); NaN outside [0, w−1]×[0, h−1] or when a contributing pixel is NaN. */
	public static double bilinear(float[] pixels, int w, int h, double x, double y) {
		final double eps = 1e-9;
		if (!(x >= -eps && y >= -eps && x <= w - 1 + eps && y <= h - 1 + eps)) return Double.NaN;
		int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
		if (x0 < 0) x0 = 0;
		if (y0 < 0) y0 = 0;
		if (x0 > w - 2) x0 = Math.max(0, w - 2);
		if (y0 > h - 2) y0 = Math.max(0, h - 2);
		double fx = w == 1 ? 0 : Math.min(1, Math.max(0, x - x0)), fy = h == 1 ? 0 : Math.min(1, Math.max(0, y - y0));
		int x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
		double v = 0;
		double a = (1 - fx) * (1 - fy), b = fx * (1 - fy), c = (1 - fx) * fy, d = fx * fy;
		if (a > 0) v += a * pixels[y0 * w + x0];
		if (b > 0) v += b * pixels[y0 * w + x1];
		if (c > 0) v += c * pixels[y1 * w + x0];
		if (d > 0) v += d * pixels[y1 * w + x1];
		return v;
	}

	/** A copy whose distances are measured from the line end (positions reversed). */
	public LineProfile fromEnd() {
		int m = size();
		LineProfile r = new LineProfile(m, width);
		double len = length();
		for (int i = 0; i < m; i++) {
			int j = m - 1 - i;
			r.distance[i] = len - distance[j];
			r.mean[i] = mean[j];
			r.sd[i] = sd[j];
			r.n[i] = n[j];
			r.x[i] = x[j];
			r.y[i] = y[j];
			r.nx[i] = -nx[j];
			r.ny[i] = -ny[j];
		}
		return r;
	}

	/** A copy whose distances are shifted: d − {@code origin}. */
	public LineProfile shifted(double origin) {
		int m = size();
		LineProfile r = new LineProfile(m, width);
		for (int i = 0; i < m; i++) {
			r.distance[i] = distance[i] - origin;
			r.mean[i] = mean[i];
			r.sd[i] = sd[i];
			r.n[i] = n[i];
			r.x[i] = x[i];
			r.y[i] = y[i];
			r.nx[i] = nx[i];
			r.ny[i] = ny[i];
		}
		return r;
	}
}
