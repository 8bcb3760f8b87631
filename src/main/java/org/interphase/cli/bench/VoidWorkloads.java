package org.interphase.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.interphase.cli.OutputWriter;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;
import org.interphase.core.morphology.VoidTracking;
import org.interphase.ij.AutoThresholds;
import org.interphase.io.XrfMapsReader;
import org.interphase.io.XrfTimeSeries;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.FloatProcessor;

/**
 * Benchmark workloads of the void workflow: importing a TIFF time series (100 frames × 2 channels ×
 * 1024², one two-page float TIFF per frame) and Track Voids on it (quick: 20 frames × 256²).
 */
public final class VoidWorkloads {

	private VoidWorkloads() {}

	/**
	 * S and P maps ({@code [t][0 = S, 1 = P][pixel]}) with irregular voids given as rows
	 * {cx, cy, ecd0 (µm), rate (µm/h)} on 1 µm pixels, the P void larger than the S void by
	 * {@code rim} µm all round; counts around 15 (S) and 10 (P), Gaussian-approximated Poisson noise.
	 */
	public static float[][][] phantom(int w, int h, double[] timesH, double[][] voids, double rim, long seed) {
		int nt = timesH.length;
		float[][][] out = new float[nt][2][w * h];
		Parallel.forRange(nt, 1, Progress.NONE, "void phantom", (from, to) -> {
			for (int t = from; t < to; t++) {
				SplittableRandom rnd = new SplittableRandom(seed * 1000 + t);
				float[] covS = new float[w * h], covP = new float[w * h];
				for (int v = 0; v < voids.length; v++) {
					double ecd = voids[v][2] - voids[v][3] * timesH[t];
					if (ecd <= 0) continue;
					paint(covS, w, h, voids[v][0], voids[v][1], ecd, v);
					paint(covP, w, h, voids[v][0], voids[v][1], ecd + 2 * rim, v);
				}
				for (int p = 0; p < w * h; p++) {
					out[t][0][p] = noisy(rnd, 15 * (1 - covS[p]) + 0.3 * covS[p]);
					out[t][1][p] = noisy(rnd, 10 * (1 - covP[p]) + 0.3 * covP[p]);
				}
			}
		});
		return out;
	}

	/** Adds the antialiased coverage of an irregular void (3- and 5-fold lobes) of the given ECD. */
	private static void paint(float[] cov, int w, int h, double cx, double cy, double ecd, int v) {
		double a1 = 0.12, a2 = 0.06, phase = v * 1.3;
		double r0 = ecd / 2 / Math.sqrt(1 + (a1 * a1 + a2 * a2) / 2);
		int rMax = (int) Math.ceil(r0 * (1 + a1 + a2)) + 2;
		for (int y = Math.max(0, (int) cy - rMax); y < Math.min(h, (int) cy + rMax + 1); y++)
			for (int x = Math.max(0, (int) cx - rMax); x < Math.min(w, (int) cx + rMax + 1); x++) {
				double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
				double th = Math.atan2(dy, dx);
				double r = r0 * (1 + a1 * Math.cos(3 * th + phase) + a2 * Math.cos(5 * th + 2 * phase));
				double c = Math.min(1, Math.max(0, 0.5 - (Math.hypot(dx, dy) - r)));
				int p = y * w + x;
				cov[p] = (float) Math.min(1, cov[p] + c);
			}
	}

	private static float noisy(SplittableRandom rnd, double mean) {
		double u = 1 - rnd.nextDouble(), v = rnd.nextDouble();
		double g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
		return (float) Math.max(0, Math.rint(mean + Math.sqrt(mean) * g));
	}

	/** Voids scattered over a w×h field: 3 per 256² tile, ECD 12–60 µm, rates 0.5–4 µm/h. */
	static double[][] scatteredVoids(int w, int h, long seed) {
		SplittableRandom rnd = new SplittableRandom(seed);
		int tiles = (w / 256) * (h / 256);
		double[][] v = new double[3 * Math.max(1, tiles)][];
		for (int i = 0; i < v.length; i++) {
			int tile = i / 3, tx = tile % Math.max(1, w / 256), ty = tile / Math.max(1, w / 256);
			double cx = tx * 256 + 45 + (i % 3) * 80 + rnd.nextDouble() * 10, cy = ty * 256 + 50 + rnd.nextDouble() * 150;
			v[i] = new double[] { cx, cy, 12 + rnd.nextDouble() * 48, 0.5 + rnd.nextDouble() * 3.5 };
		}
		return v;
	}

	static void writeSeries(Path dir, float[][][] frames, int w, int h, double[] timesH) throws IOException {
		Files.createDirectories(dir);
		for (int t = 0; t < frames.length; t++) {
			ImageStack st = new ImageStack(w, h);
			st.addSlice("S_K", new FloatProcessor(w, h, frames[t][0]));
			st.addSlice("P_K", new FloatProcessor(w, h, frames[t][1]));
			ImagePlus imp = new ImagePlus("frame", st);
			Calibration cal = new Calibration();
			cal.pixelWidth = cal.pixelHeight = 1;
			cal.setUnit("µm");
			imp.setCalibration(cal);
			imp.setProp(XrfMapsReader.SCAN_TIME_PROPERTY, Double.toString(1.7e9 + 3600 * timesH[t]));
			if (!new FileSaver(imp).saveAsTiffStack(dir.resolve(String.format("frame_%03d.tif", t)).toString()))
				throw new IOException("cannot write " + dir);
		}
	}

	abstract static class SeriesWorkload implements Bench.Workload {
		final int size, frames;
		float[][][] data;
		double[] times;

		SeriesWorkload(boolean quick) {
			size = quick ? 256 : 1024;
			frames = quick ? 20 : 100;
		}

		@Override
		public String size() {
			return frames + "×2×" + size + "²";
		}

		@Override
		public double items() {
			return (double) frames * 2 * size * size;
		}

		@Override
		public String itemUnit() {
			return "px";
		}

		@Override
		public void setUp() {
			times = new double[frames];
			for (int t = 0; t < frames; t++)
				times[t] = t;
			data = phantom(size, size, times, scatteredVoids(size, size, 5), 3, 11);
		}

		@Override
		public void export(Path dir) throws IOException {
			writeSeries(dir, data, size, size, times);
		}

		@Override
		public void tearDown() {
			data = null;
		}
	}

	/** Import of the TIFF series from disk (files written in setUp, not timed). */
	static final class ImportWorkload extends SeriesWorkload {
		Path dir;

		ImportWorkload(boolean quick) {
			super(quick);
		}

		@Override
		public String name() {
			return "import XRF TIFF series";
		}

		@Override
		public void setUp() {
			super.setUp();
			try {
				dir = Files.createTempDirectory("interphase-bench-xrf");
				writeSeries(dir, data, size, size, times);
			} catch (IOException e) {
				throw new IllegalStateException("bench: cannot write the TIFF series: " + e.getMessage(), e);
			}
			data = null;
		}

		@Override
		public void run() {
			XrfTimeSeries s = XrfTimeSeries.read(dir, "S_K,P_K", "", "none", 1, false);
			if (s.frames.size() != frames) throw new IllegalStateException("bench: read " + s.frames.size() + " frames");
		}

		@Override
		public void tearDown() {
			super.tearDown();
			OutputWriter.deleteTree(dir);
		}
	}

	/** Track Voids: bulk normalisation, smoothing σ = 1, Otsu, rule all, hole filling, labelling, measures, linking, rates. */
	static final class TrackWorkload extends SeriesWorkload {
		int tracks;

		TrackWorkload(boolean quick) {
			super(quick);
		}

		@Override
		public String name() {
			return "Track Voids (σ 1, Otsu, all)";
		}

		@Override
		public void run() {
			float[][][] prep = VoidTracking.prepare(data, size, size, new int[] { 0, 1 }, true, 1.0, Progress.NONE);
			double[] thr = AutoThresholds.forChannels(prep, "otsu", Double.NaN);
			VoidTracking.Result r = VoidTracking.track(prep, size, size, thr, times, new VoidTracking.Params(), Progress.NONE);
			tracks = r.tracks.size();
		}
	}
}
