package org.interphase.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;

/**
 * Image Metrology BCR (.bcr, .bcrf): a 2048-byte text header of {@code key = value} lines, then
 * xpixels × ypixels values, row 0 at the top. {@code fileformat = bcrstm}: int16 counts × {@code bit2nm}
 * (nm per count, or per {@code zunit}); {@code fileformat = bcrf}: float32 in nm. {@code intelmode}
 * (default 1) selects little-endian; {@code xlength}/{@code ylength} are in {@code xunit}/{@code yunit}
 * (default nm). With {@code voidpixels} non-zero, 32767 (int16) or &gt; 1.7e38 (float) marks a pixel
 * that was not measured; it becomes NaN here (Gwyddion masks it and fills in the mean).
 * {@code zmin}, when positive, shifts the minimum to that height, as in Gwyddion.
 */
public final class BcrReader {

	static final int HEADER = 2048;

	private BcrReader() {}

	public static AfmImage read(Path file) {
		byte[] b = InputFiles.readAllBytes(file);
		if (b.length < HEADER) throw InputFiles.invalid(file, "is too short for a BCR file (" + b.length + " bytes; the header alone is " + HEADER + ")");
		Map<String, String> h = AfmChannels.keyValues(new String(b, 0, HEADER, StandardCharsets.ISO_8859_1).replace('\0', '\n'), '=');
		String format = h.get("fileformat");
		if (format == null) throw InputFiles.invalid(file, "is not a BCR file (no fileformat in the header)");
		boolean ints;
		if (format.equals("bcrstm")) ints = true;
		else if (format.equals("bcrf")) ints = false;
		else throw InputFiles.invalid(file, "fileformat is \"" + InputFiles.quote(format) + "\"; known: bcrstm (int16), bcrf (float32)");
		int w = InputFiles.count(file, "xpixels", h.get("xpixels"), 1, Integer.MAX_VALUE);
		int ht = InputFiles.count(file, "ypixels", h.get("ypixels"), 1, Integer.MAX_VALUE);
		boolean little = !h.containsKey("intelmode") || h.get("intelmode").isEmpty() || InputFiles.number(file, "intelmode", h.get("intelmode"), InputFiles.Rule.FINITE) != 0;
		boolean voids = nonEmpty(h, "voidpixels") && InputFiles.number(file, "voidpixels", h.get("voidpixels"), InputFiles.Rule.FINITE) != 0;
		int n = InputFiles.elements(file, "the image", 8, w, ht);
		int bpp = ints ? 2 : 4;
		InputFiles.region(file, b.length, HEADER, (long) bpp * n, "the " + w + "×" + ht + (ints ? " int16" : " float32") + " data");
		ByteBuffer bb = ByteBuffer.wrap(b).order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
		bb.position(HEADER);
		double[] v = AfmChannels.samples(bb, ints ? "int16" : "float32", n);
		String zunit = nonEmpty(h, "zunit") ? h.get("zunit") : "nm";
		double zM = AfmImage.lengthInNm(zunit) * 1e-9;
		if (Double.isNaN(zM)) throw InputFiles.invalid(file, "zunit is \"" + InputFiles.quote(zunit) + "\", not a length unit");
		double scale;
		String how;
		if (ints) {
			double bit2nm = nonEmpty(h, "bit2nm") ? InputFiles.number(file, "bit2nm", h.get("bit2nm"), InputFiles.Rule.POSITIVE) : 1;
			scale = bit2nm * zM;
			how = "int16 × bit2nm " + bit2nm + " " + zunit;
		} else {
			scale = 1e-9;
			how = "float32 in nm";
		}
		int voidCount = 0;
		for (int i = 0; i < n; i++) {
			if (voids && (ints ? v[i] == 32767 : v[i] > 1.7e38)) {
				v[i] = Double.NaN;
				voidCount++;
			} else {
				v[i] *= scale;
			}
		}
		if (nonEmpty(h, "zmin")) {
			double zmin = InputFiles.number(file, "zmin", h.get("zmin"), InputFiles.Rule.FINITE);
			if (zmin > 0) {
				double min = Double.POSITIVE_INFINITY;
				for (double x : v)
					if (x < min) min = x;
				for (int i = 0; i < n; i++)
					v[i] += zmin * zM - min;
				how += ", minimum shifted to zmin " + zmin;
			}
		}
		if (voidCount > 0) how += ", " + voidCount + " void pixels NaN";
		double xreal = length(file, h, "xlength", "xunit"), yreal = length(file, h, "ylength", "yunit");
		AfmImage.Channel c = AfmChannels.of("Topography", "m", v, w, ht, xreal, yreal, how);
		return new AfmImage(file, "Image Metrology BCR (" + format + ")", Collections.singletonList(c));
	}

	private static boolean nonEmpty(Map<String, String> h, String key) {
		return h.get(key) != null && !h.get(key).isEmpty();
	}

	private static double length(Path file, Map<String, String> h, String key, String unitKey) {
		double v = InputFiles.number(file, key, h.get(key), InputFiles.Rule.POSITIVE);
		String u = nonEmpty(h, unitKey) ? h.get(unitKey) : "nm";
		double nm = AfmImage.lengthInNm(u);
		if (Double.isNaN(nm)) throw InputFiles.invalid(file, unitKey + " is \"" + InputFiles.quote(u) + "\", not a length unit");
		return v * nm * 1e-9;
	}
}
