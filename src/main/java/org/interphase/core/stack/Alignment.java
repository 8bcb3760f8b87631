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

	/** Standard deviation of the Gaussian correlation peak, in steps of the 2-px correlation grid. */
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

	/** The largest {@code maxShift} a w×h stack allows: half the smaller side less 4 px. */
	public static int maxShiftLimit(int w, int h) {
		return Math.min(w, h) / 2 - 4;
	}

	/** Measures every slice's shift against slice {@code ref} (0-based). */
	public static Shifts measure(SpectralStack stack, int ref, boolean edgeFilter, int maxShift, Progress progress) {
		int w = stack.width(), h = stack.height(), n = stack.energyCount();
		if (maxShift < 1 || maxShift > maxShiftLimit(w, h))
			throw new InvalidInputException("max_shift: " + maxShift + " px must be between 1 and " + maxShiftLimit(w, h) + " for a " + w + "×" + h
				+ " image (half its size less 4 px)");
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

	/**
	 * out(x, y) = src(ox + x + dx, oy + y + dy), bilinear, NaN outside [0, w−1]×[0, h−1]. The shift
	 * is the same for the whole slice, so the weights and the valid range are computed once.
	 */
	static void shift(float[] src, int w, int h, double dx, double dy, float[] out, int ox, int oy, int ow, int oh) {
		int ix = (int) Math.floor(dx), iy = (int) Math.floor(dy);
		double fx = dx - ix, fy = dy - iy;
		if (fx < 1e-9) fx = 0;
		if (fx > 1 - 1e-9) {
			ix++;
			fx = 0;
		}
		if (fy < 1e-9) fy = 0;
		if (fy > 1 - 1e-9) {
			iy++;
			fy = 0;
		}
		int jx = fx > 0 ? 1 : 0, jy = fy > 0 ? 1 : 0;
		// output x is valid when 0 ≤ ox + x + ix and ox + x + ix + jx ≤ w − 1
		int xLo = Math.max(0, -(ox + ix)), xHi = Math.min(ow - 1, w - 1 - jx - (ox + ix));
		int yLo = Math.max(0, -(oy + iy)), yHi = Math.min(oh - 1, h - 1 - jy - (oy + iy));
		float w00 = (float) ((1 - fx) * (1 - fy)), w10 = (float) (fx * (1 - fy)), w01 = (float) ((1 - fx) * fy), w11 = (float) (fx * fy);
		for (int y = 0; y < oh; y++) {
			int o = y * ow;
			if (y < yLo || y > yHi || xLo > xHi) {
				java.util.Arrays.fill(out, o, o + ow, Float.NaN);
				continue;
			}
			java.util.Arrays.fill(out, o, o + xLo, Float.NaN);
			java.util.Arrays.fill(out, o + xHi + 1, o + ow, Float.NaN);
			int r0 = (oy + y + iy) * w + ox + ix, r1 = r0 + jy * w;
			if (jx == 0 && jy == 0) {
				System.arraycopy(src, r0 + xLo, out, o + xLo, xHi - xLo + 1);
				continue;
			}
			for (int x = xLo; x <= xHi; x++)
				out[o + x] = w00 * src[r0 + x] + w10 * src[r0 + x + jx] + w01 * src[r1 + x] + w11 * src[r1 + x + jx];
		}
	}

	/**
	 * Sizes, window, the reference's weighted conjugate spectrum; shared read-only by the workers.
	 * The Gaussian weight (σ = {@value #PEAK_SIGMA} px) leaves nothing above a quarter of the
	 * sampling frequency (weight &lt; 0.01), so only that central half of the spectrum in each
	 * direction is kept and the correlation surface is computed on a grid of 2-px steps, where its
	 * peak is a Gaussian of σ = 1 step: half the column transforms, a quarter of the cross-power work
	 * and a small inverse transform.
	 */
	private static final class Plan {
		final int w, h, W, H, Wc, Hc, m, mc;
		final boolean edge;
		final Fft fftX, fftY, fftXc, fftYc;
		final double[] winX, winY;
		/** Full-spectrum column / row of each kept (coarse) frequency. */
		final int[] colSel, rowSel;
		/** conj(F_ref)/|F_ref| × Gaussian weight on the kept frequencies. */
		double[] qRe, qIm;
		/** Correlation peak height of identical images. */
		double norm;

		Plan(int w, int h, boolean edge, int m) {
			this.w = w;
			this.h = h;
			this.edge = edge;
			this.m = m;
			W = Math.max(8, Fft.nextPowerOfTwo(w));
			H = Math.max(8, Fft.nextPowerOfTwo(h));
			Wc = W / 2;
			Hc = H / 2;
			mc = (m + 1) / 2;
			fftX = new Fft(W);
			fftY = new Fft(H);
			fftXc = new Fft(Wc);
			fftYc = new Fft(Hc);
			winX = hann(w);
			winY = hann(h);
			colSel = select(Wc, W);
			rowSel = select(Hc, H);
		}

		static int[] select(int nc, int n) {
			int[] sel = new int[nc];
			for (int k = 0; k < nc; k++) {
				int f = k < nc / 2 ? k : k - nc;
				sel[k] = f >= 0 ? f : n + f;
			}
			return sel;
		}

		static double[] hann(int n) {
			double[] v = new double[n];
			for (int i = 0; i < n; i++)
				v[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / n);
			return v;
		}

		void reference(float[] ref) {
			Worker wk = new Worker();
			wk.forward(ref, null);
			qRe = new double[Wc * Hc];
			qIm = new double[Wc * Hc];
			double sum = 0;
			double c = -2 * Math.PI * Math.PI * PEAK_SIGMA * PEAK_SIGMA * 4; // σ = 2 px of the full grid
			for (int ky = 0; ky < Hc; ky++) {
				if (ky == Hc / 2) continue; // unpaired Nyquist row of the kept band: weight < 0.01, left out
				double fy = (ky < Hc / 2 ? ky : ky - Hc) / (double) H;
				for (int kx = 0; kx < Wc; kx++) {
					if (kx == Wc / 2) continue;
					double fx = (kx < Wc / 2 ? kx : kx - Wc) / (double) W;
					int i = ky * Wc + kx;
					double zr = wk.zr[i], zi = wk.zi[i];
					double mag = Math.sqrt(zr * zr + zi * zi);
					if (mag > 1e-300) {
						double g = Math.exp(c * (fx * fx + fy * fy));
						qRe[i] = zr * g / mag;
						qIm[i] = -zi * g / mag;
						sum += g;
					}
				}
			}
			norm = sum;
		}

		/** Per-thread scratch: one row, the row transforms' kept columns, kept spectrum, cross-power, column buffers. */
		final class Worker {
			static final int BLOCK = 8;
			final double[] rowRe = new double[W], rowIm = new double[W];
			final double[] hr = new double[H * Wc], hi = new double[H * Wc];
			final double[] zr = new double[Wc * Hc], zi = new double[Wc * Hc];
			final double[] yr = new double[Wc * Hc], yi = new double[Wc * Hc];
			final double[] cRe = new double[BLOCK * H], cIm = new double[BLOCK * H];
			final float[] sobelA = edge ? new float[w * h] : null, sobelB = edge ? new float[w * h] : null;

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

			private double mean(float[] src) {
				double sum = 0;
				long c = 0;
				for (float v : src)
					if (Float.isFinite(v)) {
						sum += v;
						c++;
					}
				return c > 0 ? sum / c : 0;
			}

			/**
			 * Forward transform of a + i·b (b may be null), each prepared (optionally Sobel, mean-free,
			 * Hann-windowed, zero-padded); the kept band goes to zr, zi. Rows are transformed one at a
			 * time and only their kept columns stored; padded rows stay zero.
			 */
			void forward(float[] a, float[] b) {
				float[] sa = a, sb = b;
				if (edge) {
					sobel(a, sobelA);
					sa = sobelA;
					if (b != null) {
						sobel(b, sobelB);
						sb = sobelB;
					}
				}
				double ma = mean(sa), mb = sb == null ? 0 : mean(sb);
				for (int y = 0; y < h; y++) {
					double wy = winY[y];
					int r = y * w;
					for (int x = 0; x < w; x++) {
						double wxy = wy * winX[x];
						float va = sa[r + x];
						rowRe[x] = Float.isFinite(va) ? (va - ma) * wxy : 0;
						if (sb != null) {
							float vb = sb[r + x];
							rowIm[x] = Float.isFinite(vb) ? (vb - mb) * wxy : 0;
						} else {
							rowIm[x] = 0;
						}
					}
					for (int x = w; x < W; x++) {
						rowRe[x] = 0;
						rowIm[x] = 0;
					}
					fftX.transform(rowRe, rowIm, 0, false);
					int o = y * Wc;
					for (int c = 0; c < Wc; c++) {
						hr[o + c] = rowRe[colSel[c]];
						hi[o + c] = rowIm[colSel[c]];
					}
				}
				for (int c0 = 0; c0 < Wc; c0 += BLOCK) {
					int nb = Math.min(BLOCK, Wc - c0);
					for (int y = 0; y < H; y++) {
						int row = y * Wc + c0;
						for (int k = 0; k < nb; k++) {
							cRe[k * H + y] = hr[row + k];
							cIm[k * H + y] = hi[row + k];
						}
					}
					for (int k = 0; k < nb; k++)
						fftY.transform(cRe, cIm, k * H, false);
					for (int ky = 0; ky < Hc; ky++) {
						int src = rowSel[ky], dst = ky * Wc + c0;
						for (int k = 0; k < nb; k++) {
							zr[dst + k] = cRe[k * H + src];
							zi[dst + k] = cIm[k * H + src];
						}
					}
				}
			}

			/** Inverse column transforms of the coarse arrays, in blocks. */
			void inverseColumns(double[] r, double[] i) {
				for (int x0 = 0; x0 < Wc; x0 += BLOCK) {
					int nb = Math.min(BLOCK, Wc - x0);
					for (int y = 0; y < Hc; y++) {
						int row = y * Wc + x0;
						for (int b = 0; b < nb; b++) {
							cRe[b * Hc + y] = r[row + b];
							cIm[b * Hc + y] = i[row + b];
						}
					}
					for (int b = 0; b < nb; b++)
						fftYc.transform(cRe, cIm, b * Hc, true);
					for (int y = 0; y < Hc; y++) {
						int row = y * Wc + x0;
						for (int b = 0; b < nb; b++) {
							r[row + b] = cRe[b * Hc + y];
							i[row + b] = cIm[b * Hc + y];
						}
					}
				}
			}

			/** Correlation surfaces of {@code a} (in yr) and {@code b} (in yi; may be null) with the reference. */
			void correlate(float[] a, float[] b) {
				forward(a, b);
				for (int ky = 0; ky < Hc; ky++) {
					int my = (ky == 0 ? 0 : Hc - ky) * Wc;
					for (int kx = 0; kx < Wc; kx++) {
						int i = ky * Wc + kx, j = my + (kx == 0 ? 0 : Wc - kx);
						double qr = qRe[i], qi = qIm[i];
						if (qr == 0 && qi == 0) {
							yr[i] = 0;
							yi[i] = 0;
							continue;
						}
						double zr0 = zr[i], zi0 = zi[i], zr2 = zr[j], zi2 = zi[j];
						// spectra of the two real slices from the packed transform
						double ar = 0.5 * (zr0 + zr2), ai = 0.5 * (zi0 - zi2);
						double br = 0.5 * (zi0 + zi2), bi = 0.5 * (zr2 - zr0);
						double ma = Math.sqrt(ar * ar + ai * ai), mb = Math.sqrt(br * br + bi * bi);
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
				inverseColumns(yr, yi);
				for (int dy = -mc - 1; dy <= mc + 1; dy++)
					fftXc.transform(yr, yi, ((dy + Hc) % Hc) * Wc, true);
			}

			/** Peak of the surface (real part for the first slice, imaginary for the second) within ±mc steps, refined. */
			void peak(boolean first, Shifts out, int slice) {
				double[] c = first ? yr : yi;
				double best = Double.NEGATIVE_INFINITY;
				int bx = 0, by = 0;
				for (int dy = -mc; dy <= mc; dy++) {
					int row = ((dy + Hc) % Hc) * Wc;
					for (int dx = -mc; dx <= mc; dx++) {
						double v = c[row + (dx + Wc) % Wc];
						if (v > best) {
							best = v;
							bx = dx;
							by = dy;
						}
					}
				}
				int row = ((by + Hc) % Hc) * Wc;
				double fx = refine(c[row + (bx - 1 + Wc) % Wc], best, c[row + (bx + 1 + Wc) % Wc]);
				double fy = refine(c[((by - 1 + Hc) % Hc) * Wc + (bx + Wc) % Wc], best, c[((by + 1 + Hc) % Hc) * Wc + (bx + Wc) % Wc]);
				out.dx[slice] = 2 * (bx + fx);
				out.dy[slice] = 2 * (by + fy);
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
