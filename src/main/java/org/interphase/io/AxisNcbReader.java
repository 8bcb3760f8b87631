package org.interphase.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.interphase.core.InvalidInputException;
import org.interphase.core.stack.SpectralStack;

/**
 * aXis2000 stacks: {@code <base>.ncb} (little-endian int16 holding value×scale when scale &gt; 0,
 * float32 when scale &lt; 0; x fastest, then y, then energy) with {@code <base>.dat} text: line 1
 * {@code ncols nrows scale}, line 2 {@code xstart xstop}, line 3 {@code ystart ystop} (µm), line 4
 * {@code nE}, then nE energies, then (when present) nE lines {@code name energy dwell}.
 * The pixel size is (stop − start)/(n − 1), start and stop being the first and last pixel centres.
 */
public final class AxisNcbReader {

	private AxisNcbReader() {}

	/** The .dat beside an .ncb (same base name). */
	public static Path datFor(Path ncb) {
		String n = ncb.getFileName().toString();
		return ncb.resolveSibling(n.substring(0, n.lastIndexOf('.')) + ".dat");
	}

	public static ImportedStack read(Path ncb) {
		Path dat = datFor(ncb);
		if (!Files.isRegularFile(dat))
			throw new InvalidInputException(ncb.getFileName() + ": the aXis2000 header " + dat.getFileName() + " is missing beside it");
		String dname = dat.getFileName().toString();
		List<String[]> lines = new ArrayList<>();
		for (String l : InputFiles.readText(dat).split("\r\n|\r|\n")) {
			String t = l.trim();
			if (!t.isEmpty()) lines.add(t.split("[\\s,]+"));
		}
		if (lines.size() < 4) throw new InvalidInputException(dname + ": expected at least 4 lines (size, x range, y range, energy count)");
		int nx = InputFiles.count(dname, "ncols (line 1)", num(lines, 0, 0, dname), 1, Integer.MAX_VALUE);
		int ny = InputFiles.count(dname, "nrows (line 1)", num(lines, 0, 1, dname), 1, Integer.MAX_VALUE);
		double scale = InputFiles.check(dname, "scale (line 1)", num(lines, 0, 2, dname), InputFiles.Rule.FINITE);
		double x0 = num(lines, 1, 0, dname), x1 = num(lines, 1, 1, dname);
		double y0 = num(lines, 2, 0, dname), y1 = num(lines, 2, 1, dname);
		int nE = InputFiles.count(dname, "the energy count (line 4)", num(lines, 3, 0, dname), 1, Integer.MAX_VALUE);
		if (nx <= 0 || ny <= 0 || nE <= 0) throw new InvalidInputException(dname + ": sizes must be positive, got " + nx + "×" + ny + "×" + nE);
		if (scale == 0) throw new InvalidInputException(dname + ": scale is 0 (positive: int16 data × scale; negative: float32 data)");
		if (lines.size() < 4 + nE) throw new InvalidInputException(dname + ": announces " + nE + " energies but lists " + (lines.size() - 4));
		double[] energies = new double[nE];
		for (int e = 0; e < nE; e++)
			energies[e] = num(lines, 4 + e, 0, dname);
		Map<String, String> meta = new LinkedHashMap<>();
		meta.put("scale", Double.toString(scale));
		if (lines.size() >= 4 + 2 * nE) {
			double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
			boolean ok = true;
			for (int e = 0; e < nE; e++) {
				String[] l = lines.get(4 + nE + e);
				if (l.length < 3) {
					ok = false;
					break;
				}
				try {
					double d = Double.parseDouble(l[l.length - 1]);
					lo = Math.min(lo, d);
					hi = Math.max(hi, d);
				} catch (NumberFormatException ex) {
					ok = false;
					break;
				}
			}
			if (ok) meta.put("dwell_ms", lo == hi ? EnergyLabels.format(lo) : EnergyLabels.format(lo) + "–" + EnergyLabels.format(hi));
		}
		boolean floats = scale < 0;
		long bytesPer = floats ? 4 : 2;
		InputFiles.elements(ncb, "the stack", (int) bytesPer + 4, nx, ny, nE);
		long expected = bytesPer * nx * ny * nE;
		long size;
		try {
			size = Files.size(ncb);
		} catch (IOException e) {
			throw new InvalidInputException("cannot read " + ncb + ": " + e.getMessage(), e);
		}
		if (size != expected)
			throw new InvalidInputException(ncb.getFileName() + " has " + size + " bytes; " + dname + " (" + nx + "×" + ny + "×" + nE + ", "
				+ (floats ? "float32" : "int16") + ") needs " + expected);
		ByteBuffer b;
		b = ByteBuffer.wrap(InputFiles.readAllBytes(ncb)).order(ByteOrder.LITTLE_ENDIAN);
		float[][] slices = new float[nE][nx * ny];
		for (int e = 0; e < nE; e++) {
			float[] s = slices[e];
			for (int p = 0; p < s.length; p++)
				s[p] = floats ? b.getFloat() : (float) (b.getShort() / scale);
		}
		double px = nx > 1 ? Math.abs(x1 - x0) / (nx - 1) : Double.NaN;
		double py = ny > 1 ? Math.abs(y1 - y0) / (ny - 1) : Double.NaN;
		return new ImportedStack(new SpectralStack(nx, ny, energies, slices), px, py, "µm", "aXis2000 .ncb + .dat", ncb, meta);
	}

	private static double num(List<String[]> lines, int line, int col, String file) {
		String[] l = lines.get(line);
		if (col >= l.length) throw new InvalidInputException(file + " line " + (line + 1) + ": expected " + (col + 1) + " numbers");
		try {
			return Double.parseDouble(l[col]);
		} catch (NumberFormatException e) {
			throw new InvalidInputException(file + " line " + (line + 1) + ": not a number \"" + InputFiles.quote(l[col]) + "\"");
		}
	}
}
