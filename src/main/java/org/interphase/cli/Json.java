package org.interphase.cli;

import java.util.Collection;
import java.util.Map;

/** Minimal JSON writer for outputs.json and {@code list --json} (values: maps, lists, strings, numbers, booleans, null). */
public final class Json {

	private Json() {}

	public static String write(Object value) {
		StringBuilder sb = new StringBuilder();
		write(value, sb, 0);
		sb.append('\n');
		return sb.toString();
	}

	private static void write(Object v, StringBuilder sb, int indent) {
		if (v == null) {
			sb.append("null");
		} else if (v instanceof Map) {
			Map<?, ?> m = (Map<?, ?>) v;
			if (m.isEmpty()) {
				sb.append("{}");
				return;
			}
			sb.append("{\n");
			int i = 0;
			for (Map.Entry<?, ?> e : m.entrySet()) {
				pad(sb, indent + 1);
				string(String.valueOf(e.getKey()), sb);
				sb.append(": ");
				write(e.getValue(), sb, indent + 1);
				if (++i < m.size()) sb.append(',');
				sb.append('\n');
			}
			pad(sb, indent);
			sb.append('}');
		} else if (v instanceof Collection) {
			Collection<?> c = (Collection<?>) v;
			if (c.isEmpty()) {
				sb.append("[]");
				return;
			}
			sb.append("[\n");
			int i = 0;
			for (Object o : c) {
				pad(sb, indent + 1);
				write(o, sb, indent + 1);
				if (++i < c.size()) sb.append(',');
				sb.append('\n');
			}
			pad(sb, indent);
			sb.append(']');
		} else if (v instanceof Double || v instanceof Float) {
			double d = ((Number) v).doubleValue();
			// JSON has no NaN/Infinity: write null, as Python's json with allow_nan=False expects
			sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
		} else if (v instanceof Number || v instanceof Boolean) {
			sb.append(v);
		} else {
			string(v.toString(), sb);
		}
	}

	private static void pad(StringBuilder sb, int indent) {
		for (int i = 0; i < indent; i++)
			sb.append("  ");
	}

	static void string(String s, StringBuilder sb) {
		sb.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"': sb.append("\\\""); break;
				case '\\': sb.append("\\\\"); break;
				case '\n': sb.append("\\n"); break;
				case '\r': sb.append("\\r"); break;
				case '\t': sb.append("\\t"); break;
				default:
					if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
					else sb.append(c);
			}
		}
		sb.append('"');
	}
}
