package org.interphase.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a TIFF by its first four bytes (II*\0 or MM\0*), whatever its extension, and checks its
 * structure before ImageJ's opener sees it (ImageJ fills whatever lies past the end of a file with
 * zeros): every IFD and every tag value inside the file; image sizes at least 1; every strip or tile
 * inside the file; uncompressed strips holding the image's bytes (no fewer, and not far more);
 * ImageJ's {@code images=} at least 1 and, as ImageJ then reads the images contiguously from the first
 * strip, all of them inside the file; and the pixels within the memory Java may use. (Files over
 * 2 GB are left to ImageJ's own checks.)
 */
final class TiffSignature {

	private static final Pattern IMAGES = Pattern.compile("(?m)^images=(\\S*)");
	private static final int MAX_IFDS = 1 << 20;

	private TiffSignature() {}

	static boolean isTiff(Path file) {
		byte[] b = InputFiles.head(file, 4);
		if (b.length != 4) return false;
		return (b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0) || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42);
	}

	/** Throws an InvalidInputException naming {@code file} unless its TIFF structure is whole and consistent. */
	static void check(Path file) {
		long size = InputFiles.requireRegular(file);
		if (size < 8) throw InputFiles.invalid(file, "is truncated: " + size + " bytes, too short for a TIFF");
		if (size > Integer.MAX_VALUE) return; // beyond one mapping; ImageJ's own checks only (see the class comment)
		ByteBuffer b;
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			b = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
		} catch (IOException e) {
			throw InputFiles.invalid(file, "cannot be read (" + InputFiles.quote(String.valueOf(e.getMessage())) + ")");
		}
		if (b.get(0) == 'I' && b.get(1) == 'I') b.order(ByteOrder.LITTLE_ENDIAN);
		else if (b.get(0) == 'M' && b.get(1) == 'M') b.order(ByteOrder.BIG_ENDIAN);
		else throw InputFiles.invalid(file, "is not a TIFF file (no II or MM byte-order mark)");
		int magic = b.getShort(2) & 0xffff;
		if (magic == 43) throw InputFiles.invalid(file, "is a BigTIFF, which ImageJ does not read");
		if (magic != 42) throw InputFiles.invalid(file, "is not a TIFF file (magic number " + magic + ")");
		long ifd = b.getInt(4) & 0xffffffffL;
		Set<Long> seen = new HashSet<>();
		int ifds = 0;
		long firstOffset = -1, firstImageBytes = -1, totalBytes = 0;
		String description = null;
		while (ifd != 0) {
			if (!seen.add(ifd)) throw InputFiles.invalid(file, "is damaged: its image directories form a loop");
			if (++ifds > MAX_IFDS) throw InputFiles.invalid(file, "is damaged: more than " + MAX_IFDS + " image directories");
			InputFiles.region(file, size, ifd, 2, "image directory " + ifds);
			int n = b.getShort((int) ifd) & 0xffff;
			InputFiles.region(file, size, ifd, 2 + 12L * n + 4, "image directory " + ifds);
			Ifd d = new Ifd();
			d.ifdStart = ifd;
			d.ifdEnd = ifd + 2 + 12L * n + 4;
			for (int e = 0; e < n; e++)
				d.entry(b, (int) (ifd + 2 + 12L * e), size, file, ifds);
			long imageBytes = d.verify(file, size, ifds);
			totalBytes += imageBytes;
			if (ifds == 1) {
				firstOffset = d.firstOffset;
				firstImageBytes = imageBytes;
				description = d.description;
			}
			ifd = b.getInt((int) (ifd + 2 + 12L * n)) & 0xffffffffL;
		}
		if (ifds == 0) throw InputFiles.invalid(file, "is damaged: it holds no image directory");
		if (description != null && description.startsWith("ImageJ")) {
			Matcher m = IMAGES.matcher(description);
			if (m.find()) {
				int images = InputFiles.count(file, "the ImageJ description's images", m.group(1), 1, Integer.MAX_VALUE);
				if (images > 1) {
					// ImageJ reads `images` images one after the other from the first strip, ignoring further directories
					InputFiles.elements(file, "the " + images + " images", 4, images, Math.max(1, firstImageBytes));
					InputFiles.region(file, size, firstOffset, images * firstImageBytes, images + " images (ImageJ's images=" + images + ")");
					totalBytes = Math.max(totalBytes, images * firstImageBytes);
					if (ifds > 1 && ifds != images)
						throw InputFiles.invalid(file, "is damaged: ImageJ's description says images=" + images + " but the file has " + ifds + " image directories");
				}
			}
		}
		InputFiles.requireMemory(file, totalBytes, "the images");
	}

	/** The tags of one image directory that locate and size its pixels. */
	private static final class Ifd {
		long width = -1, length = -1, bits = 1, samples = 1, compression = 1, rowsPerStrip = -1, tileW = -1, tileL = -1;
		long[] offsets, counts;
		long ifdStart, ifdEnd;
		boolean tiled;
		long firstOffset = -1;
		String description;

		void entry(ByteBuffer b, int at, long size, Path file, int ifd) {
			int tag = b.getShort(at) & 0xffff, type = b.getShort(at + 2) & 0xffff;
			long count = b.getInt(at + 4) & 0xffffffffL;
			int unit;
			switch (type) {
				case 1: case 2: case 6: case 7: unit = 1; break;
				case 3: case 8: unit = 2; break;
				case 4: case 9: case 11: case 13: unit = 4; break;
				case 5: case 10: case 12: unit = 8; break;
				default: unit = 0; // unknown types are skipped by readers
			}
			long bytes = count * unit;
			long where = bytes <= 4 ? at + 8 : b.getInt(at + 8) & 0xffffffffL;
			boolean wanted = tag == 256 || tag == 257 || tag == 258 || tag == 259 || tag == 270 || tag == 273 || tag == 277 || tag == 278 || tag == 279
				|| tag == 322 || tag == 323 || tag == 324 || tag == 325;
			if (!wanted) return;
			if (unit == 0) throw InputFiles.invalid(file, "is damaged: TIFF tag " + tag + " has the unknown type " + type);
			InputFiles.region(file, size, where, bytes, "TIFF tag " + tag + " of image " + ifd);
			if (tag == 270) {
				byte[] text = new byte[(int) Math.min(bytes, 1 << 16)];
				ByteBuffer d = b.duplicate();
				d.position((int) where);
				d.get(text);
				description = new String(text, StandardCharsets.ISO_8859_1);
				return;
			}
			if (count < 1) throw InputFiles.invalid(file, "is damaged: TIFF tag " + tag + " of image " + ifd + " holds no value");
			if (tag == 273 || tag == 279 || tag == 324 || tag == 325) {
				if (count > InputFiles.MAX_ARRAY / 8) throw InputFiles.invalid(file, "is damaged: TIFF tag " + tag + " lists " + count + " values");
				long[] v = new long[(int) count];
				for (int i = 0; i < count; i++)
					v[i] = value(b, (int) where + i * unit, type);
				if (tag == 273 || tag == 324) offsets = v;
				else counts = v;
				tiled |= tag == 324 || tag == 325;
				return;
			}
			long v = value(b, (int) where, type);
			switch (tag) {
				case 256: width = v; break;
				case 257: length = v; break;
				case 258: bits = v; break;
				case 259: compression = v; break;
				case 277: samples = v; break;
				case 278: rowsPerStrip = v; break;
				case 322: tileW = v; break;
				default: tileL = v; break;
			}
		}

		private static long value(ByteBuffer b, int at, int type) {
			switch (type) {
				case 3: case 8: return b.getShort(at) & 0xffff;
				case 4: case 9: case 13: return b.getInt(at) & 0xffffffffL;
				case 1: case 2: case 6: case 7: return b.get(at) & 0xff;
				default: return b.getInt(at) & 0xffffffffL; // rationals/doubles are not sizes; read as raw
			}
		}

		/** Checks this image and returns its uncompressed size in bytes. */
		long verify(Path file, long size, int ifd) {
			String img = ifd == 1 ? "" : " of image " + ifd;
			if (width < 1 || length < 1)
				throw InputFiles.invalid(file, "is damaged: TIFF image size " + width + "×" + length + img + " (ImageWidth and ImageLength must be at least 1)");
			if (bits < 1 || bits > 64 || samples < 1 || samples > 64)
				throw InputFiles.invalid(file, "is damaged: " + bits + " bits × " + samples + " samples per pixel" + img);
			if (offsets == null) throw InputFiles.invalid(file, "is damaged: no strip or tile offsets" + img);
			long rowBytes = (width * samples * bits + 7) / 8;
			long imageBytes;
			try {
				imageBytes = Math.multiplyExact(rowBytes, length);
			} catch (ArithmeticException e) {
				imageBytes = Long.MAX_VALUE;
			}
			InputFiles.elements(file, "a " + width + "×" + length + " image" + img, (int) Math.max(1, (samples * bits + 7) / 8), width, length);
			firstOffset = offsets[0];
			if (counts == null) {
				// ImageJ (and the TIFF rules for single strips) then assume the whole image at the offset
				if (compression == 1 && offsets.length == 1) InputFiles.region(file, size, offsets[0], imageBytes, "the pixels" + img);
				return imageBytes;
			}
			if (counts.length < offsets.length)
				throw InputFiles.invalid(file, "is damaged: " + offsets.length + " strip offsets but " + counts.length + " byte counts" + img);
			long sum = 0;
			for (int i = 0; i < offsets.length; i++) {
				InputFiles.region(file, size, offsets[i], counts[i], (tiled ? "tile " : "strip ") + (i + 1) + img);
				// pixels inside the 8-byte file header or the directory itself would be header bytes read as an image
				if (counts[i] > 0 && (offsets[i] < 8 || (offsets[i] < ifdEnd && offsets[i] + counts[i] > ifdStart)))
					throw InputFiles.invalid(file, "is damaged: " + (tiled ? "tile " : "strip ") + (i + 1) + img + " at byte " + offsets[i]
						+ " overlaps the TIFF header or image directory");
				sum += counts[i];
			}
			if (compression == 1 && !tiled) {
				long need = imageBytes;
				if (sum < need)
					throw InputFiles.invalid(file, "is truncated or damaged: its strips hold " + sum + " bytes but a " + width + "×" + length + " image" + img + " needs "
						+ need);
				if (sum > need + offsets.length * (rowBytes + 1))
					throw InputFiles.invalid(file, "is damaged: its strips hold " + sum + " bytes, far more than the " + need + " of a " + width + "×" + length
						+ " image" + img + " (wrong ImageWidth or ImageLength?)");
			}
			return imageBytes;
		}
	}
}
