package org.interphase.core.imglib;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.interphase.core.decompose.Pca;
import org.interphase.core.spectrum.EdgeFeatures;
import org.interphase.core.spectrum.LinearCombinationFit;
import org.interphase.core.spectrum.Spectrum;
import org.interphase.core.spectrum.XanesNormalization;
import org.interphase.core.stack.OpticalDensity;
import org.interphase.core.stack.SpectralStack;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;
import net.imglib2.view.Views;

/**
 * ImgLib2 entry points of the per-pixel engines, for Fiji scripts and for code that holds its data
 * as ImgLib2 images. A spectral image has three axes, x, y and energy (the energy axis is stated;
 * by default the last). The engines are the ones the commands use; this class only converts:
 * a 32-bit {@link PlanarImg} with energy as the last axis (what ImageJ stacks are, one plane per
 * slice) is wrapped without copying, any other interval (other types, views, another axis order)
 * is copied into float planes once. Results come back as images over the engines' own arrays
 * (no copy), keyed by the output names the commands use (e.g. {@code e0_map}).
 */
public final class SpectralImgs {

	private SpectralImgs() {}

	/** The spectral stack of {@code img} with energies along {@code energyAxis} (0, 1 or 2). */
	public static SpectralStack stack(RandomAccessibleInterval<? extends RealType<?>> img, double[] energies, int energyAxis) {
		if (img.numDimensions() != 3)
			throw new InvalidInputException("image: a spectral image has 3 axes (x, y, energy), this one has " + img.numDimensions());
		if (energyAxis < 0 || energyAxis > 2) throw new InvalidInputException("energy axis: must be 0, 1 or 2, got " + energyAxis);
		if (energies == null || energies.length != img.dimension(energyAxis))
			throw new InvalidInputException("energies: " + (energies == null ? 0 : energies.length) + " values for " + img.dimension(energyAxis)
				+ " positions along the energy axis");
		int[] xy = energyAxis == 0 ? new int[] { 1, 2 } : energyAxis == 1 ? new int[] { 0, 2 } : new int[] { 0, 1 };
		long w = img.dimension(xy[0]), h = img.dimension(xy[1]);
		if (w * h > Integer.MAX_VALUE) throw new InvalidInputException("image: " + w + "×" + h + " pixels per energy is more than one plane can hold");
		float[][] planes = planesWithoutCopy(img, energyAxis);
		if (planes == null) {
			planes = new float[energies.length][(int) (w * h)];
			Cursor<? extends RealType<?>> c = Views.flatIterable(xyE(img, energyAxis)).cursor();
			int plane = (int) (w * h);
			for (int i = 0; c.hasNext(); i++)
				planes[i / plane][i % plane] = c.next().getRealFloat();
		}
		return new SpectralStack((int) w, (int) h, energies.clone(), planes);
	}

	/** The image with its axes in the order (x, y, energy), origin at 0 (a view). */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static RandomAccessibleInterval<? extends RealType<?>> xyE(RandomAccessibleInterval<? extends RealType<?>> img, int energyAxis) {
		RandomAccessibleInterval raw = img;
		if (energyAxis != 2) raw = Views.permute(raw, energyAxis, 2);
		if (energyAxis == 0) raw = Views.permute(raw, 0, 1); // (y, x, E) after the first swap
		return Views.zeroMin(raw);
	}

	/** Same with energy as the last axis. */
	public static SpectralStack stack(RandomAccessibleInterval<? extends RealType<?>> img, double[] energies) {
		return stack(img, energies, 2);
	}

	/** The float planes of a 32-bit PlanarImg (x, y, energy), or null when the image is anything else. */
	private static float[][] planesWithoutCopy(RandomAccessibleInterval<?> img, int energyAxis) {
		if (energyAxis != 2 || !(img instanceof PlanarImg)) return null;
		PlanarImg<?, ?> p = (PlanarImg<?, ?>) img;
		if (p.numSlices() != img.dimension(2) || !(p.getPlane(0) instanceof FloatArray)) return null;
		float[][] planes = new float[p.numSlices()][];
		for (int i = 0; i < planes.length; i++)
			planes[i] = ((FloatArray) p.getPlane(i)).getCurrentStorageArray();
		return planes;
	}

	/** A stack as a 32-bit PlanarImg (x, y, energy) over its own planes (no copy). */
	public static PlanarImg<FloatType, FloatArray> img(SpectralStack s) {
		return planes(s.slices(), s.width(), s.height());
	}

	/** Planes of equal size as a PlanarImg (x, y, plane), no copy. */
	public static PlanarImg<FloatType, FloatArray> planes(float[][] planes, int width, int height) {
		List<FloatArray> list = new ArrayList<>();
		for (float[] p : planes)
			list.add(new FloatArray(p));
		PlanarImg<FloatType, FloatArray> img = new PlanarImg<>(list, new long[] { width, height, planes.length }, new Fraction());
		img.setLinkedType(new FloatType(img));
		return img;
	}

	/** One map as a 2-D image over its array (no copy). */
	public static Img<FloatType> map(float[] values, int width, int height) {
		return ArrayImgs.floats(values, width, height);
	}

	/** Optical density, OD = −ln(I/I0) (see {@link OpticalDensity#compute}): the output {@code od}. */
	public static PlanarImg<FloatType, FloatArray> opticalDensity(RandomAccessibleInterval<? extends RealType<?>> transmission, double[] energies,
		double[] i0) {
		return img(OpticalDensity.compute(stack(transmission, energies), i0, 1, Progress.NONE).od);
	}

	/** Per-pixel XANES normalization: outputs normalized, e0_map, edge_step_map, noise_map, valid_mask. */
	public static Map<String, Img<FloatType>> normalizeXanes(RandomAccessibleInterval<? extends RealType<?>> od, double[] energies,
		XanesNormalization.Options options) {
		SpectralStack s = stack(od, energies);
		XanesNormalization.Result r = XanesNormalization.normalize(s, options, Progress.NONE);
		Map<String, Img<FloatType>> out = new LinkedHashMap<>();
		out.put("normalized", img(r.normalized));
		out.put("e0_map", map(r.e0, s.width(), s.height()));
		out.put("edge_step_map", map(r.edgeStep, s.width(), s.height()));
		out.put("noise_map", map(r.noise, s.width(), s.height()));
		out.put("valid_mask", map(r.valid, s.width(), s.height()));
		return out;
	}

	/** XANES feature maps, one map per feature label (white_line_energy_eV, …). */
	public static Map<String, Img<FloatType>> featureMaps(RandomAccessibleInterval<? extends RealType<?>> normalized, double[] energies,
		EdgeFeatures.Options options) {
		SpectralStack s = stack(normalized, energies);
		EdgeFeatures.Result r = EdgeFeatures.compute(s, options, Progress.NONE);
		Map<String, Img<FloatType>> out = new LinkedHashMap<>();
		for (int i = 0; i < r.labels.length; i++)
			out.put(r.labels[i], map(r.maps[i], s.width(), s.height()));
		return out;
	}

	/** Linear combination fit: one weight map per reference name, then r_factor, chi_square, residual_rms. */
	public static Map<String, Img<FloatType>> linearCombinationFit(RandomAccessibleInterval<? extends RealType<?>> stack, double[] energies,
		List<Spectrum> references, LinearCombinationFit.Options options) {
		SpectralStack s = stack(stack, energies);
		LinearCombinationFit.Result r = LinearCombinationFit.fit(s, references, options, Progress.NONE);
		Map<String, Img<FloatType>> out = new LinkedHashMap<>();
		for (int i = 0; i < r.names.length; i++)
			out.put(r.names[i], map(r.weights[i], s.width(), s.height()));
		out.put("r_factor", map(r.rFactor, s.width(), s.height()));
		out.put("chi_square", map(r.chiSquare, s.width(), s.height()));
		out.put("residual_rms", map(r.residualRms, s.width(), s.height()));
		return out;
	}

	/** PCA (MANTiS convention, not centred) and the first {@code k} eigenimages as planes (x, y, component). */
	public static PlanarImg<FloatType, FloatArray> eigenimages(RandomAccessibleInterval<? extends RealType<?>> od, double[] energies, int k) {
		SpectralStack s = stack(od, energies);
		Pca.Result r = Pca.compute(s, false, Progress.NONE);
		return planes(Pca.eigenimages(s, r, k, Progress.NONE), s.width(), s.height());
	}
}
