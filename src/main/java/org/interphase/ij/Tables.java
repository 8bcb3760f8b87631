package org.interphase.ij;

import ij.measure.ResultsTable;

/** ResultsTable construction shared by every command. */
public final class Tables {

	private Tables() {}

	/** A table with one column per name; all columns have the same length. */
	public static ResultsTable columns(String[] names, double[]... columns) {
		if (names.length != columns.length) throw new IllegalArgumentException(names.length + " names for " + columns.length + " columns");
		ResultsTable rt = new ResultsTable();
		rt.showRowNumbers(false);
		int rows = columns.length == 0 ? 0 : columns[0].length;
		for (int r = 0; r < rows; r++) {
			rt.incrementCounter();
			for (int c = 0; c < names.length; c++)
				rt.addValue(names[c], columns[c][r]);
		}
		setPrecision(rt);
		return rt;
	}

	/**
	 * A calibration unit as a column-name suffix: µm → um, "pixel"/"pixels"/empty → px, others
	 * as they are without spaces (e.g. distance_um).
	 */
	public static String unitSuffix(String unit) {
		if (unit == null || unit.trim().isEmpty() || unit.startsWith("pixel")) return "px";
		return unit.trim().replace("µ", "u").replace("μ", "u").replace(' ', '_');
	}

	/** A new empty table without row numbers, for row-by-row filling. */
	public static ResultsTable empty() {
		ResultsTable rt = new ResultsTable();
		rt.showRowNumbers(false);
		setPrecision(rt);
		return rt;
	}

	/** Enough digits that a copy-paste from the window keeps the science (ImageJ's default is 3). */
	public static void setPrecision(ResultsTable rt) {
		rt.setPrecision(-6);
	}
}
