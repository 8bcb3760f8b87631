package org.interphase.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.interphase.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class SpectrumTest {

	@Test
	void linearInterpolationIsExactOnALine() {
		Spectrum s = new Spectrum("line", new double[] { 700, 701, 703, 710 }, new double[] { 1, 3, 7, 21 });
		assertArrayEquals(new double[] { 1, 2, 5, 21, 12 }, s.interpolateOnto(new double[] { 700, 700.5, 702, 710, 705.5 }), 1e-12);
	}

	@Test
	void outOfRangeIsRefusedWithTheRange() {
		Spectrum s = new Spectrum("ref", new double[] { 700, 710 }, new double[] { 0, 1 });
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> s.interpolateOnto(new double[] { 711 }));
		assertTrue(e.getMessage().contains("ref") && e.getMessage().contains("711"), e.getMessage());
	}

	@Test
	void nonIncreasingEnergiesAreRefused() {
		assertThrows(InvalidInputException.class, () -> new Spectrum("bad", new double[] { 1, 1 }, new double[] { 0, 0 }));
	}
}
