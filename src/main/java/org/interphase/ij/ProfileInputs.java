package org.interphase.ij;

import java.util.ArrayList;
import java.util.List;

import org.interphase.core.InvalidInputException;
import org.scijava.Context;

import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.gui.Line;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.process.FloatPolygon;

/** Line geometry, image lists and slices for the profile and histogram commands. */
public final class ProfileInputs {

	private ProfileInputs() {}

	/** A line: vertices (pixel coordinates) and width in pixels, and where it came from. */
	public static final class LineGeometry {
		public final double[] xs, ys;
		public final int width;
		public final String source;

		public LineGeometry(double[] xs, double[] ys, int width, String source) {
			this.xs = xs;
			this.ys = ys;
			this.width = width;
			this.source = source;
		}
	}

	/**
	 * The line: {@code polyline} ("x,y,x,y,…") when given; else x1,y1,x2,y2 when not all zero; else
	 * the image's straight or segmented line selection (its stroke width when > 1, else {@code width}).
	 */
	public static LineGeometry line(ImagePlus imp, String polyline, double x1, double y1, double x2, double y2, int width) {
		if (polyline != null && !polyline.trim().isEmpty()) {
			String[] parts = polyline.trim().split("[\\s,;]+");
			if (parts.length < 4 || parts.length % 2 != 0)
				throw new InvalidInputException("polyline: expected x,y pairs (at least two points), got \"" + polyline + "\"");
			double[] xs = new double[parts.length / 2], ys = new double[parts.length / 2];
			for (int i = 0; i < parts.length; i++) {
				double v;
				try {
					v = Double.parseDouble(parts[i]);
				} catch (NumberFormatException e) {
					throw new InvalidInputException("polyline: \"" + parts[i] + "\" is not a number");
				}
				if (i % 2 == 0) xs[i / 2] = v;
				else ys[i / 2] = v;
			}
			return new LineGeometry(xs, ys, width, "polyline");
		}
		if (x1 != 0 || y1 != 0 || x2 != 0 || y2 != 0)
			return new LineGeometry(new double[] { x1, x2 }, new double[] { y1, y2 }, width, "x1,y1,x2,y2");
		Roi roi = imp == null ? null : imp.getRoi();
		if (roi instanceof Line) {
			Line l = (Line) roi;
			int w = Math.round(l.getStrokeWidth()) > 1 ? Math.round(l.getStrokeWidth()) : width;
			return new LineGeometry(new double[] { l.x1d, l.x2d }, new double[] { l.y1d, l.y2d }, w, "line selection");
		}
		if (roi instanceof PolygonRoi && (roi.getType() == Roi.POLYLINE || roi.getType() == Roi.FREELINE)) {
			FloatPolygon p = roi.getFloatPolygon();
			double[] xs = new double[p.npoints], ys = new double[p.npoints];
			for (int i = 0; i < p.npoints; i++) {
				xs[i] = p.xpoints[i];
				ys[i] = p.ypoints[i];
			}
			int w = Math.round(roi.getStrokeWidth()) > 1 ? Math.round(roi.getStrokeWidth()) : width;
			return new LineGeometry(xs, ys, w, "segmented line selection");
		}
		throw new InvalidInputException("line: draw a straight or segmented line selection, or give x1,y1,x2,y2 (px) or polyline");
	}

	/** One plane of an image: its pixels as float and a label. */
	public static final class Plane {
		public final float[] pixels;
		public final String label;
		public final int index;

		Plane(float[] pixels, String label, int index) {
			this.pixels = pixels;
			this.label = label;
			this.index = index;
		}
	}

	/**
	 * The planes to profile: channel {@code channel} (1-based) of every frame (or, without frames,
	 * every slice) at the current z; {@code frame} > 0 picks one. A single image gives one plane.
	 */
	public static List<Plane> planes(ImagePlus imp, int channel, int frame) {
		int nc = imp.getNChannels(), nz = imp.getNSlices(), nt = imp.getNFrames();
		if (channel < 1 || channel > nc) throw new InvalidInputException("channel: " + channel + " is not between 1 and " + nc);
		boolean overFrames = nt > 1;
		int count = overFrames ? nt : nz;
		if (frame < 0 || frame > count) throw new InvalidInputException("frame: " + frame + " is not between 0 (all) and " + count);
		ImageStack st = imp.getStack();
		int z = Math.max(1, Math.min(nz, imp.getZ()));
		List<Plane> out = new ArrayList<>();
		for (int k = 1; k <= count; k++) {
			if (frame > 0 && k != frame) continue;
			int index = overFrames ? imp.getStackIndex(channel, z, k) : imp.getStackIndex(channel, k, 1);
			String label = st.getSliceLabel(index);
			if (label == null || label.trim().isEmpty()) label = (overFrames ? "frame " : "slice ") + k;
			else label = label.split("\n")[0].trim();
			out.add(new Plane(pixels(st, index), label, k));
		}
		return out;
	}

	/** A copy of plane {@code index} (1-based) as float pixels. */
	public static float[] pixels(ImageStack st, int index) {
		Object p = st.getPixels(index);
		if (p instanceof float[]) return (float[]) p;
		return (float[]) st.getProcessor(index).convertToFloatProcessor().getPixels();
	}

	/**
	 * The images named in {@code list} (see {@link #images}); when the list is empty and a user is
	 * looking at Fiji, every open image. Refuses an empty result with a message naming {@code field}.
	 */
	public static List<ImagePlus> imagesOrAllOpen(String list, String field, Context context) {
		List<ImagePlus> imps = images(list, field, context);
		if (imps.isEmpty() && (list == null || list.trim().isEmpty()) && Gui.interactive()) {
			int[] ids = ij.WindowManager.getIDList();
			if (ids != null) for (int id : ids)
				imps.add(ij.WindowManager.getImage(id));
		}
		if (imps.isEmpty()) throw new InvalidInputException(field + ": give at least one image (comma-separated titles or files)");
		return imps;
	}

	/**
	 * Images named in a comma-separated list: each item is a file path (opened with the suite's
	 * importers; a relative name that is not found is also looked up in the previous file's folder,
	 * so "/data/a.tif,b.tif" works) or the title of an open image; {@code field} names the input in
	 * messages.
	 */
	public static List<ImagePlus> images(String list, String field, Context context) {
		List<ImagePlus> out = new ArrayList<>();
		if (list == null) return out;
		java.nio.file.Path folder = null;
		for (String item : list.split(",")) {
			String s = item.trim();
			if (s.isEmpty()) continue;
			if (s.startsWith("[") && s.endsWith("]")) s = s.substring(1, s.length() - 1).trim();
			java.nio.file.Path p = java.nio.file.Paths.get(s);
			if (!p.toFile().isFile() && folder != null && !p.isAbsolute() && folder.resolve(s).toFile().isFile()) p = folder.resolve(s);
			if (p.toFile().isFile()) {
				out.add(ImageFiles.open(p, context));
				folder = p.toAbsolutePath().getParent();
				continue;
			}
			ImagePlus open = WindowManager.getImage(s);
			if (open == null) throw new InvalidInputException(field + ": no such image file (or open image titled) \"" + s + "\"");
			out.add(open);
		}
		return out;
	}

	/** Title without the extension. */
	public static String baseTitle(ImagePlus imp) {
		String t = imp.getTitle();
		int dot = t.lastIndexOf('.');
		return dot > 0 ? t.substring(0, dot) : t;
	}
}
