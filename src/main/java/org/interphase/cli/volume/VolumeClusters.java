package org.interphase.cli.volume;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.interphase.core.decompose.ClusterAnalysis;
import org.interphase.core.decompose.KMeans;
import org.interphase.core.decompose.Pca;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.LabelImages;
import org.interphase.ij.OutputFiles;
import org.interphase.ij.Tables;

import ij.ImagePlus;
import ij.measure.ResultsTable;

/**
 * Cluster Analysis of a volume, slab by slab (docs/volumes.md): the PCA of the whole volume (DᵀD summed
 * over slabs, not centred, as the command), the feature vectors of {@link ClusterAnalysis#featureVectors}
 * with the volume's feature means, k-means seeded by the k-means engine ({@link KMeans#cluster}, seed and
 * restarts as given) on an even sample of at most {@value #SAMPLE} voxels, then refined by
 * {@code lloyd_passes} distributed Lloyd steps over every voxel (each slab assigns its voxels and returns
 * per-cluster sums; the driver updates the centroids), and a last pass that writes the labels per slab.
 * Clusters are numbered by size, largest = 1, as in the command.
 */
final class VolumeClusters {

	static final int SAMPLE = 20000;
	static final int DEFAULT_PASSES = 10;

	private VolumeClusters() {}

	static List<VolumeJob.SlabResult> run(VolumeJob job, SlabMap slabs, int n, Path out, Map<String, Object> extra) {
		int nE = job.volume.energies().length;
		int k = job.intArg("clusters", 3), components = job.intArg("components", 0), restarts = job.intArg("restarts", 5);
		int passes = job.intArg("lloyd_passes", DEFAULT_PASSES);
		long seed = ((Number) job.arg("seed", 1L)).longValue();
		double weighting = ((Number) job.arg("weighting", 0.0)).doubleValue();
		boolean dropFirst = (Boolean) job.arg("drop_first", Boolean.FALSE);
		String distance = job.args.getOrDefault("distance", "euclidean").trim();
		if (k < 1 || k > 255) throw new InvalidInputException("clusters: " + k + " is outside [1, 255]");
		if (restarts < 1) throw new InvalidInputException("restarts: " + restarts + " is below the minimum 1");
		if (passes < 0) throw new InvalidInputException("lloyd_passes: " + passes + " is below the minimum 0");
		if (!(weighting >= 0 && weighting <= 1)) throw new InvalidInputException("weighting: γ must be in [0, 1], got " + weighting);
		if (!distance.equals("euclidean") && !distance.equals("spectral_angle"))
			throw new InvalidInputException("distance: \"" + distance + "\" is not one of euclidean, spectral_angle");
		boolean angle = distance.equals("spectral_angle");
		Pca.Result pca = job.pcaModel(slabs, n, false);
		int comps = components > 0 ? components : pca.significant;
		if (dropFirst && components <= 0) comps = Math.max(comps, 2);
		if (comps > nE) throw new InvalidInputException("components: " + comps + " is more than the " + nE + " energies of the volume");
		int first = dropFirst ? 1 : 0, d = comps - first;
		if (d < 1) throw new InvalidInputException("components: with drop_first at least 2 components are needed, got " + comps);
		if (angle && d < 2) throw new InvalidInputException("distance: spectral_angle needs at least 2 feature components, got " + d);
		double[] weights = ClusterAnalysis.weights(pca, first, d, weighting);
		final int fc = comps;
		// the feature means over every valid voxel
		double[] means = new double[d];
		if (!angle) {
			double[] s = slabs.sum(n, sl -> {
				float[][] img = Pca.eigenimages(job.volume.readSlab(job.z0(sl), job.nz(sl)), pca, fc, Progress.NONE);
				double[] r = new double[d + 1];
				for (int p = 0; p < img[0].length; p++) {
					if (Float.isNaN(img[0][p])) continue;
					for (int f = 0; f < d; f++)
						r[f] += img[first + f][p];
					r[d]++;
				}
				return r;
			});
			for (int f = 0; f < d; f++)
				means[f] = s[f] / s[d];
		}
		long stride = Math.max(1, (pca.pixelsUsed + SAMPLE - 1) / SAMPLE);
		List<double[]> parts = slabs.map(n, sl -> features(job, sl, pca, fc, first, d, weights, means, angle, stride).data);
		int m = 0;
		for (double[] p : parts)
			m += p.length / d;
		double[] sample = new double[m * d];
		int at = 0;
		for (double[] p : parts) {
			System.arraycopy(p, 0, sample, at, p.length);
			at += p.length;
		}
		KMeans.Result seeded = KMeans.cluster(sample, m, d, k, seed, restarts, 300, angle, Progress.NONE);
		double[][] c = seeded.centroids;
		int done = 0;
		for (; done < passes; done++) {
			final double[][] cur = c;
			double[] sums = slabs.sum(n, sl -> {
				Feat f = features(job, sl, pca, fc, first, d, weights, means, angle, 1);
				double[] r = new double[k * d + k];
				for (int i = 0; i < f.m; i++) {
					int j = KMeans.nearestCentre(f.data, i, d, cur);
					for (int q = 0; q < d; q++)
						r[j * d + q] += f.data[i * d + q];
					r[k * d + j]++;
				}
				return r;
			});
			double[][] next = new double[k][];
			double shift = 0;
			for (int j = 0; j < k; j++) {
				double cnt = sums[k * d + j];
				if (cnt == 0) {
					next[j] = c[j].clone(); // an empty cluster keeps its centroid
					continue;
				}
				next[j] = new double[d];
				double norm = 0;
				for (int q = 0; q < d; q++) {
					next[j][q] = sums[j * d + q] / cnt;
					norm += next[j][q] * next[j][q];
				}
				if (angle && norm > 0)
					for (int q = 0; q < d; q++)
						next[j][q] /= Math.sqrt(norm);
				for (int q = 0; q < d; q++)
					shift = Math.max(shift, Math.abs(next[j][q] - c[j][q]));
			}
			c = next;
			if (shift == 0) {
				done++;
				break;
			}
		}
		final double[][] fin = c;
		// counts, mean spectra and inertia with the final centroids
		double[] stats = slabs.sum(n, sl -> {
			SpectralStack st = job.volume.readSlab(job.z0(sl), job.nz(sl));
			Feat f = features(st, pca, fc, first, d, weights, means, angle, 1);
			double[] r = new double[k + k * nE + 1];
			for (int i = 0; i < f.m; i++) {
				int j = KMeans.nearestCentre(f.data, i, d, fin);
				r[j]++;
				for (int e = 0; e < nE; e++)
					r[k + j * nE + e] += st.slice(e)[f.index[i]];
				r[k + k * nE] += KMeans.squaredDistance(f.data, i, d, fin[j]);
			}
			return r;
		});
		Integer[] order = new Integer[k];
		for (int j = 0; j < k; j++)
			order[j] = j;
		Arrays.sort(order, (a, b) -> stats[a] != stats[b] ? Double.compare(stats[b], stats[a]) : Integer.compare(a, b));
		int[] rank = new int[k];
		for (int r = 0; r < k; r++)
			rank[order[r]] = r + 1;
		String dir = out.toString();
		List<VolumeJob.SlabResult> results = slabs.map(n, sl -> {
			long t0 = System.nanoTime();
			SpectralStack st = job.volume.readSlab(job.z0(sl), job.nz(sl));
			Feat f = features(st, pca, fc, first, d, weights, means, angle, 1);
			int[] labels = new int[st.pixels()];
			for (int i = 0; i < f.m; i++)
				labels[f.index[i]] = rank[KMeans.nearestCentre(f.data, i, d, fin)];
			ImagePlus imp = LabelImages.labelImage(job.title + " clusters", st.width(), st.height(), labels, null);
			VolumeJob.SlabResult r = new VolumeJob.SlabResult(sl, job.z0(sl), job.nz(sl), (System.nanoTime() - t0) / 1e9);
			r.files.add(job.writeSlabImage(imp, "labels", job.z0(sl), job.nz(sl), Paths.get(dir)));
			return r;
		});
		double total = 0;
		for (int j = 0; j < k; j++)
			total += stats[j];
		ResultsTable summary = Tables.empty();
		ResultsTable spectra = Tables.empty();
		double[] energies = job.volume.energies();
		for (int e = 0; e < nE; e++) {
			spectra.incrementCounter();
			spectra.addValue("energy_eV", energies[e]);
		}
		for (int r = 0; r < k; r++) {
			int j = order[r];
			summary.incrementCounter();
			summary.addValue("cluster", r + 1);
			summary.addValue("voxels", stats[j]);
			summary.addValue("fraction", stats[j] / total);
			for (int e = 0; e < nE; e++)
				spectra.setValue("cluster_" + (r + 1), e, stats[j] > 0 ? stats[k + j * nE + e] / stats[j] : Double.NaN);
		}
		try {
			OutputFiles.writeCsv(summary, out.resolve("cluster_summary.csv"));
			OutputFiles.writeCsv(spectra, out.resolve("cluster_spectra.csv"));
		} catch (IOException e) {
			throw new InvalidInputException("--out " + out + ": cannot write: " + e.getMessage());
		}
		extra.put("components_used", d);
		extra.put("significant", pca.significant);
		extra.put("inertia", stats[k + k * nE]);
		extra.put("seed_sample_voxels", m);
		extra.put("lloyd_passes_run", done);
		extra.put("tables", List.of("cluster_summary.csv", "cluster_spectra.csv"));
		return results;
	}

	/** Feature vectors of a slab's valid voxels (every {@code stride}-th one). */
	static final class Feat implements java.io.Serializable {
		private static final long serialVersionUID = 1L;
		final int m;
		final int[] index;
		final double[] data;

		Feat(int m, int[] index, double[] data) {
			this.m = m;
			this.index = index;
			this.data = data;
		}
	}

	static Feat features(VolumeJob job, int sl, Pca.Result pca, int comps, int first, int d, double[] w, double[] means, boolean angle, long stride) {
		return features(job.volume.readSlab(job.z0(sl), job.nz(sl)), pca, comps, first, d, w, means, angle, stride);
	}

	static Feat features(SpectralStack st, Pca.Result pca, int comps, int first, int d, double[] w, double[] means, boolean angle, long stride) {
		float[][] img = Pca.eigenimages(st, pca, comps, Progress.NONE);
		int[] index = new int[img[0].length];
		int m = 0, valid = 0;
		for (int p = 0; p < img[0].length; p++) {
			if (Float.isNaN(img[0][p])) continue;
			if (valid++ % stride == 0) index[m++] = p;
		}
		return new Feat(m, index, ClusterAnalysis.featureVectors(img, index, m, first, d, w, means, angle));
	}
}
