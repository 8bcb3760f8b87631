package org.interphase.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;

/**
 * Hitachi (formerly Seiko Instruments) SPM files (.xqd, read by Gwyddion's "seiko" module): a binary
 * header that starts {@code SPIZ000}, with (little-endian) the end-of-file offset at byte 0x14, the
 * data start at 0x18, and the x pixel size, y pixel size and z scale in nm (float64) at 0x98, 0xA0 and
 * 0xA8; then a square image of unsigned 16-bit counts × z scale, row 0 at the top. The side is
 * √((end − start)/2); a file whose data are not square is refused.
 */
public final class XqdReader {

	static final String MAGIC = "SPIZ000";
	private static final int MIN_HEADER = 0xB0;

	private XqdReader() {}

	public static AfmImage read(Path file) {
		byte[] b = InputFiles.readAllBytes(file);
		if (b.length < MIN_HEADER || !new String(b, 0, MAGIC.length(), StandardCharsets.ISO_8859_1).equals(MAGIC))
			throw InputFiles.invalid(file, "is not a Hitachi/Seiko .xqd file (it must start \"" + MAGIC + "\" and hold a " + MIN_HEADER + "-byte header)");
		ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		long end = bb.getInt(0x14) & 0xffffffffL, start = bb.getInt(0x18) & 0xffffffffL;
		if (end != b.length) throw InputFiles.invalid(file, "is truncated or damaged: its header gives the end of file at byte " + end + " but the file has " + b.length);
		if (start < MIN_HEADER || start >= end) throw InputFiles.invalid(file, "data start " + start + " is outside the file (" + MIN_HEADER + "–" + end + ")");
		long bytes = end - start;
		long side = Math.round(Math.sqrt(bytes / 2.0));
		if (side < 1 || 2 * side * side != bytes) throw InputFiles.invalid(file, "holds " + bytes + " data bytes, which is not a square image of 16-bit values");
		double dx = InputFiles.check(file, "x pixel size (byte 0x98)", bb.getDouble(0x98), InputFiles.Rule.POSITIVE);
		double dy = InputFiles.check(file, "y pixel size (byte 0xA0)", bb.getDouble(0xA0), InputFiles.Rule.POSITIVE);
		double dz = InputFiles.check(file, "z scale (byte 0xA8)", bb.getDouble(0xA8), InputFiles.Rule.POSITIVE);
		int w = (int) side;
		int n = InputFiles.elements(file, "the image", 8, side, side);
		bb.position((int) start);
		double[] v = AfmChannels.samples(bb, "uint16", n);
		for (int i = 0; i < n; i++)
			v[i] *= dz * 1e-9;
		AfmImage.Channel c = AfmChannels.of("Topography", "m", v, w, w, dx * w * 1e-9, dy * w * 1e-9, "uint16 counts × z scale " + dz + " nm");
		return new AfmImage(file, "Hitachi/Seiko XQD", Collections.singletonList(c));
	}
}
