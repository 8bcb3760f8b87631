package org.interphase.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.function.Supplier;

import org.interphase.core.InvalidInputException;

/**
 * The one validation layer of every reader: a file is read only when it is a regular file (a symlink
 * to one is fine; pipes, devices, sockets and folders are refused before anything blocks); every
 * declared size is checked against the file's length and against the memory Java may use before
 * anything is allocated; every header number goes through {@link #number} / {@link #count}, which name
 * the key and the file and refuse NaN, ∞ and values that make no sense; every offset through
 * {@link #region}. Messages are one line that starts with the file name and quotes at most
 * {@value #QUOTE_MAX} printable characters of the input.
 */
public final class InputFiles {

	/** Most characters of file content quoted in a message. */
	public static final int QUOTE_MAX = 60;

	/** Largest Java array (elements). */
	public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

	/** What a header number must be. */
	public enum Rule {
		/** any finite number */
		FINITE("a finite number"),
		/** finite and > 0 */
		POSITIVE("a positive number"),
		/** finite and ≥ 0 */
		NON_NEGATIVE("a number ≥ 0"),
		/** finite and ≠ 0 */
		NON_ZERO("a finite number other than 0");

		final String what;

		Rule(String what) {
			this.what = what;
		}

		boolean accepts(double v) {
			if (!Double.isFinite(v)) return false;
			switch (this) {
				case POSITIVE: return v > 0;
				case NON_NEGATIVE: return v >= 0;
				case NON_ZERO: return v != 0;
				default: return true;
			}
		}
	}

	private InputFiles() {}

	/** The file name used in messages. */
	public static String name(Path file) {
		Path n = file.getFileName();
		return quote(n == null ? file.toString() : n.toString());
	}

	/** {@code "<file>: <what>"} as the exception every reader throws. */
	public static InvalidInputException invalid(Path file, String what) {
		return new InvalidInputException(name(file) + ": " + what);
	}

	/** {@code "<source>: <what>"}, when only the name is at hand. */
	public static InvalidInputException invalid(String source, String what) {
		return new InvalidInputException(quote(source) + ": " + what);
	}

	/**
	 * Refuses anything but a regular file (after following symlinks) and returns its length. A named
	 * pipe would block a reader forever and a device such as /dev/zero never ends.
	 */
	public static long requireRegular(Path file) {
		if (file == null) throw new InvalidInputException("file: no file given");
		if (!Files.exists(file)) throw new InvalidInputException("file not found: " + quote(file.toString()));
		if (Files.isDirectory(file)) throw invalid(file, "is a folder, not a data file");
		if (!Files.isRegularFile(file)) throw invalid(file, "is not a regular file (a named pipe, device or socket); give the data file itself");
		try {
			return Files.size(file);
		} catch (IOException e) {
			throw invalid(file, "cannot be read (" + quote(String.valueOf(e.getMessage())) + ")");
		}
	}

	/** True for a regular file (following symlinks); false for pipes, devices, folders and missing paths. */
	public static boolean isRegular(Path file) {
		return file != null && Files.isRegularFile(file);
	}

	/** The whole file, after {@link #requireRegular} and a memory check. */
	public static byte[] readAllBytes(Path file) {
		long size = requireRegular(file);
		requireMemory(file, size, "the file");
		try {
			byte[] b = Files.readAllBytes(file);
			if (b.length != size) throw invalid(file, "changed while it was read (" + size + " then " + b.length + " bytes)");
			return b;
		} catch (IOException e) {
			throw invalid(file, "cannot be read (" + quote(String.valueOf(e.getMessage())) + ")");
		}
	}

	/** The whole file as Latin-1 text (every byte one character). */
	public static String readText(Path file) {
		return new String(readAllBytes(file), StandardCharsets.ISO_8859_1);
	}

	/** The first {@code n} bytes (fewer when the file is shorter) of a regular file; empty for anything else. */
	public static byte[] head(Path file, int n) {
		if (!isRegular(file)) return new byte[0];
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer b = ByteBuffer.allocate((int) Math.min(n, ch.size()));
			while (b.hasRemaining() && ch.read(b) > 0) {
				// fill
			}
			byte[] out = new byte[b.position()];
			b.flip();
			b.get(out);
			return out;
		} catch (IOException e) {
			return new byte[0];
		}
	}

	// ------------------------------------------------------------------ sizes

	/**
	 * Refuses to allocate {@code bytes} when they exceed what Java may still use:
	 * "{@code <file>: needs N GB, more than the M GB Java may use}".
	 */
	public static void requireMemory(Path file, long bytes, String what) {
		requireMemory(name(file), bytes, what);
	}

	/** As {@link #requireMemory(Path, long, String)} with the file's name. */
	public static void requireMemory(String source, long bytes, String what) {
		Runtime rt = Runtime.getRuntime();
		long max = rt.maxMemory();
		long free = max - (rt.totalMemory() - rt.freeMemory());
		if (bytes >= 0 && bytes <= max && bytes > free) {
			System.gc(); // what is in use may be garbage; ask once before refusing
			free = max - (rt.totalMemory() - rt.freeMemory());
		}
		if (bytes < 0 || bytes > free)
			throw new InvalidInputException(quote(source) + ": needs " + gb(bytes < 0 ? Long.MAX_VALUE : bytes) + " GB, more than the "
				+ (bytes >= 0 && bytes <= max ? gb(free) + " GB Java has free now (of " + gb(max) + " GB)" : gb(max) + " GB Java may use") + " (" + what + ")");
	}

	private static String gb(long bytes) {
		double g = bytes / 1e9;
		return g >= 10 ? String.format(Locale.ROOT, "%.0f", g) : String.format(Locale.ROOT, "%.1f", g);
	}

	/**
	 * The number of elements of an array of the given dimensions (each ≥ 1), checked against the largest
	 * Java array and, at {@code bytesPerElement}, against the memory Java may use.
	 */
	public static int elements(Path file, String what, int bytesPerElement, long... dims) {
		return elements(name(file), what, bytesPerElement, dims);
	}

	/** As {@link #elements(Path, String, int, long...)} with the file's name. */
	public static int elements(String source, String what, int bytesPerElement, long... dims) {
		long n = 1;
		boolean overflow = false;
		StringBuilder shape = new StringBuilder();
		for (long d : dims) {
			if (shape.length() > 0) shape.append('×');
			shape.append(d);
			if (d < 1) throw new InvalidInputException(quote(source) + ": " + what + " has size " + d + "; sizes must be at least 1");
			try {
				n = Math.multiplyExact(n, d);
			} catch (ArithmeticException e) {
				overflow = true;
			}
		}
		long bytes = overflow ? -1 : n > Long.MAX_VALUE / Math.max(1, bytesPerElement) ? -1 : n * bytesPerElement;
		requireMemory(source, bytes, what + " (" + shape + ")");
		if (overflow || n > MAX_ARRAY)
			throw new InvalidInputException(quote(source) + ": " + what + " (" + shape + ") holds more values than one Java array can (" + MAX_ARRAY + ")");
		return (int) n;
	}

	/**
	 * Checks that bytes {@code offset … offset+length} lie inside a file of {@code fileSize} bytes:
	 * "{@code <file> is truncated or damaged: <what> needs bytes a–b but the file has n}".
	 */
	public static void region(Path file, long fileSize, long offset, long length, String what) {
		region(name(file), fileSize, offset, length, what);
	}

	/** As {@link #region(Path, long, long, long, String)} with the file's name. */
	public static void region(String source, long fileSize, long offset, long length, String what) {
		if (offset < 0 || length < 0 || offset > fileSize || length > fileSize - offset)
			throw new InvalidInputException(quote(source) + " is truncated or damaged: " + what + " needs bytes " + offset + "–"
				+ (length < 0 || offset > Long.MAX_VALUE - length ? "?" : Long.toString(offset + length)) + " but the file has " + fileSize);
	}

	// ------------------------------------------------------------------ header numbers

	/**
	 * A header value as a number: the first whitespace-separated token of {@code text} must parse and
	 * follow {@code rule}; otherwise "{@code <file>: <key> is "<text>", not <rule>}".
	 */
	public static double number(Path file, String key, String text, Rule rule) {
		return number(name(file), key, text, rule);
	}

	/** As {@link #number(Path, String, String, Rule)} with the file's name. */
	public static double number(String source, String key, String text, Rule rule) {
		if (text == null) throw new InvalidInputException(quote(source) + ": " + key + " is missing");
		String t = text.trim();
		int sp = indexOfSpace(t);
		if (sp > 0) t = t.substring(0, sp);
		double v;
		try {
			v = Double.parseDouble(t);
		} catch (NumberFormatException e) {
			throw new InvalidInputException(quote(source) + ": " + key + " is \"" + quote(text.trim()) + "\", not a number");
		}
		if (!rule.accepts(v)) throw new InvalidInputException(quote(source) + ": " + key + " is " + quote(t) + "; it must be " + rule.what);
		return v;
	}

	/** A number as {@link #number(String, String, String, Rule)} for a value already parsed. */
	public static double check(String source, String key, double v, Rule rule) {
		if (!rule.accepts(v)) throw new InvalidInputException(quote(source) + ": " + key + " is " + v + "; it must be " + rule.what);
		return v;
	}

	/** As {@link #check(String, String, double, Rule)} with the file's name. */
	public static double check(Path file, String key, double v, Rule rule) {
		return check(name(file), key, v, rule);
	}

	/** A header count: a whole number in {@code [min, max]} (first token of {@code text}). */
	public static int count(Path file, String key, String text, int min, long max) {
		return count(name(file), key, text, min, max);
	}

	/** As {@link #count(Path, String, String, int, long)} with the file's name. */
	public static int count(String source, String key, String text, int min, long max) {
		double v = number(source, key, text, Rule.FINITE);
		return count(source, key, v, min, max);
	}

	/** A parsed count checked to be a whole number in {@code [min, max]}. */
	public static int count(String source, String key, double v, int min, long max) {
		long hi = Math.min(max, Integer.MAX_VALUE);
		if (v != Math.rint(v) || v < min || v > hi)
			throw new InvalidInputException(quote(source) + ": " + key + " is " + quote(fmt(v)) + "; it must be a whole number from " + min + " to " + hi);
		return (int) v;
	}

	private static String fmt(double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}

	private static int indexOfSpace(String s) {
		for (int i = 0; i < s.length(); i++)
			if (Character.isWhitespace(s.charAt(i))) return i;
		return -1;
	}

	// ------------------------------------------------------------------ quoting

	/**
	 * Input text fit for a one-line message: control and other unprintable characters become
	 * {@code ?}, runs of whitespace one space, and at most {@value #QUOTE_MAX} characters are kept
	 * (then "…").
	 */
	public static String quote(String s) {
		if (s == null) return "";
		StringBuilder sb = new StringBuilder(Math.min(s.length(), QUOTE_MAX + 1));
		boolean space = false;
		for (int i = 0; i < s.length() && sb.length() < QUOTE_MAX; i++) {
			char c = s.charAt(i);
			if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
				if (!space && sb.length() > 0) sb.append(' ');
				space = true;
				continue;
			}
			space = false;
			int type = Character.getType(c);
			boolean printable = !Character.isISOControl(c) && type != Character.FORMAT && type != Character.UNASSIGNED && type != Character.SURROGATE
				&& type != Character.PRIVATE_USE && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR && c != '\uFFFD';
			sb.append(printable ? c : '?');
		}
		String out = sb.toString().trim();
		return out.length() < s.trim().length() && sb.length() >= QUOTE_MAX ? out + "…" : out;
	}

	/** Names read from a file, for a message: each quoted, at most 16 of them ("…, N in all"). */
	public static String names(Iterable<String> names) {
		StringBuilder sb = new StringBuilder();
		int n = 0;
		for (String s : names) {
			if (n < 16) sb.append(n == 0 ? "" : ", ").append(quote(s));
			n++;
		}
		if (n > 16) sb.append(", … (").append(n).append(" in all)");
		return sb.toString();
	}

	/** As {@link #names(Iterable)} for an array. */
	public static String names(String[] names) {
		return names(java.util.Arrays.asList(names));
	}

	/** Bytes quoted as Latin-1 text (see {@link #quote(String)}). */
	public static String quote(byte[] b, int off, int len) {
		int n = Math.max(0, Math.min(len, Math.min(b.length - off, QUOTE_MAX * 4)));
		return quote(new String(b, off, n, StandardCharsets.ISO_8859_1));
	}

	/** A message made fit for one line (for exception texts of libraries). */
	public static String oneLine(String message) {
		return quote(message == null ? "" : message);
	}

	// ------------------------------------------------------------------ safety net

	/**
	 * Runs a reader; any exception that is not already an {@link InvalidInputException} means
	 * content no check foresaw, and becomes one line naming the file (never a stack trace, never a
	 * read of damaged data). Out-of-memory errors pass through to the caller's own handling; the
	 * readers' memory checks come before their allocations.
	 */
	public static <T> T guard(Path file, Supplier<T> reader) {
		try {
			return reader.get();
		} catch (InvalidInputException e) {
			throw e;
		} catch (RuntimeException | StackOverflowError e) {
			throw invalid(file, "is damaged or not in the expected format (" + e.getClass().getSimpleName()
				+ (e.getMessage() == null ? "" : ": " + quote(e.getMessage())) + ")");
		}
	}

	// ------------------------------------------------------------------ HDF5

	/**
	 * jHDF logs through SLF4J. Where no SLF4J provider is on the class path (the Fiji runtime of our
	 * tests ships slf4j-api alone) SLF4J reports that in three lines on stderr, which in Fiji's GUI
	 * opens the Console window (seen in the runtime). Call before the first jHDF use: SLF4J then
	 * reports only its errors, unless the user chose a verbosity.
	 */
	public static void quietLoggingReport() {
		if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
	}

	/**
	 * Refuses an HDF5 file shorter than the end-of-file address its superblock declares (a truncated
	 * file; readers would otherwise see zeros). {@code superblock}: offset of the signature.
	 */
	public static void requireCompleteHdf5(Path file, long superblock) {
		long size = requireRegular(file);
		byte[] h = new byte[64];
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer b = ByteBuffer.wrap(h);
			ch.position(superblock);
			while (b.hasRemaining() && ch.read(b) > 0) {
				// fill
			}
		} catch (IOException e) {
			throw invalid(file, "cannot be read (" + quote(String.valueOf(e.getMessage())) + ")");
		}
		ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
		int version = h[8] & 0xff;
		int so;
		int at;
		if (version == 0 || version == 1) {
			so = h[13] & 0xff;
			at = version == 0 ? 24 : 28;
		} else if (version == 2 || version == 3) {
			so = h[9] & 0xff;
			at = 12;
		} else {
			throw invalid(file, "HDF5 superblock version " + version + " is not known");
		}
		if (so != 2 && so != 4 && so != 8) throw invalid(file, "is damaged: HDF5 superblock declares " + so + "-byte addresses");
		if (at + 3 * so > h.length) return;
		long base = addr(b, at, so), eof = addr(b, at + 2 * so, so);
		if (base < 0 || eof < 0) return; // undefined address
		long end = (base != 0 ? base : superblock) + eof;
		if (end > size) throw invalid(file, "is truncated: the HDF5 superblock declares " + end + " bytes but the file has " + size);
	}

	/**
	 * The values of an HDF5 dataset as jHDF's flat array, after checking that they fit one Java array
	 * and the memory Java may use ({@code extraBytesPerValue}: what the caller allocates per value on
	 * top, e.g. 8 for a copy as doubles).
	 */
	public static Object hdf5Values(Path file, io.jhdf.api.Dataset ds, int extraBytesPerValue) {
		int[] dims = ds.getDimensions();
		long[] d = new long[dims.length];
		for (int i = 0; i < dims.length; i++)
			d[i] = dims[i];
		int size;
		try {
			size = Math.max(1, ds.getDataType().getSize());
		} catch (RuntimeException e) {
			size = 8;
		}
		if (d.length > 0) elements(file, "dataset " + quote(ds.getPath()), size + extraBytesPerValue, d);
		try {
			// contiguous storage of another size than shape × type: the shape or type was damaged, jHDF would read past or misread the data
			// (jHDF derives the storage size from the shape; the layout message holds the size written)
			if (ds.getDataLayout() == io.jhdf.object.message.DataLayout.CONTIGUOUS && ds instanceof io.jhdf.AbstractNode) {
				io.jhdf.ObjectHeader oh = ((io.jhdf.AbstractNode) ds).getHeader();
				Class<io.jhdf.object.message.DataLayoutMessage.ContiguousDataLayoutMessage> c = io.jhdf.object.message.DataLayoutMessage.ContiguousDataLayoutMessage.class;
				long stored = oh.hasMessageOfType(c) ? oh.getMessageOfType(c).getSize() : -1;
				if (stored >= 0 && stored != ds.getSizeInBytes()) // HDF5 stores a contiguous dataset's values exactly
					throw invalid(file, "is damaged: dataset " + quote(ds.getPath()) + " declares " + ds.getSizeInBytes() + " bytes of values but stores " + stored);
			}
		} catch (InvalidInputException e) {
			throw e;
		} catch (RuntimeException e) {
			throw invalid(file, "cannot read the HDF5 dataset " + quote(ds.getPath()) + " (" + quote(String.valueOf(e.getMessage())) + ")");
		}
		try {
			return ds.getDataFlat();
		} catch (InvalidInputException e) {
			throw e;
		} catch (RuntimeException e) {
			throw invalid(file, "cannot read the HDF5 dataset " + quote(ds.getPath()) + " (" + quote(String.valueOf(e.getMessage())) + ")");
		}
	}

	private static long addr(ByteBuffer b, int at, int size) {
		switch (size) {
			case 2: return b.getShort(at) & 0xffff;
			case 4: return b.getInt(at) & 0xffffffffL;
			default: return b.getLong(at); // all ones = undefined = -1
		}
	}
}
