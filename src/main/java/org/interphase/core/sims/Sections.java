package org.interphase.core.sims;

import org.interphase.core.InvalidInputException;

/**
 * The "3D mapping" views of a {@link SimsVolume}: orthogonal sections (x–depth at a row, y–depth at
 * a column, each the mean over a band of rows or columns; image row k = cycle k) stretched along
 * depth by linear interpolation, and ion maps averaged over a range of cycles.
 */
public final class Sections {

	private Sections() {}

	/** x–depth section of {@code ion}: mean over rows [y0, y0 + band) (clipped), {@code width × cycles}. */
	public static float[] xz(SimsVolume v, int ion, int y0, int band) {
		check(y0, band, v.height, "row");
		int w = v.width, y1 = Math.min(v.height, y0 + band);
		float[] out = new float[w * v.cycles];
		for (int k = 0; k < v.cycles; k++) {
			float[] px = v.cycle(ion, k);
			for (int x = 0; x < w; x++) {
				double s = 0;
				int n = 0;
				for (int y = y0; y < y1; y++) {
					float f = px[y * w + x];
					if (f == f) {
						s += f;
						n++;
					}
				}
				out[k * w + x] = n > 0 ? (float) (s / n) : Float.NaN;
			}
		}
		return out;
	}

	/** y–depth section of {@code ion}: mean over columns [x0, x0 + band) (clipped), {@code height × cycles}. */
	public static float[] yz(SimsVolume v, int ion, int x0, int band) {
		check(x0, band, v.width, "column");
		int w = v.width, h = v.height, x1 = Math.min(w, x0 + band);
		float[] out = new float[h * v.cycles];
		for (int k = 0; k < v.cycles; k++) {
			float[] px = v.cycle(ion, k);
			for (int y = 0; y < h; y++) {
				double s = 0;
				int n = 0;
				for (int x = x0; x < x1; x++) {
					float f = px[y * w + x];
					if (f == f) {
						s += f;
						n++;
					}
				}
				out[k * h + y] = n > 0 ? (float) (s / n) : Float.NaN;
			}
		}
		return out;
	}

	private static void check(int at, int band, int size, String field) {
		if (at < 0 || at >= size) throw new InvalidInputException(field + ": " + at + " is outside 0–" + (size - 1));
		if (band < 1) throw new InvalidInputException("band: must be at least 1");
	}

	/**
	 * {@code img} ({@code width × rows}) resampled to {@code outRows} rows: output row r stands for the
	 * input rows [r·rows/outRows, (r + 1)·rows/outRows). Fewer rows: the mean over that span (each input
	 * row weighted by its overlap, so a thin layer is not skipped); more rows: linear interpolation at
	 * the span's centre. Either way one output row is rows/outRows cycles deep.
	 */
	public static float[] stretch(float[] img, int width, int rows, int outRows) {
		if (outRows == rows) return img.clone();
		float[] out = new float[width * outRows];
		double f = rows / (double) outRows;
		for (int r = 0; r < outRows; r++) {
			if (outRows < rows) {
				double a = r * f, b = (r + 1) * f;
				for (int x = 0; x < width; x++) {
					double s = 0, ws = 0;
					for (int k = (int) Math.floor(a); k < Math.min(rows, Math.ceil(b)); k++) {
						double w = Math.min(b, k + 1) - Math.max(a, k);
						float v = img[k * width + x];
						if (w > 0 && v == v) {
							s += w * v;
							ws += w;
						}
					}
					out[r * width + x] = ws > 0 ? (float) (s / ws) : Float.NaN;
				}
			} else {
				double t = Math.max(0, Math.min(rows - 1, (r + 0.5) * f - 0.5));
				int a = (int) Math.floor(t), b = Math.min(rows - 1, a + 1);
				double g = t - a;
				for (int x = 0; x < width; x++)
					out[r * width + x] = (float) ((1 - g) * img[a * width + x] + g * img[b * width + x]);
			}
		}
		return out;
	}

	/** Mean of {@code ion} over cycles [from, to] (0-based, inclusive) per pixel. */
	public static float[] map(SimsVolume v, int ion, int from, int to) {
		if (from < 0 || to >= v.cycles || from > to)
			throw new InvalidInputException("map_from/map_to: cycles " + (from + 1) + "–" + (to + 1) + " are not within 1–" + v.cycles);
		float[] out = new float[v.pixels()];
		for (int p = 0; p < out.length; p++) {
			double s = 0;
			int n = 0;
			for (int k = from; k <= to; k++) {
				float f = v.cycle(ion, k)[p];
				if (f == f) {
					s += f;
					n++;
				}
			}
			out[p] = n > 0 ? (float) (s / n) : Float.NaN;
		}
		return out;
	}
}
