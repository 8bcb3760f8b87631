package org.interphase.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.interphase.core.InvalidInputException;
import org.interphase.core.afm.ForceCurve;
import org.interphase.core.afm.ForceMap;

/**
 * Force curves as text, one curve per file, and a folder of them as a grid. Columns:
 * {@code z_nm force_nN [segment]} (z increasing towards the sample; segment 0 = approach,
 * 1 = retract; without it the approach runs up to the largest z). Comment lines
 * {@code # key: value} give {@code x} and {@code y} (grid position, 0-based),
 * {@code spring_constant} (N/m), {@code deflection_sensitivity} (nm/V) and {@code pixel_size} (µm).
 * Files without x/y are laid out in one row in name order.
 */
public final class ForceTextReader {

	private ForceTextReader() {}

	public static boolean accepts(Path file) {
		String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return n.endsWith(".txt") || n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".dat");
	}

	/** One text curve as a 1×1 map. */
	public static ForceMap readFile(Path file) {
		Map<String, String> keys = new HashMap<>();
		ForceCurve c = curve(file, keys);
		ForceMap m = new ForceMap(1, 1, new ForceCurve[] { c }, Double.NaN);
		m.metadata.put("format", "text force curve (z_nm force_nN segment)");
		return m;
	}

	/** Every text curve in {@code dir} (not recursive) as a grid. */
	public static ForceMap readFolder(Path dir) {
		List<Path> files = new ArrayList<>();
		try (Stream<Path> s = Files.list(dir)) {
			s.filter(p -> Files.isRegularFile(p) && accepts(p)).sorted().forEach(files::add);
		} catch (IOException e) {
			throw new InvalidInputException("file: cannot list the folder " + dir + ": " + e.getMessage(), e);
		}
		if (files.isEmpty()) throw new InvalidInputException("file: the folder " + dir + " holds no .txt/.csv/.tsv/.dat force curves");
		List<ForceCurve> curves = new ArrayList<>();
		List<int[]> pos = new ArrayList<>();
		boolean positioned = true;
		int w = 0, h = 0;
		double pixel = Double.NaN;
		for (Path f : files) {
			Map<String, String> keys = new HashMap<>();
			curves.add(curve(f, keys));
			if (keys.containsKey("x") && keys.containsKey("y")) {
				int x = InputFiles.count(f, "# x", keys.get("x"), 0, Integer.MAX_VALUE - 1), y = InputFiles.count(f, "# y", keys.get("y"), 0, Integer.MAX_VALUE - 1);
				pos.add(new int[] { x, y });
				w = Math.max(w, x + 1);
				h = Math.max(h, y + 1);
			} else positioned = false;
			if (keys.containsKey("pixel_size")) pixel = InputFiles.number(f, "# pixel_size", keys.get("pixel_size"), InputFiles.Rule.POSITIVE);
		}
		ForceCurve[] grid;
		if (positioned) {
			// a grid mostly empty means a damaged position, not a sparse map
			if ((long) w * h > 1024 + 64L * curves.size())
				throw new InvalidInputException("file: the positions in " + InputFiles.quote(dir.getFileName().toString()) + " span a " + w + "×" + h + " grid for "
					+ curves.size() + " curves; check the # x and # y lines");
			grid = new ForceCurve[w * h];
			for (int i = 0; i < curves.size(); i++) {
				int[] p = pos.get(i);
				if (grid[p[1] * w + p[0]] != null)
					throw new InvalidInputException(files.get(i).getFileName() + ": grid position " + p[0] + "," + p[1] + " is used twice");
				grid[p[1] * w + p[0]] = curves.get(i);
			}
		} else {
			w = curves.size();
			h = 1;
			grid = curves.toArray(new ForceCurve[0]);
		}
		ForceMap m = new ForceMap(w, h, grid, pixel);
		m.metadata.put("format", "folder of text force curves (" + files.size() + " files)");
		if (!positioned) m.metadata.put("grid", "no x/y in the files: one row in name order");
		return m;
	}

	private static ForceCurve curve(Path file, Map<String, String> keys) {
		for (String line : InputFiles.readText(file).split("\r\n|\r|\n")) {
			String t = line.trim();
			if (!t.startsWith("#")) continue;
			int c = t.indexOf(':');
			if (c > 1) keys.put(t.substring(1, c).trim().toLowerCase(Locale.ROOT), t.substring(c + 1).trim());
		}
		TextColumns cols = TextColumns.read(file, 2);
		double[] z = cols.column(0), f = cols.column(1);
		int n = z.length;
		boolean[] ret = new boolean[n];
		if (cols.columnCount() >= 3) {
			double[] s = cols.column(2);
			for (int i = 0; i < n; i++)
				ret[i] = s[i] >= 0.5;
		} else {
			int turn = 0;
			for (int i = 1; i < n; i++)
				if (z[i] > z[turn]) turn = i;
			for (int i = turn + 1; i < n; i++)
				ret[i] = true;
		}
		int na = 0;
		for (boolean r : ret)
			if (!r) na++;
		double[] za = new double[na], fa = new double[na], zr = new double[n - na], fr = new double[n - na];
		for (int i = 0, a = 0, r = 0; i < n; i++) {
			if (ret[i]) {
				zr[r] = z[i];
				fr[r++] = f[i];
			} else {
				za[a] = z[i];
				fa[a++] = f[i];
			}
		}
		double k = keys.containsKey("spring_constant") ? InputFiles.number(file, "# spring_constant", keys.get("spring_constant"), InputFiles.Rule.POSITIVE)
			: Double.NaN;
		double s = keys.containsKey("deflection_sensitivity")
			? InputFiles.number(file, "# deflection_sensitivity", keys.get("deflection_sensitivity"), InputFiles.Rule.POSITIVE)
			: Double.NaN;
		return new ForceCurve(za, fa, zr, fr, k, s);
	}
}
