package org.interphase.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.interphase.core.Parallel;
import org.interphase.core.Progress;
import org.interphase.core.decompose.ClusterAnalysis;
import org.interphase.core.decompose.KMeans;
import org.interphase.core.decompose.Nnma;
import org.interphase.core.decompose.Pca;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Images;
import org.interphase.ij.OutputFiles;

/** Benchmark workloads for segmentation: PCA and cluster analysis on a 512×512×150 OD stack (quick: 128×128×150). */
final class SegmentWorkloads {

	private SegmentWorkloads() {}

	/** A deterministic four-phase OD stack with smooth thickness and noise, built in parallel. */
	static SpectralStack odStack(int size, int nE) {
		double[] energies = new double[nE];
		for (int e = 0; e < nE; e++)
			energies[e] = 845 + 0.1 * e;
		SpectralStack s = SpectralStack.allocate(size, size, energies);
		double[] centre = { 850, 851.5, 853, 854.5 };
		Parallel.forRange(nE, 1, Progress.NONE, "bench data", (from, to) -> {
			for (int e = from; e < to; e++) {
				SplittableRandom rnd = new SplittableRandom(7000 + e);
				float[] slice = s.slice(e);
				double[] od = new double[4];
				for (int k = 0; k < 4; k++)
					od[k] = 0.2 + 0.1 * k + Math.exp(-0.5 * Math.pow((energies[e] - centre[k]) / 0.8, 2));
				for (int p = 0; p < slice.length; p++) {
					int x = p % size, y = p / size;
					int phase = ((x * 4 / size) + (y * 4 / size)) % 4;
					double t = 0.7 + 0.3 * Math.sin(x * 0.05) * Math.cos(y * 0.07);
					slice[p] = (float) (t * od[phase] + 0.02 * (rnd.nextDouble() - 0.5));
				}
			}
		});
		return s;
	}

	/** An OD stack of 512²×150 (quick 128²×150). */
	abstract static class OdWorkload extends SpectralWorkloads.StackWorkload {
		OdWorkload(boolean quick) {
			super(quick ? 128 : 512);
		}

		@Override
		SpectralStack build() {
			return odStack(size, nE);
		}

		@Override
		public void export(Path dir) throws IOException {
			OutputFiles.saveFloatTiff(Images.toImagePlus(stack, "bench-od", null), dir.resolve("stack.tif"));
		}
	}

	static final class PcaWorkload extends OdWorkload implements Bench.PeerWorkload {
		PcaWorkload(boolean quick) {
			super(quick);
		}

		@Override
		public String name() {
			return "PCA (DᵀD + 5 eigenimages)";
		}

		@Override
		public void run() {
			Pca.Result r = Pca.compute(stack, false, Progress.NONE);
			Pca.eigenimages(stack, r, 5, Progress.NONE);
		}

		/** stack.npy (E, H, W) float32; our eigenvalues and 5 eigenimages for the check. */
		@Override
		public void exportForPeers(Path dir) throws IOException {
			Npy.float32(dir.resolve("stack.npy"), stack.slices(), size, size);
			Pca.Result r = Pca.compute(stack, false, Progress.NONE);
			Npy.float64(dir.resolve("ours_eigenvalues.npy"), r.eigenvalues, r.eigenvalues.length);
			Npy.float32(dir.resolve("ours_eigenimages.npy"), Pca.eigenimages(stack, r, 5, Progress.NONE), size, size);
			Files.writeString(dir.resolve("params.json"), "{\"kind\": \"pca\", \"components\": 5}\n");
		}
	}

	/**
	 * k-means alone on the Cluster Analysis features of the OD stack (5 PCs, mean-subtracted),
	 * k = 5 and 10 restarts, as scikit-learn's KMeans(n_clusters=5, n_init=10) is timed on them.
	 */
	static final class KMeansWorkload extends OdWorkload implements Bench.PeerWorkload {
		static final int K = 5, RESTARTS = 10, MAX_ITERATIONS = 300;
		ClusterAnalysis.Features features;

		KMeansWorkload(boolean quick) {
			super(quick);
		}

		@Override
		public String name() {
			return "k-means (k=5, 10 restarts, 5 PCs)";
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
			super.setUp();
			ClusterAnalysis.Options o = new ClusterAnalysis.Options();
			o.components = 5;
			features = ClusterAnalysis.features(stack, o, Progress.NONE);
		}

		@Override
		public void run() {
			KMeans.cluster(features.data, features.m, features.d, K, 1, RESTARTS, MAX_ITERATIONS, false, Progress.NONE);
		}

		/** features.npy (m, d) float64; our labels and inertia for the check. */
		@Override
		public void exportForPeers(Path dir) throws IOException {
			Npy.float64(dir.resolve("features.npy"), features.data, features.m, features.d);
			KMeans.Result r = KMeans.cluster(features.data, features.m, features.d, K, 1, RESTARTS, MAX_ITERATIONS, false, Progress.NONE);
			Npy.int32(dir.resolve("ours_labels.npy"), r.labels);
			Files.writeString(dir.resolve("params.json"), String.format(java.util.Locale.ROOT,
				"{\"kind\": \"kmeans\", \"k\": %d, \"n_init\": %d, \"max_iter\": %d, \"ours_inertia\": %.17g, \"ours_iterations\": %d}%n", K, RESTARTS,
				MAX_ITERATIONS, r.inertia, r.iterations));
		}

		@Override
		public void tearDown() {
			super.tearDown();
			features = null;
		}
	}

	/** Cluster analysis: PCA, 5 components, k-means k = 4 (3 restarts), cluster spectra, error map. */
	static final class ClusterWorkload extends OdWorkload {
		ClusterWorkload(boolean quick) {
			super(quick);
		}

		@Override
		public String name() {
			return "cluster analysis (k=4, 5 PCs)";
		}

		@Override
		public void run() {
			ClusterAnalysis.Options o = new ClusterAnalysis.Options();
			o.clusters = 4;
			o.components = 5;
			o.restarts = 3;
			o.seed = 1;
			ClusterAnalysis.compute(stack, o, Progress.NONE);
		}
	}

	/** NNMA: k = 3, random (seeded) start, exactly 200 multiplicative-update iterations (tolerance 0). */
	static final class NnmaWorkload extends OdWorkload {
		NnmaWorkload(boolean quick) {
			super(quick);
		}

		@Override
		public String name() {
			return "NNMA (k=3, 200 iterations)";
		}

		@Override
		public void run() {
			Nnma.Options o = new Nnma.Options();
			o.components = 3;
			o.init = Nnma.Init.RANDOM;
			o.maxIterations = 200;
			o.tolerance = 0;
			o.seed = 1;
			Nnma.compute(stack, o, Progress.NONE);
		}
	}
}
