package org.interphase.core.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.junit.jupiter.api.Test;

class AlignmentTest {

	/** Gaussian blobs (positions, widths, heights) rendered analytically, so shifted copies are exact. */
	static final class Texture {
		final double[] bx, by, bs, ba;

		Texture(long seed, int blobs, int w, int h) {
			SplittableRandom r = new SplittableRandom(seed);
			bx = new double[blobs];
			by = new double[blobs];
			bs = new double[blobs];
			ba = new double[blobs];
			for (int i = 0; i < blobs; i++) {
				bx[i] = -10 + r.nextDouble() * (w + 20);
				by[i] = -10 + r.nextDouble() * (h + 20);
				bs[i] = 1.5 + r.nextDouble() * 4;
				ba[i] = 50 + r.nextDouble() * 100;
			}
		}

		/** The texture displaced by (dx, dy): value at (x, y) = T(x − dx, y − dy), plus contrast scale and noise. */
		float[] render(int w, int h, double dx, double dy, double contrast, double noise, SplittableRandom rnd) {
			float[] out = new float[w * h];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double v = 100;
					for (int i = 0; i < bx.length; i++) {
						double ex = x - dx - bx[i], ey = y - dy - by[i];
						double d2 = (ex * ex + ey * ey) / (2 * bs[i] * bs[i]);
						if (d2 < 30) v += ba[i] * Math.exp(-d2);
					}
					double g = Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
					out[y * w + x] = (float) (contrast * v + noise * g);
				}
			return out;
		}
	}

	static final double[] DX = { 0, 2.3, -1.6, 0.45, -3.75, 1.1, 4.2, -0.3 };
	static final double[] DY = { 0, -1.2, 2.7, 3.35, -0.55, -2.9, 0.8, 1.6 };

	static SpectralStack shiftedStack(int w, int h, double noise, boolean invert) {
		Texture t = new Texture(42, 260, w, h);
		SplittableRandom rnd = new SplittableRandom(7);
		double[] en = new double[DX.length];
		float[][] slices = new float[DX.length][];
		for (int e = 0; e < DX.length; e++) {
			en[e] = 700 + e;
			double contrast = invert && e % 2 == 1 ? -1 : 1;
			slices[e] = t.render(w, h, DX[e], DY[e], contrast, noise, rnd);
			if (contrast < 0) for (int p = 0; p < slices[e].length; p++) slices[e][p] += 600;
		}
		return new SpectralStack(w, h, en, slices);
	}

	@Test
	void recoversSubPixelShiftsWithNoiseWithinATenthOfAPixel() {
		SpectralStack s = shiftedStack(128, 96, 3, false); // blob heights 50–150 over noise SD 3
		Alignment.Shifts sh = Alignment.measure(s, 0, false, 12, Progress.NONE);
		for (int e = 0; e < DX.length; e++) {
			assertEquals(DX[e], sh.dx[e], 0.1, "dx of slice " + e);
			assertEquals(DY[e], sh.dy[e], 0.1, "dy of slice " + e);
			assertTrue(sh.peak[e] > 0.2 && sh.peak[e] <= 1.0001, "peak " + sh.peak[e]);
		}
	}

	@Test
	void edgeFilterAlignsSlicesWhoseContrastInverts() {
		SpectralStack s = shiftedStack(128, 128, 2, true);
		Alignment.Shifts sh = Alignment.measure(s, 0, true, 12, Progress.NONE);
		for (int e = 0; e < DX.length; e++) {
			assertEquals(DX[e], sh.dx[e], 0.15, "dx of slice " + e);
			assertEquals(DY[e], sh.dy[e], 0.15, "dy of slice " + e);
		}
	}

	@Test
	void alignedSlicesMatchTheReferenceAndTheBorderIsNaNNotWrapped() {
		int w = 96, h = 80;
		SpectralStack s = shiftedStack(w, h, 0, false);
		Alignment.Result r = Alignment.align(s, 0, false, 10, false, Progress.NONE);
		assertEquals(w, r.aligned.width());
		assertEquals(h, r.aligned.height());
		// slice 4 has dx = −3.75: aligned(x) samples slice(x − 3.75), outside for x < 3.75 → NaN (never wrapped)
		float[] a4 = r.aligned.slice(4);
		for (int y = 10; y < h - 10; y++) {
			for (int x = 0; x <= 3; x++)
				assertTrue(Float.isNaN(a4[y * w + x]), "x=" + x + " must be NaN");
			assertFalse(Float.isNaN(a4[y * w + 4]));
		}
		// slice 6 has dx = +4.2: the right border x > w−1−4.2 is NaN
		float[] a6 = r.aligned.slice(6);
		assertTrue(Float.isNaN(a6[40 * w + w - 1]) && Float.isNaN(a6[40 * w + w - 4]) && !Float.isNaN(a6[40 * w + w - 6]));
		// interior matches the reference (bilinear interpolation of a smooth texture: small error)
		float[] ref = s.slice(0);
		double err = 0, range = 0;
		int n = 0;
		for (int y = 10; y < h - 10; y++)
			for (int x = 10; x < w - 10; x++) {
				err += Math.abs(r.aligned.slice(2)[y * w + x] - ref[y * w + x]);
				range += Math.abs(ref[y * w + x] - 100);
				n++;
			}
		assertTrue(err / n < 0.05 * range / n, "mean error " + err / n + " vs mean contrast " + range / n);
	}

	@Test
	void cropKeepsExactlyTheCommonArea() {
		int w = 96, h = 80;
		SpectralStack s = shiftedStack(w, h, 1, false);
		Alignment.Result r = Alignment.align(s, 0, false, 10, true, Progress.NONE);
		// common area from the true shifts: max dx 4.2, min dx −3.75, max dy 3.35, min dy −2.9
		int x0 = 4, x1 = (int) Math.floor(w - 1 - 4.2), y0 = 3, y1 = (int) Math.floor(h - 1 - 3.35);
		assertEquals(x1 - x0 + 1, r.aligned.width());
		assertEquals(y1 - y0 + 1, r.aligned.height());
		assertEquals(x0, r.cropX);
		assertEquals(y0, r.cropY);
		for (int e = 0; e < s.energyCount(); e++)
			for (float v : r.aligned.slice(e))
				assertFalse(Float.isNaN(v), "cropped stack has no NaN");
	}

	@Test
	void autoReferenceIsTheSliceNearestTheMean() {
		float[][] sl = new float[3][16];
		for (int p = 0; p < 16; p++) {
			sl[0][p] = 0;
			sl[1][p] = 4;
			sl[2][p] = 11;
		}
		assertEquals(1, Alignment.nearestToMean(new SpectralStack(4, 4, new double[] { 1, 2, 3 }, sl), Progress.NONE));
	}

	@Test
	void integerShiftIsExactAndMaxShiftIsChecked() {
		float[] src = new float[20 * 10], out = new float[20 * 10];
		for (int i = 0; i < src.length; i++)
			src[i] = i;
		Alignment.shift(src, 20, 10, 2, -1, out, 0, 0, 20, 10);
		assertEquals(src[0 * 20 + 5], out[1 * 20 + 3]);
		assertTrue(Float.isNaN(out[0]) && Float.isNaN(out[1 * 20 + 18]));
		SpectralStack s = shiftedStack(32, 32, 0, false);
		assertThrows(InvalidInputException.class, () -> Alignment.measure(s, 0, false, 16, Progress.NONE));
	}

	@Test
	void parabolicRefinementIsExactOnAGaussianPeak() {
		double d = 0.3;
		double a = Math.exp(-(-1 - d) * (-1 - d) / 2), b = Math.exp(-d * d / 2), c = Math.exp(-(1 - d) * (1 - d) / 2);
		assertEquals(d, Alignment.refine(a, b, c), 1e-12);
	}
}
