package org.interphase.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What an AFM image reader returns (no core types): the channels of one file, each with its name
 * as the file spells it, its unit after conversion (heights nm, moduli MPa), its data row-major with
 * row 0 at the top of the image, and its lateral calibration in µm per pixel.
 */
public final class AfmImage {

	/** One image channel. */
	public static final class Channel {
		public final String name, unit;
		public final float[] data;
		public final int width, height;
		/** Pixel size in µm. */
		public final double pixelWidth, pixelHeight;
		/** How raw values became {@link #unit}, in one line, echoed in the image info. */
		public final String scaling;

		public Channel(String name, String unit, float[] data, int width, int height, double pixelWidth, double pixelHeight, String scaling) {
			this.name = name;
			this.unit = unit;
			this.data = data;
			this.width = width;
			this.height = height;
			this.pixelWidth = pixelWidth;
			this.pixelHeight = pixelHeight;
			this.scaling = scaling;
		}
	}

	public final Path source;
	public final String format;
	public final List<Channel> channels;

	public AfmImage(Path source, String format, List<Channel> channels) {
		this.source = source;
		this.format = format;
		this.channels = Collections.unmodifiableList(new ArrayList<>(channels));
	}

	/** The channel named {@code name} (case-insensitive), or null. */
	public Channel channel(String name) {
		for (Channel c : channels)
			if (c.name.equalsIgnoreCase(name.trim())) return c;
		return null;
	}

	/** The channel names, comma-separated, for messages. */
	public String names() {
		List<String> n = new ArrayList<>();
		for (Channel c : channels)
			n.add(c.name);
		return String.join(", ", n);
	}

	/**
	 * Factor and unit that bring a value in {@code unit} to the suite's unit: lengths to nm, pressures
	 * to MPa, forces to nN; other units unchanged. Returns {factor} with the new unit in {@code out[0]}.
	 */
	static double toPreferred(String unit, String[] out) {
		String u = unit == null ? "" : unit.trim();
		double f = lengthInNm(u);
		if (!Double.isNaN(f)) {
			out[0] = "nm";
			return f;
		}
		switch (u) {
			case "Pa": out[0] = "MPa"; return 1e-6;
			case "kPa": out[0] = "MPa"; return 1e-3;
			case "MPa": out[0] = "MPa"; return 1;
			case "GPa": out[0] = "MPa"; return 1e3;
			case "N": out[0] = "nN"; return 1e9;
			case "mN": out[0] = "nN"; return 1e6;
			case "uN": case "µN": case "~N": out[0] = "nN"; return 1e3;
			case "nN": out[0] = "nN"; return 1;
			case "pN": out[0] = "nN"; return 1e-3;
			case "": out[0] = ""; return 1;
			default: out[0] = u; return 1;
		}
	}

	/** nm per {@code unit} for a length unit (NanoScope writes µm as "~m"), NaN otherwise. */
	static double lengthInNm(String unit) {
		switch (unit.trim().toLowerCase(Locale.ROOT).replace('\u00b5', 'u').replace('\u03bc', 'u').replace('~', 'u')) {
			case "m": return 1e9;
			case "mm": return 1e6;
			case "um": return 1e3;
			case "nm": return 1;
			case "pm": return 1e-3;
			case "a": case "å": return 0.1;
			default: return Double.NaN;
		}
	}
}
