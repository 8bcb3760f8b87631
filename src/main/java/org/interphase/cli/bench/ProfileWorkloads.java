package org.interphase.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.interphase.core.Parallel;
import org.interphase.core.Progress;
import org.interphase.core.profile.ErfEdgeFit;
import org.interphase.core.profile.HistogramComparison;
import org.interphase.core.profile.LineProfile;
import org.interphase.core.profile.ProfileAnalysis;
import org.interphase.core.profile.Zones;
import org.interphase.ij.OutputFiles;

import ij.ImagePlus;
import ij.process.FloatProcessor;

/**
 * Benchmark workloads of the profile workflow: a wide line profile with interfaces and zones
 * (4096 px long, 200 px wide on a 4096² map; quick: 1024 long, 50 wide on 1024²) and a
 * histogram comparison of 10 maps of 2048² (quick: 512²).
 */
final class ProfileWorkloads {

	private ProfileWorkloads() {}

	/** A noisy map with two erf interfaces along a tilted direction, built in parallel. */
	static float[] crossSection(int size, long seed) {
		float[] px = new float[size * size];
		double ux = 0.974, uy = 0.2256; // direction of the profile line
		Parallel.forRange(size, 16, Progress.NONE, "bench data", (from, to) -> {
			for (int y = from; y < to; y++) {
				SplittableRandom rnd = new SplittableRandom(seed * 100003 + y);
				for (int x = 0; x < size; x++) {
					double t = (x * ux + y * uy) / size;
					double v = 120 + 880 * 0.5 * (1 + erfApprox((t - 0.3) * size / 3.0)) - 880 * 0.5 * (1 + erfApprox((t - 0.8) * size / 3.0));
					px[y * size + x] = (float) (v + Math.sqrt(v) * (rnd.nextDouble() - 0.5) * 3.46);
				}
			}
		});
		return px;
	}

	/** tanh approximation of erf, enough for bench data. */
	private static double erfApprox(double x) {
		return Math.tanh(1.128379 * x + 0.1009 * x * x * x);
	}

	static void exportImage(float[] px, int size, Path file) throws IOException {
		OutputFiles.saveFloatTiff(new ImagePlus(file.getFileName().toString(), new FloatProcessor(size, size, px)), file);
	}

	/** Wide profile + erf interfaces + zones on one map. */
	static final class WideProfileWorkload implements Bench.Workload {
		final int size, length, width;
		float[] map;
		double x1, y1, x2, y2;

		WideProfileWorkload(boolean quick) {
			size = quick ? 1024 : 4096;
			length = quick ? 1024 : 4096;
			width = quick ? 50 : 200;
		}

		@Override
		public String name() {
			return "wide profile + erf + zones";
		}

		@Override
		public String size() {
			return length + "×" + width + " on " + size + "²";
		}

		@Override
		public double items() {
			return (double) length * width;
		}

		@Override
		public String itemUnit() {
			return "samples";
		}

		@Override
		public void setUp() {
			map = crossSection(size, 7);
			double ux = 0.974, uy = 0.2256, n = Math.hypot(ux, uy);
			x1 = 0;
			y1 = width;
			x2 = x1 + (length - 1) * ux / n;
			y2 = y1 + (length - 1) * uy / n;
		}

		@Override
		public void run() {
			LineProfile p = LineProfile.sample(map, size, size, x1, y1, x2, y2, width, 1, 1, Progress.NONE);
			ProfileAnalysis.analyse(p, ProfileAnalysis.Origin.INTERFACE, new ErfEdgeFit.Options(), Zones.parse("0-100,200-300", "zones"),
				Zones.parse("400-600", "bulk").get(0));
		}

		@Override
		public void export(Path dir) throws IOException {
			exportImage(map, size, dir.resolve("map.tif"));
			Files.writeString(dir.resolve("line.txt"), String.format(Locale.ROOT, "x1=%.4f y1=%.4f x2=%.4f y2=%.4f width=%d%n", x1, y1, x2, y2, width));
		}

		@Override
		public void tearDown() {
			map = null;
		}
	}

	/** Histograms on common bins and statistics of 10 maps. */
	static final class HistogramWorkload implements Bench.Workload {
		final int size, count = 10;
		List<float[]> maps;

		HistogramWorkload(boolean quick) {
			size = quick ? 512 : 2048;
		}

		@Override
		public String name() {
			return "histogram compare (10 maps)";
		}

		@Override
		public String size() {
			return count + "×" + size + "²";
		}

		@Override
		public double items() {
			return (double) count * size * size;
		}

		@Override
		public String itemUnit() {
			return "px";
		}

		@Override
		public void setUp() {
			maps = new ArrayList<>();
			for (int k = 0; k < count; k++)
				maps.add(crossSection(size, 100 + k));
		}

		@Override
		public void run() {
			HistogramComparison.compute(maps, null, 256, Double.NaN, Double.NaN, false, Progress.NONE);
		}

		@Override
		public void export(Path dir) throws IOException {
			for (int k = 0; k < count; k++)
				exportImage(maps.get(k), size, dir.resolve(String.format(Locale.ROOT, "map%02d.tif", k)));
		}

		@Override
		public void tearDown() {
			maps = null;
		}
	}
}
