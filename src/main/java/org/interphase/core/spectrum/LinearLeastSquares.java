package org.interphase.core.spectrum;

import java.util.Arrays;

import org.interphase.core.InvalidInputException;

/**
 * The one linear least-squares solver of the suite: min ‖y − A x‖² for a fixed design matrix A
 * (n rows × p columns), optionally with non-negative weights (Lawson–Hanson active set) and with
 * the weights summing to one (an exact equality constraint), both applying to the first
 * {@code constrained} columns only (so that e.g. a constant offset column stays free).
 * <p>
 * Everything that does not depend on y is computed once here: the Gram matrix G = AᵀA, its inverse
 * (so the unconstrained solution is a projection through the pseudo-inverse G⁻¹Aᵀ) and the
 * correction that enforces the sum. Per right-hand side a {@link Worker} needs only b = Aᵀy and
 * ‖y‖²; the active-set iterations run on the p×p normal equations and only when the projected
 * solution breaks a sign constraint. Workers keep their scratch arrays: solving allocates nothing.
 */
public final class LinearLeastSquares {

	private final int n, p, constrained;
	private final boolean nonnegative, sumToOne;
	/** Design, row-major: a[i * p + j], and its columns. */
	private final double[] a;
	private final double[][] cols;
	/** Gram matrix G = AᵀA and its inverse, row-major p×p. */
	private final double[] gram, gramInv;
	/** Sum-to-one correction direction G⁻¹s / (sᵀG⁻¹s). */
	private final double[] sumDirection;

	/**
	 * @param columns     the p design columns, each of length n
	 * @param names       column names for messages
	 * @param constrained how many leading columns the constraints apply to
	 */
	public LinearLeastSquares(double[][] columns, String[] names, int constrained, boolean nonnegative, boolean sumToOne) {
		p = columns.length;
		if (p == 0) throw new InvalidInputException("least squares: no columns to fit");
		n = columns[0].length;
		if (n < p)
			throw new InvalidInputException("least squares: " + n + " data points cannot determine " + p + " weights; widen the fit range");
		if (constrained < 0 || constrained > p) throw new IllegalArgumentException("constrained = " + constrained);
		if (sumToOne && constrained == 0) throw new IllegalArgumentException("sum-to-one needs constrained columns");
		this.constrained = constrained;
		this.nonnegative = nonnegative;
		this.sumToOne = sumToOne;
		a = new double[n * p];
		cols = new double[p][n];
		for (int j = 0; j < p; j++) {
			if (columns[j].length != n) throw new IllegalArgumentException("column " + j + " has " + columns[j].length + " rows, expected " + n);
			for (int i = 0; i < n; i++) {
				double v = columns[j][i];
				if (!Double.isFinite(v)) throw new InvalidInputException("least squares: " + names[j] + " is not a number at point " + (i + 1));
				a[i * p + j] = v;
				cols[j][i] = v;
			}
		}
		gram = new double[p * p];
		for (int i = 0; i < n; i++)
			for (int j = 0; j < p; j++) {
				double aij = a[i * p + j];
				for (int k = 0; k <= j; k++)
					gram[j * p + k] += aij * a[i * p + k];
			}
		for (int j = 0; j < p; j++)
			for (int k = 0; k < j; k++)
				gram[k * p + j] = gram[j * p + k];
		gramInv = invertSpd(gram, p, names);
		if (sumToOne) {
			sumDirection = new double[p];
			double denom = 0;
			for (int j = 0; j < p; j++) {
				double v = 0;
				for (int k = 0; k < constrained; k++)
					v += gramInv[j * p + k];
				sumDirection[j] = v;
				if (j < constrained) denom += v;
			}
			for (int j = 0; j < p; j++)
				sumDirection[j] /= denom;
		} else {
			sumDirection = null;
		}
	}

	public int rows() {
		return n;
	}

	public int columns() {
		return p;
	}

	/** The design value at row i, column j. */
	public double design(int i, int j) {
		return a[i * p + j];
	}

	/** A new worker with its own scratch buffers (one per thread). */
	public Worker newWorker() {
		return new Worker();
	}

	/** Inverse of a symmetric positive definite matrix by Cholesky; refuses (near-)dependent columns. */
	private static double[] invertSpd(double[] g, int p, String[] names) {
		double[] inv = new double[p * p];
		int bad = choleskyInverse(g, p, new double[p * p], new double[p], inv);
		if (bad >= 0) {
			if (g[bad * p + bad] <= 0) throw new InvalidInputException("least squares: " + names[bad] + " is zero over the fit range");
			throw new InvalidInputException("least squares: " + names[bad]
				+ " is (nearly) a linear combination of the columns before it over the fit range; drop one of them or widen the range");
		}
		return inv;
	}

	/**
	 * Inverse of the symmetric positive definite m×m matrix g (row-major) by Cholesky into inv, with
	 * scratch l (m×m) and col (m); returns −1, or the first column whose pivot is not clearly
	 * positive (then inv is undefined). Allocates nothing.
	 */
	static int choleskyInverse(double[] g, int m, double[] l, double[] col, double[] inv) {
		for (int j = 0; j < m; j++) {
			double d = g[j * m + j];
			for (int k = 0; k < j; k++)
				d -= l[j * m + k] * l[j * m + k];
			if (!(d > 1e-12 * g[j * m + j]) || g[j * m + j] <= 0) return j;
			double ljj = Math.sqrt(d);
			l[j * m + j] = ljj;
			for (int i = j + 1; i < m; i++) {
				double s = g[i * m + j];
				for (int k = 0; k < j; k++)
					s -= l[i * m + k] * l[j * m + k];
				l[i * m + j] = s / ljj;
			}
		}
		for (int c = 0; c < m; c++) {
			for (int i = 0; i < m; i++) { // forward: L z = e_c
				double s = i == c ? 1 : 0;
				for (int k = 0; k < i; k++)
					s -= l[i * m + k] * col[k];
				col[i] = s / l[i * m + i];
			}
			for (int i = m - 1; i >= 0; i--) { // back: Lᵀ x = z
				double s = col[i];
				for (int k = i + 1; k < m; k++)
					s -= l[k * m + i] * col[k];
				col[i] = s / l[i * m + i];
			}
			for (int i = 0; i < m; i++)
				inv[i * m + c] = col[i];
		}
		return -1;
	}

	/** Standard-error factors and subproblem inverses are cached per free set up to this many columns (2^p sets). */
	private static final int CACHED_COLUMNS = 12;
	private static final double[] SINGULAR = new double[0];

	/** Per-thread solver state; {@link #solve} allocates nothing. */
	public final class Worker {
		private final double[] b = new double[p];
		private final double[] z = new double[p];
		private final double[] kkt = new double[(p + 1) * (p + 1)];
		private final double[] rhs = new double[p + 1];
		private final int[] free = new int[p];
		private final boolean[] active = new boolean[p];
		private final double[] subGram = new double[p * p], subInv = new double[p * p], chol = new double[p * p], cholCol = new double[p],
			subSum = new double[p];
		/** Columns that non-negativity can hold at zero (the first ones), and the mask of all columns. */
		private final int heldColumns = nonnegative ? constrained : 0, allColumns = (int) ((1L << p) - 1);
		/** Per free set, the result of {@link #variances}; null beyond {@value #CACHED_COLUMNS} columns. */
		private final double[][] varianceCache = p <= CACHED_COLUMNS ? new double[1 << p][] : null;
		/** Per free set, the result of {@link #subproblemInverse}; null beyond {@value #CACHED_COLUMNS} columns. */
		private final double[][] subproblemCache = p <= CACHED_COLUMNS ? new double[1 << p][] : null;
		/** Per-pixel scratch of {@link #solveNormalRun}, grown to the longest run. */
		private double[] runScratch = new double[0];
		private final double[] pixelX = new double[p];
		/** Active-set iterations of the last solve (0 when the projection was feasible). */
		public int iterations;
		/** ‖y‖² of the last {@link #solve}. */
		public double sumOfSquares;

		/**
		 * Fits {@code y[offset .. offset + rows())} and writes the p weights into {@code x}.
		 * Returns the residual sum of squares; NaN (x untouched) when y holds a NaN or infinity.
		 */
		public double solve(double[] y, int offset, double[] x) {
			if (!accumulate(y, offset)) return Double.NaN;
			return solveNormal(b, sumOfSquares, x);
		}

		/**
		 * Computes b = Aᵀy and ‖y‖² ({@link #sumOfSquares}) for {@code y[offset .. offset + rows())};
		 * false when y holds a NaN or infinity.
		 */
		public boolean accumulate(double[] y, int offset) {
			// plain sums in energy order: the same values as the stack path (PixelEngine.forEachProjection)
			double yy = 0;
			for (int i = 0; i < n; i++)
				yy += y[offset + i] * y[offset + i];
			sumOfSquares = yy;
			if (!(yy < Double.POSITIVE_INFINITY)) return false;
			for (int j = 0; j < p; j++) {
				double[] c = cols[j];
				double s = 0;
				for (int i = 0; i < n; i++)
					s += c[i] * y[offset + i];
				b[j] = s;
			}
			return true;
		}

		/** Solves from b = Aᵀy and yy = ‖y‖² (kept unchanged); returns the residual sum of squares. */
		public double solveNormal(double[] bIn, double yy, double[] x) {
			if (bIn != b) System.arraycopy(bIn, 0, b, 0, p);
			for (int j = 0; j < p; j++) {
				double s = 0;
				for (int k = 0; k < p; k++)
					s += gramInv[j * p + k] * b[k];
				x[j] = s;
			}
			if (sumToOne) {
				double excess = -1;
				for (int j = 0; j < constrained; j++)
					excess += x[j];
				for (int j = 0; j < p; j++)
					x[j] -= sumDirection[j] * excess;
			}
			iterations = 0;
			if (nonnegative) {
				boolean feasible = true;
				for (int j = 0; j < constrained; j++)
					if (x[j] < 0) feasible = false;
				if (!feasible) activeSet(x);
			}
			return residual(x, yy);
		}

		/**
		 * {@link #solveNormal} for {@code count} right-hand sides held pixel-minor: b[j][i], yy[i] in,
		 * x[j][i] and rss[i] out, for i < count (the same values, bit for bit). The projection through
		 * G⁻¹ and the residual run as loops over the pixels, which the JIT vectorises; only pixels
		 * whose projection breaks a sign constraint go through the active set one by one.
		 */
		public void solveNormalRun(double[][] bIn, double[] yy, int count, double[][] x, double[] rss) {
			if (runScratch.length < count) runScratch = new double[count];
			for (int j = 0; j < p; j++) {
				double[] xj = x[j];
				Arrays.fill(xj, 0, count, 0);
				for (int k = 0; k < p; k++)
					addScaled(xj, gramInv[j * p + k], bIn[k], count);
			}
			if (sumToOne) {
				double[] excess = runScratch;
				Arrays.fill(excess, 0, count, -1);
				for (int j = 0; j < constrained; j++)
					add(excess, x[j], count);
				for (int j = 0; j < p; j++)
					addScaled(x[j], -sumDirection[j], excess, count);
			}
			residualRun(bIn, yy, count, x, rss);
			for (int i = 0; i < count; i++) {
				boolean feasible = true;
				for (int j = 0; j < heldColumns; j++)
					if (x[j][i] < 0) feasible = false;
				if (feasible) {
					rss[i] = Math.max(0, rss[i]);
					continue;
				}
				for (int j = 0; j < p; j++) { // activeSet and residual work on this.b
					b[j] = bIn[j][i];
					pixelX[j] = x[j][i];
				}
				activeSet(pixelX);
				for (int j = 0; j < p; j++)
					x[j][i] = pixelX[j];
				rss[i] = residual(pixelX, yy[i]);
			}
		}

		/** rss[i] = yy[i] + Σ_j x_j·((Gx)_j − 2 b_j), the terms in the order of {@link #residual}, before its clamp at 0. */
		private void residualRun(double[][] bIn, double[] yy, int count, double[][] x, double[] rss) {
			double[] gx = runScratch;
			System.arraycopy(yy, 0, rss, 0, count);
			for (int j = 0; j < p; j++) {
				Arrays.fill(gx, 0, count, 0);
				for (int k = 0; k < p; k++)
					addScaled(gx, gram[j * p + k], x[k], count);
				double[] xj = x[j], bj = bIn[j];
				for (int i = 0; i < count; i++)
					rss[i] += xj[i] * (gx[i] - 2 * bj[i]);
			}
		}

		/**
		 * Standard errors of the weights {@code x} of a solve whose residual sum of squares was
		 * {@code rss}, into {@code se}: the square roots of the diagonal of σ²·C with σ² = rss / ν.
		 * Only the <em>free</em> weights count: a weight held at zero by non-negativity (x = 0 exactly)
		 * is a fixed value, not an estimate, so its SE is NaN and it is left out of the model. With
		 * F the free columns, C = (A_FᵀA_F)⁻¹ (the reduced Gram matrix), and with the sum-to-one
		 * constraint on free constrained weights C = G⁻¹ − G⁻¹s sᵀG⁻¹ / (sᵀG⁻¹s) (the covariance of the
		 * equality-constrained estimate); ν = n − |F| (+ 1 with the sum constraint). NaN everywhere
		 * when rss is NaN or ν ≤ 0; allocates nothing.
		 */
		public void standardErrors(double[] x, double rss, double[] se) {
			// the free set as a mask without a branch per weight: which weights sit at zero varies
			// from pixel to pixel, and mispredicted branches here cost more than the rest of this method
			int held = 0;
			for (int j = 0; j < heldColumns; j++)
				held |= (x[j] == 0 ? 1 : 0) << j;
			double[] variances = variances(allColumns & ~held);
			double dof = variances[p];
			double sigma2 = dof > 0 && rss >= 0 && rss < Double.POSITIVE_INFINITY ? rss / dof : Double.NaN;
			for (int j = 0; j < p; j++)
				se[j] = Math.sqrt(sigma2 * variances[j]); // NaN where the variance is
		}

		/**
		 * For the free set {@code mask} (bit j: column j free): the diagonal of C (see
		 * {@link #standardErrors}) at the free columns, NaN at the others, then ν at index p; NaN
		 * everywhere when no column is free or the reduced Gram matrix is singular. It depends on the
		 * free set only, so it is cached per set (a pixel image has few distinct sets); beyond
		 * {@value #CACHED_COLUMNS} columns it is computed every time.
		 */
		private double[] variances(int mask) {
			if (varianceCache != null && varianceCache[mask] != null) return varianceCache[mask];
			int f = 0, constrainedFree = 0;
			for (int j = 0; j < p; j++)
				if ((mask & 1 << j) != 0) {
					free[f++] = j;
					if (j < constrained) constrainedFree++;
				}
			double[] v = new double[p + 1];
			Arrays.fill(v, Double.NaN);
			if (f > 0) {
				for (int r = 0; r < f; r++)
					for (int c = 0; c < f; c++)
						subGram[r * f + c] = gram[free[r] * p + free[c]];
				if (choleskyInverse(subGram, f, chol, cholCol, subInv) < 0) {
					boolean sum = sumToOne && constrainedFree > 0;
					double denom = 0;
					if (sum) {
						for (int r = 0; r < f; r++) {
							double s = 0;
							for (int c = 0; c < f; c++)
								if (free[c] < constrained) s += subInv[r * f + c];
							subSum[r] = s;
							if (free[r] < constrained) denom += s;
						}
					}
					for (int r = 0; r < f; r++) {
						double var = subInv[r * f + r];
						if (sum && denom > 0) var -= subSum[r] * subSum[r] / denom;
						v[free[r]] = Math.max(0, var);
					}
					v[p] = n - f + (sum ? 1 : 0);
				}
			}
			if (varianceCache != null) varianceCache[mask] = v;
			return v;
		}

		private double residual(double[] x, double yy) {
			double rss = yy;
			for (int j = 0; j < p; j++) {
				double gx = 0;
				for (int k = 0; k < p; k++)
					gx += gram[j * p + k] * x[k];
				rss += x[j] * (gx - 2 * b[j]);
			}
			return Math.max(0, rss);
		}

		/**
		 * Primal active-set method on the normal equations, started from the projected solution
		 * clipped to the feasible set (Lawson–Hanson when there is no sum constraint: the active
		 * set holds the weights fixed at zero, a free weight that would turn negative is stopped at
		 * zero and made active, an active weight whose multiplier says the objective would fall is
		 * freed).
		 */
		private void activeSet(double[] x) {
			double sum = 0;
			for (int j = 0; j < p; j++) {
				active[j] = false;
				if (j < constrained && x[j] <= 0) {
					x[j] = 0;
					active[j] = true;
				}
				if (j < constrained) sum += x[j];
			}
			if (sumToOne) {
				if (sum <= 0) {
					for (int j = 0; j < constrained; j++) {
						x[j] = 1.0 / constrained;
						active[j] = false;
					}
				} else {
					for (int j = 0; j < constrained; j++)
						x[j] /= sum;
				}
			}
			double scale = 0;
			for (int j = 0; j < p; j++)
				scale = Math.max(scale, Math.abs(b[j]));
			double tol = 1e-11 * (scale + 1e-300);
			int maxIter = 10 * (p + 2);
			for (int it = 0; it < maxIter; it++) {
				iterations = it + 1;
				double lambda = solveSubproblem();
				if (Double.isNaN(lambda)) return; // singular subproblem: keep the feasible point
				double alpha = 1;
				int blocking = -1;
				for (int j = 0; j < constrained; j++) {
					if (active[j]) continue;
					if (z[j] < 0 && x[j] - z[j] > 0) {
						double t = x[j] / (x[j] - z[j]);
						if (t < alpha) {
							alpha = t;
							blocking = j;
						}
					}
				}
				if (blocking >= 0) {
					for (int j = 0; j < p; j++)
						if (!active[j]) x[j] += alpha * (z[j] - x[j]);
					x[blocking] = 0;
					active[blocking] = true;
					for (int j = 0; j < constrained; j++) // weights stopped at zero by round-off
						if (!active[j] && x[j] <= 0) {
							x[j] = 0;
							active[j] = true;
						}
					continue;
				}
				for (int j = 0; j < p; j++)
					x[j] = active[j] ? 0 : z[j];
				// multipliers of the active bounds: μ = Gx − b + λs; free the most negative
				int release = -1;
				double worst = -tol;
				for (int j = 0; j < constrained; j++) {
					if (!active[j]) continue;
					double mu = -b[j] + (sumToOne ? lambda : 0);
					for (int k = 0; k < p; k++)
						mu += gram[j * p + k] * x[k];
					if (mu < worst) {
						worst = mu;
						release = j;
					}
				}
				if (release < 0) return;
				active[release] = false;
			}
		}

		/**
		 * Minimises over the free weights with the active ones at zero (and the sum constraint),
		 * writing the solution into z; returns the multiplier λ of the sum (0 without it), NaN when
		 * the subproblem is singular.
		 */
		private double solveSubproblem() {
			int f = 0, mask = 0;
			for (int j = 0; j < p; j++)
				if (!active[j]) {
					free[f++] = j;
					mask |= 1 << j;
				}
			int m = sumToOne ? f + 1 : f;
			double[] inverse = subproblemInverse(mask, f, m);
			if (inverse == null) return Double.NaN;
			for (int r = 0; r < f; r++)
				rhs[r] = b[free[r]];
			if (sumToOne) rhs[f] = 1;
			for (int j = 0; j < p; j++)
				z[j] = 0;
			for (int r = 0; r < f; r++) {
				double v = 0;
				for (int c = 0; c < m; c++)
					v += inverse[r * m + c] * rhs[c];
				z[free[r]] = v;
			}
			if (!sumToOne) return 0;
			double lambda = 0;
			for (int c = 0; c < m; c++)
				lambda += inverse[f * m + c] * rhs[c];
			return lambda;
		}

		/**
		 * The inverse of the subproblem's matrix for the free set {@code mask} (f free columns; m = f,
		 * or f + 1 with the sum constraint's KKT row): the Gram matrix of the free columns, bordered
		 * by the constraint. It depends on the set only, so it is kept per set (most pixels of an image
		 * share a few sets); null when singular.
		 */
		private double[] subproblemInverse(int mask, int f, int m) {
			if (subproblemCache != null && subproblemCache[mask] != null) return subproblemCache[mask] == SINGULAR ? null : subproblemCache[mask];
			double[] inverse = new double[m * m];
			boolean ok = true;
			for (int col = 0; col < m && ok; col++) {
				for (int r = 0; r < f; r++) {
					for (int c = 0; c < f; c++)
						kkt[r * m + c] = gram[free[r] * p + free[c]];
					if (sumToOne) kkt[r * m + f] = free[r] < constrained ? 1 : 0;
				}
				if (sumToOne) {
					for (int c = 0; c < f; c++)
						kkt[f * m + c] = free[c] < constrained ? 1 : 0;
					kkt[f * m + f] = 0;
				}
				for (int r = 0; r < m; r++)
					rhs[r] = r == col ? 1 : 0;
				ok = gaussSolve(kkt, rhs, m);
				for (int r = 0; r < m; r++)
					inverse[r * m + col] = rhs[r];
			}
			if (!ok) inverse = null;
			if (subproblemCache != null) subproblemCache[mask] = inverse == null ? SINGULAR : inverse;
			return inverse;
		}

	}

	/** a[i] += w·v[i] for i < count. */
	private static void addScaled(double[] a, double w, double[] v, int count) {
		for (int i = 0; i < count; i++)
			a[i] += w * v[i];
	}

	/** a[i] += v[i] for i < count. */
	private static void add(double[] a, double[] v, int count) {
		for (int i = 0; i < count; i++)
			a[i] += v[i];
	}

	/** Gaussian elimination with partial pivoting of the m×m system (overwrites both; solution in rhs). */
	static boolean gaussSolve(double[] mat, double[] rhs, int m) {
		double norm = 0;
		for (int i = 0; i < m * m; i++)
			norm = Math.max(norm, Math.abs(mat[i]));
		for (int c = 0; c < m; c++) {
			int piv = c;
			for (int r = c + 1; r < m; r++)
				if (Math.abs(mat[r * m + c]) > Math.abs(mat[piv * m + c])) piv = r;
			if (!(Math.abs(mat[piv * m + c]) > 1e-14 * norm)) return false;
			if (piv != c) {
				for (int k = 0; k < m; k++) {
					double t = mat[c * m + k];
					mat[c * m + k] = mat[piv * m + k];
					mat[piv * m + k] = t;
				}
				double t = rhs[c];
				rhs[c] = rhs[piv];
				rhs[piv] = t;
			}
			double d = mat[c * m + c];
			for (int r = c + 1; r < m; r++) {
				double f = mat[r * m + c] / d;
				if (f == 0) continue;
				for (int k = c; k < m; k++)
					mat[r * m + k] -= f * mat[c * m + k];
				rhs[r] -= f * rhs[c];
			}
		}
		for (int r = m - 1; r >= 0; r--) {
			double s = rhs[r];
			for (int k = r + 1; k < m; k++)
				s -= mat[r * m + k] * rhs[k];
			rhs[r] = s / mat[r * m + r];
		}
		return true;
	}
}
