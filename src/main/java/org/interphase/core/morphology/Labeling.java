package org.interphase.core.morphology;

import org.interphase.core.InvalidInputException;

/**
 * Connected-component labelling of a binary mask (the one labelling path of the suite: voids,
 * particles, shells). Two raster passes with union–find; labels 1..n numbered in raster order of
 * each component's first pixel; background 0.
 */
public final class Labeling {

	private Labeling() {}

	/**
	 * Labels the {@code true} pixels of {@code mask} (width × height, row-major) into {@code labels}
	 * (same length, overwritten) and returns the number of components.
	 */
	public static int label(boolean[] mask, int width, int height, boolean eightConnected, int[] labels) {
		int n = width * height;
		if (mask.length != n || labels.length != n)
			throw new InvalidInputException("mask and labels must have " + width + "×" + height + " pixels");
		int[] parent = new int[n / 2 + 2];
		int next = 1;
		for (int y = 0; y < height; y++) {
			int row = y * width;
			for (int x = 0; x < width; x++) {
				int p = row + x;
				if (!mask[p]) {
					labels[p] = 0;
					continue;
				}
				int best = 0;
				// previously visited neighbours: W, and N (plus NW, NE when 8-connected)
				if (x > 0 && mask[p - 1]) best = union(parent, best, labels[p - 1]);
				if (y > 0) {
					if (mask[p - width]) best = union(parent, best, labels[p - width]);
					if (eightConnected) {
						if (x > 0 && mask[p - width - 1]) best = union(parent, best, labels[p - width - 1]);
						if (x < width - 1 && mask[p - width + 1]) best = union(parent, best, labels[p - width + 1]);
					}
				}
				if (best == 0) {
					if (next >= parent.length) parent = java.util.Arrays.copyOf(parent, parent.length * 2);
					parent[next] = next;
					best = next++;
				}
				labels[p] = best;
			}
		}
		// resolve provisional labels to consecutive final ones in raster order
		int[] finalLabel = new int[next];
		int count = 0;
		for (int p = 0; p < n; p++) {
			int l = labels[p];
			if (l == 0) continue;
			int root = find(parent, l);
			if (finalLabel[root] == 0) finalLabel[root] = ++count;
			labels[p] = finalLabel[root];
		}
		return count;
	}

	private static int find(int[] parent, int a) {
		while (parent[a] != a) {
			parent[a] = parent[parent[a]];
			a = parent[a];
		}
		return a;
	}

	/** Joins the sets of {@code current} (0 = none yet) and {@code other}; returns the root. */
	private static int union(int[] parent, int current, int other) {
		int b = find(parent, other);
		if (current == 0) return b;
		int a = find(parent, current);
		if (a == b) return a;
		int lo = Math.min(a, b), hi = Math.max(a, b);
		parent[hi] = lo;
		return lo;
	}
}
