package org.interphase.core.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.interphase.core.InvalidInputException;

/**
 * Distance-zone statistics of a wide profile (SCIENCE.md §3): the samples of every position whose
 * distance d lies in [from, to] (both ends included) are pooled; mean, sample SD (n−1) and the
 * sample count n; depletion relative to a bulk zone = 100·(1 − mean_zone/mean_bulk).
 */
public final class Zones {

	/** A distance range [from, to] in calibrated units. */
	public static final class Range {
		public final double from, to;
		public final String label;

		public Range(double from, double to, String label) {
			this.from = from;
			this.to = to;
			this.label = label;
		}
	}

	/** Pooled statistics of one zone. */
	public static final class Stats {
		public final Range range;
		public final double mean, sd;
		/** Samples pooled, and positions along the line. */
		public final long n;
		public final int positions;

		Stats(Range range, double mean, double sd, long n, int positions) {
			this.range = range;
			this.mean = mean;
			this.sd = sd;
			this.n = n;
			this.positions = positions;
		}

		/** 100·(1 − mean/bulk.mean). */
		public double depletionPct(Stats bulk) {
			return 100 * (1 - mean / bulk.mean);
		}
	}

	private static final String NUM = "([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)";
	private static final Pattern RANGE = Pattern.compile("^\\s*" + NUM + "\\s*(?:-|–|:|to|\\.\\.)\\s*" + NUM + "\\s*$");

	private Zones() {}

	/** Parses "0-10,78-90" (also "a:b", "a to b", negative numbers "-5--1"); {@code field} names the input in messages. */
	public static List<Range> parse(String text, String field) {
		List<Range> out = new ArrayList<>();
		if (text == null || text.trim().isEmpty()) return out;
		for (String part : text.split("[,;]")) {
			if (part.trim().isEmpty()) continue;
			Matcher m = RANGE.matcher(part);
			if (!m.matches()) throw new InvalidInputException(field + ": \"" + part.trim() + "\" is not a range like 0-10");
			double a = Double.parseDouble(m.group(1)), b = Double.parseDouble(m.group(2));
			if (!(b > a)) throw new InvalidInputException(field + ": in \"" + part.trim() + "\" the end must be larger than the start");
			out.add(new Range(a, b, part.trim()));
		}
		return out;
	}

	/** Pools the samples of the positions of {@code p} inside {@code r}. */
	public static Stats measure(LineProfile p, Range r) {
		return measure(p.distance, p.mean, p.sd, p.n, r);
	}

	/** Pools per-position mean, SD (n−1) and count inside {@code r}: exact pooled mean and SD. */
	public static Stats measure(double[] distance, double[] mean, double[] sd, int[] n, Range r) {
		long total = 0;
		double sum = 0;
		int positions = 0;
		for (int i = 0; i < distance.length; i++) {
			if (distance[i] < r.from - 1e-9 || distance[i] > r.to + 1e-9 || n[i] == 0) continue;
			total += n[i];
			sum += n[i] * mean[i];
			positions++;
		}
		if (total == 0) return new Stats(r, Double.NaN, Double.NaN, 0, 0);
		double mu = sum / total, ss = 0;
		for (int i = 0; i < distance.length; i++) {
			if (distance[i] < r.from - 1e-9 || distance[i] > r.to + 1e-9 || n[i] == 0) continue;
			double within = n[i] > 1 ? (n[i] - 1) * sd[i] * sd[i] : 0;
			ss += within + n[i] * (mean[i] - mu) * (mean[i] - mu);
		}
		return new Stats(r, mu, total > 1 ? Math.sqrt(ss / (total - 1)) : Double.NaN, total, positions);
	}
}
