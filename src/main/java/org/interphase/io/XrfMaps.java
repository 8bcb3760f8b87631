package org.interphase.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.interphase.core.InvalidInputException;

/**
 * Element maps of one XRF scan as a reader returns them: named float maps (row-major, x fastest),
 * the pixel size (NaN when the file has no positions), the scan start time (epoch seconds, NaN when
 * absent), and the file's metadata.
 */
public final class XrfMaps {
	public final int width, height;
	public final List<String> names;
	public final List<float[]> maps;
	public final double pixelWidth, pixelHeight;
	public final String unit;
	public final double scanTimeSeconds;
	public final String format;
	public final Path source;
	public final Map<String, String> metadata;

	public XrfMaps(int width, int height, List<String> names, List<float[]> maps, double pixelWidth, double pixelHeight, String unit,
		double scanTimeSeconds, String format, Path source, Map<String, String> metadata) {
		if (names.size() != maps.size()) throw new IllegalArgumentException(names.size() + " names for " + maps.size() + " maps");
		for (float[] m : maps)
			if (m.length != width * height) throw new IllegalArgumentException("map of " + m.length + " pixels, expected " + width + "×" + height);
		this.width = width;
		this.height = height;
		this.names = Collections.unmodifiableList(new ArrayList<>(names));
		this.maps = Collections.unmodifiableList(new ArrayList<>(maps));
		this.pixelWidth = pixelWidth;
		this.pixelHeight = pixelHeight;
		this.unit = unit;
		this.scanTimeSeconds = scanTimeSeconds;
		this.format = format;
		this.source = source;
		this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
	}

	/** The map named {@code name} (case-insensitive), or null. */
	public float[] map(String name) {
		int i = indexOf(name);
		return i < 0 ? null : maps.get(i);
	}

	public int indexOf(String name) {
		for (int i = 0; i < names.size(); i++)
			if (names.get(i).equalsIgnoreCase(name.trim())) return i;
		return -1;
	}

	/**
	 * The maps named in {@code elements} (comma list; empty = all) in that order; an unknown name is
	 * refused with the list of available ones.
	 */
	public XrfMaps select(String elements) {
		List<String> want = parseList(elements);
		if (want.isEmpty()) return this;
		List<String> n = new ArrayList<>();
		List<float[]> m = new ArrayList<>();
		for (String w : want) {
			int i = indexOf(w);
			if (i < 0)
				throw new InvalidInputException("elements: \"" + w + "\" is not in " + source.getFileName() + "; available: " + InputFiles.names(names));
			n.add(names.get(i));
			m.add(maps.get(i));
		}
		return new XrfMaps(width, height, n, m, pixelWidth, pixelHeight, unit, scanTimeSeconds, format, source, metadata);
	}

	/** A copy with other maps (same names) and pixel grid. */
	XrfMaps withMaps(List<float[]> newMaps, Map<String, String> extraMeta) {
		Map<String, String> meta = new LinkedHashMap<>(metadata);
		meta.putAll(extraMeta);
		return new XrfMaps(width, height, names, newMaps, pixelWidth, pixelHeight, unit, scanTimeSeconds, format, source, meta);
	}

	/** A copy cropped to the top-left {@code w} × {@code h} pixels. */
	public XrfMaps crop(int w, int h) {
		if (w == width && h == height) return this;
		List<float[]> m = new ArrayList<>();
		for (float[] src : maps) {
			float[] dst = new float[w * h];
			for (int y = 0; y < h; y++)
				System.arraycopy(src, y * width, dst, y * w, w);
			m.add(dst);
		}
		return new XrfMaps(w, h, names, m, pixelWidth, pixelHeight, unit, scanTimeSeconds, format, source, metadata);
	}

	/** Comma- or space-separated names, trimmed, empty entries dropped. */
	public static List<String> parseList(String s) {
		List<String> out = new ArrayList<>();
		if (s == null) return out;
		for (String p : s.split("[,;\\s]+"))
			if (!p.trim().isEmpty()) out.add(p.trim());
		return out;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%s: %d×%d, %s", source.getFileName(), width, height, names);
	}
}
