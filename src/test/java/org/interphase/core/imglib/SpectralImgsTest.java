package org.interphase.core.imglib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.interphase.core.decompose.Pca;
import org.interphase.core.spectrum.EdgeFeatures;
import org.interphase.core.spectrum.LinearCombinationFit;
import org.interphase.core.spectrum.Spectrum;
import org.interphase.core.spectrum.XanesNormalization;
import org.interphase.core.stack.OpticalDensity;
import org.interphase.core.stack.SpectralStack;
import org.junit.jupiter.api.Test;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.DoubleArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** The ImgLib2 entry points give exactly what the engines give on the same data, without copying planar input. */
class SpectralImgsTest {

	static final int W = 24, H = 16, NE = 40;

	static double[] energies() {
		double[] e = new double[NE];
		for (int i = 0; i < NE; i++)
			e[i] = 700 + i * 0.5;
		return e;
	}

	static double ref(int r, double e) {
		double e0 = 708 + 2 * r;
		return 1 / (1 + Math.exp(-(e - e0) / 0.8)) + (r + 1) * 0.3 * Math.exp(-0.5 * Math.pow((e - e0 - 1.5) / 1.0, 2));
	}

	/** An OD-like stack: two references mixed by position plus noise, as planes (x, y, E). */
	static PlanarImg<FloatType, FloatArray> odImg() {
		double[] en = energies();
		float[][] planes = new float[NE][W * H];
		SplittableRandom rnd = new SplittableRandom(3);
		for (int e = 0; e < NE; e++)
			for (int p = 0; p < W * H; p++) {
				double a = (p % W) / (double) W, b = (p / W) / (double) H;
				planes[e][p] = (float) (0.2 + a * ref(0, en[e]) + (1 - a) * b * ref(1, en[e]) + 0.002 * (rnd.nextDouble() - 0.5));
			}
		return SpectralImgs.planes(planes, W, H);
	}

	static void assertSameMap(float[] expected, Img<FloatType> actual) {
		Cursor<FloatType> c = Views.flatIterable(actual).cursor();
		for (int i = 0; i < expected.length; i++)
			assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(c.next().get()), "pixel " + i);
	}

	@Test
	void planarFloatInputIsWrappedNotCopied() {
		PlanarImg<FloatType, FloatArray> img = odImg();
		SpectralStack s = SpectralImgs.stack(img, energies());
		assertSame(img.getPlane(7).getCurrentStorageArray(), s.slice(7));
		PlanarImg<FloatType, FloatArray> back = SpectralImgs.img(s);
		assertSame(s.slice(3), back.getPlane(3).getCurrentStorageArray());
	}

	@Test
	void otherLayoutsAndTypesAreCopiedInTheRightOrder() {
		PlanarImg<FloatType, FloatArray> planar = odImg();
		SpectralStack ref = SpectralImgs.stack(planar, energies());
		// the same data as doubles, energy first: (E, x, y)
		ArrayImg<DoubleType, DoubleArray> eFirst = ArrayImgs.doubles(NE, W, H);
		RandomAccess<DoubleType> ra = eFirst.randomAccess();
		for (int e = 0; e < NE; e++)
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++) {
					ra.setPosition(new long[] { e, x, y });
					ra.get().set(ref.slice(e)[y * W + x]);
				}
		SpectralStack s = SpectralImgs.stack(eFirst, energies(), 0);
		assertEquals(W, s.width());
		assertEquals(H, s.height());
		for (int e = 0; e < NE; e++)
			assertArrayEquals(ref.slice(e), s.slice(e), 0f, "slice " + e);
		// energy in the middle (x, E, y), through a view
		RandomAccessibleInterval<FloatType> middle = Views.permute(planar, 1, 2);
		SpectralStack m = SpectralImgs.stack(middle, energies(), 1);
		for (int e = 0; e < NE; e++)
			assertArrayEquals(ref.slice(e), m.slice(e), 0f, "slice " + e);
	}

	@Test
	void badShapesAreOneLineErrors() {
		InvalidInputException ex = assertThrows(InvalidInputException.class, () -> SpectralImgs.stack(odImg(), new double[3]));
		assertTrue(ex.getMessage().startsWith("energies: 3 values for 40 positions"), ex.getMessage());
		ex = assertThrows(InvalidInputException.class, () -> SpectralImgs.stack(ArrayImgs.floats(4, 4), new double[4]));
		assertTrue(ex.getMessage().contains("3 axes"), ex.getMessage());
	}

	@Test
	void opticalDensityEqualsTheEngine() {
		PlanarImg<FloatType, FloatArray> t = odImg(); // used as a transmission stack here
		double[] i0 = new double[NE];
		java.util.Arrays.fill(i0, 2.0);
		PlanarImg<FloatType, FloatArray> od = SpectralImgs.opticalDensity(t, energies(), i0);
		SpectralStack direct = OpticalDensity.compute(SpectralImgs.stack(odImg(), energies()), i0, 1, Progress.NONE).od;
		for (int e = 0; e < NE; e++)
			assertArrayEquals(direct.slice(e), od.getPlane(e).getCurrentStorageArray(), 0f);
	}

	@Test
	void normalizationFeaturesFitAndPcaEqualTheEngines() {
		double[] en = energies();
		SpectralStack direct = SpectralImgs.stack(odImg(), en);
		XanesNormalization.Options no = new XanesNormalization.Options();
		Map<String, Img<FloatType>> norm = SpectralImgs.normalizeXanes(odImg(), en, no);
		XanesNormalization.Result nr = XanesNormalization.normalize(direct, no, Progress.NONE);
		assertSameMap(nr.e0, norm.get("e0_map"));
		assertSameMap(nr.edgeStep, norm.get("edge_step_map"));
		assertSameMap(nr.valid, norm.get("valid_mask"));
		assertTrue(nr.validPixels > W * H / 2, "the phantom normalizes: " + nr.validPixels);

		EdgeFeatures.Options fo = new EdgeFeatures.Options();
		fo.whiteLineMin = 707;
		fo.whiteLineMax = 716;
		Map<String, Img<FloatType>> feat = SpectralImgs.featureMaps(odImg(), en, fo);
		EdgeFeatures.Result fr = EdgeFeatures.compute(direct, fo, Progress.NONE);
		for (int i = 0; i < fr.labels.length; i++)
			assertSameMap(fr.maps[i], feat.get(fr.labels[i]));

		List<Spectrum> refs = List.of(new Spectrum("a", en, java.util.Arrays.stream(en).map(e -> ref(0, e)).toArray()),
			new Spectrum("b", en, java.util.Arrays.stream(en).map(e -> ref(1, e)).toArray()));
		LinearCombinationFit.Options lo = new LinearCombinationFit.Options();
		lo.constant = true;
		Map<String, Img<FloatType>> fit = SpectralImgs.linearCombinationFit(odImg(), en, refs, lo);
		LinearCombinationFit.Result lr = LinearCombinationFit.fit(direct, refs, lo, Progress.NONE);
		assertSameMap(lr.weights[0], fit.get("a"));
		assertSameMap(lr.weights[1], fit.get("b"));
		assertSameMap(lr.rFactor, fit.get("r_factor"));
		// the phantom's weight of "a" is x/W: the fit through ImgLib2 finds it
		float[] a = lr.weights[0];
		assertEquals(10.0 / W, a[3 * W + 10], 0.02);

		PlanarImg<FloatType, FloatArray> eig = SpectralImgs.eigenimages(odImg(), en, 3);
		float[][] de = Pca.eigenimages(direct, Pca.compute(direct, false, Progress.NONE), 3, Progress.NONE);
		for (int c = 0; c < 3; c++)
			assertArrayEquals(de[c], eig.getPlane(c).getCurrentStorageArray(), 0f);
	}
}
