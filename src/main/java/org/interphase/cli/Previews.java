package org.interphase.cli;

import java.io.IOException;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

/** PNG previews of output images for the demo index: stacks as a grid of up to 12 slices. */
final class Previews {

	private Previews() {}

	static void png(ImagePlus imp, Path file) throws IOException {
		ImageStack st = imp.getStack();
		int n = st.getSize();
		int shown = Math.min(n, 12);
		int cols = Math.min(shown, 4), rows = (shown + cols - 1) / cols;
		int w = imp.getWidth(), h = imp.getHeight();
		int scale = Math.max(1, Math.min(4, 256 / Math.max(w, h)));
		int gap = 2;
		ByteProcessor out = new ByteProcessor(cols * (w * scale + gap), rows * (h * scale + gap));
		out.setColor(255);
		out.fill();
		for (int k = 0; k < shown; k++) {
			int slice = shown == n ? k + 1 : 1 + (int) Math.round(k * (n - 1) / (double) (shown - 1));
			ImageProcessor ip = st.getProcessor(slice);
			double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
			for (int p = 0; p < w * h; p++) {
				float v = ip.getf(p);
				if (Float.isFinite(v)) {
					lo = Math.min(lo, v);
					hi = Math.max(hi, v);
				}
			}
			double range = hi > lo ? hi - lo : 1;
			int ox = (k % cols) * (w * scale + gap), oy = (k / cols) * (h * scale + gap);
			for (int y = 0; y < h * scale; y++)
				for (int x = 0; x < w * scale; x++) {
					float v = ip.getf(x / scale, y / scale);
					int g = Float.isFinite(v) ? (int) Math.round(255 * (v - lo) / range) : 0;
					out.set(ox + x, oy + y, Math.max(0, Math.min(255, g)));
				}
		}
		if (!new FileSaver(new ImagePlus("preview", out)).saveAsPng(file.toString()))
			throw new IOException("cannot write " + file);
	}
}
