package org.interphase.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

import org.interphase.core.Parallel;
import org.interphase.core.Progress;
import org.interphase.core.afm.Leveling;
import org.interphase.core.afm.LocalRoughness;
import org.interphase.core.afm.Roughness;
import org.interphase.ij.AfmImages;
import org.interphase.ij.OutputFiles;

import ij.measure.Calibration;

/** Benchmark workloads on AFM height images (1024×1024 float32 heights in nm; quick: 256×256). */
final class AfmWorkloads {

	private AfmWorkloads() {}

	/** A deterministic rough, tilted height image in nm (waves + noise + tilt + row offsets), built in parallel. */
	static float[] surface(int size) {
		float[] z = new float[size * size];
		Parallel.forRange(size, 16, Progress.NONE, "bench data", (from, to) -> {
			for (int y = from; y < to; y++) {
				SplittableRandom rnd = new SplittableRandom(5000 + y);
				double rowOffset = 4 * (rnd.nextDouble() - 0.5);
				for (int x = 0; x < size; x++)
					z[y * size + x] = (float) (3 * Math.sin(x * 0.05) * Math.cos(y * 0.07) + 2 * (rnd.nextDouble() - 0.5) + 0.02 * x - 0.01 * y + rowOffset);
			}
		});
		return z;
	}

	static void export(float[] z, int size, Path dir) throws IOException {
		Calibration cal = new Calibration();
		cal.pixelWidth = cal.pixelHeight = 0.005;
		cal.setUnit("µm");
		OutputFiles.saveFloatTiff(AfmImages.heightMap("bench-height", size, size, z, cal, "Height", "nm"), dir.resolve("height.tif"));
	}

	abstract static class HeightWorkload implements Bench.Workload {
		final int size;
		float[] z;

		HeightWorkload(boolean quick) {
			size = quick ? 256 : 1024;
		}

		@Override
		public String size() {
			return size + "×" + size;
		}

		@Override
		public double items() {
			return (double) size * size;
		}

		@Override
		public String itemUnit() {
			return "px";
		}

		@Override
		public void setUp() {
			z = surface(size);
		}

		@Override
		public void export(Path dir) throws IOException {
			AfmWorkloads.export(z, size, dir);
		}

		@Override
		public void tearDown() {
			z = null;
		}
	}

	/** Plane leveling, then all areal parameters (moments, extremes, median, Sdq, Sdr). */
	static final class LevelRoughnessWorkload extends HeightWorkload implements Bench.PeerWorkload {
		LevelRoughnessWorkload(boolean quick) {
			super(quick);
		}

		@Override
		public String name() {
			return "AFM plane + areal roughness";
		}

		@Override
		public void run() {
			float[] lev = Leveling.level(z, size, size, Leveling.PLANE, 1, null, Progress.NONE);
			Roughness.areal(lev, size, size, 5, 5, Progress.NONE);
		}

		/** height.npy (H, W) float32, pixel 5 × 5; our plane-levelled areal parameters. */
		@Override
		public void exportForPeers(Path dir) throws IOException {
			Npy.float32(dir.resolve("height.npy"), new float[][] { z }, size, size);
			float[] lev = Leveling.level(z, size, size, Leveling.PLANE, 1, null, Progress.NONE);
			Roughness.Areal a = Roughness.areal(lev, size, size, 5, 5, Progress.NONE);
			Files.writeString(dir.resolve("params.json"), String.format(Locale.ROOT,
				"{\"kind\": \"afm_plane_roughness\", \"dx\": 5, \"dy\": 5, \"ours\": {\"sa\": %.17g, \"sq\": %.17g, \"ssk\": %.17g, "
					+ "\"sku\": %.17g, \"median\": %.17g, \"sp\": %.17g, \"sv\": %.17g}}%n",
				a.sa, a.sq, a.ssk, a.sku, a.median, a.sp, a.sv));
		}
	}

	/** Local Sq map, 32-px window, with or without a plane in each window. */
	static final class LocalMapWorkload extends HeightWorkload {
		final boolean plane;

		LocalMapWorkload(boolean quick, boolean plane) {
			super(quick);
			this.plane = plane;
		}

		@Override
		public String name() {
			return plane ? "AFM local Sq map 32px, local plane" : "AFM local Sq map 32px";
		}

		@Override
		public void run() {
			LocalRoughness.sqMap(z, size, size, 32, plane, Progress.NONE);
		}
	}

	/** Gwyddion's statistical functions: 1D and radial PSD, row and 2D ACF, Sal/Str, fractal dimension. */
	static final class StatisticsWorkload extends HeightWorkload {
		StatisticsWorkload(boolean quick) {
			super(quick);
		}

		@Override
		public String name() {
			return "AFM PSD + ACF + Sal/Str";
		}

		@Override
		public void run() {
			org.interphase.core.afm.SurfaceStatistics.compute(z, size, size, 5, 5, 1e-9, 0.2, 0, 0, Progress.NONE); // 5 nm pixels, as the command passes its unit
		}
	}
}
