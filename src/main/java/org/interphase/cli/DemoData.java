package org.interphase.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Images;

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

		files.addAll(writeAfm(root));

		files.addAll(writeForce(root));
		return files;
	}

	/** Data for XANES normalization, features and LCF (see the phantom's own docs). */
	private static List<Path> writeXanes(Path root) throws IOException {
		return List.of();
	}

	/** Data for PCA / clustering / thickness / shells. */
	private static List<Path> writeSegment(Path root) throws IOException {
		return List.of();
	}

	/** Data for interface profiles and histograms. */
	private static List<Path> writeProfiles(Path root) throws IOException {
		return List.of();
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
		return List.of();
	}

	/** Data for force-curve fits. */
	private static List<Path> writeForce(Path root) throws IOException {
		return List.of();
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
		OutputWriter.saveFloatTiff(imp, stack);
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
		return List.of(stack, i0, en);
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
