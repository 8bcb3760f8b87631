package org.interphase.cli.demo;

import org.interphase.cli.bench.ForceWorkloads;
import org.interphase.cli.bench.VoidWorkloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Images;
import org.interphase.ij.OutputFiles;

import ij.ImagePlus;
import ij.measure.Calibration;

/**
 * Generates the small data in {@code test-images/} that the demo, the docs and the macros use.
 * Deterministic (fixed seeds): running it again gives the same files. Each data set is a phantom
 * whose truth is written next to it.
 */
public final class DemoData {

	/** Fe L3-like transmission stack: 64×48 px, 40 uneven energies, blank columns on the left. */
	public static final String SPECTRAL_STACK = "spectral/fe-phantom-transmission.tif";
	public static final String SPECTRAL_I0 = "spectral/fe-phantom-i0.txt";
	public static final String SPECTRAL_ENERGIES = "spectral/fe-phantom-energies.txt";

	static final int WIDTH = 64, HEIGHT = 48, BLANK_COLUMNS = 12;

	private DemoData() {}

	/** Writes every data set under {@code root}; returns the files written. */
	public static List<Path> writeAll(Path root) throws IOException {
		List<Path> files = new ArrayList<>();
		files.addAll(writeSpectral(root));

		files.addAll(writeXanes(root));

		files.addAll(writeSegment(root));

		files.addAll(writeProfiles(root));

		files.addAll(writeVoids(root));
		files.addAll(FrontDemoData.write(root));

		files.addAll(writeAfm(root));

		files.addAll(writeForce(root));

		files.addAll(SimsDemoData.write(root));
		return files;
	}

	/** Data for XANES normalization, features and LCF (see the phantom's own docs). */
	private static List<Path> writeXanes(Path root) throws IOException {
		return XanesDemoData.write(root);
	}

	/** Data for PCA / clustering / thickness / shells. */
	private static List<Path> writeSegment(Path root) throws IOException {
		return SegmentDemoData.write(root);
	}

	/** Phantom S XRF cross-sections of a cell (pristine and cycled), 120×40 px at 1 µm/px. */
	public static final String PROFILE_PRISTINE = "profiles/s-xrf-pristine.tif";
	public static final String PROFILE_CYCLED = "profiles/s-xrf-cycled.tif";
	public static final String PROFILE_TRUTH = "profiles/truth.txt";

	/**
	 * Data for interface profiles and histograms: S Kα counts across electrode | 100 µm
	 * electrolyte | electrode (interfaces at x = 10.4 and 110.4 µm, beam σ = 1.5 µm, electrolyte
	 * 1000 counts, electrodes 120), Poisson noise. The cycled cell has depleted zones 0–10 µm and
	 * 78–90 µm from the negative interface, their depth chosen so that the noise-free map, sampled
	 * at the pixel positions in each zone, is 16.4 % and 25.9 % below the 20–70 µm bulk.
	 */
	private static List<Path> writeProfiles(Path root) throws IOException {
		int w = 120, h = 40;
		double left = 10.4;
		double[] depth = { 0, 0 };
		for (int iter = 0; iter < 3; iter++)
			for (int z = 0; z < 2; z++) {
				double lo = 0, hi = 0.9;
				for (int it = 0; it < 60; it++) {
					depth[z] = (lo + hi) / 2;
					if (profileZoneDepletion(w, left, depth, z) < (z == 0 ? 16.4 : 25.9)) lo = depth[z];
					else hi = depth[z];
				}
				depth[z] = (lo + hi) / 2;
			}
		List<Path> out = new ArrayList<>();
		for (int k = 0; k < 2; k++) {
			boolean cycled = k == 1;
			double[] d = cycled ? depth : new double[2];
			SplittableRandom rnd = new SplittableRandom(cycled ? 5002L : 5001L);
			float[] px = new float[w * h];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					px[y * w + x] = poisson(rnd, profileModel(x, left, d));
			ImagePlus imp = new ImagePlus(cycled ? "s-xrf-cycled" : "s-xrf-pristine", new ij.process.FloatProcessor(w, h, px));
			Calibration cal = new Calibration();
			cal.pixelWidth = cal.pixelHeight = 1;
			cal.setUnit("µm");
			imp.setCalibration(cal);
			imp.setProperty("Info", "Interphase demo phantom (DemoData): S K XRF cross-section, " + (cycled ? "cycled" : "pristine")
				+ ", Poisson counts.\nInterfaces at x = 10.4 and 110.4 µm (erf, sigma 1.5 µm); electrolyte 1000, electrodes 120"
				+ (cycled ? "; zones 0-10 and 78-90 µm from the negative interface depleted by 16.4 % and 25.9 % (see truth.txt).\n" : ".\n"));
			Path f = root.resolve(cycled ? PROFILE_CYCLED : PROFILE_PRISTINE);
			Files.createDirectories(f.getParent());
			OutputFiles.saveFloatTiff(imp, f);
			out.add(f);
		}
		Path truth = root.resolve(PROFILE_TRUTH);
		Files.writeString(truth, "# Interphase demo phantom: S XRF cross-sections, 120x40 px at 1 um/px, Poisson noise\n"
			+ "negative interface x0 = 10.4 um, positive interface x0 = 110.4 um, erf sigma = 1.5 um (10-90 % width 3.845 um)\n"
			+ "electrolyte bulk 1000 counts, electrodes 120 counts (the true concentration, blurred by the beam)\n"
			+ "cycled: concentration lowered by " + String.format(Locale.ROOT, "%.4f", depth[0] * 100) + " % over 0-10 um and "
			+ String.format(Locale.ROOT, "%.4f", depth[1] * 100) + " % over 78-90 um from the negative interface, so that the noise-free map\n"
			+ "averaged over the pixel positions in each zone is 16.4 % and 25.9 % below the 20-70 um bulk (zone ends included)\n");
		out.add(truth);
		return out;
	}

	/** Noise-free phantom cross-section at x (µm = px): blurred steps of the concentration. */
	static double profileModel(double x, double left, double[] depth) {
		double bulk = 1000, bg = 120, sigma = 1.5, right = left + 100;
		double d1 = depth[0] * bulk, d2 = depth[1] * bulk;
		double[][] steps = { { left, bulk - d1 - bg }, { left + 10, d1 }, { left + 78, -d2 }, { left + 90, d2 }, { right, bg - bulk } };
		double v = bg;
		for (double[] st : steps)
			v += st[1] * 0.5 * (1 + org.apache.commons.math3.special.Erf.erf((x - st[0]) / (Math.sqrt(2) * sigma)));
		return v;
	}

	/** Depletion (%) of zone z (0: 0–10, 1: 78–90 µm from the interface) vs the 20–70 µm bulk, at the integer pixel positions. */
	static double profileZoneDepletion(int w, double left, double[] depth, int z) {
		double[][] zones = { { 0, 10 }, { 78, 90 }, { 20, 70 } };
		double[] mean = new double[3];
		for (int k = 0; k < 3; k++) {
			int n = 0;
			for (int x = 0; x < w; x++)
				if (x - left >= zones[k][0] && x - left <= zones[k][1]) {
					mean[k] += profileModel(x, left, depth);
					n++;
				}
			mean[k] /= n;
		}
		return 100 * (1 - mean[z] / mean[2]);
	}

	/** XRF time series: one two-page 16-bit TIFF per frame (S_K, P_K; scan time in the file) in this folder. */
	public static final String VOIDS_SERIES = "voids/series";
	/** The same series as one hyperstack (C = 2 elements, T = 8 frames, frame times in the property). */
	public static final String VOIDS_HYPERSTACK = "voids/series-hyperstack.tif";
	public static final String VOIDS_TRUTH = "voids/truth.txt";
	/** Frame times (h): uneven, as real beamtime gives them. */
	static final double[] VOID_TIMES = { 0, 1, 2, 3, 4.5, 6, 8, 10 };
	/** Voids {cx, cy, S ECD at t = 0 (µm), healing rate (µm/h)}; the third touches the border. */
	static final double[][] VOIDS = { { 34, 50, 30, 1.5 }, { 72, 36, 22, 3.5 }, { 90, 82, 16, 0.8 } };
	static final double VOID_RIM = 3;

	/** Data for XRF void tracking. */
	private static List<Path> writeVoids(Path root) throws IOException {
		int w = 96, h = 96, nt = VOID_TIMES.length;
		float[][][] frames = VoidWorkloads.phantom(w, h, VOID_TIMES, VOIDS, VOID_RIM, 20261127L);
		Path dir = root.resolve(VOIDS_SERIES);
		Files.createDirectories(dir);
		List<Path> files = new ArrayList<>();
		String[] elements = { "S_K", "P_K" };
		Calibration cal = new Calibration();
		cal.pixelWidth = cal.pixelHeight = 1;
		cal.setUnit("µm");
		ij.ImageStack hyper = new ij.ImageStack(w, h);
		StringBuilder times = new StringBuilder();
		for (int t = 0; t < nt; t++) {
			ij.ImageStack st = new ij.ImageStack(w, h);
			for (int c = 0; c < 2; c++) {
				ij.process.ShortProcessor sp = new ij.process.ShortProcessor(w, h);
				for (int p = 0; p < w * h; p++)
					sp.set(p, (int) frames[t][c][p]);
				st.addSlice(elements[c], sp);
				hyper.addSlice(elements[c], sp.duplicate());
			}
			ImagePlus imp = new ImagePlus("frame " + (t + 1), st);
			imp.setCalibration(cal.copy());
			long minutes = Math.round(VOID_TIMES[t] * 60);
			imp.setProp(org.interphase.io.XrfMapsReader.SCAN_TIME_PROPERTY, String.format(Locale.ROOT, "2026-11-27T%02d:%02d:00", 8 + minutes / 60, minutes % 60));
			Path f = dir.resolve(String.format(Locale.ROOT, "frame_%02d.tif", t + 1));
			if (!new ij.io.FileSaver(imp).saveAsTiffStack(f.toString())) throw new IOException("cannot write " + f);
			files.add(f);
			times.append(t == 0 ? "" : ",").append(Images.format(VOID_TIMES[t]));
		}
		ImagePlus hs = new ImagePlus("void series", hyper);
		hs.setDimensions(2, 1, nt);
		hs.setOpenAsHyperStack(true);
		Calibration hc = cal.copy();
		hc.setTimeUnit("h");
		hc.frameInterval = VOID_TIMES[nt - 1] / (nt - 1);
		hs.setCalibration(hc);
		hs.setProp(org.interphase.ij.XrfImages.ELEMENTS, "S_K,P_K");
		hs.setProp(org.interphase.ij.XrfImages.FRAME_TIMES, times.toString());
		Path hf = root.resolve(VOIDS_HYPERSTACK);
		if (!new ij.io.FileSaver(hs).saveAsTiffStack(hf.toString())) throw new IOException("cannot write " + hf);
		files.add(hf);
		StringBuilder truth = new StringBuilder("# Interphase demo phantom (DemoData.writeVoids): S and P maps, 1 µm pixels, 96×96, counts ~15 (S) and ~10 (P),\n"
			+ "# voids at 0.3 counts, Poisson-like noise. S void ECD(t) = ecd0 − rate·t; the P void is larger by a " + VOID_RIM + " µm rim.\n"
			+ "# frame times (h): " + times + "\n# cx_um cy_um ecd0_S_um rate_um_per_h\n");
		for (double[] v : VOIDS)
			truth.append(String.format(Locale.ROOT, "%.1f %.1f %.1f %.2f%n", v[0], v[1], v[2], v[3]));
		Path tf = root.resolve(VOIDS_TRUTH);
		Files.writeString(tf, truth);
		files.add(tf);
		return files;
	}

	/** Data for AFM leveling and roughness. */
	private static List<Path> writeAfm(Path root) throws IOException {
		Path a = root.resolve(AFM_A), b = root.resolve(AFM_B), truth = root.resolve(AFM_TRUTH);
		Files.createDirectories(a.getParent());
		StringBuilder sb = new StringBuilder("# Interphase demo AFM phantoms (DemoData.writeAfm): 128×128 px, 0.02 µm pixels (2.56 µm scan), heights in nm.\n"
			+ "# Each = Gaussian random surface (Gaussian correlation 2 px, periodic) scaled to the exact Sq below\n"
			+ "#        + tilt 0.08 nm/px in x and 0.05 nm/px in y + a random offset per row (uniform ±6 nm).\n"
			+ "# After Level Surface method=plane_then_rows the Sq should come back within a few % (row medians remove a little real roughness).\n"
			+ "# file true_Sq_nm\n");
		double[] sq = { 2.0, 4.0 };
		Path[] files = { a, b };
		for (int i = 0; i < 2; i++) {
			float[] z = afmPhantom(AFM_SIZE, sq[i], 20261127L + i);
			Calibration cal = new Calibration();
			cal.pixelWidth = cal.pixelHeight = 0.02;
			cal.setUnit("µm");
			ImagePlus imp = org.interphase.ij.AfmImages.heightMap(files[i].getFileName().toString(), AFM_SIZE, AFM_SIZE, z, cal, "Height", "nm");
			imp.setProperty("Info", "Interphase demo AFM phantom: Gaussian random surface, true Sq " + sq[i] + " nm, plus tilt and row offsets; see "
				+ AFM_TRUTH + "\n");
			OutputFiles.saveFloatTiff(imp, files[i]);
			sb.append(files[i].getFileName()).append(' ').append(sq[i]).append('\n');
		}
		Files.writeString(truth, sb);
		return List.of(a, b, truth);
	}

	public static final String AFM_A = "afm/afm-phantom-a.tif", AFM_B = "afm/afm-phantom-b.tif", AFM_TRUTH = "afm/afm-phantom-truth.txt";
	static final int AFM_SIZE = 128;

	/** A Gaussian random surface of exact population Sq {@code sq} nm, plus tilt and row offsets (StrictMath: same bytes everywhere). */
	static float[] afmPhantom(int n, double sq, long seed) {
		SplittableRandom rnd = new SplittableRandom(seed);
		double[] a = new double[n * n];
		for (int i = 0; i < a.length; i++) {
			double u = 1 - rnd.nextDouble(), v = rnd.nextDouble();
			a[i] = StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
		}
		int r = 6;
		double[] k = new double[2 * r + 1];
		for (int i = -r; i <= r; i++)
			k[i + r] = StrictMath.exp(-0.5 * i * i / 4.0);
		double[] t = new double[n * n];
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++) {
				double s = 0;
				for (int i = -r; i <= r; i++)
					s += k[i + r] * a[y * n + Math.floorMod(x + i, n)];
				t[y * n + x] = s;
			}
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++) {
				double s = 0;
				for (int i = -r; i <= r; i++)
					s += k[i + r] * t[Math.floorMod(y + i, n) * n + x];
				a[y * n + x] = s;
			}
		double m = 0, var = 0;
		for (double d : a)
			m += d;
		m /= a.length;
		for (double d : a)
			var += (d - m) * (d - m);
		double f = sq / StrictMath.sqrt(var / a.length);
		float[] z = new float[n * n];
		for (int y = 0; y < n; y++) {
			double off = 12 * (rnd.nextDouble() - 0.5);
			for (int x = 0; x < n; x++)
				z[y * n + x] = (float) ((a[y * n + x] - m) * f + 0.08 * x + 0.05 * y + off);
		}
		return z;
	}

	/** Data for force-curve fits. */
	private static List<Path> writeForce(Path root) throws IOException {
		return ForceWorkloads.writeTextMap(root.resolve("force/demo-map"), 6, 5, 120); // 6×5 text curves + truth
	}

	/** 40 energies 700–730 eV: 1 eV steps, 0.25 eV across the 705–712 eV edge region. */
	public static double[] spectralEnergies() {
		List<Double> e = new ArrayList<>();
		for (double v = 700; v < 705; v += 1)
			e.add(v);
		for (double v = 705; v < 712; v += 0.25)
			e.add(v);
		for (int k = 0; e.size() < 40; k++)
			e.add(Math.round((712 + 2.6 * k) * 1000) / 1000.0);
		return e.stream().mapToDouble(Double::doubleValue).toArray();
	}

	/** Beam intensity I0(E): a slow decline, as a beamline's flux over 30 eV. */
	public static double beam(double energy) {
		return 2000 * (1 - 0.004 * (energy - 700));
	}

	/** OD spectrum of a unit thickness of phase 1 (Fe2+-like) or 2 (Fe3+-like). */
	public static double phaseOd(int phase, double energy) {
		double edge = phase == 1 ? 707.8 : 709.2;
		double step = 0.5 + Math.atan((energy - edge) / 0.6) / Math.PI;
		double line = Math.exp(-0.5 * Math.pow((energy - edge) / 0.5, 2));
		return 0.15 + 0.6 * step + 0.9 * line;
	}

	/** Thickness of phase {@code phase} at (x, y): a disk of phase 1 and a tilted slab of phase 2. */
	public static double thickness(int phase, int x, int y) {
		if (x < BLANK_COLUMNS) return 0;
		if (phase == 1) {
			double r = Math.hypot(x - 32, y - 24);
			return r < 14 ? Math.sqrt(1 - (r / 14) * (r / 14)) : 0;
		}
		return x >= 40 ? 0.2 + 0.6 * (y / (double) HEIGHT) : 0;
	}

	private static List<Path> writeSpectral(Path root) throws IOException {
		double[] energies = spectralEnergies();
		SpectralStack s = SpectralStack.allocate(WIDTH, HEIGHT, energies);
		SplittableRandom rnd = new SplittableRandom(20261127L);
		for (int e = 0; e < energies.length; e++) {
			float[] slice = s.slice(e);
			double i0 = beam(energies[e]);
			double od1 = phaseOd(1, energies[e]), od2 = phaseOd(2, energies[e]);
			for (int y = 0; y < HEIGHT; y++)
				for (int x = 0; x < WIDTH; x++) {
					double od = thickness(1, x, y) * od1 + thickness(2, x, y) * od2;
					slice[y * WIDTH + x] = poisson(rnd, i0 * Math.exp(-od));
				}
		}
		Calibration cal = new Calibration();
		cal.pixelWidth = cal.pixelHeight = 0.08;
		cal.setUnit("µm");
		ImagePlus imp = Images.toImagePlus(s, "fe-phantom-transmission", cal);
		imp.setProperty("Info", "Interphase demo phantom (DemoData): Fe L3-like transmission stack, Poisson counts.\n"
			+ "Columns 0-" + (BLANK_COLUMNS - 1) + " are blank (I = I0). Phase 1: disk at (32,24) r=14 px; phase 2: slab x>=40.\n");
		Path stack = root.resolve(SPECTRAL_STACK);
		Files.createDirectories(stack.getParent());
		OutputFiles.saveFloatTiff(imp, stack);
		Path i0 = root.resolve(SPECTRAL_I0);
		StringBuilder sb = new StringBuilder("# I0 spectrum of the demo phantom: energy_eV counts (a finer grid than the stack)\n");
		for (double e = 699.5; e <= 730.5; e += 0.5)
			sb.append(String.format(Locale.ROOT, "%.2f %.3f%n", e, beam(e)));
		Files.writeString(i0, sb);
		Path en = root.resolve(SPECTRAL_ENERGIES);
		StringBuilder eb = new StringBuilder();
		for (double e : energies)
			eb.append(Images.format(e)).append('\n');
		Files.writeString(en, eb);
		List<Path> written = new ArrayList<>(List.of(stack, i0, en));
		written.addAll(AlignDemoData.write(root));
		return written;
	}

	/** Poisson sample: Knuth for small means, rounded normal above 50 counts. */
	public static float poisson(SplittableRandom rnd, double mean) {
		if (mean <= 0) return 0;
		if (mean > 50) {
			double g = gaussian(rnd);
			return (float) Math.max(0, Math.round(mean + Math.sqrt(mean) * g));
		}
		double l = Math.exp(-mean), p = 1;
		int k = 0;
		do {
			k++;
			p *= rnd.nextDouble();
		} while (p > l);
		return k - 1;
	}

	/** Standard normal sample (Box–Muller). */
	public static double gaussian(SplittableRandom rnd) {
		double u = 1 - rnd.nextDouble(), v = rnd.nextDouble();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/** {@code java … DemoData DIR}: regenerates test-images. */
	public static void main(String[] args) throws IOException {
		System.setProperty("java.awt.headless", "true");
		Path root = Path.of(args.length > 0 ? args[0] : "test-images");
		for (Path p : writeAll(root))
			System.out.println("wrote " + p);
	}
}
