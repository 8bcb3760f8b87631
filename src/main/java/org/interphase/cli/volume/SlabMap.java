package org.interphase.cli.volume;

import java.io.Serializable;
import java.util.List;

/**
 * How the slabs of a {@link VolumeJob} are run: one after the other in this JVM ({@link #LOCAL}, the
 * CLI) or as the partitions of a cluster job (the Spark module). Results come back in slab order, so
 * the driver's reductions add the slabs' partial results in the same order everywhere: a cluster run
 * gives the same bits as the CLI.
 */
public interface SlabMap {

	/** A function of the slab index that can be shipped to a cluster's executors. */
	interface SlabFunction<T> extends Serializable {
		T apply(int slab);
	}

	/** {@code f} of every slab 0 … n−1, in slab order. */
	<T extends Serializable> List<T> map(int n, SlabFunction<T> f);

	/** The element-wise sum of {@code f} over the slabs, added in slab order. */
	double[] sum(int n, SlabFunction<double[]> f);

	/** Runs the slabs one after the other in this JVM. */
	SlabMap LOCAL = new SlabMap() {
		@Override
		public <T extends Serializable> List<T> map(int n, SlabFunction<T> f) {
			List<T> out = new java.util.ArrayList<>();
			for (int s = 0; s < n; s++)
				out.add(f.apply(s));
			return out;
		}

		@Override
		public double[] sum(int n, SlabFunction<double[]> f) {
			double[] total = null;
			for (int s = 0; s < n; s++)
				total = add(total, f.apply(s));
			return total;
		}
	};

	/** {@code total + part} element-wise (a copy of part when total is null); the one order of addition. */
	static double[] add(double[] total, double[] part) {
		if (total == null) return part.clone();
		for (int i = 0; i < total.length; i++)
			total[i] += part[i];
		return total;
	}
}
