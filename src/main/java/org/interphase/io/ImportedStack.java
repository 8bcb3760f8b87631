package org.interphase.io;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.interphase.core.stack.SpectralStack;

/** What a spectral-stack reader returns: the stack, its calibration and what the file said. */
public final class ImportedStack {

	public final SpectralStack stack;
	/** Pixel width and height in {@link #unit}; NaN when the file does not say. */
	public final double pixelWidth, pixelHeight;
	public final String unit;
	public final String format;
	public final Path source;
	/** Metadata worth keeping (dwell, scan type, …), in reading order. */
	public final Map<String, String> metadata;

	public ImportedStack(SpectralStack stack, double pixelWidth, double pixelHeight, String unit, String format, Path source,
		Map<String, String> metadata) {
		this.stack = stack;
		this.pixelWidth = pixelWidth;
		this.pixelHeight = pixelHeight;
		this.unit = unit;
		this.format = format;
		this.source = source;
		this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
	}
}
