package org.interphase.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.interphase.core.sims.SimsVolume;
import org.interphase.ij.OutputFiles;
import org.interphase.ij.SimsImages;
import org.interphase.io.SimsReader;

/**
 * Demo data for the ToF-SIMS workflow: the SEI phantom ({@link SimsPhantom}) at both conditions as
 * hyperstacks (C = ions, Z = cycles; 16 × 16 px over a 100 µm field, 120 cycles of 2 s at
 * 0.5 nm/s, so 1 nm per cycle; 20 counts per voxel for a yield of 1), and the quasi-solid condition
 * as a depth-profile text export (sum over the field per cycle, sputter time column).
 */
public final class SimsDemoData {

	public static final String LIQUID = "sims/sei-liquid.tif", QUASI_SOLID = "sims/sei-quasi-solid.tif";
	public static final String PROFILE_TEXT = "sims/sei-quasi-solid-profile.txt", TRUTH = "sims/truth.txt";
	public static final int SIZE = 16, CYCLES = 120;
	public static final double CYCLE_TIME_S = 2, RATE_NM_PER_S = 0.5, LEVEL = 20, FIELD_UM = 100;

	private SimsDemoData() {}

	public static List<Path> write(Path root) throws IOException {
		SimsVolume liquid = SimsPhantom.generate(SimsPhantom.LIQUID, SIZE, CYCLES, CYCLE_TIME_S * RATE_NM_PER_S, LEVEL, 0, 1801);
		SimsVolume quasi = SimsPhantom.generate(SimsPhantom.QUASI_SOLID, SIZE, CYCLES, CYCLE_TIME_S * RATE_NM_PER_S, LEVEL, 0, 1802);
		Path a = root.resolve(LIQUID), b = root.resolve(QUASI_SOLID), t = root.resolve(PROFILE_TEXT), truth = root.resolve(TRUTH);
		Files.createDirectories(a.getParent());
		OutputFiles.saveFloatTiff(hyperstack(liquid, a), a);
		OutputFiles.saveFloatTiff(hyperstack(quasi, b), b);
		Files.writeString(t, textExport(quasi, CYCLE_TIME_S, "SEI phantom, quasi-solid electrolyte (Interphase SimsDemoData)"));
		StringBuilder sb = new StringBuilder("# Interphase ToF-SIMS SEI phantom (SimsPhantom): organic | LiF | Li; cycle k at depth k nm (0.5 nm/s × 2 s)\n");
		sb.append("# ions ").append(String.join(",", SimsPhantom.IONS)).append("; counts per voxel Poisson, ").append(LEVEL).append(" for a yield of 1\n");
		for (SimsPhantom.Condition c : new SimsPhantom.Condition[] { SimsPhantom.LIQUID, SimsPhantom.QUASI_SOLID })
			sb.append(String.format(Locale.ROOT, "%s: organic %.0f nm, LiF %.0f nm, SEI %.0f nm; roughness %.1f nm RMS, mixing sigma %.1f nm, 16-84 %% width %.2f nm%n",
				c.name, c.organicNm, c.lifNm, c.seiNm(), c.roughNm, c.mixingNm, c.width1684()));
		Files.writeString(truth, sb.toString());
		return List.of(a, b, t, truth);
	}

	private static ij.ImagePlus hyperstack(SimsVolume v, Path file) {
		double[] times = null;
		SimsReader.SimsData d = new SimsReader.SimsData(v, times, CYCLE_TIME_S, FIELD_UM / SIZE, "µm", "phantom", file.getFileName());
		return SimsImages.toHyperstack(d, file.getFileName().toString().replace(".tif", ""));
	}

	/**
	 * The documented depth-profile text layout: comment/title lines, a tab-separated header
	 * {@code Sputter time (s)} then one ion per column, then one row per cycle (time, counts summed over the field).
	 */
	public static String textExport(SimsVolume v, double cycleTime, String title) {
		StringBuilder sb = new StringBuilder();
		sb.append("# ").append(title).append('\n');
		sb.append("Depth profile export\n");
		sb.append("Sputter time (s)");
		for (String ion : v.ions())
			sb.append('\t').append(ion);
		sb.append('\n');
		for (int k = 0; k < v.cycles; k++) {
			sb.append(String.format(Locale.ROOT, "%.2f", (k + 1) * cycleTime));
			for (int i = 0; i < v.ionCount(); i++) {
				double s = 0;
				for (float f : v.cycle(i, k))
					s += f;
				sb.append('\t').append(String.format(Locale.ROOT, "%.0f", s));
			}
			sb.append('\n');
		}
		return sb.toString();
	}
}
