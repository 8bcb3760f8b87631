package org.interphase.core.morphology;

/**
 * Separable Gaussian smoothing of a float image (edges extended by their nearest pixel, as
 * ImageJ's Gaussian Blur and scikit-image's {@code mode='nearest'}), and the bulk median used to
 * normalise maps. Allocation: two scratch rows/columns per call, reusable through {@link Worker}.
 */
public final class Smoothing {

	private Smoothing() {}

	/** Gaussian kernel (half, index 0 = centre) normalised to sum 1 over the full kernel; radius ⌈3σ⌉. */
	public static float[] kernel(double sigma) {
		int r = Math.max(1, (int) Math.ceil(3 * sigma));
		float[] k = new float[r + 1];
		double sum = 0;
		for (int i = 0; i <= r; i++) {
			double v = Math.exp(-0.5 * i * i / (sigma * sigma));
			k[i] = (float) v;
			sum += i == 0 ? v : 2 * v;
		}
		for (int i = 0; i <= r; i++)
			k[i] /= (float) sum;
		return k;
	}

	/** A per-thread smoother holding its scratch buffers. */
	public static final class Worker {
		private final float[] k;
		private float[] line = new float[0], padded = new float[0], tmp = new float[0];

		public Worker(double sigma) {
			this.k = kernel(sigma);
		}

		/** Smooths {@code src} (w × h) into {@code dst} (may be the same array). */
		public void smooth(float[] src, float[] dst, int w, int h) {
			smooth(src, 1f, dst, w, h);
		}

		/** Smooths {@code scale}·{@code src} into {@code dst} (the scaling costs no extra pass). */
		public void smooth(float[] src, float scale, float[] dst, int w, int h) {
			int r = k.length - 1;
			if (tmp.length < w * h) tmp = new float[w * h];
			if (padded.length < w + 2 * r) padded = new float[w + 2 * r];
			if (line.length < w) line = new float[w];
			// rows: src -> tmp
			for (int y = 0; y < h; y++) {
				int row = y * w;
				if (scale == 1f) System.arraycopy(src, row, padded, r, w);
				else for (int x = 0; x < w; x++)
					padded[r + x] = src[row + x] * scale;
				pad(w, r);
				convolve(w, r);
				System.arraycopy(line, 0, tmp, row, w);
			}
			// columns, a whole row at a time (contiguous memory): tmp -> dst, edge rows repeated
			float[] kk = k;
			float[] t = tmp;
			for (int y = 0; y < h; y++) {
				int row = y * w;
				float k0 = kk[0];
				for (int x = 0; x < w; x++)
					dst[row + x] = k0 * t[row + x];
				for (int j = 1; j <= r; j++) {
					int up = Math.max(0, y - j) * w, down = Math.min(h - 1, y + j) * w;
					float kj = kk[j];
					for (int x = 0; x < w; x++)
						dst[row + x] += kj * (t[up + x] + t[down + x]);
				}
			}
		}

		private void pad(int n, int r) {
			float first = padded[r], last = padded[r + n - 1];
			for (int i = 0; i < r; i++) {
				padded[i] = first;
				padded[r + n + i] = last;
			}
		}

		private void convolve(int n, int r) {
			float[] kk = k;
			float[] pd = padded;
			for (int i = 0; i < n; i++) {
				int c = i + r;
				float s = kk[0] * pd[c];
				for (int j = 1; j <= r; j++)
					s += kk[j] * (pd[c - j] + pd[c + j]);
				line[i] = s;
			}
		}
	}

	/**
	 * Median of the finite values of {@code data}, from a regular subsample of at most
	 * {@code maxSamples} pixels (every k-th pixel; exact when the image is smaller). NaN when no value
	 * is finite.
	 */
	public static double median(float[] data, int maxSamples) {
		int step = Math.max(1, data.length / Math.max(1, maxSamples));
		float[] s = new float[(data.length + step - 1) / step];
		int n = 0;
		for (int p = 0; p < data.length; p += step)
			if (Float.isFinite(data[p])) s[n++] = data[p];
		if (n == 0) return Double.NaN;
		java.util.Arrays.sort(s, 0, n);
		return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
	}
}
