package org.interphase.io;

/** Natural sort of names: digit runs compare as numbers ("scan_9" before "scan_10"). */
public final class NaturalOrder {

	private NaturalOrder() {}

	public static int compare(String a, String b) {
		int i = 0, j = 0;
		while (i < a.length() && j < b.length()) {
			char ca = a.charAt(i), cb = b.charAt(j);
			if (Character.isDigit(ca) && Character.isDigit(cb)) {
				int si = i, sj = j;
				while (i < a.length() && Character.isDigit(a.charAt(i)))
					i++;
				while (j < b.length() && Character.isDigit(b.charAt(j)))
					j++;
				String na = a.substring(si, i).replaceFirst("^0+(?=.)", ""), nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
				if (na.length() != nb.length()) return na.length() - nb.length();
				int c = na.compareTo(nb);
				if (c != 0) return c;
			} else {
				int c = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
				if (c != 0) return c;
				i++;
				j++;
			}
		}
		return (a.length() - i) - (b.length() - j);
	}
}
