package org.interphase.ij;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.interphase.core.InvalidInputException;

import ij.gui.Overlay;
import ij.gui.Roi;
import ij.plugin.filter.ThresholdToSelection;
import ij.plugin.frame.RoiManager;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

/** ROIs ⇄ masks and label images: the one place where selections meet core's arrays. */
public final class Rois {

	private Rois() {}

	/** The pixels of a {@code width}×{@code height} image inside the area ROI {@code roi}. */
	public static boolean[] mask(Roi roi, int width, int height) {
		boolean[] mask = new boolean[width * height];
		paint(roi, width, height, p -> mask[p] = true);
		return mask;
	}

	/** Label image from the ROI Manager: ROI k (1-based) paints label k; later ROIs win on overlap; line and point ROIs are skipped and named in the log. */
	public static int[] labelsFromRoiManager(int width, int height, String field) {
		RoiManager rm = RoiManager.getInstance();
		if (rm == null || rm.getCount() == 0)
			throw new InvalidInputException(field + ": give a label image, or add the regions to the ROI Manager");
		int[] out = new int[width * height];
		Roi[] rois = rm.getRoisAsArray();
		List<String> skipped = new ArrayList<>();
		for (int k = 0; k < rois.length; k++) {
			if (!rois[k].isArea()) {
				skipped.add(rois[k].getName());
				continue;
			}
			final int label = k + 1;
			paint(rois[k], width, height, p -> out[p] = label);
		}
		if (!skipped.isEmpty()) Gui.log("ignored line/point ROIs " + skipped);
		return out;
	}

	private interface PixelSink {
		void accept(int pixel);
	}

	private static void paint(Roi roi, int w, int h, PixelSink sink) {
		Rectangle b = roi.getBounds();
		ImageProcessor m = roi.getMask();
		for (int y = Math.max(0, b.y); y < Math.min(h, b.y + b.height); y++)
			for (int x = Math.max(0, b.x); x < Math.min(w, b.x + b.width); x++)
				if (m == null || m.get(x - b.x, y - b.y) != 0) sink.accept(y * w + x);
	}

	/**
	 * Outline ROIs of every label 1..{@code maxLabel} in every frame of {@code labels} (one label
	 * image per frame, row-major, {@code width} wide), named {@code prefix + label}, coloured per
	 * label and positioned on (all channels, frame) of a hyperstack or on the slice otherwise.
	 */
	public static Overlay labelOutlines(int[][] labels, int width, int maxLabel, boolean hyperstack, String prefix) {
		Overlay ov = new Overlay();
		ThresholdToSelection tts = new ThresholdToSelection();
		int n = maxLabel;
		int[] x0 = new int[n + 1], y0 = new int[n + 1], x1 = new int[n + 1], y1 = new int[n + 1];
		for (int t = 0; t < labels.length; t++) {
			int[] l = labels[t];
			Arrays.fill(x0, Integer.MAX_VALUE);
			Arrays.fill(x1, -1);
			Arrays.fill(y0, Integer.MAX_VALUE);
			for (int p = 0; p < l.length; p++) {
				int id = l[p];
				if (id <= 0 || id > n) continue;
				int x = p % width, y = p / width;
				if (x < x0[id]) x0[id] = x;
				if (x > x1[id]) x1[id] = x;
				if (y < y0[id]) y0[id] = y;
				y1[id] = y;
			}
			for (int id = 1; id <= n; id++) {
				if (x1[id] < 0) continue;
				int bw = x1[id] - x0[id] + 1, bh = y1[id] - y0[id] + 1;
				// threshold-to-selection on the label's bounding box only: work ∝ object size
				ByteProcessor bp = new ByteProcessor(bw, bh);
				byte[] px = (byte[]) bp.getPixels();
				for (int y = 0; y < bh; y++)
					for (int x = 0; x < bw; x++)
						if (l[(y0[id] + y) * width + x0[id] + x] == id) px[y * bw + x] = (byte) 255;
				bp.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
				Roi roi = tts.convert(bp);
				if (roi == null) continue;
				roi.setLocation(roi.getXBase() + x0[id], roi.getYBase() + y0[id]);
				roi.setName(prefix + id);
				roi.setStrokeColor(Plots.labelColor(id));
				if (hyperstack) roi.setPosition(0, 1, t + 1);
				else roi.setPosition(t + 1);
				ov.add(roi);
			}
		}
		return ov;
	}
}
