package org.interphase.core.decompose;

import java.util.Arrays;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.interphase.core.InvalidInputException;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;
import org.interphase.core.stack.PixelEngine;
import org.interphase.core.stack.SpectralStack;

/**
 * Principal component analysis of an OD stack, MANTiS convention (SCIENCE.md §1): D = pixels ×
 * energies, not mean-centred unless asked; eigen-decomposition of the E×E matrix DᵀD (built in
 * parallel over fixed pixel chunks, reduced in a fixed order, so bit-reproducible); eigenimages =
 * D·V. Pixels with a NaN at any energy are left out of DᵀD and get NaN eigenimages.
 */
public final class Pca {

	/** Eigenvalues (descending) with their eigenvectors and the estimated number of significant ones. */
	public static final class Result implements java.io.Serializable {
		private static final long serialVersionUID = 1L;
		/** Eigenvalues of DᵀD (or of the centred matrix), descending. */
		public final double[] eigenvalues;
		/** Fraction of the total (sum of eigenvalues) per component, and its running sum. */
		public final double[] explained, cumulative;
		/** vectors[component][energy], unit length, sign chosen so that the components sum ≥ 0. */
		public final double[][] vectors;
		/** Mean spectrum subtracted before the decomposition, or null when not centred. */
		public final double[] mean;
		/** Estimated number of significant components (log-eigenvalue elbow). */
		public final int significant;
		/** Pixels used (no NaN at any energy). */
		public final long pixelsUsed;

		Result(double[] eigenvalues, double[][] vectors, double[] mean, long pixelsUsed) {
			this.eigenvalues = eigenvalues;
			this.vectors = vectors;
			this.mean = mean;
			this.pixelsUsed = pixelsUsed;
			int n = eigenvalues.length;
			explained = new double[n];
			cumulative = new double[n];
			double total = 0;
			for (double v : eigenvalues)
				total += Math.max(0, v);
			double run = 0;
			for (int i = 0; i < n; i++) {
				explained[i] = total > 0 ? Math.max(0, eigenvalues[i]) / total : Double.NaN;
				run += explained[i];
				cumulative[i] = run;
			}
			significant = significantComponents(eigenvalues);
		}
	}

	/** Pixels per cache tile when building DᵀD. */
	private static final int TILE = 256;

	private Pca() {}

	/** Decomposes {@code stack}; {@code centre} subtracts the mean spectrum first. */
	public static Result compute(SpectralStack stack, boolean centre, Progress progress) {
		final int nE = stack.energyCount();
		if (nE < 2) throw new InvalidInputException("stack: PCA needs at least 2 energies, the stack has " + nE);
		// pass 1: valid pixels and (when centring) the mean spectrum
		double[] sums = sums(stack, progress);
		long used = (long) sums[nE];
		if (used == 0) throw new InvalidInputException("stack: every pixel has a NaN value at some energy; nothing to decompose");
		double[] mean = new double[nE];
		for (int e = 0; e < nE; e++)
			mean[e] = sums[e] / used;
		// pass 2: DᵀD
		double[] acc = scatter(stack, centre ? mean : new double[nE], progress);
		return fromScatter(acc, nE, centre ? mean : null, used);
	}

	/**
	 * Pass 1 of {@link #compute} for one block of pixels (a slab of a volume): the sum of the valid
	 * spectra ({@code [0, nE)}) and their count ({@code [nE]}). Blocks are added in a fixed order by
	 * the caller, so a slab-wise run is deterministic.
	 */
	public static double[] sums(SpectralStack stack, Progress progress) {
		final int nE = stack.energyCount();
		final int n = stack.pixels();
		final float[][] slices = stack.slices();
		final int chunk = Reductions.chunkSize(n, 1024);
		final int chunks = Reductions.chunks(n, chunk);
		final double[][] partialSum = new double[chunks][nE];
		final long[] partialCount = new long[chunks];
		Parallel.forRange(n, chunk, progress, "PCA: mean", (from, to) -> {
			int c = from / chunk;
			double[] sum = partialSum[c];
			long cnt = 0;
			for (int p = from; p < to; p++) {
				if (!valid(slices, p)) continue;
				cnt++;
				for (int e = 0; e < nE; e++)
					sum[e] += slices[e][p];
			}
			partialCount[c] = cnt;
		});
		double[] out = new double[nE + 1];
		long used = 0;
		for (int c = 0; c < chunks; c++) {
			used += partialCount[c];
			for (int e = 0; e < nE; e++)
				out[e] += partialSum[c][e];
		}
		out[nE] = used;
		return out;
	}

	/**
	 * Pass 2 of {@link #compute} for one block of pixels: the upper triangle of (D − shift)ᵀ(D − shift)
	 * over the valid pixels, row-major nE×nE (the lower triangle is unused). Blocks' matrices add up.
	 */
	public static double[] scatter(SpectralStack stack, double[] shift, Progress progress) {
		final int nE = stack.energyCount();
		final int n = stack.pixels();
		final float[][] slices = stack.slices();
		final int chunk = Reductions.chunkSize(n, 1024);
		final int chunks = Reductions.chunks(n, chunk);
		final double[][][] partial = new double[chunks][][];
		Parallel.forBlocks(n, chunk, progress, "PCA: covariance", () -> {
			final double[][] spectra = new double[TILE][nE];
			return (from, to) -> {
				double[][] rows = new double[nE][nE];
				for (int t0 = from; t0 < to; t0 += TILE) {
					int t1 = Math.min(to, t0 + TILE);
					int m = gatherSpectra(slices, shift, t0, t1, spectra);
					addOuterProducts(spectra, m, nE, rows);
				}
				partial[from / chunk] = rows;
			};
		});
		double[] out = new double[nE * nE];
		for (int c = 0; c < chunks; c++) {
			double[][] rows = partial[c];
			for (int a = 0; a < nE; a++)
				for (int b = a; b < nE; b++)
					out[a * nE + b] += rows[a][b];
		}
		return out;
	}

	/** The valid spectra of pixels [from, to) minus {@code shift}, pixel-major into {@code out}; returns how many. */
	private static int gatherSpectra(float[][] slices, double[] shift, int from, int to, double[][] out) {
		int nE = shift.length, m = 0;
		for (int p = from; p < to; p++) {
			if (!valid(slices, p)) continue;
			double[] s = out[m++];
			for (int e = 0; e < nE; e++)
				s[e] = slices[e][p] - shift[e];
		}
		return m;
	}

	/**
	 * Adds the upper triangle of Σ_p s_p s_pᵀ over the first m spectra to {@code rows} (row a holds
	 * columns a … nE−1), four spectra per sweep: each row element gets its four terms in pixel order.
	 * An element-wise update of a row by rows of the same index, which the JIT vectorises (the sum over
	 * pixels as a dot product is a reduction, which it does not); fixed order, so deterministic.
	 */
	static void addOuterProducts(double[][] spectra, int m, int nE, double[][] rows) {
		int p = 0;
		for (; p + 3 < m; p += 4) {
			double[] s0 = spectra[p], s1 = spectra[p + 1], s2 = spectra[p + 2], s3 = spectra[p + 3];
			for (int a = 0; a < nE; a++)
				addRank4(rows[a], a, nE, s0, s1, s2, s3, s0[a], s1[a], s2[a], s3[a]);
		}
		for (; p < m; p++) {
			double[] s0 = spectra[p];
			for (int a = 0; a < nE; a++)
				addRank1(rows[a], a, nE, s0, s0[a]);
		}
	}

	private static void addRank4(double[] row, int from, int to, double[] s0, double[] s1, double[] s2, double[] s3, double w0, double w1,
		double w2, double w3) {
		for (int b = from; b < to; b++)
			row[b] = row[b] + w0 * s0[b] + w1 * s1[b] + w2 * s2[b] + w3 * s3[b];
	}

	private static void addRank1(double[] row, int from, int to, double[] s0, double w0) {
		for (int b = from; b < to; b++)
			row[b] += w0 * s0[b];
	}

	/** The decomposition of an accumulated {@link #scatter} matrix ({@code mean} null when not centred). */
	public static Result fromScatter(double[] acc, int nE, double[] mean, long used) {
		if (used == 0) throw new InvalidInputException("stack: every pixel has a NaN value at some energy; nothing to decompose");
		double[][] cov = new double[nE][nE];
		for (int a = 0; a < nE; a++)
			for (int b = a; b < nE; b++)
				cov[a][b] = acc[a * nE + b];
		for (int a = 0; a < nE; a++)
			for (int b = 0; b < a; b++)
				cov[a][b] = cov[b][a];
		return decompose(cov, mean, used);
	}

	/** Eigen-decomposition of a symmetric E×E matrix, sorted by decreasing eigenvalue. */
	static Result decompose(double[][] cov, double[] mean, long used) {
		int nE = cov.length;
		EigenDecomposition ed = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
		double[] values = ed.getRealEigenvalues();
		Integer[] order = new Integer[nE];
		for (int i = 0; i < nE; i++)
			order[i] = i;
		Arrays.sort(order, (x, y) -> {
			int c = Double.compare(values[y], values[x]);
			return c != 0 ? c : Integer.compare(x, y);
		});
		double[] sorted = new double[nE];
		double[][] vectors = new double[nE][];
		for (int i = 0; i < nE; i++) {
			sorted[i] = values[order[i]];
			RealVector v = ed.getEigenvector(order[i]);
			double[] vec = v.toArray();
			double norm = 0, sum = 0;
			for (double x : vec) {
				norm += x * x;
				sum += x;
			}
			norm = Math.sqrt(norm);
			double sign = sum < 0 ? -1 : 1;
			for (int e = 0; e < nE; e++)
				vec[e] = sign * vec[e] / norm;
			vectors[i] = vec;
		}
		return new Result(sorted, vectors, mean, used);
	}

	/**
	 * Number of significant components: on the log-eigenvalue curve of the first m = min(25, nE − 1)
	 * values, the point farthest below the chord from the first to the m-th value is the first
	 * noise component; the components before it are significant (at least 1).
	 */
	public static int significantComponents(double[] eigenvalues) {
		int m = Math.min(25, eigenvalues.length - 1);
		if (m < 3) return 1;
		double floor = Math.max(Math.abs(eigenvalues[0]), Double.MIN_NORMAL) * 1e-16;
		double[] y = new double[m];
		for (int i = 0; i < m; i++)
			y[i] = Math.log(Math.max(eigenvalues[i], floor));
		double slope = (y[m - 1] - y[0]) / (m - 1);
		int best = 1;
		double bestDist = Double.NEGATIVE_INFINITY;
		for (int i = 1; i < m - 1; i++) {
			double below = y[0] + slope * i - y[i];
			if (below > bestDist) {
				bestDist = below;
				best = i;
			}
		}
		return Math.max(1, best);
	}

	/**
	 * The first {@code k} eigenimages, (D − mean)·V per pixel through the pixel engine; NaN for
	 * pixels with a NaN value.
	 */
	public static float[][] eigenimages(SpectralStack stack, Result r, int k, Progress progress) {
		final int nE = stack.energyCount();
		if (k < 1 || k > nE) throw new InvalidInputException("components: " + k + " is not between 1 and the " + nE + " energies");
		final float[][] out = new float[k][stack.pixels()];
		final double[] shift = r.mean == null ? new double[nE] : r.mean;
		final double[][] v = Arrays.copyOf(r.vectors, k);
		// (D − shift)·v = D·v − shift·v: the engine's energy-major projections (no spectrum gather)
		final double[] shifted = new double[k];
		for (int c = 0; c < k; c++)
			for (int e = 0; e < nE; e++)
				shifted[c] += shift[e] * v[c][e];
		PixelEngine.forEachProjection(stack, 0, v, () -> (pixel, projections, sumOfSquares) -> {
			boolean ok = !Double.isNaN(sumOfSquares); // NaN at some energy
			for (int c = 0; c < k; c++)
				out[c][pixel] = ok ? (float) (projections[c] - shifted[c]) : Float.NaN;
		}, progress, "PCA: eigenimages");
		return out;
	}

	static boolean valid(float[][] slices, int p) {
		for (float[] s : slices)
			if (Float.isNaN(s[p])) return false;
		return true;
	}

	/**
	 * Adds the upper triangle of BᵀB (B = buf, nE rows of m values) to acc (row-major nE×nE), in
	 * 2×2 blocks of rows so each loaded value is used twice; fixed order, so deterministic.
	 */
	static void accumulate(double[][] buf, int nE, int m, double[] acc) {
		int a = 0;
		for (; a + 1 < nE; a += 2) {
			double[] r0 = buf[a], r1 = buf[a + 1];
			int b = a;
			for (; b + 1 < nE; b += 2) {
				double[] c0 = buf[b], c1 = buf[b + 1];
				double s00 = 0, s01 = 0, s10 = 0, s11 = 0;
				for (int i = 0; i < m; i++) {
					double x0 = r0[i], x1 = r1[i], y0 = c0[i], y1 = c1[i];
					s00 += x0 * y0;
					s01 += x0 * y1;
					s10 += x1 * y0;
					s11 += x1 * y1;
				}
				acc[a * nE + b] += s00;
				acc[a * nE + b + 1] += s01;
				acc[(a + 1) * nE + b] += s10; // lower triangle on the diagonal block: unused
				acc[(a + 1) * nE + b + 1] += s11;
			}
			if (b < nE) {
				acc[a * nE + b] += dot(r0, buf[b], m);
				acc[(a + 1) * nE + b] += dot(r1, buf[b], m);
			}
		}
		if (a < nE) acc[a * nE + a] += dot(buf[a], buf[a], m);
	}

	/**
	 * Adds AᵀB to acc (row-major na×nb: acc[i * nb + j] += Σ_m a[i][m]·b[j][m]) for the first m values
	 * of each row; the cross-product form of {@link #accumulate} (e.g. D·tᵀ of an OD tile against
	 * component maps), fixed order, so deterministic.
	 */
	static void accumulateCross(double[][] a, int na, double[][] b, int nb, int m, double[] acc) {
		for (int i = 0; i < na; i++) {
			double[] ai = a[i];
			for (int j = 0; j < nb; j++)
				acc[i * nb + j] += dot(ai, b[j], m);
		}
	}

	/** Dot product of the first m values, four accumulators (fixed order: deterministic). */
	private static double dot(double[] a, double[] b, int m) {
		double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
		int i = 0;
		for (; i + 3 < m; i += 4) {
			s0 += a[i] * b[i];
			s1 += a[i + 1] * b[i + 1];
			s2 += a[i + 2] * b[i + 2];
			s3 += a[i + 3] * b[i + 3];
		}
		for (; i < m; i++)
			s0 += a[i] * b[i];
		return (s0 + s1) + (s2 + s3);
	}
}
