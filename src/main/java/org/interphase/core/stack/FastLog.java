package org.interphase.core.stack;

/**
 * Natural logarithm of a float, as a double, about twice as fast as {@code Math.log} in the optical
 * density loop and within 2e-14 of it (far below the precision of the float32 images it feeds).
 * <p>
 * It works on the float's bits: x = 2^k·m with m in [1, 2); m is split at the table point
 * c = 1 + j/1024 at or below it, so log x = k·ln 2 + log c + log1p(r) with r = m/c − 1 in
 * [0, 1/1024), and log1p(r) is its Taylor series to r⁴ (truncation error below r⁵/5 ≈ 2e-16); log 1
 * is exactly 0. Reading the bits instead of widening the float matters: Java 17's C2 compiles a loop
 * that both widens floats to doubles and narrows doubles to floats about ten times slower than either
 * alone (5 ns per value, measured), and the loop's output is float.
 */
final class FastLog {

	private static final int TABLE_BITS = 10;
	private static final int TABLE = 1 << TABLE_BITS;
	/** log c_j and 1/c_j for the table points; k·ln 2 for each biased float exponent. */
	private static final double[] LOG_C = new double[TABLE], INV_C = new double[TABLE], EXPONENT_LOG = new double[256];

	static {
		for (int j = 0; j < TABLE; j++) {
			double c = 1 + (double) j / TABLE;
			LOG_C[j] = Math.log(c);
			INV_C[j] = 1 / c;
		}
		for (int e = 0; e < 256; e++)
			EXPONENT_LOG[e] = (e - 127) * Math.log(2);
	}

	private FastLog() {}

	/** log(x) for a positive, finite, normal float x; zero, subnormal, negative, infinite and NaN go to {@link Math#log}. */
	static double log(float x) {
		int bits = Float.floatToRawIntBits(x);
		if (bits < 0x0080_0000 || bits >= 0x7F80_0000) return Math.log(x); // the sign bit makes negatives < 0
		int j = (bits >>> (23 - TABLE_BITS)) & (TABLE - 1);
		double m = Double.longBitsToDouble(((long) (bits & 0x007F_FFFF) << 29) | 0x3FF0_0000_0000_0000L);
		double r = m * INV_C[j] - 1;
		double r2 = r * r;
		double poly = r + r2 * (-0.5 + r * (1.0 / 3) - r2 * 0.25);
		return EXPONENT_LOG[bits >>> 23] + LOG_C[j] + poly;
	}
}
