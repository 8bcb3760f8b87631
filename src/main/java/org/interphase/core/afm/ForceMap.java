package org.interphase.core.afm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A grid of force curves (a force volume, a force map, or a single curve as a 1×1 grid). Curves are
 * stored row by row, {@code curves[y * width + x]}, with {@code null} where the grid has no curve.
 */
public final class ForceMap {

	public final int width, height;
	public final ForceCurve[] curves;
	/** Grid pitch in µm (NaN when unknown or irregular). */
	public final double pixelSize;
	/** What the reader found: format, tip radius, Poisson ratio, grid notes (text, for the summary). */
	public final Map<String, String> metadata = new LinkedHashMap<>();

	public ForceMap(int width, int height, ForceCurve[] curves, double pixelSize) {
		if (width < 1 || height < 1 || curves.length != width * height)
			throw new IllegalArgumentException(curves.length + " curves for a " + width + "×" + height + " grid");
		this.width = width;
		this.height = height;
		this.curves = curves;
		this.pixelSize = pixelSize;
	}

	/** Number of grid positions that hold a curve. */
	public int curveCount() {
		int n = 0;
		for (ForceCurve c : curves)
			if (c != null) n++;
		return n;
	}

	/** The same grid with every curve recalibrated (see {@link ForceCurve#recalibrated}). */
	public ForceMap recalibrated(double springConstant, double sensitivity) {
		if (Double.isNaN(springConstant) && Double.isNaN(sensitivity)) return this;
		ForceCurve[] c = new ForceCurve[curves.length];
		for (int i = 0; i < c.length; i++)
			c[i] = curves[i] == null ? null : curves[i].recalibrated(springConstant, sensitivity);
		ForceMap m = new ForceMap(width, height, c, pixelSize);
		m.metadata.putAll(metadata);
		return m;
	}
}
