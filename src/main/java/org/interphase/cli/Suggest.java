package org.interphase.cli;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean …?" for misspelt command names and keys: the nearest candidate by edit distance, case-insensitive. */
final class Suggest {

	private Suggest() {}

	/** The candidate nearest to {@code typed}, or null when none is close (at most a third of its letters, at least 2, differ). */
	static String nearest(String typed, Collection<String> candidates) {
		String t = typed.trim().toLowerCase(Locale.ROOT);
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String c : candidates) {
			int d = distance(t, c.toLowerCase(Locale.ROOT));
			if (d < bestDistance) {
				best = c;
				bestDistance = d;
			}
		}
		return best != null && bestDistance <= Math.max(2, t.length() / 3) ? best : null;
	}

	/** Levenshtein distance (insertions, deletions, substitutions). */
	static int distance(String a, String b) {
		int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++)
			prev[j] = j;
		for (int i = 1; i <= a.length(); i++) {
			cur[0] = i;
			for (int j = 1; j <= b.length(); j++)
				cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
			int[] tmp = prev;
			prev = cur;
			cur = tmp;
		}
		return prev[b.length()];
	}
}
