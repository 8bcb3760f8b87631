package org.interphase.core.spectrum;

import org.interphase.core.InvalidInputException;
import org.interphase.core.stack.SpectralStack;

/** A sampled spectrum: strictly increasing energies (eV) and one value per energy. */
public final class Spectrum {

	private final String name;
	private final double[] energies;
	private final double[] values;

	public Spectrum(String name, double[] energies, double[] values) {
		if (energies.length != values.length)
			throw new InvalidInputException(name + ": " + energies.length + " energies but " + values.length + " values");
		if (energies.length < 2)
			throw new InvalidInputException(name + ": a spectrum needs at least 2 points, got " + energies.length);
		SpectralStack.checkIncreasing(energies, name + " energies");
		this.name = name;
		this.energies = energies.clone();
		this.values = values.clone();
	}

	public String name() {
		return name;
	}

	public double[] energies() {
		return energies.clone();
	}

	public double[] values() {
		return values.clone();
	}

	public int size() {
		return energies.length;
	}

	public double minEnergy() {
		return energies[0];
	}

	public double maxEnergy() {
		return energies[energies.length - 1];
	}

	/**
	 * Linear interpolation at each of {@code targets}. Refuses targets outside this spectrum's
	 * range (beyond a tolerance of 1e-6 eV) rather than extrapolating.
	 */
	public double[] interpolateOnto(double[] targets) {
		double lo = minEnergy(), hi = maxEnergy();
		double[] out = new double[targets.length];
		int j = 0;
		for (int i = 0; i < targets.length; i++) {
			double t = targets[i];
			if (t < lo - 1e-6 || t > hi + 1e-6)
				throw new InvalidInputException(String.format("%s covers %.4g–%.4g eV but %.4g eV is needed", name, lo, hi, t));
			t = Math.min(Math.max(t, lo), hi);
			if (j > 0 && energies[j] > t) j = 0; // targets not sorted: restart the search
			while (j < energies.length - 2 && energies[j + 1] < t)
				j++;
			double e0 = energies[j], e1 = energies[j + 1];
			double f = (t - e0) / (e1 - e0);
			out[i] = values[j] + f * (values[j + 1] - values[j]);
		}
		return out;
	}
}
