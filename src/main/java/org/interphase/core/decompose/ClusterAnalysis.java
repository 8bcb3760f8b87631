package org.interphase.core.decompose;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.interphase.core.stack.PixelEngine;
import org.interphase.core.stack.RegionSpectra;
import org.interphase.core.stack.SpectralStack;

/**
 * Cluster analysis of an OD stack, MANTiS convention (SCIENCE.md §1): PCA (not centred), the first
 * {@code components} eigenimages as features (PC1 optionally dropped), each mean-subtracted and
 * weighted by (λ0/λi)^γ, k-means with k-means++ seeding, clusters renumbered by size (largest = 1),
 * cluster spectrum = mean OD spectrum of its pixels (through {@link RegionSpectra}), error map =
 * Σ_E (OD − cluster spectrum)².
 * <p>
 * With the spectral-angle distance the features are the eigenimage values <em>without</em> mean
 * subtraction, scaled to unit length per pixel, and clustered by spherical k-means: a pixel whose
 * spectrum is a multiple of another's (a thicker spot of the same phase) gets the same features.
 */
public final class ClusterAnalysis {

	/** What to do. */
	public static final class Options {
		public int clusters = 3;
		/** Eigenimages used (0 = the estimated number of significant components). */
		public int components = 0;
		/** γ of the (λ0/λi)^γ weights, 0..1. */
		public double weighting = 0;
		/** Drop PC1 (reduces thickness effects). */
		public boolean dropFirst = false;
		/** Cosine (spectral angle) instead of Euclidean distance. */
		public boolean spectralAngle = false;
		public long seed = 1;
		public int restarts = 5;
		public int maxIterations = 300;
	}

	/** Clusters, their spectra and the fit error. */
	public static final class Result {
		/** Cluster of each pixel, 1..k numbered by size (1 = largest); 0 for pixels with NaN. */
		public final int[] labels;
		/** Mean ± SD spectrum of each cluster, rows in cluster order. */
		public final RegionSpectra.Result spectra;
		/** Σ_E (OD − cluster spectrum)² per pixel; NaN outside every cluster. */
		public final float[] errorMap;
		/** Per cluster (index = cluster − 1): pixels, fraction of clustered pixels, mean error. */
		public final long[] pixels;
		public final double[] fraction, meanError;
		public final Pca.Result pca;
		/** Eigenimages (components) used as features, and which ones (0-based). */
		public final int componentsUsed, firstComponent;
		public final double inertia;
		public final int iterations;

		Result(int[] labels, RegionSpectra.Result spectra, float[] errorMap, long[] pixels, double[] fraction, double[] meanError,
			Pca.Result pca, int componentsUsed, int firstComponent, double inertia, int iterations) {
			this.labels = labels;
			this.spectra = spectra;
			this.errorMap = errorMap;
			this.pixels = pixels;
			this.fraction = fraction;
			this.meanError = meanError;
			this.pca = pca;
			this.componentsUsed = componentsUsed;
			this.firstComponent = firstComponent;
			this.inertia = inertia;
			this.iterations = iterations;
		}
	}

	private ClusterAnalysis() {}

	/** PCA and the feature vectors k-means clusters (MANTiS convention; see the class comment). */
	public static Features features(SpectralStack stack, Options o, Progress progress) {
		if (o.weighting < 0 || o.weighting > 1) throw new InvalidInputException("weighting: γ must be in [0, 1], got " + o.weighting);
		if (o.clusters < 1) throw new InvalidInputException("clusters: must be at least 1, got " + o.clusters);
		int nE = stack.energyCount();
		Pca.Result pca = Pca.compute(stack, false, progress);
		int comps = o.components > 0 ? o.components : pca.significant;
		if (o.dropFirst && o.components <= 0) comps = Math.max(comps, 2);
		if (comps > nE) throw new InvalidInputException("components: " + comps + " is more than the " + nE + " energies of the stack");
		int first = o.dropFirst ? 1 : 0;
		int d = comps - first;
		if (d < 1) throw new InvalidInputException("components: with drop_first at least 2 components are needed, got " + comps);
		if (o.spectralAngle && d < 2)
			throw new InvalidInputException("distance: spectral_angle needs at least 2 feature components (components"
				+ (o.dropFirst ? " minus the dropped PC1" : "") + "), got " + d);
		float[][] images = Pca.eigenimages(stack, pca, comps, progress);
		int n = stack.pixels();
		// compact the valid pixels into a point matrix
		int[] index = new int[n];
		int m = 0;
		for (int p = 0; p < n; p++)
			if (!Float.isNaN(images[0][p])) index[m++] = p;
		double[] weights = weights(pca, first, d, o.weighting);
		double[] means = new double[d];
		for (int f = 0; f < d; f++) {
			int c = first + f;
			if (!o.spectralAngle) {
				double s = 0;
				for (int i = 0; i < m; i++)
					s += images[c][index[i]];
				means[f] = s / m;
			}
		}
		double[] data = featureVectors(images, index, m, first, d, weights, means, o.spectralAngle);
		return new Features(pca, comps, first, d, m, index, data);
	}

	/** The weight (λ0/λc)^γ of each feature component c = first … first+d−1. */
	public static double[] weights(Pca.Result pca, int first, int d, double weighting) {
		double[] weights = new double[d];
		for (int f = 0; f < d; f++) {
			int c = first + f;
			double ratio = pca.eigenvalues[c] > 0 ? pca.eigenvalues[0] / pca.eigenvalues[c] : 1;
			weights[f] = Math.pow(ratio, weighting);
		}
		return weights;
	}

	/**
	 * The feature vectors of the pixels {@code index[0 … m)}: eigenimage values of components first …
	 * first+d−1 minus {@code means}, times {@code weights}, scaled to unit length for the spectral angle;
	 * row-major m × d. Also used slab by slab for volumes, with the volume's means.
	 */
	public static double[] featureVectors(float[][] images, int[] index, int m, int first, int d, double[] weights, double[] means,
		boolean spectralAngle) {
		double[] data = new double[m * d];
		for (int i = 0; i < m; i++) {
			int p = index[i];
			double norm = 0;
			for (int f = 0; f < d; f++) {
				double v = (images[first + f][p] - means[f]) * weights[f];
				data[i * d + f] = v;
				norm += v * v;
			}
			if (spectralAngle && norm > 0) {
				double inv = 1 / Math.sqrt(norm);
				for (int f = 0; f < d; f++)
					data[i * d + f] *= inv;
			}
		}
		return data;
	}

	/** The k-means input: the valid pixels' feature vectors, row-major m × d, and where they came from. */
	public static final class Features {
		public final Pca.Result pca;
		/** Components computed, the first one used (0 or 1 with drop_first), features per pixel. */
		public final int components, first, d;
		/** Valid pixels (no NaN) and their index in the image. */
		public final int m;
		public final int[] index;
		public final double[] data;

		Features(Pca.Result pca, int components, int first, int d, int m, int[] index, double[] data) {
			this.pca = pca;
			this.components = components;
			this.first = first;
			this.d = d;
			this.m = m;
			this.index = index;
			this.data = data;
		}
	}

	public static Result compute(SpectralStack stack, Options o, Progress progress) {
		Features f = features(stack, o, progress);
		int n = stack.pixels(), m = f.m, d = f.d, first = f.first;
		int[] index = f.index;
		Pca.Result pca = f.pca;
		double[] data = f.data;
		KMeans.Result km = KMeans.cluster(data, m, d, o.clusters, o.seed, o.restarts, o.maxIterations, o.spectralAngle, progress);
		// renumber by size, largest = 1 (ties: lower k-means index first)
		int k = o.clusters;
		long[] count = new long[k];
		for (int i = 0; i < m; i++)
			count[km.labels[i]]++;
		Integer[] order = new Integer[k];
		for (int j = 0; j < k; j++)
			order[j] = j;
		java.util.Arrays.sort(order, (a, b) -> count[a] != count[b] ? Long.compare(count[b], count[a]) : Integer.compare(a, b));
		int[] rank = new int[k];
		for (int r = 0; r < k; r++)
			rank[order[r]] = r + 1;
		int[] labels = new int[n];
		for (int i = 0; i < m; i++)
			labels[index[i]] = rank[km.labels[i]];
		long[] pixels = new long[k];
		double[] fraction = new double[k];
		for (int j = 0; j < k; j++) {
			pixels[rank[j] - 1] = count[j];
			fraction[rank[j] - 1] = count[j] / (double) m;
		}
		RegionSpectra.Result spectra = RegionSpectra.compute(stack, labels, progress);
		double[][] clusterMean = new double[k + 1][];
		for (int r = 0; r < spectra.labels.length; r++)
			clusterMean[spectra.labels[r]] = spectra.mean[r];
		float[] error = errorMap(stack, labels, clusterMean, progress);
		double[] errSum = new double[k];
		for (int p = 0; p < n; p++)
			if (labels[p] > 0) errSum[labels[p] - 1] += error[p];
		double[] meanError = new double[k];
		for (int j = 0; j < k; j++)
			meanError[j] = pixels[j] > 0 ? errSum[j] / pixels[j] : Double.NaN;
		return new Result(labels, spectra, error, pixels, fraction, meanError, pca, d, first, km.inertia, km.iterations);
	}

	/** Σ_E (value − spectrum of the pixel's label)² per pixel; NaN where the label is 0. */
	public static float[] errorMap(SpectralStack stack, int[] labels, double[][] spectrumOfLabel, Progress progress) {
		int nE = stack.energyCount();
		float[] out = new float[stack.pixels()];
		PixelEngine.forEachSpectrum(stack, () -> (pixel, spectrum) -> {
			int l = labels[pixel];
			double[] ref = l > 0 && l < spectrumOfLabel.length ? spectrumOfLabel[l] : null;
			if (ref == null) {
				out[pixel] = Float.NaN;
				return;
			}
			double s = 0;
			for (int e = 0; e < nE; e++) {
				double r = spectrum[e] - ref[e];
				s += r * r;
			}
			out[pixel] = (float) s;
		}, progress, "error map");
		return out;
	}
}
