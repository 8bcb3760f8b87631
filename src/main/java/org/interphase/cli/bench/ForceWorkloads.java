package org.interphase.cli.bench;

import org.interphase.cli.demo.DemoData;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.interphase.core.Parallel;
import org.interphase.core.Progress;
import org.interphase.core.afm.ForceCurve;
import org.interphase.core.afm.ForceMap;
import org.interphase.core.afm.IndentationFit;
import org.interphase.core.afm.IndentationModel;

/**
 * Synthetic Hertz force volumes for the bench (128 × 128 curves × 1024 points; quick: 32 × 32) and
 * the demo's small text force map. Each curve: contact z_c and modulus vary over the grid, tilted
 * baseline, Gaussian noise; F = a·δ^1.5 with δ = (z − z_c) − F/k solved by Newton's method.
 */
public final class ForceWorkloads {

	/** Bench and demo probe: 2.5 µm sphere, k = 0.5 N/m, ν = 0.5. */
	public static final double RADIUS = 2500, K = 0.5, NU = 0.5;

	private ForceWorkloads() {}

	/** Amplitude a (nN/nm^1.5) of a Hertz sphere for E in Pa. */
	public static double amplitude(double modulusPa) {
		return IndentationModel.HERTZ_SPHERE.prefactor(RADIUS, 0, NU) * modulusPa * 1e-9;
	}

	/** Hertz force (nN) at piezo position z (nm): solves δ + (a/k)·δ^1.5 = z − z_c. */
	public static double hertzForce(double z, double zc, double a, double k) {
		double u = z - zc;
		if (u <= 0) return 0;
		double c = a / k;
		double d = Math.min(u, Math.pow(u / c, 2.0 / 3.0));
		for (int it = 0; it < 30; it++) {
			double sq = Math.sqrt(d);
			double step = (d + c * d * sq - u) / (1 + 1.5 * c * sq);
			d -= step;
			if (d <= 0) d = 1e-12;
			if (Math.abs(step) < 1e-9 * (1 + d)) break;
		}
		return a * d * Math.sqrt(d);
	}

	/** Modulus (Pa) of the phantom at (x, y) of a w×h grid: a stiff disk in a soft matrix. */
	public static double phantomModulus(int x, int y, int w, int h) {
		double r = Math.hypot(x - (w - 1) / 2.0, y - (h - 1) / 2.0);
		return r < 0.3 * Math.min(w, h) ? 200e3 : 20e3 * (1 + 0.5 * x / Math.max(1, w - 1));
	}

	/** Contact position (nm) of the phantom at (x, y): a tilted plane with a bump over the disk. */
	public static double phantomContact(int x, int y, int w, int h) {
		double r = Math.hypot(x - (w - 1) / 2.0, y - (h - 1) / 2.0);
		return 900 + 60.0 * y / Math.max(1, h - 1) - 80 * Math.exp(-r * r / (0.1 * w * h));
	}

	/** A Hertz volume of w×h curves with n approach points over 2000 nm (no retract). */
	public static ForceMap hertzVolume(int w, int h, int n, double noise) {
		ForceCurve[] curves = new ForceCurve[w * h];
		double[] z = new double[n];
		for (int i = 0; i < n; i++)
			z[i] = 2000.0 * i / (n - 1);
		Parallel.forRange(w * h, 64, Progress.NONE, "bench data", (from, to) -> {
			for (int c = from; c < to; c++) {
				int x = c % w, y = c / w;
				SplittableRandom rnd = new SplittableRandom(7919L * c + 1);
				double a = amplitude(phantomModulus(x, y, w, h)), zc = phantomContact(x, y, w, h);
				double[] f = new double[n];
				for (int i = 0; i < n; i++)
					f[i] = hertzForce(z[i], zc, a, K) + 2 + 0.001 * z[i] + noise * DemoData.gaussian(rnd);
				curves[c] = new ForceCurve(z, f, null, null, K, 50);
			}
		});
		ForceMap m = new ForceMap(w, h, curves, 1);
		m.metadata.put("format", "synthetic Hertz volume");
		return m;
	}

	/**
	 * The demo force map: w×h text curves {@code curve_x{x}_y{y}.txt} in {@code dir}, n approach + n
	 * retract points over 2000 nm, with a small pull-off on the retract, and a truth table.
	 */
	public static List<Path> writeTextMap(Path dir, int w, int h, int n) throws IOException {
		Files.createDirectories(dir);
		List<Path> files = new ArrayList<>();
		StringBuilder truth = new StringBuilder("# truth of the demo force map: x y E_kPa contact_nm (Hertz sphere R = 2500 nm, nu = 0.5, k = 0.5 N/m)\n");
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				SplittableRandom rnd = new SplittableRandom(1000L * y + x + 17);
				double e = phantomModulus(x, y, w, h), zc = phantomContact(x, y, w, h), a = amplitude(e);
				StringBuilder sb = new StringBuilder();
				sb.append("# Interphase demo force curve (synthetic Hertz sphere, see ../demo-map-truth.txt)\n");
				sb.append("# x: ").append(x).append("\n# y: ").append(y).append('\n');
				sb.append("# spring_constant: ").append(K).append("\n# pixel_size: 1\n");
				sb.append("z_nm force_nN segment\n");
				for (int s = 0; s < 2; s++)
					for (int i = 0; i < n; i++) {
						int j = s == 0 ? i : n - 1 - i;
						double z = 2000.0 * j / (n - 1);
						double f = hertzForce(z, zc, a, K) + 1.5 + 0.0008 * z + 0.15 * DemoData.gaussian(rnd);
						if (s == 1 && z < zc && z > zc - 60) f -= 3 * (1 - (zc - z) / 60); // pull-off on the retract
						sb.append(String.format(Locale.ROOT, "%.2f %.4f %d%n", z, f, s));
					}
				Path p = dir.resolve(String.format(Locale.ROOT, "curve_x%d_y%d.txt", x, y));
				Files.writeString(p, sb);
				files.add(p);
				truth.append(String.format(Locale.ROOT, "%d %d %.1f %.2f%n", x, y, e / 1e3, zc));
			}
		Path t = dir.resolveSibling(dir.getFileName() + "-truth.txt");
		Files.writeString(t, truth);
		files.add(t);
		return files;
	}

	/** Hertz fits of a whole volume, contact point found per curve (residual method). */
	static final class HertzVolumeWorkload implements Bench.PeerWorkload {
		final int side, n = 1024;
		ForceMap map;
		final IndentationFit.Settings settings = new IndentationFit.Settings();

		HertzVolumeWorkload(boolean quick) {
			side = quick ? 32 : 128;
			settings.model = IndentationModel.HERTZ_SPHERE;
			settings.tipRadius = RADIUS;
			settings.poisson = NU;
		}

		@Override
		public String name() {
			return "force volume Hertz fits";
		}

		@Override
		public String size() {
			return side + "×" + side + "×" + n;
		}

		@Override
		public double items() {
			return (double) side * side;
		}

		@Override
		public String itemUnit() {
			return "curves";
		}

		@Override
		public void setUp() {
			map = hertzVolume(side, side, n, 0.2);
		}

		@Override
		public void run() {
			IndentationFit.fitMap(map, settings, Progress.NONE);
		}

		/** z.f32 (n), force.f32 (curves × n, row-major), little-endian float32, and meta.txt. */
		@Override
		public void export(Path dir) throws IOException {
			ForceCurve first = map.curves[0];
			ByteBuffer zb = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
			for (double v : first.approachZ)
				zb.putFloat((float) v);
			Files.write(dir.resolve("z.f32"), zb.array());
			try (OutputStream out = Files.newOutputStream(dir.resolve("force.f32"))) {
				ByteBuffer fb = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
				for (ForceCurve c : map.curves) {
					fb.clear();
					for (double v : c.approachForce)
						fb.putFloat((float) v);
					out.write(fb.array());
				}
			}
			Files.writeString(dir.resolve("meta.txt"), String.format(Locale.ROOT,
				"curves %d (%d x %d, row-major), points %d; z in nm (z.f32), force in nN (force.f32), little-endian float32%n"
					+ "Hertz sphere R = %.0f nm, nu = %.1f, k = %.1f N/m; baseline 2 nN + 0.001 nN/nm, noise 0.2 nN%n",
				side * side, side, side, n, RADIUS, NU, K));
		}

		/** z.npy (n), force.npy (curves, n) float32; our modulus (Pa) and contact (nm) per curve. */
		@Override
		public void exportForPeers(Path dir) throws IOException {
			ForceCurve first = map.curves[0];
			Npy.float64(dir.resolve("z.npy"), first.approachZ, n);
			float[][] f = new float[1][side * side * n];
			for (int c = 0; c < map.curves.length; c++)
				for (int i = 0; i < n; i++)
					f[0][c * n + i] = (float) map.curves[c].approachForce[i];
			Npy.float32(dir.resolve("force.npy"), f, side * side, n);
			IndentationFit.MapResult r = IndentationFit.fitMap(map, settings, Progress.NONE);
			Npy.float64(dir.resolve("ours_modulus.npy"), r.modulus, side * side);
			Npy.float64(dir.resolve("ours_contact.npy"), r.contact, side * side);
			Files.writeString(dir.resolve("params.json"), String.format(Locale.ROOT,
				"{\"kind\": \"force_hertz\", \"radius_nm\": %.1f, \"poisson\": %.2f, \"spring_constant\": %.2f}%n", RADIUS, NU, K));
		}

		@Override
		public void tearDown() {
			map = null;
		}
	}
}
