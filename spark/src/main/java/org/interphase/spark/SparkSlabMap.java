package org.interphase.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.interphase.cli.volume.SlabMap;

/**
 * The slabs of a volume job as the partitions of a Spark job: one partition per slab, so each
 * executor task reads and processes one slab. {@link #sum} is a {@code treeAggregate}; the partial
 * results travel keyed by slab and are added on the driver in slab order, so the sum has the same
 * bits as the CLI's (and does not depend on which task finished first).
 */
public final class SparkSlabMap implements SlabMap {

	private final JavaSparkContext sc;

	public SparkSlabMap(JavaSparkContext sc) {
		this.sc = sc;
	}

	private JavaRDD<Integer> slabs(int n) {
		List<Integer> idx = new ArrayList<>();
		for (int s = 0; s < n; s++)
			idx.add(s);
		return sc.parallelize(idx, Math.max(1, n));
	}

	@Override
	public <T extends Serializable> List<T> map(int n, SlabFunction<T> f) {
		return new ArrayList<>(slabs(n).map(f::apply).collect()); // collect keeps partition (= slab) order
	}

	@Override
	public double[] sum(int n, SlabFunction<double[]> f) {
		TreeMap<Integer, double[]> parts = slabs(n).treeAggregate(new TreeMap<Integer, double[]>(), (m, s) -> {
			m.put(s, f.apply(s));
			return m;
		}, (a, b) -> {
			TreeMap<Integer, double[]> c = new TreeMap<>(a);
			c.putAll(b);
			return c;
		}, 2);
		double[] total = null;
		for (Map.Entry<Integer, double[]> e : parts.entrySet())
			total = SlabMap.add(total, e.getValue());
		return total;
	}
}
