package org.interphase.cli.demo;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ImageProcessor;

/**
 * PNG previews of output images for the demo index, in the images' own colours: RGB composites
 * as RGB, label images through their own LUT (label k in the colour the plots give it), maps in
 * viridis with a colour bar (range and value unit) under each tile. Small images are enlarged
 * with nearest neighbour to a readable size; calibrated images get a scale bar; stacks become a
 * montage of up to 12 tiles, each titled with its slice label (energy, element, time).
 */
final class Previews {

	/** What a preview shows, for the caption. */
	enum Kind {
		RGB("RGB composite"), LABELS("labels, their own LUT"), MAP("viridis with its range");

		final String text;

		Kind(String text) {
			this.text = text;
		}
	}

	static final int MAX_TILES = 8;
	private static final Color NAN = new Color(0xbbbbbb);
	private static final int[] VIRIDIS = viridis();

	private Previews() {}

	static Kind kind(ImagePlus imp) {
		if (imp.getBitDepth() == 24) return Kind.RGB;
		if (imp.getProcessor().isColorLut() || imp.getProp("interphase.labels") != null) return Kind.LABELS;
		return Kind.MAP;
	}

	/** Writes the preview and returns what it shows. */
	static Kind png(ImagePlus imp, Path file) throws IOException {
		Kind kind = kind(imp);
		ImageStack st = imp.getStack();
		int n = st.getSize(), shown = Math.min(n, MAX_TILES);
		int w = imp.getWidth(), h = imp.getHeight();
		int target = shown > 4 ? 150 : 240; // tile size in px: enough to read force maps of 6×5 curves
		int scale = Math.max(1, Math.min(48, (int) Math.round(target / (double) Math.max(w, h))));
		if (Math.max(w, h) > 2 * target) scale = 1;
		int tw = w * scale, th = h * scale;
		int title = 16, bar = kind == Kind.MAP ? 34 : kind == Kind.LABELS ? 20 : 0, gap = 8;
		int cellW = Math.max(tw, 150), cellH = title + th + bar;
		int cols = Math.min(shown, shown > 4 ? 4 : shown), rows = (shown + cols - 1) / cols;
		BufferedImage out = new BufferedImage(cols * (cellW + gap) + gap, rows * (cellH + gap) + gap, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = out.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, out.getWidth(), out.getHeight());
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
		String unit = valueUnit(imp);
		for (int k = 0; k < shown; k++) {
			int slice = shown == n ? k + 1 : 1 + (int) Math.round(k * (n - 1) / (double) (shown - 1));
			ImageProcessor ip = st.getProcessor(slice);
			int ox = gap + (k % cols) * (cellW + gap), oy = gap + (k / cols) * (cellH + gap);
			String label = st.getSliceLabel(slice);
			String head = (n > 1 ? "#" + slice + " " : "") + (label == null ? "" : firstLine(label));
			g.setColor(Color.DARK_GRAY);
			g.drawString(fit(g, head, cellW), ox, oy + 12);
			double[] range = kind == Kind.LABELS ? new double[] { imp.getDisplayRangeMin(), imp.getDisplayRangeMax() } : finiteRange(ip);
			BufferedImage tile = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
			for (int y = 0; y < th; y++)
				for (int x = 0; x < tw; x++)
					tile.setRGB(x, y, colour(kind, ip, x / scale, y / scale, range));
			g.drawImage(tile, ox, oy + title, null);
			scaleBar(g, imp.getCalibration(), w, scale, ox, oy + title, tw, th);
			if (kind == Kind.MAP) colourBar(g, range, unit, ox, oy + title + th + 4, Math.max(tw, 150));
			if (kind == Kind.LABELS) labelKey(g, ip, ox, oy + title + th + 4, cellW);
		}
		g.dispose();
		if (!ImageIO.write(out, "png", file.toFile())) throw new IOException("cannot write " + file);
		return kind;
	}

	private static int colour(Kind kind, ImageProcessor ip, int x, int y, double[] range) {
		if (kind == Kind.RGB) return ip.get(x, y) & 0xffffff;
		float v = ip.getf(x, y);
		if (!Float.isFinite(v)) return NAN.getRGB();
		double f = range[1] > range[0] ? (v - range[0]) / (range[1] - range[0]) : 0.5;
		int i = (int) Math.round(255 * Math.max(0, Math.min(1, f)));
		if (kind == Kind.LABELS) return ip.getColorModel().getRGB(i) & 0xffffff;
		return VIRIDIS[i];
	}

	/** The value unit of a map: its calibration's, unless that is ImageJ's placeholder. */
	static String valueUnit(ImagePlus imp) {
		String u = imp.getCalibration().getValueUnit();
		return u == null || u.isEmpty() || "Gray Value".equals(u) ? "" : u;
	}

	private static double[] finiteRange(ImageProcessor ip) {
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (int p = 0; p < ip.getPixelCount(); p++) {
			float v = ip.getf(p);
			if (Float.isFinite(v)) {
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
		}
		return lo > hi ? new double[] { 0, 1 } : new double[] { lo, hi };
	}

	/** A horizontal viridis bar with its minimum, maximum and the value unit. */
	private static void colourBar(Graphics2D g, double[] range, String unit, int x, int y, int width) {
		int bw = width, bh = 10;
		for (int i = 0; i < bw; i++) {
			g.setColor(new Color(VIRIDIS[(int) Math.round(255.0 * i / Math.max(1, bw - 1))]));
			g.drawLine(x + i, y, x + i, y + bh);
		}
		g.setColor(Color.GRAY);
		g.drawRect(x, y, bw, bh);
		g.setColor(Color.DARK_GRAY);
		String lo = fmt(range[0]), hi = fmt(range[1]) + (unit.isEmpty() ? "" : " " + unit);
		FontMetrics fm = g.getFontMetrics();
		g.drawString(lo, x, y + bh + 13);
		g.drawString(hi, x + bw - fm.stringWidth(hi), y + bh + 13);
	}

	/** Swatches of the labels present in the tile (up to 10), numbered. */
	private static void labelKey(Graphics2D g, ImageProcessor ip, int x, int y, int width) {
		int max = 0;
		for (int p = 0; p < ip.getPixelCount(); p++) {
			float v = ip.getf(p);
			if (Float.isFinite(v)) max = Math.max(max, (int) v);
		}
		FontMetrics fm = g.getFontMetrics();
		int cx = x;
		for (int k = 1; k <= Math.min(max, 10); k++) {
			String t = Integer.toString(k);
			if (cx + 14 + fm.stringWidth(t) > x + width) break;
			g.setColor(new Color(ip.getColorModel().getRGB(k) & 0xffffff));
			g.fillRect(cx, y + 1, 10, 10);
			g.setColor(Color.DARK_GRAY);
			g.drawString(t, cx + 12, y + 10);
			cx += 18 + fm.stringWidth(t);
		}
		if (max > 10 && cx < x + width - 20) g.drawString("… " + max, cx, y + 10);
	}

	/** A white bar with a black edge, about a fifth of the width, of a round calibrated length. */
	private static void scaleBar(Graphics2D g, Calibration cal, int w, int scale, int ox, int oy, int tw, int th) {
		if (!cal.scaled() || cal.getUnit() == null || cal.getUnit().startsWith("pixel")) return;
		double len = niceLength(w * cal.pixelWidth / 5);
		int px = (int) Math.round(len / cal.pixelWidth * scale);
		if (px < 8 || px > tw - 8) return;
		String text = fmt(len) + " " + cal.getUnit();
		int x = ox + 6, y = oy + th - 8;
		g.setColor(Color.BLACK);
		g.fillRect(x - 1, y - 1, px + 2, 6);
		g.setColor(Color.WHITE);
		g.fillRect(x, y, px, 4);
		int tx = x, ty = y - 4;
		if (th < 40) return; // no room for the text
		g.setColor(Color.BLACK);
		for (int dx = -1; dx <= 1; dx++)
			for (int dy = -1; dy <= 1; dy++)
				g.drawString(text, tx + dx, ty + dy);
		g.setColor(Color.WHITE);
		g.drawString(text, tx, ty);
	}

	/** 1, 2 or 5 times a power of ten, at most {@code x}. */
	static double niceLength(double x) {
		if (!(x > 0)) return 0;
		double p = Math.pow(10, Math.floor(Math.log10(x)));
		double m = x / p;
		return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
	}

	static String fmt(double v) {
		if (v == 0) return "0";
		double a = Math.abs(v);
		if (a >= 1e5 || a < 1e-3) return String.format(Locale.ROOT, "%.3g", v);
		String s = String.format(Locale.ROOT, "%.4g", v);
		if (s.contains(".") && !s.contains("e")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
		return s;
	}

	private static String firstLine(String s) {
		int i = s.indexOf('\n');
		return i < 0 ? s : s.substring(0, i);
	}

	private static String fit(Graphics2D g, String s, int width) {
		FontMetrics fm = g.getFontMetrics();
		if (fm.stringWidth(s) <= width) return s;
		while (s.length() > 1 && fm.stringWidth(s + "…") > width)
			s = s.substring(0, s.length() - 1);
		return s + "…";
	}

	/** Viridis (matplotlib's perceptual default) from a polynomial fit of its 256 colours. */
	private static int[] viridis() {
		double[][] c = { { 0.2777273272234177, 0.005407344544966578, 0.3340998053353061 }, { 0.1050930431085774, 1.404613529898575, 1.384590162594685 },
			{ -0.3308618287255563, 0.214847559468213, 0.09509516302823659 }, { -4.634230498983486, -5.799100973351585, -19.33244095627987 },
			{ 6.228269936347081, 14.17993336680509, 56.69055260068105 }, { 4.776384997670288, -13.74514537774601, -65.35303263337234 },
			{ -5.435455855934631, 4.645852612178535, 26.3124352495832 } };
		int[] lut = new int[256];
		for (int i = 0; i < 256; i++) {
			double t = i / 255.0;
			int rgb = 0;
			for (int ch = 0; ch < 3; ch++) {
				double v = 0;
				for (int k = 6; k >= 0; k--)
					v = v * t + c[k][ch];
				rgb = rgb << 8 | (int) Math.round(255 * Math.max(0, Math.min(1, v)));
			}
			lut[i] = rgb;
		}
		return lut;
	}
}
