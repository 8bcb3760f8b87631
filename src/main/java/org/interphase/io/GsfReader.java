package org.interphase.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;

/**
 * Gwyddion Simple Field (.gsf), version 1.0: the line {@code Gwyddion Simple Field 1.0}, then
 * {@code Key = Value} lines (XRes, YRes required; XReal, YReal default 1; XYUnits, ZUnits; Title), then
 * 1–4 NUL bytes that bring the data to a multiple of 4 bytes, then XRes × YRes little-endian float32
 * values, row 0 the top row (as Gwyddion shows it). Units are SI strings that may carry a prefix.
 */
public final class GsfReader {

	static final String MAGIC = "Gwyddion Simple Field 1.0\n";

	private GsfReader() {}

	public static AfmImage read(Path file) {
		byte[] b = InputFiles.readAllBytes(file);
		String head = new String(b, 0, Math.min(b.length, MAGIC.length()), StandardCharsets.ISO_8859_1);
		if (!head.equals(MAGIC)) throw InputFiles.invalid(file, "is not a Gwyddion Simple Field file (it must start \"Gwyddion Simple Field 1.0\")");
		int nul = -1;
		for (int i = MAGIC.length(); i < b.length; i++)
			if (b[i] == 0) {
				nul = i;
				break;
			}
		if (nul < 0) throw InputFiles.invalid(file, "is truncated: its header never ends (no NUL padding before the data)");
		Map<String, String> h = AfmChannels.keyValues(new String(b, MAGIC.length(), nul - MAGIC.length(), StandardCharsets.UTF_8), '=');
		int w = InputFiles.count(file, "XRes", h.get("XRes"), 1, Integer.MAX_VALUE);
		int ht = InputFiles.count(file, "YRes", h.get("YRes"), 1, Integer.MAX_VALUE);
		double xreal = h.containsKey("XReal") ? InputFiles.number(file, "XReal", h.get("XReal"), InputFiles.Rule.POSITIVE) : 1;
		double yreal = h.containsKey("YReal") ? InputFiles.number(file, "YReal", h.get("YReal"), InputFiles.Rule.POSITIVE) : 1;
		String xyUnit = h.getOrDefault("XYUnits", "m"), zUnit = h.getOrDefault("ZUnits", "");
		double xyM = AfmImage.lengthInNm(xyUnit.isEmpty() ? "m" : xyUnit) * 1e-9;
		if (Double.isNaN(xyM)) throw InputFiles.invalid(file, "XYUnits is \"" + InputFiles.quote(xyUnit) + "\", not a length unit");
		int data = (nul / 4 + 1) * 4; // 1–4 NUL bytes up to the next multiple of 4
		for (int i = nul; i < Math.min(data, b.length); i++)
			if (b[i] != 0) throw InputFiles.invalid(file, "is damaged: the header padding at byte " + i + " is not NUL");
		int n = InputFiles.elements(file, "the data field", 4, w, ht);
		InputFiles.region(file, b.length, data, 4L * n, "the " + w + "×" + ht + " float32 data");
		ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		bb.position(data);
		double[] v = AfmChannels.samples(bb, "float32", n);
		String title = InputFiles.quote(h.getOrDefault("Title", "Data"));
		if (title.isEmpty()) title = "Data";
		AfmImage.Channel c = AfmChannels.of(title, zUnit, v, w, ht, xreal * xyM, yreal * xyM, "float32 values in ZUnits");
		return new AfmImage(file, "Gwyddion Simple Field 1.0", Collections.singletonList(c));
	}
}
