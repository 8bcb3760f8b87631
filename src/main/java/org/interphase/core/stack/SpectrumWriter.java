package org.interphase.core.stack;

/**
 * Per-worker output buffer for kernels of {@link PixelEngine} that produce a whole spectrum per
 * pixel: spectra of consecutive pixels are collected and written slice by slice (sequential
 * writes into each slice) instead of one scattered write per energy and pixel, which costs more
 * than the science for energy-major stacks. Call {@link #flush()} on every writer after the
 * engine returns (the last run of each worker is still buffered).
 */
public final class SpectrumWriter {

	private final float[][] out;
	private final int nE, capacity;
	private final float[] buffer;
	private int start = -1, count = 0;

	/** Writes into {@code slices} (energy-major, each of the stack's pixel count). */
	public SpectrumWriter(float[][] slices, int capacity) {
		this.out = slices;
		this.nE = slices.length;
		this.capacity = Math.max(1, capacity);
		this.buffer = new float[this.capacity * nE];
	}

	/**
	 * Reserves the spectrum of {@code pixel}; returns the offset in {@link #buffer()} where its
	 * values (one per energy) go.
	 */
	public int reserve(int pixel) {
		if (count > 0 && (pixel != start + count || count == capacity)) flush();
		if (count == 0) start = pixel;
		return nE * count++;
	}

	/** The buffer that {@link #reserve} offsets index. */
	public float[] buffer() {
		return buffer;
	}

	/** Writes the buffered spectra into the slices. */
	public void flush() {
		if (count == 0) return;
		// four slices per sweep, so that each buffered spectrum is read four neighbouring values at a time
		int e = 0;
		for (; e + 3 < nE; e += 4) {
			float[] o0 = out[e], o1 = out[e + 1], o2 = out[e + 2], o3 = out[e + 3];
			for (int i = 0, k = e; i < count; i++, k += nE) {
				int p = start + i;
				o0[p] = buffer[k];
				o1[p] = buffer[k + 1];
				o2[p] = buffer[k + 2];
				o3[p] = buffer[k + 3];
			}
		}
		for (; e < nE; e++) {
			float[] o = out[e];
			for (int i = 0, k = e; i < count; i++, k += nE)
				o[start + i] = buffer[k];
		}
		count = 0;
	}
}
