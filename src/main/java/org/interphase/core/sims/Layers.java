package org.interphase.core.sims;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.interphase.core.profile.ErfEdgeFit;

/**
 * Layer analysis of depth profiles with the erf edge model of Interface Profile
 * ({@link ErfEdgeFit}, the one fit engine): per ion the edges where its signal falls or rises
 * between two plateaus, each with depth_50 (the depth where the model crosses the middle of its
 * plateaus, x0), the 16–84 % width (2σ), the plateaus and R².
 * <p>
 * The end of an ion's layer is the depth of its deepest falling edge. SEI thickness = the deepest end
 * among the SEI markers; without markers, the depth of the substrate ion's deepest rising edge.
 * Per-layer thicknesses for ions listed in the order they end: layer i spans from the end of ion
 * i−1 (0 for the first) to the end of ion i.
 */
public final class Layers {

	/** One edge of one ion. */
	public static final class Edge {
		public final String ion;
		/** 1-based number of the edge along depth for this ion. */
		public final int number;
		public final ErfEdgeFit.Edge fit;

		Edge(String ion, int number, ErfEdgeFit.Edge fit) {
			this.ion = ion;
			this.number = number;
			this.fit = fit;
		}

		public boolean rising() {
			return fit.rising();
		}

		public double depth50() {
			return fit.x0;
		}

		/** 16–84 % width = 2σ. */
		public double width1684() {
			return 2 * fit.sigma;
		}
	}

	/** One layer of the per-layer thicknesses. */
	public static final class Layer {
		public final String ion;
		public final double from, to;

		Layer(String ion, double from, double to) {
			this.ion = ion;
			this.from = from;
			this.to = to;
		}

		public double thickness() {
			return to - from;
		}
	}

	private Layers() {}

	/** Edge-finding options for a depth axis with {@code step} per cycle (the same defaults as Interface Profile in pixels). */
	public static ErfEdgeFit.Options options(double step, int maxEdges, double threshold, double smoothing) {
		ErfEdgeFit.Options o = new ErfEdgeFit.Options();
		o.method = ErfEdgeFit.Method.ERF;
		o.maxEdges = maxEdges;
		o.threshold = threshold;
		o.smoothing = smoothing;
		o.minSeparation = 3 * step;
		o.minHalfWindow = 5 * step;
		return o;
	}

	/** Edges of every ion of {@code p}, ion by ion, in depth order. */
	public static List<Edge> edges(DepthProfile p, ErfEdgeFit.Options o) {
		List<Edge> out = new ArrayList<>();
		for (int i = 0; i < p.ions.length; i++) {
			int k = 0;
			for (ErfEdgeFit.Edge e : ErfEdgeFit.findEdges(p.depth, p.mean[i], o))
				out.add(new Edge(p.ions[i], ++k, e));
		}
		return out;
	}

	/** Depth where {@code ion}'s deepest falling edge lies (NaN when it has none). */
	public static double end(List<Edge> edges, String ion) {
		return deepest(edges, ion, false);
	}

	/** Depth where {@code ion}'s deepest rising edge lies (NaN when it has none). */
	public static double onset(List<Edge> edges, String ion) {
		return deepest(edges, ion, true);
	}

	private static double deepest(List<Edge> edges, String ion, boolean rising) {
		double d = Double.NaN;
		for (Edge e : edges)
			if (e.ion.equalsIgnoreCase(ion) && e.fit.ok && e.rising() == rising && !(e.depth50() <= d)) d = e.depth50();
		return d;
	}

	/** SEI thickness by the rule of this class; NaN when the named ions have no such edge. */
	public static double seiThickness(List<Edge> edges, List<String> markers, String substrate) {
		if (!markers.isEmpty()) {
			double d = Double.NaN;
			for (String m : markers) {
				double e = end(edges, m);
				if (e == e && !(e <= d)) d = e;
			}
			return d;
		}
		return substrate == null || substrate.trim().isEmpty() ? Double.NaN : onset(edges, substrate);
	}

	/** Per-layer spans for ions in the order they end. */
	public static List<Layer> layers(List<Edge> edges, List<String> ions) {
		if (ions.isEmpty()) return Collections.emptyList();
		List<Layer> out = new ArrayList<>();
		double from = 0;
		for (String ion : ions) {
			double to = end(edges, ion);
			out.add(new Layer(ion, from, to));
			from = to;
		}
		return out;
	}
}
