package org.interphase.core.sims;

import java.util.Arrays;
import java.util.List;

import org.interphase.core.InvalidInputException;

/**
 * A ToF-SIMS 3D dataset: one volume per ion (secondary ion label such as {@code CH2O-}), each a
 * list of sputter cycles of {@code width × height} counts (x fastest). Cycle k (0-based) was
 * acquired after k sputter steps.
 */
public final class SimsVolume {

	public final int width, height, cycles;
	private final String[] ions;
	/** data[ion][cycle][pixel]. */
	private final float[][][] data;

	public SimsVolume(int width, int height, String[] ions, float[][][] data) {
		if (ions.length == 0 || ions.length != data.length) throw new InvalidInputException("SIMS data: " + data.length + " volumes for " + ions.length + " ion names");
		this.width = width;
		this.height = height;
		this.ions = ions.clone();
		this.data = data;
		this.cycles = data[0].length;
		for (int i = 0; i < data.length; i++) {
			if (data[i].length != cycles)
				throw new InvalidInputException("SIMS data: ion " + ions[i] + " has " + data[i].length + " cycles, " + ions[0] + " has " + cycles);
			for (float[] c : data[i])
				if (c.length != width * height) throw new InvalidInputException("SIMS data: ion " + ions[i] + " has a cycle that is not " + width + "×" + height);
		}
		if (cycles < 1) throw new InvalidInputException("SIMS data: no cycles");
	}

	public String[] ions() {
		return ions.clone();
	}

	public int ionCount() {
		return ions.length;
	}

	public int pixels() {
		return width * height;
	}

	/** The counts of ion {@code i} in cycle {@code c} (a view, not a copy). */
	public float[] cycle(int ion, int c) {
		return data[ion][c];
	}

	/** Index of an ion by label (case-insensitive) or 1-based number; one-line error naming {@code field} otherwise. */
	public int ion(String token, String field) {
		String t = token.trim();
		for (int i = 0; i < ions.length; i++)
			if (ions[i].equalsIgnoreCase(t)) return i;
		try {
			int k = Integer.parseInt(t);
			if (k >= 1 && k <= ions.length) return k - 1;
		} catch (NumberFormatException ignored) {
			// a label
		}
		throw new InvalidInputException(field + ": no ion \"" + t + "\"; ions: " + String.join(", ", ions) + " (or 1–" + ions.length + ")");
	}

	/** Ion indices of a comma list (empty list for an empty text). */
	public int[] ionList(String list, String field) {
		if (list == null || list.trim().isEmpty()) return new int[0];
		List<String> parts = Arrays.asList(list.trim().split("\\s*,\\s*"));
		int[] out = new int[parts.size()];
		for (int k = 0; k < out.length; k++)
			out[k] = ion(parts.get(k), field);
		return out;
	}
}
