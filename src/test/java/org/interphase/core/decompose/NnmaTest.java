package org.interphase.core.decompose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;
import org.interphase.core.stack.SpectralStack;
import org.junit.jupiter.api.Test;

class NnmaTest {

	static final int W = 48, H = 40, NE = 60;

	/** Fractions of the three phases at (x, y): Gaussian blobs around three centres, normalised; near-pure at the centres. */
	static double[] fractions(int x, int y) {
		double[][] c = { { 0.2 * W, 0.25 * H }, { 0.8 * W, 0.3 * H }, { 0.5 * W, 0.8 * H } };
		double[] f = new double[3];
		double sum = 0;
		for (int j = 0; j < 3; j++) {
			double d2 = Math.pow(x - c[j][0], 2) + Math.pow(y - c[j][1], 2);
			f[j] = Math.exp(-d2 / (2 * Math.pow(0.16 * W, 2)));
			sum += f[j];
		}
		for (int j = 0; j < 3; j++)
			f[j] /= sum;
		return f;
	}

	/** Thickness factor 1 ± 30 %. */
	static double thickness(int x, int y) {
		return 1 + 0.3 * Math.sin(0.31 * x) * Math.cos(0.23 * y);
	}

	/** True map j: fraction × thickness. */
	static double truthMap(int j, int p) {
		int x = p % W, y = p / W;
		return fractions(x, y)[j] * thickness(x, y);
	}

	/** Three non-negative spectra mixed with ±30 % thickness, transmitted with Poisson counts (I0 = 10⁴), back to OD. */
	static SpectralStack phantom(long seed) {
		double[] en = Phantoms.energies(NE);
		double[][] spec = Phantoms.spectra(en);
		SpectralStack s = SpectralStack.allocate(W, H, en);
		SplittableRandom rnd = new SplittableRandom(seed);
		double i0 = 1e4;
		for (int p = 0; p < W * H; p++)
			for (int e = 0; e < NE; e++) {
				double od = 0;
				for (int j = 0; j < 3; j++)
					od += truthMap(j, p) * spec[j][e];
				double mean = i0 * Math.exp(-od);
				double counts = Math.max(1, Math.round(mean + Math.sqrt(mean) * Phantoms.gaussian(rnd)));
				s.slice(e)[p] = (float) -Math.log(counts / i0);
			}
		return s;
	}

	static double correlation(double[] a, double[] b) {
		int n = a.length;
		double ma = 0, mb = 0;
		for (int i = 0; i < n; i++) {
			ma += a[i];
			mb += b[i];
		}
		ma /= n;
		mb /= n;
		double sab = 0, saa = 0, sbb = 0;
		for (int i = 0; i < n; i++) {
			sab += (a[i] - ma) * (b[i] - mb);
			saa += (a[i] - ma) * (a[i] - ma);
			sbb += (b[i] - mb) * (b[i] - mb);
		}
		return sab / Math.sqrt(saa * sbb);
	}

	/** For each true component j, the result component that matches it (the permutation with the highest summed spectral correlation). */
	static int[] match(double[][] spectra, double[][] truth) {
		int[][] perms = { { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 } };
		int[] best = null;
		double bestSum = Double.NEGATIVE_INFINITY;
		for (int[] perm : perms) {
			double s = 0;
			for (int j = 0; j < 3; j++)
				s += correlation(spectra[perm[j]], truth[j]);
			if (s > bestSum) {
				bestSum = s;
				best = perm;
			}
		}
		return best;
	}

	/** Correlations {spectrum 1..3, map 1..3} of the result against the truth after matching the order. */
	static double[] scores(Nnma.Result r) {
		double[][] truth = Phantoms.spectra(Phantoms.energies(NE));
		int[] m = match(r.spectra, truth);
		double[] out = new double[6];
		for (int j = 0; j < 3; j++) {
			out[j] = correlation(r.spectra[m[j]], truth[j]);
			double[] map = new double[W * H], tm = new double[W * H];
			for (int p = 0; p < W * H; p++) {
				map[p] = r.thickness[m[j]][p];
				tm[p] = truthMap(j, p);
			}
			out[3 + j] = correlation(map, tm);
		}
		return out;
	}

	@Test
	void phantomRecoveredFromClusterStartWithMantisDefaults() {
		SpectralStack s = phantom(3);
		Nnma.Options o = new Nnma.Options(); // clusters, λ_sparse 0.5, λ_sim 10, λ_smooth 0
		o.maxIterations = 1000;
		Nnma.Result r = Nnma.compute(s, o, Progress.NONE);
		double[] sc = scores(r);
		for (int j = 0; j < 3; j++) {
			assertTrue(sc[j] >= 0.99, "spectrum " + (j + 1) + " correlation " + sc[j]);
			assertTrue(sc[3 + j] >= 0.95, "map " + (j + 1) + " correlation " + sc[3 + j]);
		}
		assertTrue(r.similarityUsed);
		assertEquals(r.iterations + 1, r.cost.length);
		assertTrue(r.cost[r.iterations][0] < r.cost[0][0], "the total cost fell");
		for (int i = 1; i <= r.iterations; i++)
			assertTrue(r.cost[i][0] <= r.cost[i - 1][0] * (1 + 1e-9), "total cost rose at iteration " + i);
	}

	/**
	 * A random start reaches as good a fit of the data as the cluster start, but plain multiplicative
	 * updates move slowly along the rotational ambiguity of the factorisation (our phantom's mixed
	 * pixels leave a family of near-equal solutions): after 3000 iterations the spectra correlate
	 * ≥ 0.9 with the truth (measured 0.92–0.998), which is why clusters are the default start.
	 * The same seed gives the same result.
	 */
	@Test
	void randomStartFitsAsWellAndIsReproducible() {
		SpectralStack s = phantom(4);
		Nnma.Options o = new Nnma.Options();
		o.init = Nnma.Init.RANDOM;
		o.lambdaSparseness = 0;
		o.maxIterations = 3000;
		o.tolerance = 1e-8;
		o.seed = 5;
		Nnma.Result r = Nnma.compute(s, o, Progress.NONE);
		double[] sc = scores(r);
		for (int j = 0; j < 3; j++)
			assertTrue(sc[j] >= 0.9, "spectrum " + (j + 1) + " correlation " + sc[j]);
		assertTrue(!r.similarityUsed && Double.isNaN(r.cost[0][4]), "no similarity to random spectra");
		Nnma.Options c = new Nnma.Options();
		c.lambdaSparseness = 0;
		c.lambdaSimilarity = 0;
		c.tolerance = 1e-8;
		Nnma.Result fromClusters = Nnma.compute(s, c, Progress.NONE);
		double data = r.cost[r.iterations][1], best = fromClusters.cost[fromClusters.iterations][1];
		assertTrue(data < 1.05 * best, "data cost from random " + data + " vs from clusters " + best);
		o.maxIterations = 50;
		Nnma.Result a1 = Nnma.compute(s, o, Progress.NONE), a2 = Nnma.compute(s, o, Progress.NONE);
		for (int j = 0; j < 3; j++)
			assertArrayEquals(a1.spectra[j], a2.spectra[j], 0);
		o.seed = 6;
		Nnma.Result b1 = Nnma.compute(s, o, Progress.NONE);
		assertTrue(b1.spectra[0][10] != a1.spectra[0][10], "another seed, another start");
	}

	@Test
	void referenceStartAndBitIdenticalOnAnyThreadCount() {
		SpectralStack s = phantom(6);
		double[][] truth = Phantoms.spectra(Phantoms.energies(NE));
		// references: the true spectra blurred and scaled, as a starting guess
		double[][] start = new double[3][NE];
		for (int j = 0; j < 3; j++)
			for (int e = 0; e < NE; e++)
				start[j][e] = 0.8 * (truth[j][Math.max(0, e - 1)] + truth[j][e] + truth[j][Math.min(NE - 1, e + 1)]) / 3;
		Nnma.Options o = new Nnma.Options();
		o.init = Nnma.Init.REFERENCES;
		o.initialSpectra = start;
		o.maxIterations = 300;
		try {
			Parallel.setThreads(1);
			Nnma.Result one = Nnma.compute(s, o, Progress.NONE);
			Parallel.setThreads(3);
			Nnma.Result three = Nnma.compute(s, o, Progress.NONE);
			assertEquals(one.iterations, three.iterations);
			for (int j = 0; j < 3; j++) {
				assertArrayEquals(one.spectra[j], three.spectra[j], 0, "spectrum " + j);
				assertArrayEquals(one.thickness[j], three.thickness[j], 0, "map " + j);
			}
			double[] sc = scores(one);
			for (int j = 0; j < 3; j++) {
				assertTrue(sc[j] >= 0.99, "spectrum " + (j + 1) + " correlation " + sc[j]);
				assertTrue(sc[3 + j] >= 0.95, "map " + (j + 1) + " correlation " + sc[3 + j]);
			}
			// references keep their order
			assertEquals(0, match(one.spectra, truth)[0]);
		} finally {
			Parallel.setThreads(0);
		}
	}

	/** A trusted reference held fixed stays exactly itself; the free components still find their spectra. */
	@Test
	void referencesHeldFixedKeepTheirSpectrum() {
		SpectralStack s = phantom(7);
		double[][] truth = Phantoms.spectra(Phantoms.energies(NE));
		double[][] start = new double[3][NE];
		for (int j = 0; j < 3; j++)
			for (int e = 0; e < NE; e++)
				start[j][e] = j == 0 ? truth[0][e] : 0.8 * (truth[j][Math.max(0, e - 1)] + truth[j][e] + truth[j][Math.min(NE - 1, e + 1)]) / 3;
		Nnma.Options o = new Nnma.Options();
		o.init = Nnma.Init.REFERENCES;
		o.initialSpectra = start;
		o.maxIterations = 300;
		Nnma.Result free = Nnma.compute(s, o, Progress.NONE);
		o.fixed = new boolean[] { true, false, false };
		Nnma.Result held = Nnma.compute(s, o, Progress.NONE);
		assertArrayEquals(start[0], held.spectra[0], 0, "the held spectrum is the reference, bit for bit");
		assertTrue(!java.util.Arrays.equals(start[0], free.spectra[0]), "without holding, the updates change it");
		double[] sc = scores(held);
		for (int j = 0; j < 3; j++) {
			assertTrue(sc[j] >= 0.99, "spectrum " + (j + 1) + " correlation " + sc[j]);
			assertTrue(sc[3 + j] >= 0.95, "map " + (j + 1) + " correlation " + sc[3 + j]);
		}
	}

	/** Each regularisation does what it says against the same run without it. */
	@Test
	void regularisationsActAsDocumented() {
		SpectralStack s = phantom(8);
		Nnma.Options base = new Nnma.Options();
		base.lambdaSparseness = 0;
		base.lambdaSimilarity = 0;
		base.maxIterations = 200;
		base.tolerance = 0;
		Nnma.Result r0 = Nnma.compute(s, base, Progress.NONE);
		Nnma.Options smooth = copy(base);
		smooth.lambdaSmoothness = 50;
		Nnma.Result rs = Nnma.compute(s, smooth, Progress.NONE);
		assertTrue(rs.cost[rs.iterations][3] < 0.8 * r0.cost[r0.iterations][3], "smoothness: Σ(Δμ)² " + rs.cost[rs.iterations][3] + " vs "
			+ r0.cost[r0.iterations][3]);
		Nnma.Options sim = copy(base);
		sim.lambdaSimilarity = 200;
		Nnma.Result rm = Nnma.compute(s, sim, Progress.NONE);
		assertTrue(distance(rm.spectra, rm.initialSpectra) < 0.8 * distance(r0.spectra, r0.initialSpectra), "similarity pulls to the start");
		Nnma.Options sparse = copy(base);
		sparse.lambdaSparseness = 20;
		Nnma.Result rp = Nnma.compute(s, sparse, Progress.NONE);
		assertTrue(zeros(rp) > zeros(r0) || rp.cost[rp.iterations][2] < r0.cost[r0.iterations][2],
			"sparseness: Σt " + rp.cost[rp.iterations][2] + " vs " + r0.cost[r0.iterations][2]);
	}

	@Test
	void nanPixelsGetNanMapsAndBadInputIsRefusedByName() {
		SpectralStack s = phantom(9);
		s.slice(5)[7] = Float.NaN;
		Nnma.Options o = new Nnma.Options();
		o.maxIterations = 20;
		Nnma.Result r = Nnma.compute(s, o, Progress.NONE);
		assertTrue(Float.isNaN(r.thickness[0][7]) && Float.isNaN(r.residual[7]));
		assertTrue(Float.isFinite(r.thickness[0][8]) && r.residual[8] >= 0);
		assertEquals(W * H - 1, r.pixelsUsed);
		Nnma.Options bad = new Nnma.Options();
		bad.components = NE + 1;
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> Nnma.compute(s, bad, Progress.NONE));
		assertTrue(e.getMessage().startsWith("components"), e.getMessage());
		Nnma.Options neg = new Nnma.Options();
		neg.lambdaSmoothness = -1;
		e = assertThrows(InvalidInputException.class, () -> Nnma.compute(s, neg, Progress.NONE));
		assertTrue(e.getMessage().startsWith("lambda_smoothness"), e.getMessage());
	}

	static Nnma.Options copy(Nnma.Options o) {
		Nnma.Options c = new Nnma.Options();
		c.components = o.components;
		c.init = o.init;
		c.maxIterations = o.maxIterations;
		c.tolerance = o.tolerance;
		c.seed = o.seed;
		c.lambdaSparseness = o.lambdaSparseness;
		c.lambdaSmoothness = o.lambdaSmoothness;
		c.lambdaSimilarity = o.lambdaSimilarity;
		return c;
	}

	static double distance(double[][] a, double[][] b) {
		double s = 0;
		for (int j = 0; j < a.length; j++)
			for (int e = 0; e < a[j].length; e++)
				s += Math.pow(a[j][e] - b[j][e], 2);
		return Math.sqrt(s);
	}

	static int zeros(Nnma.Result r) {
		int z = 0;
		for (float[] m : r.thickness)
			for (float v : m)
				if (v < 1e-6) z++;
		return z;
	}
}
