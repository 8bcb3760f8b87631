package org.interphase.core.stack;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;

/**
 * Stack alignment by FFT phase correlation (SCIENCE.md §1 "Alignment"): each slice's translation
 * against a reference slice is the peak of the inverse transform of the normalised cross-power
 * spectrum, searched within ±{@code maxShift} px and refined to sub-pixel by a 3-point parabolic
 * fit (on the logarithm of the peak, exact for the Gaussian-shaped peak that the spectrum's
 * Gaussian weighting gives). Slices are mean-subtracted, optionally replaced by their Sobel
 * gradient magnitude, Hann-windowed and zero-padded to powers of two; two real slices share one
 * complex FFT. Shifted slices are resampled bilinearly; pixels whose source lies outside the slice
 * are NaN (never wrapped), or the stack is cropped to the area every slice covers.
 *
 * <p>Shift convention: slice e shows the reference's content displaced by (dx, dy) px, i.e.
 * {@code slice(x + dx, y + dy) ≈ reference(x, y)}, and the aligned slice is sampled there.
 */
public final class Alignment {

	/** Standard deviation (px) of the Gaussian that the correlation peak is given. */
	static final double PEAK_SIGMA = 1.0;

	/** Shifts of each slice and the aligned stack. */
	public static final class Result {
		public final SpectralStack aligned;
		/** Shift of each slice (px) and the normalised correlation peak height (1 = identical up to the shift). */
		public final double[] dx, dy, peak;
		/** Reference slice, 0-based. */
		public final int reference;
		/** Top-left corner of the aligned image in the original pixel grid (0, 0 unless cropped). */
		public final int cropX, cropY;

		Result(SpectralStack aligned, double[] dx, double[] dy, double[] peak, int reference, int cropX, int cropY) {
			this.aligned = aligned;
			this.dx = dx;
			this.dy = dy;
			this.peak = peak;
			this.reference = reference;
			this.cropX = cropX;
			this.cropY = cropY;
		}
	}

	/** Measured shifts: dx, dy, peak per slice. */
	public static final class Shifts {
		public final double[] dx, dy, peak;

		Shifts(int n) {
			dx = new double[n];
			dy = new double[n];
			peak = new double[n];
		}
	}

	private Alignment() {}

	/**
	 * Aligns {@code stack}. {@code reference}: 0-based slice, or -1 for the slice nearest (least
	 * squares) to the stack's mean image.
	 */
	public static Result align(SpectralStack stack, int reference, boolean edgeFilter, int maxShift, boolean crop, Progress progress) {
		Progress p = progress == null ? Progress.NONE : progress;
		int ref = reference < 0 ? nearestToMean(stack, p) : reference;
		if (ref >= stack.energyCount())
			throw new InvalidInputException("reference: slice " + (ref + 1) + " does not exist; the stack has " + stack.energyCount() + " slices");
		Shifts s = measure(stack, ref, edgeFilter, maxShift, p);
		int[] box = new int[4];
		SpectralStack out = apply(stack, s.dx, s.dy, crop, box, p);
		return new Result(out, s.dx, s.dy, s.peak, ref, box[0], box[1]);
	}

	/** The slice whose image is nearest (sum of squared differences over finite pixels) to the mean image. */
	public static int nearestToMean(SpectralStack stack, Progress progress) {
		int n = stack.energyCount(), np = stack.pixels();
		float[] mean = new float[np];
		Parallel.forRange(np, 1 << 14, progress, "mean image", (from, to) -> {
			for (int i = from; i < to; i++) {
				double sum = 0;
				int c = 0;
				for (int e = 0; e < n; e++) {
					float v = stack.slice(e)[i];
					if (Float.isFinite(v)) {
						sum += v;
						c++;
					}
				}
				mean[i] = c > 0 ? (float) (sum / c) : Float.NaN;
			}
		});
		double[] ssd = new double[n];
		Parallel.forRange(n, 1, progress, "reference slice", (from, to) -> {
			for (int e = from; e < to; e++) {
				float[] s = stack.slice(e);
				double sum = 0;
				for (int i = 0; i < np; i++) {
					double d = s[i] - mean[i];
					if (!Double.isNaN(d)) sum += d * d;
				}
				ssd[e] = sum;
			}
		});
		int best = 0;
		for (int e = 1; e < n; e++)
			if (ssd[e] < ssd[best]) best = e;
		return best;
	}

	/** Measures every slice's shift against slice {@code ref} (0-based). */
	public static Shifts measure(SpectralStack stack, int ref, boolean edgeFilter, int maxShift, Progress progress) {
		int w = stack.width(), h = stack.height(), n = stack.energyCount();
		if (maxShift < 1 || 2 * maxShift >= Math.min(w, h) - 2)
			throw new InvalidInputException("max_shift: " + maxShift + " px must be at least 1 and less than half the " + w + "×" + h
				+ " image (minus a pixel)");
		Plan plan = new Plan(w, h, edgeFilter, maxShift);
		plan.reference(stack.slice(ref));
		Shifts out = new Shifts(n);
		int pairs = (n + 1) / 2;
		Parallel.forBlocks(pairs, 1, progress, "measuring shifts", () -> {
			Plan.Worker wk = plan.new Worker();
			return (from, to) -> {
				for (int q = from; q < to; q++) {
					int a = 2 * q, b = a + 1 < n ? a + 1 : -1;
					wk.correlate(stack.slice(a), b >= 0 ? stack.slice(b) : null);
					wk.peak(true, out, a);
					if (b >= 0) wk.peak(false, out, b);
				}
			};
		});
		out.dx[ref] = 0;
		out.dy[ref] = 0;
		return out;
	}

	/**
	 * Resamples every slice at (x + dx, y + dy) bilinearly; NaN where that lies outside the slice,
	 * or cropped to the common area when {@code crop}. {@code box} (may be null) receives x, y,
	 * width, height of the result in the original grid.
	 */
	public static SpectralStack apply(SpectralStack stack, double[] dx, double[] dy, boolean crop, int[] box, Progress progress) {
		int w = stack.width(), h = stack.height(), n = stack.energyCount();
		int x0 = 0, y0 = 0, x1 = w - 1, y1 = h - 1;
		if (crop) {
			double maxDx = 0, minDx = 0, maxDy = 0, minDy = 0;
			for (int e = 0; e < n; e++) {
				maxDx = Math.max(maxDx, dx[e]);
				minDx = Math.min(minDx, dx[e]);
				maxDy = Math.max(maxDy, dy[e]);
				minDy = Math.min(minDy, dy[e]);
			}
			x0 = (int) Math.ceil(-minDx - 1e-9);
			y0 = (int) Math.ceil(-minDy - 1e-9);
			x1 = (int) Math.floor(w - 1 - maxDx + 1e-9);
			y1 = (int) Math.floor(h - 1 - maxDy + 1e-9);
			if (x1 < x0 || y1 < y0)
				throw new InvalidInputException("crop: the slices share no common area (shifts up to " + Math.max(maxDx, -minDx) + ", "
					+ Math.max(maxDy, -minDy) + " px); align without cropping");
		}
		final int ox = x0, oy = y0, ow = x1 - x0 + 1, oh = y1 - y0 + 1;
		if (box != null) {
			box[0] = ox;
			box[1] = oy;
			if (box.length > 3) {
				box[2] = ow;
				box[3] = oh;
			}
		}
		SpectralStack out = SpectralStack.allocate(ow, oh, stack.energies());
		Parallel.forRange(n, 1, progress, "shifting slices", (from, to) -> {
			for (int e = from; e < to; e++)
				shift(stack.slice(e), w, h, dx[e], dy[e], out.slice(e), ox, oy, ow, oh);
		});
		return out;
	}

	/** out(x, y) = src(ox + x + dx, oy + y + dy), bilinear, NaN outside [0, w−1]×[0, h−1]. */
	static void shift(float[] src, int w, int h, double dx, double dy, float[] out, int ox, int oy, int ow, int oh) {
		for (int y = 0; y < oh; y++) {
			double sy = oy + y + dy;
			int iy = (int) Math.floor(sy);
			double fy = sy - iy;
			if (fy < 1e-9) fy = 0;
			if (fy > 1 - 1e-9) {
				iy++;
				fy = 0;
			}
			boolean rowOut = iy < 0 || iy > h - 1 || (iy == h - 1 && fy > 0);
			int r0 = iy * w, r1 = fy > 0 ? r0 + w : r0;
			for (int x = 0; x < ow; x++) {
				int o = y * ow + x;
				if (rowOut) {
					out[o] = Float.NaN;
					continue;
				}
				double sx = ox + x + dx;
				int ix = (int) Math.floor(sx);
				double fx = sx - ix;
				if (fx < 1e-9) fx = 0;
				if (fx > 1 - 1e-9) {
					ix++;
					fx = 0;
				}
				if (ix < 0 || ix > w - 1 || (ix == w - 1 && fx > 0)) {
					out[o] = Float.NaN;
					continue;
				}
				int jx = fx > 0 ? ix + 1 : ix;
				double top = src[r0 + ix] + fx * (src[r0 + jx] - src[r0 + ix]);
				double bottom = src[r1 + ix] + fx * (src[r1 + jx] - src[r1 + ix]);
				out[o] = (float) (top + fy * (bottom - top));
			}
		}
	}

	/** Sizes, window, the reference's weighted conjugate spectrum; shared read-only by the workers. */
	private static final class Plan {
		final int w, h, W, H, m;
		final boolean edge;
		final Fft fftX, fftY;
		final double[] winX, winY;
		/** conj(F_ref)/|F_ref| × Gaussian weight. */
		double[] qRe, qIm;
		/** Correlation peak height of identical images. */
		double norm;

		Plan(int w, int h, boolean edge, int m) {
			this.w = w;
			this.h = h;
			this.edge = edge;
			this.m = m;
			W = Fft.nextPowerOfTwo(w);
			H = Fft.nextPowerOfTwo(h);
			fftX = new Fft(W);
			fftY = new Fft(H);
			winX = hann(w);
			winY = hann(h);
		}

		static double[] hann(int n) {
			double[] v = new double[n];
			for (int i = 0; i < n; i++)
				v[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / n);
			return v;
		}

		void reference(float[] ref) {
			Worker wk = new Worker();
			wk.load(ref, wk.re);
			java.util.Arrays.fill(wk.im, 0);
			wk.forward();
			qRe = new double[W * H];
			qIm = new double[W * H];
			double sum = 0;
			double c = -2 * Math.PI * Math.PI * PEAK_SIGMA * PEAK_SIGMA;
			for (int ky = 0; ky < H; ky++) {
				double fy = (ky <= H / 2 ? ky : ky - H) / (double) H;
				for (int kx = 0; kx < W; kx++) {
					double fx = (kx <= W / 2 ? kx : kx - W) / (double) W;
					int i = ky * W + kx;
					double mag = Math.sqrt(wk.re[i] * wk.re[i] + wk.im[i] * wk.im[i]);
					if (mag > 1e-300) {
						double g = Math.exp(c * (fx * fx + fy * fy)) / mag;
						qRe[i] = wk.re[i] * g;
						qIm[i] = -wk.im[i] * g;
						sum += g * mag;
					}
				}
			}
			norm = sum;
		}

		/** Per-thread scratch: packed spectrum, cross-power, column buffers. */
		final class Worker {
			static final int BLOCK = 8;
			final double[] re = new double[W * H], im = new double[W * H];
			final double[] yr = new double[W * H], yi = new double[W * H];
			final double[] cRe = new double[BLOCK * H], cIm = new double[BLOCK * H];
			final float[] sobel = edge ? new float[w * h] : null;

			/** Writes the prepared slice (mean-free, optionally Sobel, windowed, zero-padded) into {@code dst}. */
			void load(float[] slice, double[] dst) {
				float[] src = slice;
				if (edge) {
					sobel(slice, sobel);
					src = sobel;
				}
				double sum = 0;
				long c = 0;
				for (float v : src)
					if (Float.isFinite(v)) {
						sum += v;
						c++;
					}
				double mean = c > 0 ? sum / c : 0;
				java.util.Arrays.fill(dst, 0);
				for (int y = 0; y < h; y++) {
					double wy = winY[y];
					for (int x = 0; x < w; x++) {
						float v = src[y * w + x];
						dst[y * W + x] = Float.isFinite(v) ? (v - mean) * wy * winX[x] : 0;
					}
				}
			}

			void sobel(float[] s, float[] out) {
				for (int y = 0; y < h; y++) {
					int ym = Math.max(0, y - 1) * w, yc = y * w, yp = Math.min(h - 1, y + 1) * w;
					for (int x = 0; x < w; x++) {
						int xm = Math.max(0, x - 1), xp = Math.min(w - 1, x + 1);
						double gx = (s[ym + xp] + 2 * s[yc + xp] + s[yp + xp]) - (s[ym + xm] + 2 * s[yc + xm] + s[yp + xm]);
						double gy = (s[yp + xm] + 2 * s[yp + x] + s[yp + xp]) - (s[ym + xm] + 2 * s[ym + x] + s[ym + xp]);
						out[yc + x] = (float) Math.sqrt(gx * gx + gy * gy);
					}
				}
			}

			void forward() {
				for (int y = 0; y < h; y++) // padded rows are zero: their transform is zero
					fftX.transform(re, im, y * W, false);
				columns(re, im, false);
			}

			/** Column transforms of all columns, in blocks so that each cache line is used fully. */
			void columns(double[] r, double[] i, boolean inverse) {
				for (int x0 = 0; x0 < W; x0 += BLOCK) {
					int nb = Math.min(BLOCK, W - x0);
					for (int y = 0; y < H; y++) {
						int row = y * W + x0;
						for (int b = 0; b < nb; b++) {
							cRe[b * H + y] = r[row + b];
							cIm[b * H + y] = i[row + b];
						}
					}
					for (int b = 0; b < nb; b++)
						fftY.transform(cRe, cIm, b * H, inverse);
					for (int y = 0; y < H; y++) {
						int row = y * W + x0;
						for (int b = 0; b < nb; b++) {
							r[row + b] = cRe[b * H + y];
							i[row + b] = cIm[b * H + y];
						}
					}
				}
			}

			/** Correlation surfaces of {@code a} (in yr) and {@code b} (in yi; may be null) with the reference. */
			void correlate(float[] a, float[] b) {
				load(a, re);
				if (b != null) load(b, im);
				else java.util.Arrays.fill(im, 0);
				forward();
				for (int ky = 0; ky < H; ky++) {
					int my = (ky == 0 ? 0 : H - ky) * W;
					for (int kx = 0; kx < W; kx++) {
						int i = ky * W + kx, j = my + (kx == 0 ? 0 : W - kx);
						double zr = re[i], zi = im[i], zr2 = re[j], zi2 = im[j];
						// spectra of the two real slices from the packed transform
						double ar = 0.5 * (zr + zr2), ai = 0.5 * (zi - zi2);
						double br = 0.5 * (zi + zi2), bi = 0.5 * (zr2 - zr);
						double ma = Math.sqrt(ar * ar + ai * ai), mb = Math.sqrt(br * br + bi * bi);
						double qr = qRe[i], qi = qIm[i];
						double rar = 0, rai = 0, rbr = 0, rbi = 0;
						if (ma > 1e-300) {
							rar = (ar * qr - ai * qi) / ma;
							rai = (ar * qi + ai * qr) / ma;
						}
						if (mb > 1e-300) {
							rbr = (br * qr - bi * qi) / mb;
							rbi = (br * qi + bi * qr) / mb;
						}
						yr[i] = rar - rbi;
						yi[i] = rai + rbr;
					}
				}
				columns(yr, yi, true);
				for (int dy = -m - 1; dy <= m + 1; dy++)
					fftX.transform(yr, yi, ((dy + H) % H) * W, true);
			}

			/** Peak of the surface (real part for the first slice, imaginary for the second) within ±m, refined. */
			void peak(boolean first, Shifts out, int slice) {
				double[] c = first ? yr : yi;
				double best = Double.NEGATIVE_INFINITY;
				int bx = 0, by = 0;
				for (int dy = -m; dy <= m; dy++) {
					int row = ((dy + H) % H) * W;
					for (int dx = -m; dx <= m; dx++) {
						double v = c[row + (dx + W) % W];
						if (v > best) {
							best = v;
							bx = dx;
							by = dy;
						}
					}
				}
				int row = ((by + H) % H) * W;
				double fx = refine(c[row + (bx - 1 + W) % W], best, c[row + (bx + 1 + W) % W]);
				double fy = refine(c[((by - 1 + H) % H) * W + (bx + W) % W], best, c[((by + 1 + H) % H) * W + (bx + W) % W]);
				out.dx[slice] = bx + fx;
				out.dy[slice] = by + fy;
				out.peak[slice] = norm > 0 ? best / norm : 0;
			}
		}
	}

	/** Vertex offset of the parabola through (−1, a), (0, b), (1, c), on logarithms when all are positive. */
	static double refine(double a, double b, double c) {
		if (a > 0 && b > 0 && c > 0) {
			a = Math.log(a);
			b = Math.log(b);
			c = Math.log(c);
		}
		double den = a - 2 * b + c;
		if (!(den < 0)) return 0;
		double d = 0.5 * (a - c) / den;
		return Math.max(-0.5, Math.min(0.5, d));
	}
}
