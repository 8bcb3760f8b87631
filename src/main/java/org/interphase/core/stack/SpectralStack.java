package org.interphase.core.stack;

import java.util.Arrays;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;

/**
 * An image stack with one slice per photon energy. Slices are kept energy-major as ImageJ keeps
 * them ({@code slices[e][y * width + x]}), so an ImageJ float stack is wrapped without a copy.
 * Energies are explicit and need not be evenly spaced; they must be strictly increasing.
 * Instances are read-only by convention: operations return new stacks.
 */
public final class SpectralStack {

	private final int width;
	private final int height;
	private final double[] energies;
	private final float[][] slices;

	public SpectralStack(int width, int height, double[] energies, float[][] slices) {
		if (width <= 0 || height <= 0)
			throw new InvalidInputException("stack size must be positive, got " + width + "×" + height);
		if (energies == null || energies.length == 0)
			throw new InvalidInputException("stack has no energies");
		if (slices.length != energies.length)
			throw new InvalidInputException("stack has " + slices.length + " slices but " + energies.length + " energies");
		checkIncreasing(energies, "stack energies");
		for (int e = 0; e < slices.length; e++) {
			if (slices[e].length != width * height)
				throw new InvalidInputException("slice " + (e + 1) + " has " + slices[e].length + " pixels, expected " + width * height);
		}
		this.width = width;
		this.height = height;
		this.energies = energies.clone();
		this.slices = slices;
	}

	/** A new zero-filled stack of the given size and energies. */
	public static SpectralStack allocate(int width, int height, double[] energies) {
		long bytes = 4L * width * height * energies.length;
		if (bytes > Runtime.getRuntime().maxMemory())
			throw new InvalidInputException(String.format("a %d×%d×%d float stack needs %.1f GB, more than the %.1f GB of memory Java may use",
				width, height, energies.length, bytes / 1e9, Runtime.getRuntime().maxMemory() / 1e9));
		// the JVM zeroes a new array in the allocating thread: for a stack of hundreds of MB that is a
		// pass over all of it, which takes half as long on two cores
		float[][] s = new float[energies.length][];
		int pixels = width * height;
		Parallel.forRange(energies.length, 1, Progress.NONE, "allocate", (from, to) -> {
			for (int e = from; e < to; e++)
				s[e] = new float[pixels];
		});
		return new SpectralStack(width, height, energies, s);
	}

	/** Throws when the values are not strictly increasing; {@code what} names them in the message. */
	public static void checkIncreasing(double[] values, String what) {
		for (int i = 0; i < values.length; i++) {
			if (!Double.isFinite(values[i]))
				throw new InvalidInputException(what + ": value " + (i + 1) + " is not a number");
			if (i > 0 && values[i] <= values[i - 1])
				throw new InvalidInputException(what + " must increase strictly, but value " + (i + 1) + " (" + values[i]
					+ ") follows " + values[i - 1]);
		}
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	public int pixels() {
		return width * height;
	}

	public int energyCount() {
		return energies.length;
	}

	/** A copy of the energies (eV). */
	public double[] energies() {
		return energies.clone();
	}

	public double energy(int e) {
		return energies[e];
	}

	/** The pixels of slice {@code e}, not copied. */
	public float[] slice(int e) {
		return slices[e];
	}

	/** All slices, not copied. */
	public float[][] slices() {
		return slices;
	}

	/** Copies the spectrum of pixel {@code p} into {@code out} (length ≥ energies). */
	public void spectrum(int p, double[] out) {
		for (int e = 0; e < slices.length; e++)
			out[e] = slices[e][p];
	}

	@Override
	public String toString() {
		return width + "×" + height + "×" + energies.length + " stack, " + energies[0] + "–" + energies[energies.length - 1]
			+ " eV" + (energies.length > 1 ? "" : Arrays.toString(energies));
	}
}
