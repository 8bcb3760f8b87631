package org.interphase.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Header-field edits of the binary AFM formats of issue 16 (NT-MDT, Hitachi XQD, JPK image TIFF) for {@link FuzzTest} and the hostile-input tests. */
final class AfmFormatEdits {

	static final double[] BAD_DOUBLES = { 0, -1, Double.NaN, Double.POSITIVE_INFINITY, 1e308 };
	static final int[] BAD_INTS = { 0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 };
	/** Fewer values for the multi-megabyte files (every edit is a copy held until its case runs). */
	static final int[] FEW_INTS = { -1, Integer.MAX_VALUE, 1 };
	static final double[] FEW_DOUBLES = { 0, Double.NaN };

	private AfmFormatEdits() {}

	static byte[] putInt(byte[] b, int at, int v, ByteOrder order) {
		byte[] e = b.clone();
		ByteBuffer.wrap(e).order(order).putInt(at, v);
		return e;
	}

	static byte[] putDouble(byte[] b, int at, double v, ByteOrder order) {
		byte[] e = b.clone();
		ByteBuffer.wrap(e).order(order).putDouble(at, v);
		return e;
	}

	/** XQD: end of file (0x14), data start (0x18), x/y pixel size and z scale (0x98, 0xA0, 0xA8). */
	static List<FuzzTest.Edit> xqd(byte[] b) {
		List<FuzzTest.Edit> out = new ArrayList<>();
		for (int at : new int[] { 0x14, 0x18 })
			for (int v : BAD_INTS)
				out.add(new FuzzTest.Edit("int at 0x" + Integer.toHexString(at) + " = " + v, putInt(b, at, v, ByteOrder.LITTLE_ENDIAN)));
		for (int at : new int[] { 0x98, 0xA0, 0xA8 })
			for (double v : BAD_DOUBLES)
				out.add(new FuzzTest.Edit("double at 0x" + Integer.toHexString(at) + " = " + v, putDouble(b, at, v, ByteOrder.LITTLE_ENDIAN)));
		return out;
	}

	/**
	 * MDT: the file size (byte 4), the last frame index (12), the first frames' sizes, and in the first
	 * MDA frame the head sizes and the calibrations' index ranges, scales and data types.
	 */
	static List<FuzzTest.Edit> mdt(byte[] b) {
		List<FuzzTest.Edit> out = new ArrayList<>();
		ByteOrder le = ByteOrder.LITTLE_ENDIAN;
		ByteBuffer bb = ByteBuffer.wrap(b).order(le);
		for (int v : FEW_INTS)
			out.add(new FuzzTest.Edit("file size = " + v, putInt(b, 4, v, le)));
		for (int v : new int[] { 100 }) {
			byte[] e = b.clone();
			ByteBuffer.wrap(e).order(le).putShort(12, (short) v);
			out.add(new FuzzTest.Edit("last frame = " + v, e));
		}
		int pos = 33;
		for (int f = 0; f < 3 && pos + 22 <= b.length; f++) {
			int size = bb.getInt(pos), type = bb.getShort(pos + 4) & 0xffff;
			for (int v : FEW_INTS)
				out.add(new FuzzTest.Edit("frame " + (f + 1) + " size = " + v, putInt(b, pos, v, le)));
			if (type == 106) {
				int p = pos + 22;
				for (int off : new int[] { 0, 44, 48 })
					for (int v : FEW_INTS)
						out.add(new FuzzTest.Edit("MDA head int +" + off + " = " + v, putInt(b, p + off, v, le)));
				int q = p + bb.getInt(p) + bb.getInt(p + 44) + bb.getInt(p + 48) + bb.getInt(p + 52) + bb.getInt(p + 56) + bb.getInt(p + 60);
				if (q > 0 && q + 28 < b.length) {
					for (int v : FEW_INTS) {
						out.add(new FuzzTest.Edit("MDA struct length = " + v, putInt(b, q + 4, v, le)));
						out.add(new FuzzTest.Edit("MDA dimensions = " + v, putInt(b, q + 8 + 12, v, le)));
					}
					int c = q + 8 + bb.getInt(q + 4);
					for (int k = 0; k < 3 && c > 0 && c + 84 < b.length; k++) {
						for (int v : FEW_INTS) {
							out.add(new FuzzTest.Edit("calibration " + k + " total = " + v, putInt(b, c, v, le)));
							out.add(new FuzzTest.Edit("calibration " + k + " data type = " + v, putInt(b, c + 8 + 68, v, le)));
						}
						for (double v : FEW_DOUBLES)
							out.add(new FuzzTest.Edit("calibration " + k + " scale = " + v, putDouble(b, c + 8 + 44, v, le)));
						for (long v : new long[] { 1L << 40 }) {
							byte[] e = b.clone();
							ByteBuffer.wrap(e).order(le).putLong(c + 8 + 60, v);
							out.add(new FuzzTest.Edit("calibration " + k + " max index = " + v, e));
						}
						c += bb.getInt(c);
					}
				}
			}
			if (size <= 0) break;
			pos += size;
		}
		return out;
	}

	/** JPK image TIFF: in every page, the numeric value of each tag of interest set to bad values (LONG/SHORT in place, DOUBLE at its offset). */
	static List<FuzzTest.Edit> jpkImage(byte[] b) {
		List<FuzzTest.Edit> out = new ArrayList<>();
		ByteBuffer bb = ByteBuffer.wrap(b).order(b[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
		int[] tags = { 256, 273, 279, 0x8042, 0x8080, 0x8134 };
		long ifd = bb.getInt(4) & 0xffffffffL;
		for (int page = 0; page < 2 && ifd > 0 && ifd + 2 < b.length; page++) {
			int n = bb.getShort((int) ifd) & 0xffff;
			for (int i = 0; i < n; i++) {
				int at = (int) ifd + 2 + 12 * i;
				int tag = bb.getShort(at) & 0xffff, type = bb.getShort(at + 2) & 0xffff;
				if (java.util.Arrays.binarySearch(tags, tag) < 0) continue;
				String what = "page " + (page + 1) + " tag 0x" + Integer.toHexString(tag);
				if (type == 12) {
					int v = bb.getInt(at + 8);
					for (double d : FEW_DOUBLES)
						if (v > 0 && v + 8 <= b.length) out.add(new FuzzTest.Edit(what + " = " + d, putDouble(b, v, d, bb.order())));
				} else {
					for (int v : FEW_INTS) {
						out.add(new FuzzTest.Edit(what + " value/offset = " + v, putInt(b, at + 8, v, bb.order())));
						if (tag == 273 || tag == 279) out.add(new FuzzTest.Edit(what + " count = " + v, putInt(b, at + 4, v, bb.order())));
					}
				}
			}
			ifd = bb.getInt((int) ifd + 2 + 12 * n) & 0xffffffffL;
		}
		return out;
	}
}
