package org.interphase.core.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.interphase.core.InvalidInputException;

/**
 * A wide profile put in its distance frame (from the line start, from the line end, or from the
 * first detected interface), with its interfaces and zone statistics (SCIENCE.md §3).
 */
public final class ProfileAnalysis {

	public enum Origin {
		START, INTERFACE, END
	}

	public static final class Result {
		/** The profile with distances measured from the origin. */
		public final LineProfile profile;
		/** Interfaces found, with x0 in the frame of the profile before the interface shift (see {@link #shift}). */
		public final List<ErfEdgeFit.Edge> edges;
		/** Subtract from an edge's x0 to put it in the profile's frame (the first interface for origin=interface, else 0). */
		public final double shift;
		/** True when distances run from the line end. */
		public final boolean fromEnd;
		/** Total line length (calibrated). */
		public final double length;
		/** Bulk zone (null when none given) and the zones, in order. */
		public final Zones.Stats bulk;
		public final Zones.Stats[] zones;

		Result(LineProfile profile, List<ErfEdgeFit.Edge> edges, double shift, boolean fromEnd, double length, Zones.Stats bulk,
			Zones.Stats[] zones) {
			this.profile = profile;
			this.edges = edges;
			this.shift = shift;
			this.fromEnd = fromEnd;
			this.length = length;
			this.bulk = bulk;
			this.zones = zones;
		}

		/** Position of an edge in the output frame (from the origin). */
		public double x0(ErfEdgeFit.Edge e) {
			return e.x0 - shift;
		}

		/** Position of an edge measured from the line start. */
		public double x0FromStart(ErfEdgeFit.Edge e) {
			return fromEnd ? length - e.x0 : e.x0;
		}

		/** Depletion of zone {@code z} relative to the bulk, % (NaN without bulk). */
		public double depletionPct(int z) {
			return bulk == null ? Double.NaN : zones[z].depletionPct(bulk);
		}
	}

	private ProfileAnalysis() {}

	/**
	 * @param raw profile with distances from the line start
	 * @param edgeOptions how to find and measure interfaces (null = do not look for any; then
	 *        origin INTERFACE is refused)
	 */
	public static Result analyse(LineProfile raw, Origin origin, ErfEdgeFit.Options edgeOptions, List<Zones.Range> zones, Zones.Range bulk) {
		LineProfile p = origin == Origin.END ? raw.fromEnd() : raw;
		List<ErfEdgeFit.Edge> edges = edgeOptions == null ? Collections.emptyList() : ErfEdgeFit.findEdges(p.distance, p.mean, edgeOptions);
		double shift = 0;
		if (origin == Origin.INTERFACE) {
			ErfEdgeFit.Edge first = null;
			for (ErfEdgeFit.Edge e : edges)
				if (e.ok) {
					first = e;
					break;
				}
			if (first == null)
				throw new InvalidInputException("origin: no interface was found along the line (try interface_method=gradient, a lower edge_threshold or a longer line)");
			shift = first.x0;
			p = p.shifted(shift);
		}
		Zones.Stats b = bulk == null ? null : Zones.measure(p, bulk);
		if (b != null && b.n == 0) throw new InvalidInputException("bulk: no profile position lies in " + bulk.label + " (line distances " + range(p) + ")");
		List<Zones.Stats> zs = new ArrayList<>();
		for (Zones.Range r : zones) {
			Zones.Stats s = Zones.measure(p, r);
			if (s.n == 0) throw new InvalidInputException("zones: no profile position lies in " + r.label + " (line distances " + range(p) + ")");
			zs.add(s);
		}
		return new Result(p, edges, shift, origin == Origin.END, raw.length(), b, zs.toArray(new Zones.Stats[0]));
	}

	/** Linear interpolation of (x, y) (x increasing) at {@code at}; NaN outside [x first, x last]. */
	public static double[] resample(double[] x, double[] y, double[] at) {
		double[] out = new double[at.length];
		int j = 0;
		for (int i = 0; i < at.length; i++) {
			double t = at[i];
			if (x.length == 0 || t < x[0] - 1e-9 || t > x[x.length - 1] + 1e-9) {
				out[i] = Double.NaN;
				continue;
			}
			while (j < x.length - 2 && x[j + 1] < t)
				j++;
			if (x.length == 1) {
				out[i] = y[0];
				continue;
			}
			double f = (t - x[j]) / (x[j + 1] - x[j]);
			f = Math.max(0, Math.min(1, f));
			out[i] = f == 0 ? y[j] : f == 1 ? y[j + 1] : y[j] + f * (y[j + 1] - y[j]);
		}
		return out;
	}

	private static String range(LineProfile p) {
		return String.format(java.util.Locale.ROOT, "%.4g to %.4g", p.distance[0], p.distance[p.size() - 1]);
	}
}
