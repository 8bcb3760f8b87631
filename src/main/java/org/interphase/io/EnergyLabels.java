package org.interphase.io;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The slice-label form of an energy: "708.25 eV" (or a plain leading number) ⇄ 708.25. */
public final class EnergyLabels {

	/** ImagePlus property holding the energies (eV), comma-separated. */
	public static final String PROPERTY = "interphase.energies";

	private static final Pattern LEADING_NUMBER = Pattern
		.compile("^\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*(?:eV)?(?:[\\s,;]|$)");

	private EnergyLabels() {}

	/** The energy a label starts with, or NaN when it does not start with a number. */
	public static double parse(String label) {
		if (label == null) return Double.NaN;
		Matcher m = LEADING_NUMBER.matcher(label);
		return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
	}

	/** Parses the comma-separated property value; null when it is absent or has the wrong count. */
	public static double[] parseProperty(Object value, int expected) {
		if (value == null) return null;
		String[] parts = value.toString().split(",");
		if (parts.length != expected) return null;
		double[] e = new double[expected];
		try {
			for (int i = 0; i < expected; i++)
				e[i] = Double.parseDouble(parts[i].trim());
		} catch (NumberFormatException ex) {
			return null;
		}
		return e;
	}

	/** Shortest exact decimal form ("700.375", not "700.37500000001"). */
	public static String format(double e) {
		return BigDecimal.valueOf(e).stripTrailingZeros().toPlainString();
	}

	/** The slice label of an energy. */
	public static String label(double e) {
		return format(e) + " eV";
	}

	/** The property value for a list of energies. */
	public static String property(double[] energies) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < energies.length; i++) {
			if (i > 0) sb.append(',');
			sb.append(format(energies[i]));
		}
		return sb.toString();
	}
}
