package org.interphase.core.morphology;

import java.util.Arrays;

/**
 * Binary-mask clean-up and region measures on a label image (the one measure path for voids and
 * particles): hole filling, size filter, border test, area, centroid, equivalent circular diameter
 * ECD = 2√(A/π), and maximum Feret diameter on the convex hull of the pixel corners (as ImageJ).
 */
public final class Regions {

	private Regions() {}

	/**
	 * Fills the holes of {@code mask} in place: background pixels (4-connected, the complement of
	 * 8-connected objects) that cannot reach the image border become foreground. {@code scratch} is a
	 * w×h int buffer (overwritten). Returns true when a hole was filled.
	 */
	public static boolean fillHoles(boolean[] mask, int w, int h, int[] scratch) {
		int count = Labeling.label(mask, w, h, true, scratch);
		return fillHoles(mask, w, h, scratch, count);
	}

	/**
	 * As {@link #fillHoles(boolean[], int, int, int[])} with the 8-connected labels of {@code mask}
	 * already in {@code labels}, which are kept valid: filled pixels take the label of the object
	 * that encloses them, and objects lying inside a hole join it (their labels disappear, so the
	 * numbering has gaps until {@link #filter} renumbers).
	 * Every hole is enclosed by one 8-connected object, hence lies inside that object's bounding box:
	 * everything in the box that is not the object is flooded from the box border, and what the flood cannot reach is a hole (or an object inside one).
	 */
	public static boolean fillHoles(boolean[] mask, int w, int h, int[] labels, int count) {
		if (count == 0) return false;
		int[] x0 = new int[count + 1], y0 = new int[count + 1], x1 = new int[count + 1], y1 = new int[count + 1];
		java.util.Arrays.fill(x0, Integer.MAX_VALUE);
		java.util.Arrays.fill(y0, Integer.MAX_VALUE);
		for (int y = 0; y < h; y++) {
			int row = y * w;
			for (int x = 0; x < w; x++) {
				int l = labels[row + x];
				if (l == 0) continue;
				if (x < x0[l]) x0[l] = x;
				if (x > x1[l]) x1[l] = x;
				if (y < y0[l]) y0[l] = y;
				y1[l] = y;
			}
		}
		boolean filled = false;
		int[] stack = new int[64];
		boolean[] seen = new boolean[0];
		for (int l = 1; l <= count; l++) {
			int bw = x1[l] - x0[l] + 1, bh = y1[l] - y0[l] + 1;
			if (bw < 3 || bh < 3) continue; // no room for a hole
			int bn = bw * bh;
			if (seen.length < bn) seen = new boolean[Math.max(bn, seen.length * 2)];
			else java.util.Arrays.fill(seen, 0, bn, false);
			int sp = 0;
			// flood everything that is not object l from the box border; what stays unreached is
			// enclosed by l alone (its holes, with any objects inside them)
			for (int by = 0; by < bh; by++)
				for (int bx = 0; bx < bw; bx += (by == 0 || by == bh - 1) ? 1 : bw - 1) {
					int p = (y0[l] + by) * w + x0[l] + bx;
					if (labels[p] != l && !seen[by * bw + bx]) {
						seen[by * bw + bx] = true;
						if (sp == stack.length) stack = java.util.Arrays.copyOf(stack, sp * 2);
						stack[sp++] = by * bw + bx;
					}
				}
			while (sp > 0) {
				int q = stack[--sp];
				int bx = q % bw, by = q / bw;
				for (int d = 0; d < 4; d++) {
					int nx = bx + (d == 0 ? 1 : d == 1 ? -1 : 0), ny = by + (d == 2 ? 1 : d == 3 ? -1 : 0);
					if (nx < 0 || ny < 0 || nx >= bw || ny >= bh) continue;
					int nq = ny * bw + nx;
					if (seen[nq] || labels[(y0[l] + ny) * w + x0[l] + nx] == l) continue;
					seen[nq] = true;
					if (sp == stack.length) stack = java.util.Arrays.copyOf(stack, sp * 2);
					stack[sp++] = nq;
				}
			}
			for (int by = 1; by < bh - 1; by++)
				for (int bx = 1; bx < bw - 1; bx++) {
					int p = (y0[l] + by) * w + x0[l] + bx;
					if (labels[p] != l && !seen[by * bw + bx]) {
						if (!mask[p]) filled = true;
						mask[p] = true;
						labels[p] = l;
					}
				}
		}
		return filled;
	}

	/**
	 * Removes components smaller than {@code minPixels} (and, when {@code dropBorder}, those that touch
	 * the border), renumbering the rest 1..m in their original order. Returns m.
	 */
	public static int filter(int[] labels, int count, int w, int h, int minPixels, boolean dropBorder) {
		if (count == 0) return 0;
		int[] area = new int[count + 1];
		for (int l : labels)
			area[l]++;
		boolean[] border = dropBorder ? borderLabels(labels, count, w, h) : new boolean[count + 1];
		int[] map = new int[count + 1];
		int m = 0;
		for (int l = 1; l <= count; l++)
			map[l] = area[l] >= minPixels && !border[l] ? ++m : 0;
		if (m == count) return m;
		for (int p = 0; p < labels.length; p++)
			labels[p] = map[labels[p]];
		return m;
	}

	/** Which labels (index 1..count) have a pixel on the image border. */
	public static boolean[] borderLabels(int[] labels, int count, int w, int h) {
		boolean[] b = new boolean[count + 1];
		for (int x = 0; x < w; x++) {
			b[labels[x]] = true;
			b[labels[(h - 1) * w + x]] = true;
		}
		for (int y = 0; y < h; y++) {
			b[labels[y * w]] = true;
			b[labels[y * w + w - 1]] = true;
		}
		b[0] = false;
		return b;
	}

	/** Measures of the regions 1..count of a label image, in pixel units. */
	public static final class Measures {
		public final int count;
		/** Index 0 = label 1. */
		public final int[] area;
		public final double[] centroidX, centroidY, feret;
		public final boolean[] border;
		/** Bounding box (inclusive pixel indices) of each region. */
		public final int[] x0, y0, x1, y1;

		Measures(int count) {
			x0 = new int[count];
			y0 = new int[count];
			x1 = new int[count];
			y1 = new int[count];
			java.util.Arrays.fill(x0, Integer.MAX_VALUE);
			java.util.Arrays.fill(y0, Integer.MAX_VALUE);
			this.count = count;
			area = new int[count];
			centroidX = new double[count];
			centroidY = new double[count];
			feret = new double[count];
			border = new boolean[count];
		}

		/** ECD = 2√(A/π) of region i (0-based), in pixels. */
		public double ecd(int i) {
			return ecdOfArea(area[i]);
		}

		public static double ecdOfArea(double area) {
			return 2 * Math.sqrt(area / Math.PI);
		}
	}

	/**
	 * Area, centroid (pixel centres at x + 0.5), maximum Feret diameter and border contact of each
	 * region. Feret: the largest distance between two corners of the convex hull of the regions' pixel
	 * corners, as ImageJ measures it on a traced outline.
	 */
	public static Measures measure(int[] labels, int count, int w, int h) {
		Measures m = new Measures(count);
		if (count == 0) return m;
		double[] sx = new double[count], sy = new double[count];
		// hull candidates: the outer corners of the first and last pixel of each run
		int[] nPts = new int[count];
		double[][] pts = new double[count][];
		for (int i = 0; i < count; i++)
			pts[i] = new double[16];
		for (int y = 0; y < h; y++) {
			int row = y * w;
			for (int x = 0; x < w; x++) {
				int l = labels[row + x];
				if (l == 0) continue;
				int i = l - 1;
				m.area[i]++;
				if (x < m.x0[i]) m.x0[i] = x;
				if (x > m.x1[i]) m.x1[i] = x;
				if (y < m.y0[i]) m.y0[i] = y;
				m.y1[i] = y;
				sx[i] += x + 0.5;
				sy[i] += y + 0.5;
				boolean left = x == 0 || labels[row + x - 1] != l;
				boolean right = x == w - 1 || labels[row + x + 1] != l;
				if (left || right) {
					if (nPts[i] + 8 > pts[i].length) pts[i] = Arrays.copyOf(pts[i], pts[i].length * 2);
					double[] a = pts[i];
					int k = nPts[i];
					if (left) {
						a[k++] = x;
						a[k++] = y;
						a[k++] = x;
						a[k++] = y + 1;
					}
					if (right) {
						a[k++] = x + 1;
						a[k++] = y;
						a[k++] = x + 1;
						a[k++] = y + 1;
					}
					nPts[i] = k;
				}
			}
		}
		boolean[] b = borderLabels(labels, count, w, h);
		for (int i = 0; i < count; i++) {
			m.centroidX[i] = sx[i] / m.area[i];
			m.centroidY[i] = sy[i] / m.area[i];
			m.feret[i] = maxFeret(pts[i], nPts[i] / 2);
			m.border[i] = b[i + 1];
		}
		return m;
	}

	/** Largest distance between points (x, y interleaved) via their convex hull (monotone chain). */
	static double maxFeret(double[] xy, int n) {
		if (n < 2) return 0;
		Integer[] order = new Integer[n];
		for (int i = 0; i < n; i++)
			order[i] = i;
		Arrays.sort(order, (a, b) -> {
			int c = Double.compare(xy[2 * a], xy[2 * b]);
			return c != 0 ? c : Double.compare(xy[2 * a + 1], xy[2 * b + 1]);
		});
		int[] hull = new int[2 * n];
		int k = 0;
		for (int t = 0; t < n; t++) {
			int i = order[t];
			while (k >= 2 && cross(xy, hull[k - 2], hull[k - 1], i) <= 0)
				k--;
			hull[k++] = i;
		}
		for (int t = n - 2, lo = k + 1; t >= 0; t--) {
			int i = order[t];
			while (k >= lo && cross(xy, hull[k - 2], hull[k - 1], i) <= 0)
				k--;
			hull[k++] = i;
		}
		k = Math.max(1, k - 1);
		double best = 0;
		for (int a = 0; a < k; a++)
			for (int c = a + 1; c < k; c++) {
				double dx = xy[2 * hull[a]] - xy[2 * hull[c]], dy = xy[2 * hull[a] + 1] - xy[2 * hull[c] + 1];
				double d = dx * dx + dy * dy;
				if (d > best) best = d;
			}
		return Math.sqrt(best);
	}

	private static double cross(double[] xy, int o, int a, int b) {
		return (xy[2 * a] - xy[2 * o]) * (xy[2 * b + 1] - xy[2 * o + 1]) - (xy[2 * a + 1] - xy[2 * o + 1]) * (xy[2 * b] - xy[2 * o]);
	}
}
