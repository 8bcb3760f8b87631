package org.interphase.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.interphase.core.InvalidInputException;

/**
 * Parser of the ALS/SLS STXM {@code .hdr} header: a nested structure of {@code key = value;}
 * assignments where a value is a group {@code { … }}, a list {@code (a, b, …)}, a quoted string or a
 * bare word/number. A small tokenizer feeds a recursive-descent parser; groups become ordered maps,
 * lists become {@code List<Object>}, scalars stay {@code String} (quotes removed).
 */
public final class HdrParser {

	private enum Kind {
		WORD, STRING, PUNCT, END
	}

	private static final class Token {
		final Kind kind;
		final String text;
		final int line;

		Token(Kind kind, String text, int line) {
			this.kind = kind;
			this.text = text;
			this.line = line;
		}

		boolean is(char c) {
			return kind == Kind.PUNCT && text.charAt(0) == c;
		}

		@Override
		public String toString() {
			return kind == Kind.END ? "end of file" : "\"" + InputFiles.quote(text) + "\"";
		}
	}

	private final String source;
	private final String text;
	private int pos, line = 1;
	private Token current;

	private HdrParser(String text, String source) {
		this.text = text;
		this.source = source;
		advance();
	}

	/** Parses a whole header into its top-level assignments; {@code source} names the file in messages. */
	public static Map<String, Object> parse(String text, String source) {
		HdrParser p = new HdrParser(text, source);
		Map<String, Object> root = p.assignments(false);
		if (p.current.kind != Kind.END) throw p.error("unexpected " + p.current);
		return root;
	}

	/** The value at a dotted path ({@code "ScanDefinition.StackAxis.Points"}), or null. */
	@SuppressWarnings("unchecked")
	public static Object get(Map<String, Object> root, String path) {
		Object v = root;
		for (String key : path.split("\\.")) {
			if (!(v instanceof Map)) return null;
			v = ((Map<String, Object>) v).get(key);
		}
		return v;
	}

	/** The group at {@code path}, or null. */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> group(Map<String, Object> root, String path) {
		Object v = get(root, path);
		return v instanceof Map ? (Map<String, Object>) v : null;
	}

	/**
	 * A counted number list {@code (n, v1, …, vn)} as its n values; throws naming {@code what} when the
	 * value is missing, not numeric or the count disagrees.
	 */
	public static double[] countedNumbers(Object value, String what, String source) {
		if (!(value instanceof List)) throw new InvalidInputException(source + ": " + what + " is missing");
		List<?> list = (List<?>) value;
		double[] all = new double[list.size()];
		for (int i = 0; i < all.length; i++) {
			Object o = list.get(i);
			if (!(o instanceof String)) throw new InvalidInputException(source + ": " + what + " holds a non-numeric item " + (i + 1));
			all[i] = number((String) o, i == 0 ? what + " (its count)" : what + " item " + i, source);
		}
		if (all.length == 0) throw new InvalidInputException(source + ": " + what + " is empty");
		int n = InputFiles.count(source, what + " (its count)", all[0], 1, Integer.MAX_VALUE);
		if (n != all.length - 1) throw new InvalidInputException(source + ": " + what + " announces " + n + " values but lists " + (all.length - 1));
		double[] v = new double[all.length - 1];
		System.arraycopy(all, 1, v, 0, v.length);
		return v;
	}

	/** The groups of a counted list {@code (n, {…}, {…})}. */
	@SuppressWarnings("unchecked")
	public static List<Map<String, Object>> countedGroups(Object value) {
		List<Map<String, Object>> out = new ArrayList<>();
		if (value instanceof List)
			for (Object o : (List<?>) value)
				if (o instanceof Map) out.add((Map<String, Object>) o);
		return out;
	}

	/** A scalar as a finite number, or a message naming {@code what} and the file. */
	public static double number(String s, String what, String source) {
		return InputFiles.number(source, what, s, InputFiles.Rule.FINITE);
	}

	// --- parser ---

	private Map<String, Object> assignments(boolean inGroup) {
		Map<String, Object> map = new LinkedHashMap<>();
		while (true) {
			if (current.kind == Kind.END) {
				if (inGroup) throw error("missing '}'");
				return map;
			}
			if (inGroup && current.is('}')) return map;
			if (current.is(';')) { // stray separator
				advance();
				continue;
			}
			if (current.kind != Kind.WORD) throw error("expected a key, found " + current);
			String key = current.text;
			advance();
			expect('=');
			map.put(key, value());
			if (current.is(';')) advance();
		}
	}

	private Object value() {
		Token t = current;
		if (t.is('{')) {
			advance();
			Map<String, Object> g = assignments(true);
			expect('}');
			return g;
		}
		if (t.is('(')) {
			advance();
			List<Object> list = new ArrayList<>();
			if (current.is(')')) {
				advance();
				return list;
			}
			while (true) {
				list.add(value());
				if (current.is(',')) {
					advance();
					continue;
				}
				expect(')');
				return list;
			}
		}
		if (t.kind == Kind.WORD || t.kind == Kind.STRING) {
			advance();
			return t.text;
		}
		throw error("expected a value, found " + t);
	}

	private void expect(char c) {
		if (!current.is(c)) throw error("expected '" + c + "', found " + current);
		advance();
	}

	private InvalidInputException error(String what) {
		return new InvalidInputException(source + " line " + current.line + ": " + what);
	}

	// --- tokenizer ---

	private void advance() {
		int n = text.length();
		while (pos < n) {
			char c = text.charAt(pos);
			if (c == '\n') line++;
			if (!Character.isWhitespace(c)) break;
			pos++;
		}
		if (pos >= n) {
			current = new Token(Kind.END, "", line);
			return;
		}
		char c = text.charAt(pos);
		if ("{}()=;,".indexOf(c) >= 0) {
			pos++;
			current = new Token(Kind.PUNCT, String.valueOf(c), line);
			return;
		}
		if (c == '"') {
			int start = ++pos, startLine = line;
			while (pos < n && text.charAt(pos) != '"') {
				if (text.charAt(pos) == '\n') line++;
				pos++;
			}
			if (pos >= n) throw new InvalidInputException(source + " line " + startLine + ": unterminated string");
			String s = text.substring(start, pos++);
			current = new Token(Kind.STRING, s, startLine);
			return;
		}
		int start = pos;
		while (pos < n) {
			char d = text.charAt(pos);
			if (Character.isWhitespace(d) || "{}()=;,\"".indexOf(d) >= 0) break;
			pos++;
		}
		current = new Token(Kind.WORD, text.substring(start, pos), line);
	}
}
