package org.interphase.io;

/** SI unit strings with a prefix ("nA", "um", "mV") split into a factor and the base unit, as Gwyddion stores units. */
final class Units {

	private static final String BASES = "|m|A|V|N|Hz|s|Pa|W|";
	private static final String PREFIXES = "pnu\u00b5\u03bc~mkMG";
	private static final double[] FACTORS = { 1e-12, 1e-9, 1e-6, 1e-6, 1e-6, 1e-6, 1e-3, 1e3, 1e6, 1e9 };

	private Units() {}

	private static boolean prefixed(String u) {
		return u.length() > 1 && PREFIXES.indexOf(u.charAt(0)) >= 0 && BASES.contains("|" + u.substring(1) + "|");
	}

	/** The factor that brings a value in {@code unit} to {@link #base}: 1e-9 for "nA". */
	static double factor(String unit) {
		String u = unit == null ? "" : unit.trim();
		return prefixed(u) ? FACTORS[PREFIXES.indexOf(u.charAt(0))] : 1;
	}

	/** The unit without its prefix ("nA" → "A"), or the unit itself when it has no known prefix. */
	static String base(String unit) {
		String u = unit == null ? "" : unit.trim();
		return prefixed(u) ? u.substring(1) : u;
	}
}
