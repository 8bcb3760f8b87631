package org.interphase.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.interphase.core.afm.ForceCurve;
import org.interphase.core.afm.ForceMap;

/**
 * AFM Workshop force–distance curve exported as CSV: a first line {@code Force-Distance Curve},
 * {@code Key:<tab>value} lines (File Format, Date, Mode, Point, {@code X, um}, {@code Y, um}), then
 * a header of four columns {@code Extend <height>(nm), Extend <signal>(<unit>), Retract …, Retract …}
 * and comma-separated rows. Height: {@code Z-Sense(nm)} (the measured height, preferred) or
 * {@code Z(nm)} (the piezo), increasing towards the sample in the extend, which is our z. Signal:
 * {@code Force(nN)} as it is, {@code DFL(nm)} × spring constant, or {@code DFL(V)} × sensitivity
 * (nm/V) × spring constant — the file carries neither, so those need the overrides. Rows may end
 * early for the shorter segment (empty cells).
 */
public final class AfmWorkshopForceReader {

	static final String SIGNATURE = "Force-Distance Curve";

	private AfmWorkshopForceReader() {}

	/** A .csv whose first line is {@value #SIGNATURE}. */
	public static boolean accepts(Path file) {
		String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (!n.endsWith(".csv")) return false;
		String head = new String(InputFiles.head(file, 64), StandardCharsets.ISO_8859_1);
		return head.startsWith(SIGNATURE) || head.startsWith("\uFEFF" + SIGNATURE) || head.startsWith("\u00EF\u00BB\u00BF" + SIGNATURE);
	}

	/**
	 * Reads the curve; {@code springConstant} (N/m) and {@code sensitivity} (nm/V) are the user's
	 * values (NaN = none), needed when the file stores the deflection rather than the force.
	 */
	public static ForceMap read(Path file, double springConstant, double sensitivity) {
		String name = file.getFileName().toString();
		String[] lines = InputFiles.readText(file).split("\r\n|\r|\n");
		Map<String, String> meta = new LinkedHashMap<>();
		int header = -1;
		for (int i = 0; i < lines.length; i++) {
			String l = lines[i].trim();
			if (l.startsWith("Extend")) {
				header = i;
				break;
			}
			int colon = l.indexOf(':');
			if (colon > 0) meta.put(l.substring(0, colon).trim(), l.substring(colon + 1).trim());
		}
		if (header < 0) throw InputFiles.invalid(file, "has no column header line starting with \"Extend\"");
		String[] cols = lines[header].split(",");
		if (cols.length != 4) throw InputFiles.invalid(file, "header has " + cols.length + " columns, expected 4 (Extend height, Extend signal, Retract height, Retract signal)");
		String hUnit = unitOf(file, cols[0], "height"), sUnit = unitOf(file, cols[1], "signal");
		if (!hUnit.equals("nm") || !unitOf(file, cols[2], "height").equals("nm"))
			throw InputFiles.invalid(file, "height columns must be in nm (header " + InputFiles.quote(lines[header]) + ")");
		if (!sUnit.equals(unitOf(file, cols[3], "signal")))
			throw InputFiles.invalid(file, "extend and retract signals differ in unit (header " + InputFiles.quote(lines[header]) + ")");
		double factor;
		double k = springConstant, sens = Double.NaN;
		String signal = cols[1].trim().toLowerCase(Locale.ROOT);
		if (signal.startsWith("extend force") && sUnit.equals("nN")) factor = 1;
		else if (signal.startsWith("extend dfl") && sUnit.equals("nm")) {
			if (!(springConstant > 0)) throw InputFiles.invalid(file, "stores the deflection in nm: set spring_constant (N/m)");
			factor = springConstant;
		} else if (signal.startsWith("extend dfl") && sUnit.equals("V")) {
			if (!(springConstant > 0) || !(sensitivity > 0))
				throw InputFiles.invalid(file, "stores the deflection in volts: set spring_constant (N/m) and deflection_sensitivity (nm/V)");
			factor = springConstant * sensitivity;
			sens = sensitivity;
		} else throw InputFiles.invalid(file, "unknown signal column " + InputFiles.quote(cols[1].trim()) + " (expected Force(nN), DFL(nm) or DFL(V))");
		int rows = lines.length - header - 1;
		double[][] v = new double[4][rows];
		int[] len = new int[4];
		int blanks = 0;
		for (int r = 0; r < rows; r++) {
			String l = lines[header + 1 + r];
			if (l.isBlank()) {
				blanks++;
				continue;
			}
			String[] cells = l.split(",", -1);
			if (cells.length > 4) throw InputFiles.invalid(file, "line " + (header + 2 + r) + " has " + cells.length + " cells, expected 4");
			for (int c = 0; c < 4; c++) {
				String cell = c < cells.length ? cells[c].trim() : "";
				if (cell.isEmpty()) continue;
				if (len[c] != r - blanks)
					throw InputFiles.invalid(file, "line " + (header + 2 + r) + ": column " + (c + 1) + " resumes after an empty cell");
				double x;
				try {
					x = Double.parseDouble(cell);
				} catch (NumberFormatException e) {
					throw InputFiles.invalid(file, "line " + (header + 2 + r) + ": " + InputFiles.quote(cell) + " is not a number");
				}
				if (!Double.isFinite(x)) throw InputFiles.invalid(file, "line " + (header + 2 + r) + ": non-finite value " + InputFiles.quote(cell));
				v[c][len[c]++] = x;
			}
		}
		if (len[0] != len[1] || len[2] != len[3])
			throw InputFiles.invalid(file, "height and signal columns differ in length (" + len[0] + "/" + len[1] + ", " + len[2] + "/" + len[3] + ")");
		if (len[0] < 2) throw InputFiles.invalid(file, "holds fewer than 2 extend samples");
		double[] az = Arrays.copyOf(v[0], len[0]), af = Arrays.copyOf(v[1], len[1]);
		double[] rz = Arrays.copyOf(v[2], len[2]), rf = Arrays.copyOf(v[3], len[3]);
		for (double[] a : new double[][] { af, rf })
			for (int i = 0; i < a.length; i++)
				a[i] *= factor;
		ForceCurve curve = new ForceCurve(az, af, rz, rf, k > 0 ? k : Double.NaN, sens);
		ForceMap m = new ForceMap(1, 1, new ForceCurve[] { curve }, Double.NaN);
		m.metadata.put("format", "AFM Workshop force curve (CSV" + (meta.containsKey("File Format") ? ", file format " + meta.get("File Format") : "") + ")");
		for (String key : new String[] { "Date", "Time", "Mode", "Point", "X, um", "Y, um" })
			if (meta.containsKey(key)) m.metadata.put(key, meta.get(key));
		m.metadata.put("columns", lines[header].trim());
		return m;
	}

	private static String unitOf(Path file, String col, String what) {
		int open = col.lastIndexOf('('), close = col.lastIndexOf(')');
		if (open < 0 || close < open) throw InputFiles.invalid(file, what + " column " + InputFiles.quote(col.trim()) + " names no unit in parentheses");
		return col.substring(open + 1, close).trim();
	}
}
