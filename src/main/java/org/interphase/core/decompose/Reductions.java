package org.interphase.core.decompose;

/**
 * Fixed partitions for parallel sums that must be bit-identical whatever the thread count and
 * timing: the chunk boundaries depend only on the number of items, each chunk's partial sum is
 * stored at its own index, and the partials are added in chunk order afterwards.
 */
final class Reductions {

	/** At most this many chunks (bounds the memory of the stored partials). */
	static final int MAX_CHUNKS = 64;

	private Reductions() {}

	/** Items per chunk for {@code n} items: at least {@code minChunk}, at most {@value #MAX_CHUNKS} chunks. */
	static int chunkSize(int n, int minChunk) {
		return Math.max(minChunk, (n + MAX_CHUNKS - 1) / MAX_CHUNKS);
	}

	static int chunks(int n, int chunkSize) {
		return Math.max(1, (n + chunkSize - 1) / chunkSize);
	}
}
