package org.interphase.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * NT-MDT (.mdt) images in MDA frames (Nova software). The file: 4-byte signature
 * {@code 01 B0 93 FF}, the size after the 33-byte header (uint32 at byte 4), the last frame index
 * (uint16 at byte 12); frames from byte 33, each with a 22-byte header (size, type, version, date,
 * time, var size). An MDA frame (type 106) holds: a head (its size; name, comment, view-info, spec,
 * source-info and var sizes at bytes 44–67), the name (cp1251), an XML comment (UTF-16), the spec,
 * view and source blocks, then the array description (array size, cell size, number of dimensions and
 * of measurands) and one calibration per axis (name, unit, bias, scale, min/max index, data type),
 * then the values. A frame with 2 dimensions and 1 measurand is an image: nx × ny values
 * {@code bias + scale × raw} in the measurand's unit; width = scale<sub>x</sub> × (nx − 1) as Gwyddion
 * computes it; the first stored row is the bottom of the image. Data types: −1/1 int8/uint8, −2/2
 * int16/uint16, −4/4 int32/uint32, −8/8 int64/uint64, −(4 + 23·256) float32, −(8 + 52·256) float64.
 * Channels are named "{@code <frame name> (<frame number from 1>)}" as in Gwyddion. Frames of other
 * kinds (text, spectra, curves, palettes) hold no image and are passed over; files with the older
 * "scanned data" frames (type 0) are refused, since no such file was available to test.
 */
public final class MdtReader {

	private static final int FILE_HEADER = 33, FRAME_HEADER = 22, MDA = 106, SCANNED = 0;
	static final byte[] MAGIC = { 0x01, (byte) 0xB0, (byte) 0x93, (byte) 0xFF };

	private MdtReader() {}

	public static AfmImage read(Path file) {
		byte[] b = InputFiles.readAllBytes(file);
		if (b.length < FILE_HEADER || b[0] != MAGIC[0] || b[1] != MAGIC[1] || b[2] != MAGIC[2] || b[3] != MAGIC[3])
			throw InputFiles.invalid(file, "is not an NT-MDT .mdt file (no 01 B0 93 FF signature)");
		ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		long declared = bb.getInt(4) & 0xffffffffL;
		if (declared + FILE_HEADER > b.length)
			throw InputFiles.invalid(file, "is truncated: its header declares " + (declared + FILE_HEADER) + " bytes but the file has " + b.length);
		int frames = (bb.getShort(12) & 0xffff) + 1;
		long pos = FILE_HEADER;
		List<AfmImage.Channel> channels = new ArrayList<>();
		Charset cp1251 = Charset.isSupported("windows-1251") ? Charset.forName("windows-1251") : StandardCharsets.ISO_8859_1;
		for (int i = 0; i < frames; i++) {
			InputFiles.region(file, b.length, pos, FRAME_HEADER, "frame " + (i + 1) + " header");
			long size = bb.getInt((int) pos) & 0xffffffffL;
			int type = bb.getShort((int) pos + 4) & 0xffff;
			if (size < FRAME_HEADER) throw InputFiles.invalid(file, "frame " + (i + 1) + " declares " + size + " bytes, less than its own header");
			InputFiles.region(file, b.length, pos, size, "frame " + (i + 1));
			if (type == SCANNED)
				throw InputFiles.invalid(file, "frame " + (i + 1) + " is an older \"scanned data\" frame, which this reader does not read (only MDA image frames are known)");
			if (type == MDA) {
				AfmImage.Channel c = mda(file, bb, (int) pos, (int) size, i + 1, cp1251);
				if (c != null) channels.add(c);
			}
			pos += size;
		}
		if (channels.isEmpty()) throw InputFiles.invalid(file, "holds no image frame (no MDA frame with 2 dimensions and 1 measurand)");
		return new AfmImage(file, "NT-MDT MDT (MDA frames)", channels);
	}

	/** One calibration (axis or measurand). */
	private static final class Cal {
		String name = "", unit = "";
		double bias, scale;
		long minIndex, maxIndex;
		int type;
		int total;
	}

	private static Cal calibration(Path file, ByteBuffer bb, int at, int end, String what) {
		InputFiles.region(file, end, at, 8, what);
		Cal c = new Cal();
		c.total = bb.getInt(at);
		int structLen = bb.getInt(at + 4);
		if (c.total < 8 || structLen < 76 || structLen > c.total - 8) throw InputFiles.invalid(file, what + " declares impossible sizes (" + c.total + ", " + structLen + ")");
		InputFiles.region(file, end, at, c.total, what);
		int p = at + 8;
		int nameLen = bb.getInt(p), commentLen = bb.getInt(p + 4), unitLen = bb.getInt(p + 8);
		c.bias = bb.getDouble(p + 36);
		c.scale = bb.getDouble(p + 44);
		c.minIndex = bb.getLong(p + 52);
		c.maxIndex = bb.getLong(p + 60);
		c.type = bb.getInt(p + 68);
		int s = at + 8 + structLen;
		if (nameLen < 0 || commentLen < 0 || unitLen < 0 || (long) nameLen + commentLen + unitLen > at + c.total - s)
			throw InputFiles.invalid(file, what + " declares texts longer than the calibration");
		c.name = new String(bb.array(), s, nameLen, StandardCharsets.ISO_8859_1);
		c.unit = new String(bb.array(), s + nameLen + commentLen, unitLen, StandardCharsets.ISO_8859_1);
		return c;
	}

	private static AfmImage.Channel mda(Path file, ByteBuffer bb, int fstart, int fsize, int number, Charset cp1251) {
		int end = fstart + fsize;
		int p = fstart + FRAME_HEADER;
		String fr = "frame " + number + " (MDA)";
		InputFiles.region(file, end, p, 76, fr + " head");
		int headSize = bb.getInt(p);
		int nameSize = bb.getInt(p + 44), commSize = bb.getInt(p + 48), viewSize = bb.getInt(p + 52), specSize = bb.getInt(p + 56), srcSize = bb.getInt(p + 60);
		for (int v : new int[] { headSize, nameSize, commSize, viewSize, specSize, srcSize })
			if (v < 0) throw InputFiles.invalid(file, fr + " head declares a negative size");
		long q = (long) p + headSize;
		InputFiles.region(file, end, q, nameSize, fr + " name");
		String title = InputFiles.quote(new String(bb.array(), (int) q, nameSize, cp1251));
		q += (long) nameSize + commSize + specSize + viewSize + srcSize;
		InputFiles.region(file, end, q, 8 + 20, fr + " array description");
		int structLen = bb.getInt((int) q + 4);
		int sp = (int) q + 8;
		int nDim = bb.getInt(sp + 12), nMes = bb.getInt(sp + 16);
		if (structLen < 20) throw InputFiles.invalid(file, fr + " array description is " + structLen + " bytes, too short");
		if (nDim != 2 || nMes != 1) return null; // a spectrum, a curve set or a volume: not an image
		int c0 = sp + structLen;
		Cal x = calibration(file, bb, c0, end, fr + " x axis");
		Cal y = calibration(file, bb, c0 + x.total, end, fr + " y axis");
		Cal z = calibration(file, bb, c0 + x.total + y.total, end, fr + " measurand");
		int data = c0 + x.total + y.total + z.total;
		long nx = x.maxIndex - x.minIndex + 1, ny = y.maxIndex - y.minIndex + 1;
		if (nx < 2 || ny < 2 || nx > Integer.MAX_VALUE || ny > Integer.MAX_VALUE)
			throw InputFiles.invalid(file, fr + " axis indices give " + nx + " × " + ny + " pixels");
		String type = type(z.type);
		if (type == null) throw InputFiles.invalid(file, fr + " measurand data type " + z.type + " is not known");
		int n = InputFiles.elements(file, fr, 8, nx, ny);
		InputFiles.region(file, end, data, (long) n * AfmChannels.bytes(type), fr + " values (" + nx + "×" + ny + " " + type + ")");
		if (!Double.isFinite(z.scale) || !Double.isFinite(z.bias)) throw InputFiles.invalid(file, fr + " measurand scale or bias is not a finite number");
		ByteBuffer d = bb.duplicate().order(ByteOrder.LITTLE_ENDIAN);
		d.position(data);
		double[] v = AfmChannels.samples(d, type, n);
		double zf = Units.factor(z.unit);
		String zBase = Units.base(z.unit);
		for (int i = 0; i < n; i++)
			v[i] = (z.bias + z.scale * v[i]) * zf;
		int w = (int) nx, h = (int) ny;
		AfmChannels.flipRows(v, w, h);
		double xm = lateral(file, x, fr + " x axis") * (nx - 1), ym = lateral(file, y, fr + " y axis") * (ny - 1);
		return AfmChannels.of(title + " (" + number + ")", zBase, v, w, h, xm, ym,
			type + " × scale " + z.scale + " + bias " + z.bias + " " + z.unit + "; width = step × (n − 1) as in Gwyddion; first row at the bottom");
	}

	private static double lateral(Path file, Cal c, String what) {
		double nm = AfmImage.lengthInNm(c.unit.isEmpty() ? "m" : c.unit);
		if (Double.isNaN(nm)) throw InputFiles.invalid(file, what + " unit \"" + InputFiles.quote(c.unit) + "\" is not a length");
		if (!(c.scale > 0) || !Double.isFinite(c.scale)) throw InputFiles.invalid(file, what + " step is " + c.scale + "; it must be a positive number");
		return c.scale * nm * 1e-9;
	}

	private static String type(int t) {
		switch (t) {
			case -1: return "int8";
			case -2: return "int16";
			case 2: return "uint16";
			case -4: return "int32";
			case 4: return "uint32";
			case -(4 + 23 * 256): return "float32";
			case -(8 + 52 * 256): return "float64";
			default: return null;
		}
	}
}
