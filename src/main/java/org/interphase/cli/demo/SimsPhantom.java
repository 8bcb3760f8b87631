package org.interphase.cli.demo;

import java.util.SplittableRandom;

import org.apache.commons.math3.special.Erf;
import org.interphase.core.sims.SimsVolume;

/**
 * A ToF-SIMS sputter-volume phantom of an SEI on lithium metal: from the surface an organic layer,
 * a LiF layer, then the Li substrate. Each of the two interfaces is a rough surface (smoothed
 * Gaussian height field rescaled to exactly its mean depth and RMS roughness over the image); ion
 * mixing blurs each voxel's composition along depth by a Gaussian. Counts per voxel are Poisson
 * with mean = level × Σ (yield of the ion in a material × fraction of that material); with a pulse
 * count N the detector saturates: mean N·(1 − exp(−λ/N)) (Poisson dead time). Cycle k samples depth
 * k·d. The region-mean profile of each ion is then an erf edge at each interface at the interface's
 * mean depth with σ = √(σ_rough² + σ_mix²), so the 16–84 % width is 2σ.
 */
public final class SimsPhantom {

	/** Ions of the phantom: organic markers, fluoride markers, the Li metal marker. */
	public static final String[] IONS = { "CH2O-", "CH3O-", "F-", "LiF-", "Li2-" };
	/** Relative yields [ion][material] for materials organic, LiF, Li. */
	static final double[][] YIELD = {
		{ 1.0, 0.03, 0.01 },
		{ 0.7, 0.03, 0.01 },
		{ 0.3, 1.0, 0.02 },
		{ 0.02, 0.6, 0.02 },
		{ 0.01, 0.1, 1.0 } };

	/** One SEI: organic and LiF thicknesses (nm), RMS roughness of each interface and the mixing σ (nm). */
	public static final class Condition {
		public final String name;
		public final double organicNm, lifNm, roughNm, mixingNm;

		public Condition(String name, double organicNm, double lifNm, double roughNm, double mixingNm) {
			this.name = name;
			this.organicNm = organicNm;
			this.lifNm = lifNm;
			this.roughNm = roughNm;
			this.mixingNm = mixingNm;
		}

		/** Depth of the organic|LiF interface (nm). */
		public double organicEnd() {
			return organicNm;
		}

		/** Depth of the LiF|Li interface = SEI thickness (nm). */
		public double seiNm() {
			return organicNm + lifNm;
		}

		/** σ of each averaged edge (nm). */
		public double sigma() {
			return Math.sqrt(roughNm * roughNm + mixingNm * mixingNm);
		}

		/** 16–84 % width of each averaged edge (nm). */
		public double width1684() {
			return 2 * sigma();
		}
	}

	/** Liquid electrolyte: over 85 nm organic with a thin (15 nm) LiF layer. */
	public static final Condition LIQUID = new Condition("liquid", 85, 15, 2.0, 1.5);
	/** Quasi-solid electrolyte: 20 nm organic over a 40 nm LiF layer. */
	public static final Condition QUASI_SOLID = new Condition("quasi-solid", 20, 40, 2.0, 1.5);

	private SimsPhantom() {}

	/**
	 * The phantom: {@code size × size} pixels, {@code cycles} cycles of {@code nmPerCycle}, {@code level}
	 * counts per voxel for a yield of 1, {@code pulses} ≤ 0 for no dead time.
	 */
	public static SimsVolume generate(Condition c, int size, int cycles, double nmPerCycle, double level, double pulses, long seed) {
		SplittableRandom rnd = new SplittableRandom(seed);
		int n = size * size;
		double[] z1 = roughSurface(rnd, size, c.organicEnd(), c.roughNm);
		double[] z2 = roughSurface(rnd, size, c.seiNm(), c.roughNm);
		float[][][] data = new float[IONS.length][cycles][n];
		double sm = Math.sqrt(2) * c.mixingNm;
		for (int k = 0; k < cycles; k++) {
			double z = k * nmPerCycle;
			for (int p = 0; p < n; p++) {
				double fOrg = 0.5 * Erf.erfc((z - z1[p]) / sm);
				double fLi = 0.5 * Erf.erfc((z2[p] - z) / sm);
				double fLif = Math.max(0, 1 - fOrg - fLi);
				for (int i = 0; i < IONS.length; i++) {
					double lambda = level * (YIELD[i][0] * fOrg + YIELD[i][1] * fLif + YIELD[i][2] * fLi);
					if (pulses > 0) lambda = pulses * -Math.expm1(-lambda / pulses);
					data[i][k][p] = Math.min(pulses > 0 ? (float) pulses : Float.MAX_VALUE, DemoData.poisson(rnd, lambda));
				}
			}
		}
		return new SimsVolume(size, size, IONS, data);
	}

	/** A smoothed Gaussian height field with exactly this mean and RMS over the image. */
	static double[] roughSurface(SplittableRandom rnd, int size, double mean, double rms) {
		int n = size * size;
		double[] w = new double[n];
		for (int p = 0; p < n; p++)
			w[p] = DemoData.gaussian(rnd);
		double[] s = new double[n];
		int r = 2; // correlation over a few pixels
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++) {
				double sum = 0, ws = 0;
				for (int dy = -r; dy <= r; dy++)
					for (int dx = -r; dx <= r; dx++) {
						int xx = x + dx, yy = y + dy;
						if (xx < 0 || yy < 0 || xx >= size || yy >= size) continue;
						double k = Math.exp(-0.5 * (dx * dx + dy * dy) / 1.5);
						sum += k * w[yy * size + xx];
						ws += k;
					}
				s[y * size + x] = sum / ws;
			}
		double m = 0, v = 0;
		for (double d : s)
			m += d;
		m /= n;
		for (double d : s)
			v += (d - m) * (d - m);
		double sd = Math.sqrt(v / n);
		for (int p = 0; p < n; p++)
			s[p] = mean + (sd > 0 ? rms * (s[p] - m) / sd : 0);
		return s;
	}
}
