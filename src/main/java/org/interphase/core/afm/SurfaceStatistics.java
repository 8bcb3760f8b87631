package org.interphase.core.afm;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.interphase.core.stack.AnyFft;
import org.interphase.core.stack.Fft;

/**
 * Gwyddion's "statistical functions" of a height image (SCIENCE.md §4, docs/afm.md "Surface
 * Statistics"): the one-dimensional power spectral density along the fast scan axis x, the radial
 * (angle-integrated) PSD, the row-wise and two-dimensional autocorrelation functions, the
 * autocorrelation length Sal and texture aspect ratio Str (ISO 25178-2, evaluated as Gwyddion 2.62's
 * 2D ACF module does) and the fractal dimension from the slope of the 1D PSD. Lateral sizes and
 * heights may be in any units; wave numbers K are angular (rad per lateral unit), a 1D PSD is in
 * height²·lateral, an ACF in height². The image must be complete (no NaN).
 * <p>
 * Definitions (z the heights, N×M the image, Δx, Δy the pixel sizes):
 * <ul>
 * <li>1D PSD (Gwyddion {@code gwy_data_field_psdf}, Hann window): each row's least-squares line is
 * subtracted, the row multiplied by w_i = ½ − ½ cos(2π(i+½)/N), transformed F_j = Σ z_i w_i
 * e^{−2πi ij/N}/√N and scaled so that Σ_{j≥1} |F_j|²/N equals the variance of the original row
 * (the window's loss of power restored per row); W1(K_j) = Δx/(2π M) Σ_rows |F_j|² at K_j = 2πj/(NΔx),
 * j = 1 … N/2−1 (the zero and Nyquist frequencies are left out, as Gwyddion does).</li>
 * <li>Row ACF (Gwyddion {@code gwy_data_field_acf}): each row minus its mean,
 * G(mΔx) = Σ_rows Σ_i z_i z_{i+m} / (M (N−m)), m = 0 … N−1.</li>
 * <li>2D ACF (Gwyddion {@code gwy_data_field_2dacf}): G(m,n) = Σ z(i,j) z(i+n,j+m) / ((N−|m|)(M−|n|))
 * for |m| &lt; N/2, |n| &lt; M/2, of the heights minus their mean.</li>
 * <li>Sal, Str: the pixels of the 2D ACF with G ≥ s·G(0,0) (s = 0.2 by default) connected
 * (4-neighbour) to the centre form one region; over the pixel corners on its boundary (corners
 * whose four pixels are neither all inside nor all outside) Sal is the smallest distance from the
 * centre, τ_slow the largest, Str = Sal/τ_slow. This is Gwyddion 2.62's rule; the corners make Sal
 * a multiple-of-half-pixel estimate of the distance at which the ACF has decayed to s.</li>
 * <li>Radial PSD (Gwyddion 2.62 {@code gwy_data_field_rpsdf}, Hann window, automatic sampling): the
 * plane-levelled image times the separable Hann window, its unitary 2D DFT F rescaled so that the
 * non-zero frequencies hold the levelled image's variance (the window's power loss restored),
 * W2(K) = |F(K)|² ΔxΔy/(4π²). The frequency plane (pixels 1/(NΔx) × 1/(MΔy), cycles per length)
 * is averaged over rings of width h = R/n, R = max(1/Δx, 1/Δy)/2, n = round(R/h₀) with h₀ the
 * harmonic mean of the frequency pixel sizes; a pixel at radius (k+f)h goes to rings k and k+1 with
 * weights 1−g, g (g = 2f² for f ≤ ½, else 1 − 2(1−f)²), except that the outermost ring
 * [(n−1)h, nh) takes its pixels whole and pixels beyond nh are left out. Ring 0 is dropped:
 * Wr(K_k) = 2πK_k⟨W2⟩_k at K_k = 2πkh, k = 1 … n−1, so that ∫ Wr dK ≈ σ². Agrees with Gwyddion to
 * rounding on the same double heights (SurfaceStatisticsTest).</li>
 * <li>Fractal dimension (Gwyddion's PSDF method): D = 7/2 + β/2 with β the least-squares slope of
 * ln W1 against ln K over the chosen K range.</li>
 * </ul>
 */
public final class SurfaceStatistics {

	/** The ACF threshold s of Sal and Str (ISO 25178-3 default). */
	public static final double DEFAULT_THRESHOLD = 0.2;

	private SurfaceStatistics() {}

	/** A sampled function: abscissae and values. */
	public static final class Curve {
		public final double[] x, y;

		Curve(double[] x, double[] y) {
			this.x = x;
			this.y = y;
		}
	}

	/** A 2D ACF: {@code values[(n + yRange − 1)·width + m + xRange − 1]} is G at lag (mΔx, nΔy). */
	public static final class Acf2d {
		public final double[] values;
		public final int width, height, xRange, yRange;
		public final double dx, dy;

		Acf2d(double[] values, int xRange, int yRange, double dx, double dy) {
			this.values = values;
			this.xRange = xRange;
			this.yRange = yRange;
			this.width = 2 * xRange - 1;
			this.height = 2 * yRange - 1;
			this.dx = dx;
			this.dy = dy;
		}

		public double at(int m, int n) {
			return values[(n + yRange - 1) * width + m + xRange - 1];
		}
	}

	/** Sal and Str from the 2D ACF. Angles in degrees in [0, 180), counter-clockwise from +x with y up. */
	public static final class Decay {
		public double sal, slowest, str, fastestAngle, slowestAngle, threshold;
	}

	/** Everything the command reports for one image. */
	public static final class Result {
		public Curve psd, radialPsd, acf;
		public Acf2d acf2d;
		public Decay decay;
		/** RMS height of the input (population, about the mean). */
		public double sq;
		/** Lag at which the row ACF first falls to G(0)/e (linear interpolation); NaN if it does not. */
		public double acfLength;
		/** PSD slope β and fractal dimension D = 7/2 + β/2; the K range fitted. */
		public double beta, fractalDimension, fitKMin, fitKMax;
		/** The dimension by Gwyddion's own procedure ({@link #gwyddionFractalDimension}). */
		public double gwyddionFractalDimension;
		public int fitPoints;
	}

	/**
	 * All statistics of {@code z} ({@code w}×{@code h}, row-major, already levelled as the caller
	 * wishes). {@code kMin}, {@code kMax} limit the fractal fit (0 = no limit).
	 */
	public static Result compute(float[] z, int w, int h, double dx, double dy, double threshold, double kMin, double kMax, Progress progress) {
		return compute(z, w, h, dx, dy, 1, threshold, kMin, kMax, progress);
	}

	/**
	 * As {@link #compute(float[], int, int, double, double, double, double, double, Progress)}, with
	 * the length of the lateral unit in metres (1e-9 for nm): the radial PSD then counts the
	 * pixels lying exactly on its outer ring as Gwyddion does ({@link #radialPsd(double[], int, int, double, double, double)}).
	 */
	public static Result compute(float[] z, int w, int h, double dx, double dy, double lateralUnit, double threshold, double kMin, double kMax,
		Progress progress) {
		if (!(lateralUnit > 0)) throw new IllegalArgumentException("lateral unit must be positive, got " + lateralUnit);
		double[] d = checked(z, w, h, dx, dy);
		if (!(threshold > 0 && threshold < 1)) throw new InvalidInputException("threshold: must lie between 0 and 1 (got " + threshold + ")");
		Progress p = progress == null ? Progress.NONE : progress;
		Result r = new Result();
		double mean = 0;
		for (double v : d)
			mean += v;
		mean /= d.length;
		double ss = 0;
		double[] c = new double[d.length];
		for (int i = 0; i < d.length; i++) {
			c[i] = d[i] - mean;
			ss += c[i] * c[i];
		}
		r.sq = Math.sqrt(ss / d.length);
		p.report("surface statistics", 0.05);
		r.psd = psd1d(d, w, h, dx);
		p.report("surface statistics", 0.2);
		r.acf = acf1d(d, w, h, dx);
		r.acfLength = decayLength(r.acf, 1 / Math.E);
		p.report("surface statistics", 0.35);
		r.acf2d = acf2d(c, w, h, dx, dy);
		r.decay = decay(r.acf2d, threshold);
		p.report("surface statistics", 0.65);
		r.radialPsd = radialPsd(d, w, h, dx, dy, lateralUnit);
		p.report("surface statistics", 0.95);
		fractal(r, kMin, kMax);
		r.gwyddionFractalDimension = gwyddionFractalDimension(r.psd, w);
		return r;
	}

	private static double[] checked(float[] z, int w, int h, double dx, double dy) {
		if (z.length != (long) w * h) throw new IllegalArgumentException("image of " + z.length + " values is not " + w + "×" + h);
		if (w < 8 || h < 8) throw new InvalidInputException("image: " + w + "×" + h + " pixels is too small for spectral statistics (at least 8×8)");
		if (!(dx > 0) || !(dy > 0)) throw new InvalidInputException("image: pixel size must be positive (got " + dx + " × " + dy + ")");
		double[] d = new double[z.length];
		int nan = 0;
		for (int i = 0; i < z.length; i++) {
			d[i] = z[i];
			if (!Double.isFinite(d[i])) nan++;
		}
		if (nan > 0) throw new InvalidInputException("image: " + nan + " pixels are NaN; the PSD and ACF need a complete image (crop or fill it first)");
		return d;
	}

	/** Gwyddion's Hann window of length n: ½ − ½ cos(2π(i+½)/n). */
	static double[] hann(int n) {
		double[] win = new double[n];
		for (int i = 0; i < n; i++)
			win[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / n);
		return win;
	}

	/** The 1D PSD along x (rows), see the class comment. */
	public static Curve psd1d(double[] z, int w, int h, double dx) {
		int nk = w / 2 - 1;
		double[] acc = new double[nk];
		double[] win = hann(w);
		AnyFft f = new AnyFft(w);
		double[] re = new double[w], im = new double[w];
		double xm = (w - 1) / 2.0, sxx = 0;
		for (int i = 0; i < w; i++)
			sxx += (i - xm) * (i - xm);
		for (int y = 0; y < h; y++) {
			int o = y * w;
			double mean = 0;
			for (int i = 0; i < w; i++)
				mean += z[o + i];
			mean /= w;
			double var = 0, sxz = 0;
			for (int i = 0; i < w; i++) {
				double v = z[o + i] - mean;
				var += v * v;
				sxz += (i - xm) * v;
			}
			var /= w;
			double slope = sxz / sxx;
			for (int i = 0; i < w; i++) {
				re[i] = (z[o + i] - mean - slope * (i - xm)) * win[i];
				im[i] = 0;
			}
			f.forward(re, im, 0);
			double power = 0;
			for (int j = 1; j < w; j++)
				power += re[j] * re[j] + im[j] * im[j];
			// |F|² = |X|²/N (unitary); scale so that Σ_{j≥1} |F_j|²/N = var
			// unitary |F|² = |X|²/N; times (a/b)² with a² = var, b² = Σ_{j≥1}|X_j|²/N² gives |X|²·var·N/Σ|X|²
			double scale = power > 0 && var > 0 ? var * w / power : 1.0 / w;
			for (int j = 1; j <= nk; j++)
				acc[j - 1] += (re[j] * re[j] + im[j] * im[j]) * scale;
		}
		double[] k = new double[nk], psd = new double[nk];
		for (int j = 1; j <= nk; j++) {
			k[j - 1] = 2 * Math.PI * j / (w * dx);
			psd[j - 1] = acc[j - 1] * dx / (2 * Math.PI * h);
		}
		return new Curve(k, psd);
	}

	/** The row-wise ACF along x (each row minus its mean), lags 0 … (N−1)Δx. */
	public static Curve acf1d(double[] z, int w, int h, double dx) {
		int m = Fft.nextPowerOfTwo(2 * w);
		Fft f = new Fft(m);
		double[] re = new double[m], im = new double[m], acc = new double[w];
		for (int y = 0; y < h; y++) {
			int o = y * w;
			double mean = 0;
			for (int i = 0; i < w; i++)
				mean += z[o + i];
			mean /= w;
			java.util.Arrays.fill(re, 0);
			java.util.Arrays.fill(im, 0);
			for (int i = 0; i < w; i++)
				re[i] = z[o + i] - mean;
			f.transform(re, im, 0, false);
			for (int j = 0; j < m; j++) {
				re[j] = re[j] * re[j] + im[j] * im[j];
				im[j] = 0;
			}
			f.transform(re, im, 0, true);
			for (int lag = 0; lag < w; lag++)
				acc[lag] += re[lag] / m;
		}
		double[] x = new double[w], g = new double[w];
		for (int lag = 0; lag < w; lag++) {
			x[lag] = lag * dx;
			g[lag] = acc[lag] / ((double) h * (w - lag));
		}
		return new Curve(x, g);
	}

	/** The 2D ACF of {@code z} as given (the caller subtracts the mean), lags |m| &lt; w/2, |n| &lt; h/2. */
	public static Acf2d acf2d(double[] z, int w, int h, double dx, double dy) {
		int xr = w / 2, yr = h / 2;
		int px = Fft.nextPowerOfTwo(w + xr), py = Fft.nextPowerOfTwo(h + yr);
		double[] re = new double[px * py], im = new double[px * py];
		for (int y = 0; y < h; y++)
			System.arraycopy(z, y * w, re, y * px, w);
		fft2(re, im, px, py, h, false);
		for (int i = 0; i < re.length; i++) {
			re[i] = re[i] * re[i] + im[i] * im[i];
			im[i] = 0;
		}
		fft2(re, im, px, py, py, true);
		int tw = 2 * xr - 1, th = 2 * yr - 1;
		double[] g = new double[tw * th];
		double norm = 1.0 / ((double) px * py);
		for (int n = -(yr - 1); n <= yr - 1; n++) {
			int row = ((n % py) + py) % py;
			for (int m = -(xr - 1); m <= xr - 1; m++) {
				int col = ((m % px) + px) % px;
				double count = (double) (w - Math.abs(m)) * (h - Math.abs(n));
				g[(n + yr - 1) * tw + m + xr - 1] = re[row * px + col] * norm / count;
			}
		}
		return new Acf2d(g, xr, yr, dx, dy);
	}

	/** 2D FFT in place over px×py; only the first {@code rows} rows hold data before the row pass. */
	private static void fft2(double[] re, double[] im, int px, int py, int rows, boolean inverse) {
		Fft fx = new Fft(px), fy = new Fft(py);
		for (int y = 0; y < rows; y++)
			fx.transform(re, im, y * px, inverse);
		double[] cr = new double[py], ci = new double[py];
		for (int x = 0; x < px; x++) {
			for (int y = 0; y < py; y++) {
				cr[y] = re[y * px + x];
				ci[y] = im[y * px + x];
			}
			fy.transform(cr, ci, 0, inverse);
			for (int y = 0; y < py; y++) {
				re[y * px + x] = cr[y];
				im[y * px + x] = ci[y];
			}
		}
	}

	/** Sal, the slowest decay length and Str from the 2D ACF (Gwyddion 2.62's rule, class comment). */
	public static Decay decay(Acf2d a, double threshold) {
		int tw = a.width, th = a.height;
		double g0 = a.at(0, 0);
		boolean[] in = new boolean[tw * th];
		for (int i = 0; i < in.length; i++)
			in[i] = a.values[i] >= threshold * g0;
		boolean[] region = new boolean[tw * th];
		int seed = (a.yRange - 1) * tw + a.xRange - 1;
		int[] stack = new int[tw * th];
		int top = 0;
		if (in[seed]) {
			region[seed] = true;
			stack[top++] = seed;
		}
		while (top > 0) {
			int k = stack[--top], i = k / tw, j = k % tw;
			int[] nb = { i > 0 ? k - tw : -1, i < th - 1 ? k + tw : -1, j > 0 ? k - 1 : -1, j < tw - 1 ? k + 1 : -1 };
			for (int q : nb)
				if (q >= 0 && in[q] && !region[q]) {
					region[q] = true;
					stack[top++] = q;
				}
		}
		double xc = 0.5 * a.dx * tw, yc = 0.5 * a.dy * th;
		double rmin = Double.MAX_VALUE, rmax = 0, pmin = 0, pmax = 0;
		for (int i = 0; i <= th; i++)
			for (int j = 0; j <= tw; j++) {
				int n = 0;
				if (i > 0 && j > 0 && region[(i - 1) * tw + j - 1]) n++;
				if (i > 0 && j < tw && region[(i - 1) * tw + j]) n++;
				if (i < th && j > 0 && region[i * tw + j - 1]) n++;
				if (i < th && j < tw && region[i * tw + j]) n++;
				if (n == 0 || n == 4) continue;
				double x = j * a.dx - xc, y = i * a.dy - yc, rr = x * x + y * y;
				if (rr < rmin) {
					rmin = rr;
					pmin = Math.atan2(-y, x);
				}
				if (rr > rmax) {
					rmax = rr;
					pmax = Math.atan2(-y, x);
				}
			}
		Decay d = new Decay();
		d.threshold = threshold;
		if (rmin == Double.MAX_VALUE) {
			d.sal = d.slowest = d.str = d.fastestAngle = d.slowestAngle = Double.NaN;
			return d;
		}
		d.sal = Math.sqrt(rmin);
		d.slowest = Math.sqrt(rmax);
		d.str = d.sal / d.slowest;
		d.fastestAngle = halfTurnDegrees(pmin);
		d.slowestAngle = halfTurnDegrees(pmax);
		return d;
	}

	private static double halfTurnDegrees(double rad) {
		double deg = Math.toDegrees(rad) % 180;
		return deg < 0 ? deg + 180 : deg;
	}

	/** The radial PSD with the lateral unit taken as the unit of length, see {@link #radialPsd(double[], int, int, double, double, double)}. */
	public static Curve radialPsd(double[] z, int w, int h, double dx, double dy) {
		return radialPsd(z, w, h, dx, dy, 1);
	}

	/**
	 * The radial (angle-integrated) PSD as Gwyddion 2.62's {@code gwy_data_field_rpsdf} (Hann window,
	 * automatic sampling) computes it; see the class comment. {@code lateralUnit} is the length of
	 * one lateral unit in metres (1e-9 for nm), or 1: it changes no formula, only the rounding of the
	 * ring radii. Gwyddion works in metres, and on a square image the frequency pixels on the axes at
	 * the Nyquist frequency lie exactly on the outer ring, so whether they count is decided by the
	 * last bit of that rounding; computing the ring geometry in metres decides it as Gwyddion does.
	 */
	public static Curve radialPsd(double[] z, int w, int h, double dx, double dy, double lateralUnit) {
		double[] lev = planeLevelled(z, w, h);
		int n = w * h;
		double mean = 0;
		for (double v : lev)
			mean += v;
		mean /= n;
		double var = 0;
		for (double v : lev)
			var += (v - mean) * (v - mean);
		var /= n;
		double[] wx = hann(w), wy = hann(h);
		double[] re = new double[n], im = new double[n];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				re[y * w + x] = lev[y * w + x] * wx[x] * wy[y];
		AnyFft fx = new AnyFft(w), fy = new AnyFft(h);
		for (int y = 0; y < h; y++)
			fx.forward(re, im, y * w);
		double[] cr = new double[h], ci = new double[h];
		for (int x = 0; x < w; x++) {
			for (int y = 0; y < h; y++) {
				cr[y] = re[y * w + x];
				ci[y] = im[y * w + x];
			}
			fy.forward(cr, ci, 0);
			for (int y = 0; y < h; y++) {
				re[y * w + x] = cr[y];
				im[y * w + x] = ci[y];
			}
		}
		// |F|² of the unitary DFT, rescaled so that the non-zero frequencies hold n·σ² (σ² of the levelled image)
		double[] p2 = new double[n];
		double ac = 0;
		for (int i = 0; i < n; i++) {
			p2[i] = (re[i] * re[i] + im[i] * im[i]) / n;
			ac += p2[i];
		}
		ac -= p2[0];
		double scale = ac > 0 ? var * n / ac : 1;
		// Ring average over the frequency plane (zero frequency at pixel (w/2, h/2), pixel size
		// 1/(wΔx) × 1/(hΔy) in cycles per length), in metres and in Gwyddion's order of operations
		double xreal = w * dx * lateralUnit, yreal = h * dy * lateralUnit;
		double xq = 1 / (w * xreal / w / w), yq = 1 / (h * yreal / h / h); // extent of the frequency plane
		double fxStep = xq / w, fyStep = yq / h;
		double cx = (w / 2 + 0.5) * xq / w, cy = (h / 2 + 0.5) * yq / h; // the zero frequency, from the corner
		double radius = 0.5 * Math.max(xq, yq);
		int nb = Math.max(1, (int) Math.floor(radius / (2 * fxStep * fyStep / (fxStep + fyStep)) + 0.5));
		double step = radius / nb, perStep = 1 / step; // 2.62 multiplies by the reciprocal
		double[] sum = new double[nb], weight = new double[nb];
		for (int i = 0; i < h; i++) {
			double yy = (i + 0.5) * fyStep - cy;
			int fyi = i - h / 2;
			int row = (fyi < 0 ? fyi + h : fyi) * w;
			for (int j = 0; j < w; j++) {
				double xx = (j + 0.5) * fxStep - cx;
				int fxi = j - w / 2;
				double v = p2[row + (fxi < 0 ? fxi + w : fxi)] * scale;
				double rr = Math.sqrt(xx * xx + yy * yy) * perStep;
				int kk = (int) Math.floor(rr);
				if (kk + 1 >= nb) {
					if (kk + 1 == nb) { // the outermost ring takes its pixels whole
						sum[kk] += v;
						weight[kk] += 1;
					}
					continue;
				}
				// a pixel at ring position kk + f goes to rings kk and kk+1 with weights 1−g, g (g = 2f² or 1−2(1−f)²)
				double f = rr - kk;
				f = f <= 0.5 ? 2 * f * f : 1 - 2 * (1 - f) * (1 - f);
				sum[kk] += (1 - f) * v;
				sum[kk + 1] += f * v;
				weight[kk] += 1 - f;
				weight[kk + 1] += f;
			}
		}
		// rings without weight (possible for very unequal pixel sizes): linear interpolation between neighbours
		int last = -1;
		for (int b = 0; b < nb; b++) {
			if (weight[b] == 0) continue;
			sum[b] /= weight[b];
			for (int q = last + 1; last >= 0 && q < b; q++)
				sum[q] = sum[last] + (sum[b] - sum[last]) * (q - last) / (b - last);
			last = b;
		}
		// ring 0 (the zero frequency) is dropped; Wr(K) = 2πK·W2(K) = ν|F|²ΔxΔy at ν = b·step (K = 2πν)
		int top = Math.max(1, last);
		double[] k = new double[top], wr = new double[top];
		for (int b = 1; b <= top; b++) {
			double nu = b * step * lateralUnit; // back to cycles per lateral unit
			k[b - 1] = 2 * Math.PI * nu;
			wr[b - 1] = b <= last ? sum[b] * dx * dy * nu : Double.NaN;
		}
		return new Curve(k, wr);
	}

	private static double[] planeLevelled(double[] z, int w, int h) {
		double xm = (w - 1) / 2.0, ym = (h - 1) / 2.0, mean = 0, sxz = 0, syz = 0, sxx = 0, syy = 0;
		for (double v : z)
			mean += v;
		mean /= z.length;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double v = z[y * w + x] - mean;
				sxz += (x - xm) * v;
				syz += (y - ym) * v;
			}
		for (int x = 0; x < w; x++)
			sxx += (x - xm) * (x - xm);
		for (int y = 0; y < h; y++)
			syy += (y - ym) * (y - ym);
		sxx *= h;
		syy *= w;
		double bx = sxz / sxx, by = syz / syy;
		double[] out = new double[z.length];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				out[y * w + x] = z[y * w + x] - mean - bx * (x - xm) - by * (y - ym);
		return out;
	}

	/** The first lag at which {@code acf} falls to {@code fraction}·G(0), by linear interpolation; NaN if never. */
	public static double decayLength(Curve acf, double fraction) {
		double t = fraction * acf.y[0];
		for (int i = 1; i < acf.y.length; i++)
			if (acf.y[i] <= t) {
				double a = acf.y[i - 1], b = acf.y[i];
				return acf.x[i - 1] + (a - t) / (a - b) * (acf.x[i] - acf.x[i - 1]);
			}
		return Double.NaN;
	}

	/**
	 * The fractal dimension as Gwyddion 2.62 computes it ({@code gwy_data_field_fractal_psdf} and
	 * {@code _psdf_dim}): the 1D PSD is resampled to {@code n} (the image width) points by linear
	 * interpolation at pixel centres (new point i at old position (i+½)·n₀/n − ½, clamped), the first
	 * point is dropped, ln W is fitted against ln i (i = 1 … n−1) by least squares and
	 * D = 7/2 + slope/2. The resampling doubles the weight of the interpolated high-K half, so this
	 * differs from {@link Result#fractalDimension}, which fits the PSD points themselves.
	 */
	public static double gwyddionFractalDimension(Curve psd, int n) {
		int n0 = psd.y.length;
		if (n0 < 2 || n < 4) return Double.NaN;
		double sx = 0, sy = 0, sxx = 0, sxy = 0;
		for (int i = 1; i < n; i++) {
			double pos = Math.max(0, Math.min(n0 - 1, (i + 0.5) * n0 / n - 0.5));
			int a = Math.min(n0 - 2, (int) Math.floor(pos));
			double f = pos - a, v = psd.y[a] * (1 - f) + psd.y[a + 1] * f;
			if (!(v > 0)) return Double.NaN;
			double x = Math.log(i), y = Math.log(v);
			sx += x;
			sy += y;
			sxx += x * x;
			sxy += x * y;
		}
		int m = n - 1;
		return 3.5 + (m * sxy - sx * sy) / (m * sxx - sx * sx) / 2;
	}

	/** Fits ln W1 = β ln K + c over kMin ≤ K ≤ kMax (0 = unbounded) and sets D = 7/2 + β/2. */
	static void fractal(Result r, double kMin, double kMax) {
		double sx = 0, sy = 0, sxx = 0, sxy = 0, lo = Double.NaN, hi = Double.NaN;
		int n = 0;
		for (int i = 0; i < r.psd.x.length; i++) {
			double k = r.psd.x[i], v = r.psd.y[i];
			if (kMin > 0 && k < kMin || kMax > 0 && k > kMax || !(v > 0)) continue;
			double x = Math.log(k), y = Math.log(v);
			sx += x;
			sy += y;
			sxx += x * x;
			sxy += x * y;
			n++;
			if (!(lo <= k)) lo = k;
			hi = k;
		}
		r.fitPoints = n;
		r.fitKMin = lo;
		r.fitKMax = hi;
		if (n < 3) {
			r.beta = r.fractalDimension = Double.NaN;
			return;
		}
		double den = n * sxx - sx * sx;
		r.beta = den > 0 ? (n * sxy - sx * sy) / den : Double.NaN;
		r.fractalDimension = 3.5 + r.beta / 2;
	}
}
