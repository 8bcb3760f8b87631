package org.interphase.core.decompose;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;
import org.interphase.core.spectrum.LinearLeastSquares;
import org.interphase.core.stack.PixelEngine;
import org.interphase.core.stack.SpectralStack;

/**
 * Non-negative matrix approximation of an OD stack, MANTiS convention (Mak et al., Faraday Discuss.
 * 2014): D ≈ μ·t with D the energies × pixels OD matrix, μ ≥ 0 the k spectra (energies × k) and
 * t ≥ 0 the k thickness maps (k × pixels), minimising
 * <pre>
 *   J = ½‖D − μt‖² + λ_sparse·Σ t + λ_smooth·Σ_j Σ_e (μ_{e+1,j} − μ_{e,j})² + λ_sim·‖μ − μ₀‖²
 * </pre>
 * by Lee–Seung multiplicative updates, t first, then μ, each factor multiplied by the ratio of the
 * negative to the positive part of its gradient (which keeps it non-negative):
 * <pre>
 *   t ← t ⊙ [μᵀD]₊ / (μᵀμ t + λ_sparse)
 *   μ ← μ ⊙ [D tᵀ + 2λ_sim μ₀ + 2λ_smooth (μ_{e−1} + μ_{e+1})]₊ / (μ t tᵀ + 2λ_sim μ + 2λ_smooth n_e μ)
 * </pre>
 * (n_e = number of neighbours of energy e). μ₀ are the initial spectra (cluster spectra or
 * references); with random initial spectra there is nothing to be similar to and λ_sim is not used.
 * <p>
 * Work: per iteration one pass of the pixel engine's projections (μᵀD per pixel, for t) and one
 * reduction pass for D tᵀ and t tᵀ (the PCA's cross-product kernels over fixed pixel chunks, added
 * in chunk order), so results are bit-identical for any number of threads. The cost needs no
 * further pass: ‖D − μt‖² = ‖D‖² − 2 Σ μ ⊙ (D tᵀ) + Σ (μᵀμ) ⊙ (t tᵀ). Pixels with a NaN at any
 * energy are left out and get NaN maps.
 */
public final class Nnma {

	/** How the factors start. */
	public enum Init {
		/** Cluster Analysis spectra (k clusters, the same seed); t by non-negative least squares on them. */
		CLUSTERS,
		/** Uniform random μ and t from the seed. */
		RANDOM,
		/** Given spectra (e.g. references read as the LCF reads them); t by non-negative least squares. */
		REFERENCES
	}

	/** What to do. Defaults: MANTiS's NNMA page (k = 5 there; λ_sparse 0.5, λ_sim 10, λ_smooth 0, 1000 iterations). */
	public static final class Options {
		public int components = 3;
		public Init init = Init.CLUSTERS;
		/** Initial spectra [k][energies] on the stack energies, for {@link Init#REFERENCES}. */
		public double[][] initialSpectra;
		public int maxIterations = 1000;
		/** Stop when the total cost changes by less than this fraction of itself in one iteration. */
		public double tolerance = 1e-6;
		public long seed = 1;
		public double lambdaSparseness = 0.5, lambdaSmoothness = 0, lambdaSimilarity = 10;
		/** Components whose spectrum stays the initial one (e.g. a trusted reference); null = none. */
		public boolean[] fixed;
	}

	/** The factors and the cost history. */
	public static final class Result {
		/** spectra[j][e]: component j at energy e (μ). */
		public final double[][] spectra;
		/** Initial spectra μ₀ [k][energies]. */
		public final double[][] initialSpectra;
		/** thickness[j][pixel] (t); NaN for pixels with a NaN value. */
		public final float[][] thickness;
		/** Σ_E (OD − μt)² per pixel; NaN for pixels with a NaN value. */
		public final float[] residual;
		/** Per iteration (row 0 = the start): total, data (½‖D − μt‖²), sparseness Σt, smoothness, similarity ‖μ − μ₀‖². */
		public final double[][] cost;
		/** Iterations run; whether the tolerance stopped them. */
		public final int iterations;
		public final boolean converged;
		/** Whether λ_sim entered the cost (not with random initial spectra). */
		public final boolean similarityUsed;
		public final long pixelsUsed;

		Result(double[][] spectra, double[][] initialSpectra, float[][] thickness, float[] residual, double[][] cost, int iterations, boolean converged,
			boolean similarityUsed, long pixelsUsed) {
			this.spectra = spectra;
			this.initialSpectra = initialSpectra;
			this.thickness = thickness;
			this.residual = residual;
			this.cost = cost;
			this.iterations = iterations;
			this.converged = converged;
			this.similarityUsed = similarityUsed;
			this.pixelsUsed = pixelsUsed;
		}
	}

	/** Pixels per gathered tile of the reduction pass. */
	private static final int TILE = 256;
	/** Initial maps from the least-squares start are raised to at least this fraction of their mean (multiplicative updates cannot leave 0). */
	static final double FLOOR = 0.01;

	private Nnma() {}

	public static Result compute(SpectralStack stack, Options o, Progress progressOrNull) {
		final Progress progress = progressOrNull == null ? Progress.NONE : progressOrNull;
		final int nE = stack.energyCount(), n = stack.pixels(), k = o.components;
		if (k < 1) throw new InvalidInputException("components: must be at least 1, got " + k);
		if (k > nE) throw new InvalidInputException("components: " + k + " is more than the " + nE + " energies of the stack");
		if (o.maxIterations < 1) throw new InvalidInputException("max_iterations: must be at least 1, got " + o.maxIterations);
		if (!(o.tolerance >= 0)) throw new InvalidInputException("tolerance: must be ≥ 0, got " + o.tolerance);
		checkLambda(o.lambdaSparseness, "lambda_sparseness");
		checkLambda(o.lambdaSmoothness, "lambda_smoothness");
		checkLambda(o.lambdaSimilarity, "lambda_similarity");
		final float[][] slices = stack.slices();
		final boolean[] valid = new boolean[n];
		Parallel.forRange(n, 4096, progress, "NNMA: valid pixels", (from, to) -> {
			for (int p = from; p < to; p++)
				valid[p] = Pca.valid(slices, p);
		});
		long used = 0;
		for (boolean v : valid)
			if (v) used++;
		if (used == 0) throw new InvalidInputException("stack: every pixel has a NaN value at some energy; nothing to unmix");

		// initial spectra μ[e][j] and maps t[j][p]
		double[][] mu0 = initialSpectra(stack, o, progress);
		double[][] mu = new double[nE][k];
		for (int j = 0; j < k; j++)
			for (int e = 0; e < nE; e++)
				mu[e][j] = mu0[j][e];
		final double[][] t = new double[k][n];
		if (o.init == Init.RANDOM) {
			SplittableRandom rnd = new SplittableRandom(o.seed ^ 0x5DEECE66DL);
			for (int p = 0; p < n; p++)
				for (int j = 0; j < k; j++) {
					double r = rnd.nextDouble();
					t[j][p] = valid[p] ? r : 0;
				}
		} else {
			leastSquaresMaps(stack, mu0, valid, t, progress);
		}
		boolean similarity = o.init != Init.RANDOM && o.lambdaSimilarity > 0;
		double lSim = similarity ? o.lambdaSimilarity : 0, lSp = o.lambdaSparseness, lSm = o.lambdaSmoothness;

		// ‖D‖² over the valid pixels, in a fixed order
		final int chunk = Reductions.chunkSize(n, 1024);
		final int chunks = Reductions.chunks(n, chunk);
		double[] partialSq = new double[chunks];
		Parallel.forRange(n, chunk, progress, "NNMA: ‖D‖²", (from, to) -> {
			double s = 0;
			for (int p = from; p < to; p++) {
				if (!valid[p]) continue;
				for (int e = 0; e < nE; e++)
					s += (double) slices[e][p] * slices[e][p];
			}
			partialSq[from / chunk] = s;
		});
		double dd = 0;
		for (double v : partialSq)
			dd += v;

		double[][] cost = new double[o.maxIterations + 1][];
		double[] xt = new double[nE * k], tt = new double[k * k];
		double sumT = reduce(stack, valid, t, chunk, chunks, xt, tt, progress);
		cost[0] = cost(dd, mu, mu0, xt, tt, sumT, lSp, lSm, lSim);
		int it = 0;
		boolean converged = false;
		double[][] mut = new double[k][nE];
		double[] gram = new double[k * k];
		while (it < o.maxIterations) {
			progress.checkCancelled();
			// t-update: μᵀd per pixel from the engine's projections
			for (int j = 0; j < k; j++)
				for (int e = 0; e < nE; e++)
					mut[j][e] = mu[e][j];
			for (int a = 0; a < k; a++)
				for (int b = 0; b < k; b++) {
					double s = 0;
					for (int e = 0; e < nE; e++)
						s += mu[e][a] * mu[e][b];
					gram[a * k + b] = s;
				}
			PixelEngine.forEachProjection(stack, 0, mut, () -> {
				double[] factor = new double[k];
				return (pixel, proj, yy) -> {
					if (!valid[pixel]) return;
					for (int j = 0; j < k; j++) { // all from the old t, then applied together
						double den = lSp;
						for (int l = 0; l < k; l++)
							den += gram[j * k + l] * t[l][pixel];
						factor[j] = den > 0 ? Math.max(0, proj[j]) / den : 1;
					}
					for (int j = 0; j < k; j++)
						t[j][pixel] *= factor[j];
				};
			}, Progress.NONE, "NNMA: thickness maps");
			// μ-update from D tᵀ and t tᵀ of the new maps
			sumT = reduce(stack, valid, t, chunk, chunks, xt, tt, Progress.NONE);
			double[][] next = new double[nE][k];
			for (int e = 0; e < nE; e++)
				for (int j = 0; j < k; j++) {
					double num = xt[e * k + j], den = 0;
					for (int l = 0; l < k; l++)
						den += mu[e][l] * tt[l * k + j];
					if (lSim > 0) {
						num += 2 * lSim * mu0[j][e];
						den += 2 * lSim * mu[e][j];
					}
					if (lSm > 0) {
						int nb = 0;
						if (e > 0) {
							num += 2 * lSm * mu[e - 1][j];
							nb++;
						}
						if (e < nE - 1) {
							num += 2 * lSm * mu[e + 1][j];
							nb++;
						}
						den += 2 * lSm * nb * mu[e][j];
					}
					next[e][j] = o.fixed != null && o.fixed[j] ? mu[e][j] : den > 0 ? mu[e][j] * Math.max(0, num) / den : mu[e][j];
				}
			mu = next;
			it++;
			cost[it] = cost(dd, mu, mu0, xt, tt, sumT, lSp, lSm, lSim);
			progress.report("NNMA", it / (double) o.maxIterations);
			double prev = cost[it - 1][0], now = cost[it][0];
			if (Math.abs(prev - now) <= o.tolerance * Math.abs(prev)) {
				converged = true;
				break;
			}
		}
		double[][] spectra = new double[k][nE];
		for (int j = 0; j < k; j++)
			for (int e = 0; e < nE; e++)
				spectra[j][e] = mu[e][j];
		int[] order = order(spectra, t, o.init);
		double[][] sortedSpectra = new double[k][], sortedInit = new double[k][];
		float[][] maps = new float[k][n];
		for (int r = 0; r < k; r++) {
			int j = order[r];
			sortedSpectra[r] = spectra[j];
			sortedInit[r] = mu0[j];
			float[] m = maps[r];
			double[] tj = t[j];
			for (int p = 0; p < n; p++)
				m[p] = valid[p] ? (float) tj[p] : Float.NaN;
		}
		float[] residual = residual(stack, valid, sortedSpectra, maps, progress);
		return new Result(sortedSpectra, sortedInit, maps, residual, Arrays.copyOf(cost, it + 1), it, converged, similarity, used);
	}

	private static void checkLambda(double v, String name) {
		if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) throw new InvalidInputException(name + ": must be a number ≥ 0, got " + v);
	}

	/** μ₀ [k][energies], strictly positive (multiplicative updates cannot leave 0). */
	static double[][] initialSpectra(SpectralStack stack, Options o, Progress progress) {
		int nE = stack.energyCount(), k = o.components;
		double[][] mu0 = new double[k][];
		switch (o.init) {
		case CLUSTERS: {
			ClusterAnalysis.Options c = new ClusterAnalysis.Options();
			c.clusters = k;
			c.seed = o.seed;
			ClusterAnalysis.Result r = ClusterAnalysis.compute(stack, c, progress);
			if (r.spectra.labels.length < k)
				throw new InvalidInputException(String.format(Locale.ROOT,
					"initialisation: cluster analysis found only %d non-empty clusters for %d components; use fewer components or initialisation=random",
					r.spectra.labels.length, k));
			for (int j = 0; j < k; j++)
				mu0[j] = r.spectra.mean[j].clone();
			break;
		}
		case REFERENCES:
			if (o.initialSpectra == null || o.initialSpectra.length != k)
				throw new InvalidInputException("references: " + (o.initialSpectra == null ? 0 : o.initialSpectra.length) + " spectra given for " + k
					+ " components");
			for (int j = 0; j < k; j++) {
				if (o.initialSpectra[j].length != nE) throw new IllegalArgumentException("initial spectrum " + j + " has the wrong length");
				mu0[j] = o.initialSpectra[j].clone();
			}
			break;
		default: {
			double mean = 0;
			long cnt = 0;
			for (int e = 0; e < nE; e++) {
				float[] s = stack.slice(e);
				for (int p = 0; p < s.length; p += Math.max(1, s.length / 4096)) {
					if (Float.isFinite(s[p])) {
						mean += Math.abs(s[p]);
						cnt++;
					}
				}
			}
			mean = cnt > 0 && mean > 0 ? mean / cnt : 1;
			SplittableRandom rnd = new SplittableRandom(o.seed);
			for (int j = 0; j < k; j++) {
				mu0[j] = new double[nE];
				for (int e = 0; e < nE; e++)
					mu0[j][e] = mean * rnd.nextDouble();
			}
		}
		}
		double top = 0;
		for (double[] m : mu0)
			for (double v : m)
				if (Double.isFinite(v)) top = Math.max(top, v);
		double floor = top > 0 ? 1e-3 * top : 1e-6;
		for (int j = 0; j < k; j++)
			for (int e = 0; e < nE; e++)
				if (!(mu0[j][e] >= floor)) {
					if (Double.isNaN(mu0[j][e])) throw new InvalidInputException("initialisation: spectrum " + (j + 1) + " is not a number at energy " + (e + 1));
					mu0[j][e] = floor;
				}
		return mu0;
	}

	/** t from the non-negative least-squares fit of each pixel with the spectra μ₀ (the one solver), floored. */
	private static void leastSquaresMaps(SpectralStack stack, double[][] mu0, boolean[] valid, double[][] t, Progress progress) {
		int k = mu0.length;
		String[] names = new String[k];
		for (int j = 0; j < k; j++)
			names[j] = "initial spectrum " + (j + 1);
		LinearLeastSquares ls;
		try {
			ls = new LinearLeastSquares(mu0, names, k, true, false);
		} catch (InvalidInputException e) {
			throw new InvalidInputException("initialisation: " + e.getMessage());
		}
		PixelEngine.forEachProjection(stack, 0, mu0, () -> {
			LinearLeastSquares.Worker w = ls.newWorker();
			double[] x = new double[k];
			return (pixel, b, yy) -> {
				if (!valid[pixel]) return;
				w.solveNormal(b, yy, x);
				for (int j = 0; j < k; j++)
					t[j][pixel] = x[j];
			};
		}, progress, "NNMA: initial maps");
		for (int j = 0; j < k; j++) {
			double s = 0;
			long c = 0;
			for (int p = 0; p < t[j].length; p++)
				if (valid[p]) {
					s += t[j][p];
					c++;
				}
			double floor = c > 0 && s > 0 ? FLOOR * s / c : 1e-6;
			for (int p = 0; p < t[j].length; p++)
				if (valid[p] && t[j][p] < floor) t[j][p] = floor;
		}
	}

	/**
	 * D tᵀ into xt (row-major energies × k), t tᵀ into tt (k × k, full) over the valid pixels, in
	 * fixed chunks added in order; returns Σ t.
	 */
	private static double reduce(SpectralStack stack, boolean[] valid, double[][] t, int chunk, int chunks, double[] xt, double[] tt, Progress progress) {
		final int nE = stack.energyCount(), k = t.length, n = stack.pixels();
		final float[][] slices = stack.slices();
		final double[][] partX = new double[chunks][], partT = new double[chunks][];
		final double[] partS = new double[chunks];
		Parallel.forBlocks(n, chunk, progress, "NNMA: spectra", () -> {
			final double[][] dbuf = new double[nE][TILE];
			final double[][] tbuf = new double[k][TILE];
			return (from, to) -> {
				double[] ax = new double[nE * k], at = new double[k * k];
				double s = 0;
				for (int t0 = from; t0 < to; t0 += TILE) {
					int t1 = Math.min(to, t0 + TILE);
					int m = 0;
					for (int p = t0; p < t1; p++) {
						if (!valid[p]) continue;
						for (int j = 0; j < k; j++) {
							tbuf[j][m] = t[j][p];
							s += t[j][p];
						}
						m++;
					}
					if (m == 0) continue;
					for (int e = 0; e < nE; e++) {
						float[] sl = slices[e];
						double[] row = dbuf[e];
						int i = 0;
						for (int p = t0; p < t1; p++)
							if (valid[p]) row[i++] = sl[p];
					}
					Pca.accumulateCross(dbuf, nE, tbuf, k, m, ax);
					Pca.accumulate(tbuf, k, m, at);
				}
				int c = from / chunk;
				partX[c] = ax;
				partT[c] = at;
				partS[c] = s;
			};
		});
		Arrays.fill(xt, 0);
		Arrays.fill(tt, 0);
		double sum = 0;
		for (int c = 0; c < chunks; c++) {
			for (int i = 0; i < xt.length; i++)
				xt[i] += partX[c][i];
			for (int a = 0; a < k; a++)
				for (int b = a; b < k; b++)
					tt[a * k + b] += partT[c][a * k + b];
			sum += partS[c];
		}
		for (int a = 0; a < k; a++)
			for (int b = 0; b < a; b++)
				tt[a * k + b] = tt[b * k + a];
		return sum;
	}

	/** {total, data, sparseness, smoothness, similarity} from the reductions (no pass over the data). */
	private static double[] cost(double dd, double[][] mu, double[][] mu0, double[] xt, double[] tt, double sumT, double lSp, double lSm, double lSim) {
		int nE = mu.length, k = mu0.length;
		double cross = 0, quad = 0, smooth = 0, sim = 0;
		for (int e = 0; e < nE; e++)
			for (int j = 0; j < k; j++) {
				cross += mu[e][j] * xt[e * k + j];
				double d = mu[e][j] - mu0[j][e];
				sim += d * d;
				if (e > 0) {
					double g = mu[e][j] - mu[e - 1][j];
					smooth += g * g;
				}
			}
		for (int a = 0; a < k; a++)
			for (int b = 0; b < k; b++) {
				double g = 0;
				for (int e = 0; e < nE; e++)
					g += mu[e][a] * mu[e][b];
				quad += g * tt[a * k + b];
			}
		double data = 0.5 * Math.max(0, dd - 2 * cross + quad);
		double total = data + lSp * sumT + lSm * smooth + lSim * sim;
		return new double[] { total, data, sumT, smooth, lSim > 0 ? sim : Double.NaN };
	}

	/**
	 * Output order: as initialised for cluster and reference starts (cluster 1 first, the reference
	 * order); for random starts by decreasing share of the signal, Σ_p t_j · Σ_e μ_j.
	 */
	private static int[] order(double[][] spectra, double[][] t, Init init) {
		int k = spectra.length;
		Integer[] idx = new Integer[k];
		double[] share = new double[k];
		for (int j = 0; j < k; j++) {
			idx[j] = j;
			double a = 0, b = 0;
			for (double v : spectra[j])
				a += v;
			for (double v : t[j])
				b += v;
			share[j] = a * b;
		}
		if (init == Init.RANDOM) Arrays.sort(idx, (x, y) -> share[x] != share[y] ? Double.compare(share[y], share[x]) : Integer.compare(x, y));
		int[] out = new int[k];
		for (int j = 0; j < k; j++)
			out[j] = idx[j];
		return out;
	}

	/** Σ_E (OD − Σ_j μ_j t_j)² per pixel through the pixel engine. */
	private static float[] residual(SpectralStack stack, boolean[] valid, double[][] spectra, float[][] maps, Progress progress) {
		int nE = stack.energyCount(), k = spectra.length;
		float[] out = new float[stack.pixels()];
		PixelEngine.forEachSpectrum(stack, () -> (pixel, spectrum) -> {
			if (!valid[pixel]) {
				out[pixel] = Float.NaN;
				return;
			}
			double s = 0;
			for (int e = 0; e < nE; e++) {
				double model = 0;
				for (int j = 0; j < k; j++)
					model += spectra[j][e] * maps[j][pixel];
				double r = spectrum[e] - model;
				s += r * r;
			}
			out[pixel] = (float) s;
		}, progress, "NNMA: residual map");
		return out;
	}
}
