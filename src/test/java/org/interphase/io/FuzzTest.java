package org.interphase.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import org.interphase.core.InvalidInputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of every importer entry point with every real (and fixture) file the tests use: a
 * fixed set of truncations, single-byte flips and header-field edits per file (text header keys,
 * TIFF tags and ImageJ's images=, Igor and Gwyddion header fields, JPK properties, HDF5 shapes and
 * datatypes). Each case must end in
 * an InvalidInputException whose message is one printable line naming the file, or in a read; never
 * another exception, never more than 10 s, and never a read of a truncated file whose format declares
 * its size. Mutated files are written to a temporary folder; inputs are never modified. The counts per
 * importer are printed at the end (and written to target/fuzz-summary.txt).
 */
class FuzzTest {

	static final long SEED = 0x13_2026L;
	static final double[] FRACTIONS = { 0.01, 0.1, 0.5, 0.9, 0.99 };
	static final String[] BAD_NUMBERS = { "NaN", "-1", "0", "2147483647", "1e308", "Infinity" };
	static final Duration LIMIT = Duration.ofSeconds(10);

	@TempDir
	static Path tmp;

	/** importer → [cases, clean errors, reads, errors from the guard (unforeseen content)] */
	static final Map<String, int[]> COUNTS = new TreeMap<>();
	static final AtomicInteger CASE = new AtomicInteger();
	static final boolean VERBOSE = Boolean.getBoolean("fuzz.verbose");
	static volatile String lastMessage = "";

	/** A named header-field edit. */
	static final class Edit {
		final String what;
		final byte[] bytes;

		Edit(String what, byte[] bytes) {
			this.what = what;
			this.bytes = bytes;
		}
	}

	/** An importer entry point. */
	interface Importer {
		Object read(Path file);
	}

	/** One real file and how its format is fuzzed. */
	static final class Target {
		final String importer;
		final Path file;
		final Importer read;
		/** true when a truncated file can never be read (the format declares its sizes or ends in a directory) */
		final boolean sized;
		/** header-field edits beyond truncation and flips */
		final Function<byte[], List<Edit>> edits;
		/** files to link beside the mutated one (ALS .xim images) */
		final List<Path> companions;

		Target(String importer, Path file, Importer read, boolean sized, Function<byte[], List<Edit>> edits, List<Path> companions) {
			this.importer = importer;
			this.file = file;
			this.read = read;
			this.sized = sized;
			this.edits = edits;
			this.companions = companions;
		}
	}

	static final Importer AFM = AfmImporter::read;
	static final Importer TIFF = TiffStackReader::open;
	static final Importer STACK = f -> StackImporter.read(f, null);
	static final Importer XRF = f -> XrfMapsReader.read(f, "", "none");
	static final Importer FORCE = ForceFiles::read;
	static final Importer REFS = ReferenceSpectra::read;
	static final Importer COLUMNS = f -> TextColumns.read(f, 2);

	static List<Target> targets() throws IOException {
		List<Target> t = new ArrayList<>();
		add(t, "AfmImporter", "afm/nanoscope-v512-512px.spm", AFM, true, b -> keyEdits(b, NANOSCOPE_KEYS));
		add(t, "AfmImporter", "afm/gwyddion-chip.gwy", AFM, true, FuzzTest::gwyEdits);
		add(t, "AfmImporter", "afm/asylum-P0089OP0027.ibw", AFM, true, FuzzTest::ibwEdits);
		add(t, "AfmImporter", "afm/gsf-scifi-GwiddionReader_chip.gsf", AFM, true, b -> keyEdits(b, new String[] { "XRes = ", "YRes = ", "XReal = ", "YReal = " }));
		add(t, "AfmImporter", "afm/imagemetrology-scilab4spm-data3.bcr", AFM, true,
			b -> keyEdits(b, new String[] { "xpixels = ", "ypixels = ", "xlength = ", "ylength = ", "bit2nm = ", "intelmode = " }));
		add(t, "AfmImporter", "afm/wsxm-afmreader-sample_0.top", AFM, true, b -> keyEdits(b,
			new String[] { "Image header size: ", "Number of columns: ", "Number of rows: ", "X Amplitude: ", "Y Amplitude: ", "Z Amplitude: " }));
		add(t, "AfmImporter", "afm/nanosurf-20160301DKRUStorageMedium10um.nid", AFM, true,
			b -> keyEdits(b, new String[] { "GroupCount=", "Gr0-Count=", "Points=", "Lines=", "SaveBits=", "Dim0Range=", "Dim2Range=", "Dim2Min=" }));
		add(t, "AfmImporter", "afm/ntmdt-scifi-test_mdt.mdt", AFM, true, AfmFormatEdits::mdt);
		add(t, "AfmImporter", "afm/jpk-afmreader-sample_0.jpk", AFM, true, AfmFormatEdits::jpkImage);
		add(t, "AfmImporter", "afm/hitachi-scilab4spm-data2.xqd", AFM, true, AfmFormatEdits::xqd);
		addFile(t, "TiffStackReader.open", Paths.get("test-images/afm/afm-phantom-a.tif"), TIFF, true, FuzzTest::tiffEdits);
		add(t, "TiffStackReader.open", "xrf/hxn-fe/SUM_maps_XRF_S_K.tiff", TIFF, true, FuzzTest::tiffEdits);
		add(t, "XrfMapsReader", "xrf/hxn-fe/SUM_maps_XRF_Fe_K.tiff", XRF, true, FuzzTest::tiffEdits);
		for (String h5 : new String[] { "pyxrf_scan2D_1000.h5", "maps_2xfm_0001.h5", "maps_legacy.h5" })
			addFile(t, "XrfMapsReader", Paths.get("src/test/resources/xrf", h5), XRF, true, FuzzTest::hdf5Edits);
		addFile(t, "StackImporter", Paths.get("test-images/spectral/fe-phantom-transmission.tif"), STACK, true, FuzzTest::tiffEdits);
		add(t, "StackImporter", "stxm/nxstxm/Sample_Stack_2021-03-16_128.hdf5", STACK, true, FuzzTest::hdf5Edits);
		add(t, "StackImporter", "stxm/nxstxm/Sample_Line_2021-03-16_096.hdf5", STACK, true, FuzzTest::hdf5Edits);
		Path hdr = RealData.path("stxm/als-fe-l3-71214078/71214078.hdr");
		if (Files.exists(hdr)) {
			List<Path> xims = new ArrayList<>();
			try (DirectoryStream<Path> ds = Files.newDirectoryStream(hdr.getParent(), "*.xim")) {
				ds.forEach(xims::add);
			}
			t.add(new Target("StackImporter", hdr, STACK, false, b -> keyEdits(b, ALS_KEYS), xims));
			// one .xim image, opened through its own name (the header and the other images linked beside it)
			Path xim = hdr.resolveSibling("71214078_a000.xim");
			List<Path> others = new ArrayList<>(xims);
			others.remove(xim);
			others.add(hdr);
			t.add(new Target("StackImporter", xim, STACK, true, FuzzTest::textHeaderEdits, others));
		}
		add(t, "ForceFiles", "force/bruker-forcecurve-sapphire-tap525.001", FORCE, true, b -> keyEdits(b, NANOSCOPE_KEYS));
		Path spot = RealData.path("force/jpk-spot3-0192.jpk-force"), map = RealData.path("force/jpk-forcemap-2x2.jpk-force-map");
		addFile(t, "ForceFiles", spot, FORCE, true, b -> jpkEdits(spot));
		addFile(t, "ForceFiles", map, FORCE, true, b -> jpkEdits(map));
		Path qi = RealData.path("force/jpk-qi-2020.02.07.jpk-qi-data"), qis = RealData.path("force/jpk-qi-series-2021.04.13.jpk-qi-series");
		addFile(t, "ForceFiles", qi, FORCE, true, b -> jpkEdits(qi));
		addFile(t, "ForceFiles", qis, FORCE, true, b -> jpkEdits(qis));
		add(t, "ForceFiles", "force/afmworkshop-fd_single_2021-10-22.csv", FORCE, false, FuzzTest::textHeaderEdits);
		add(t, "ForceFiles", "force/igor-SiN_FD_plot.ibw", FORCE, true, b -> {
			List<Edit> e = keyEdits(b, new String[] { "SpringConstant: ", "InvOLS: ", "Indexes: " });
			e.addAll(ibwEdits(b));
			return e;
		});
		addFile(t, "ForceFiles", Paths.get("test-images/force/demo-map/curve_x0_y0.txt"), FORCE, false, b -> {
			List<Edit> e = keyEdits(b, new String[] { "# spring_constant: ", "# pixel_size: " });
			e.addAll(textHeaderEdits(b));
			return e;
		});
		add(t, "ReferenceSpectra", "xrf/hxn-fe/FeLibNov2021.nor", REFS, false, FuzzTest::textHeaderEdits);
		add(t, "ReferenceSpectra", "stxm/als-fe-l3-71214078/oxidized.r", REFS, false, FuzzTest::textHeaderEdits);
		add(t, "TextColumns (I0 file)", "stxm/als-fe-l3-71214078/i0.xsp", COLUMNS, false, FuzzTest::textHeaderEdits);
		return t;
	}

	private static void add(List<Target> t, String importer, String real, Importer read, boolean sized, Function<byte[], List<Edit>> edits) {
		addFile(t, importer, RealData.path(real), read, sized, edits);
	}

	private static void addFile(List<Target> t, String importer, Path f, Importer read, boolean sized, Function<byte[], List<Edit>> edits) {
		if (Files.exists(f)) t.add(new Target(importer, f, read, sized, edits, List.of()));
		else System.out.println("FuzzTest: skipping " + f + " (absent: ../shared/data not here)");
	}

	/** The cases of each file are made when JUnit reaches them and their bytes dropped once run (memory stays small). */
	@TestFactory
	Stream<DynamicTest> everyImporterOnEveryRealFile() throws IOException {
		return targets().stream().flatMap(t -> {
			try {
				return casesOf(t).stream();
			} catch (IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
		});
	}

	private static List<DynamicTest> casesOf(Target t) throws IOException {
		List<DynamicTest> tests = new ArrayList<>();
		{
			byte[] orig = Files.readAllBytes(t.file);
			String name = t.file.getFileName().toString();
			Random rnd = new Random(SEED ^ name.hashCode());
			for (double f : FRACTIONS)
				tests.add(test(t, "truncated to " + f, Mutations.truncate(orig, f), true));
			int header = Math.min(orig.length, 4096);
			for (int i = 0; i < 8; i++) {
				int at = rnd.nextInt(header);
				tests.add(test(t, "byte " + at + " flipped", Mutations.flip(orig, at, rnd.nextInt(256)), false));
			}
			for (int i = 0; i < 4; i++) {
				int at = rnd.nextInt(orig.length);
				tests.add(test(t, "byte " + at + " flipped", Mutations.flip(orig, at, rnd.nextInt(256)), false));
			}
			for (Edit e : t.edits.apply(orig))
				if (!java.util.Arrays.equals(e.bytes, orig)) tests.add(test(t, "edit: " + e.what, e.bytes, false));
		}
		return tests;
	}

	private static DynamicTest test(Target t, String what, byte[] content, boolean truncated) {
		String name = t.file.getFileName().toString();
		java.util.concurrent.atomic.AtomicReference<byte[]> bytes = new java.util.concurrent.atomic.AtomicReference<>(content);
		return DynamicTest.dynamicTest(t.importer + " " + name + ": " + what, () -> {
			Path dir = tmp.resolve("case" + CASE.incrementAndGet());
			Path f = Mutations.write(dir, name, bytes.getAndSet(null));
			for (Path c : t.companions)
				Files.createSymbolicLink(dir.resolve(c.getFileName().toString()), c.toAbsolutePath());
			int outcome;
			try {
				outcome = outcome(t.read, f, name, truncated && t.sized);
			} finally {
				for (Path c : t.companions)
					Files.deleteIfExists(dir.resolve(c.getFileName().toString()));
			}
			if (VERBOSE) System.out.println((outcome == 2 ? "READ  " : "ERROR ") + t.importer + " " + name + ": " + what + (outcome == 2 ? "" : " -> " + lastMessage));
			synchronized (COUNTS) {
				int[] c = COUNTS.computeIfAbsent(t.importer, x -> new int[4]);
				c[0]++;
				c[outcome == 2 ? 2 : 1]++;
				if (outcome == 3) c[3]++;
			}
		});
	}

	/** 1 = clean error from a check, 3 = clean error from the guard (content no check foresaw), 2 = read; fails the test on anything else. */
	static int outcome(Importer read, Path f, String name, boolean mustFail) {
		try {
			Object r = assertTimeoutPreemptively(LIMIT, () -> read.read(f), "more than " + LIMIT.getSeconds() + " s on " + f);
			assertNotNull(r);
			if (mustFail) fail("a truncated " + name + " was read as if whole");
			return 2;
		} catch (InvalidInputException e) {
			assertCleanMessage(e, name);
			lastMessage = e.getMessage();
			return e.getMessage().contains("is damaged or not in the expected format (") ? 3 : 1;
		}
	}

	/** One printable line that names the file. */
	static void assertCleanMessage(InvalidInputException e, String... names) {
		String m = e.getMessage();
		assertNotNull(m, "an error without a message");
		assertFalse(m.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\uFFFD'),
			"message with control characters: " + m.replaceAll("\\p{Cntrl}", "^"));
		assertTrue(m.length() <= 400, "message longer than 400 characters: " + m);
		boolean named = false;
		for (String n : names)
			named |= m.contains(n);
		assertTrue(named, "message does not name " + String.join(" or ", names) + ": " + m);
	}

	@AfterAll
	static void summary() throws IOException {
		StringBuilder sb = new StringBuilder("FuzzTest (seed " + Long.toHexString(SEED) + "): importer | cases | clean errors | reads | of the errors, from the guard\n");
		int[] total = new int[4];
		for (Map.Entry<String, int[]> e : COUNTS.entrySet()) {
			int[] c = e.getValue();
			sb.append(String.format(Locale.ROOT, "  %-24s %4d %4d %4d %4d%n", e.getKey(), c[0], c[1], c[2], c[3]));
			for (int i = 0; i < 4; i++)
				total[i] += c[i];
		}
		sb.append(String.format(Locale.ROOT, "  %-24s %4d %4d %4d %4d%n", "total", total[0], total[1], total[2], total[3]));
		System.out.print(sb);
		Path target = Paths.get("target");
		if (Files.isDirectory(target)) Files.writeString(target.resolve("fuzz-summary.txt"), sb.toString());
	}

	// ---------------------------------------------------------------- header-field edits per format

	/** Six numbers of the text header (first 64 KB) set to NaN, −1, 0, 2^31−1, 1e308, ∞ (seeded choice). */
	static List<Edit> textHeaderEdits(byte[] b) {
		List<int[]> nums = Mutations.numbers(b, 1 << 16);
		List<Edit> out = new ArrayList<>();
		if (nums.isEmpty()) return out;
		Random rnd = new Random(SEED + b.length);
		for (int i = 0; i < BAD_NUMBERS.length; i++) {
			int[] n = nums.get(rnd.nextInt(nums.size()));
			out.add(new Edit("number at byte " + n[0] + " (" + new String(b, n[0], n[1] - n[0], StandardCharsets.ISO_8859_1) + ") -> " + BAD_NUMBERS[i],
				Mutations.replaceRange(b, n[0], n[1], BAD_NUMBERS[i])));
		}
		return out;
	}

	/** Keys (text before the value) of NanoScope headers whose values the readers use. */
	static final String[] NANOSCOPE_KEYS = { "\\Data offset: ", "\\Data length: ", "\\Bytes/pixel: ", "\\Samps/line: ", "\\Number of lines: ",
		"\\Scan Size: ", "\\Spring Constant: ", "Z scale: V [Sens. Zsens] (", "Z scale: V [Sens. DeflSens] (", "\\@Sens. Zsens: V ",
		"\\@Sens. DeflSens: V ", "\\@4:Ramp size: V [Sens. Zsens] (" };
	static final String[] ALS_KEYS = { "StackAxis = { Name = \"Energy\"; Unit = \"eV\"; Min = 700; Max = 730; Dir = 1;\n\t\tPoints = (", "Points = (125, ",
		"Points = (", "Dwell = ", "StorageRingCurrent = " };

	/** The first number after each key (first and last occurrence) set to each bad number. */
	static List<Edit> keyEdits(byte[] b, String[] keys) {
		List<Edit> out = new ArrayList<>();
		String s = new String(b, 0, Math.min(b.length, 1 << 16), StandardCharsets.ISO_8859_1);
		java.util.regex.Pattern num = java.util.regex.Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
		for (String k : keys)
			for (int at : new int[] { s.indexOf(k), s.lastIndexOf(k) }) {
				if (at < 0) continue;
				java.util.regex.Matcher m = num.matcher(s);
				if (!m.find(at + k.length()) || m.start() > at + k.length() + 2) continue;
				for (String v : BAD_NUMBERS)
					out.add(new Edit(k.trim() + " " + m.group() + " (byte " + m.start() + ") -> " + v, Mutations.replaceRange(b, m.start(), m.end(), v)));
				if (s.indexOf(k) == s.lastIndexOf(k)) break;
			}
		return out;
	}

	static List<Edit> tiffEdits(byte[] b) {
		List<Edit> out = new ArrayList<>();
		int[] tags = { 256, 257, 258, 273, 277, 279 };
		long[] values = { 0, 1, 65535, 0x7fffffffL };
		for (int tag : tags)
			for (long v : values) {
				byte[] e = Mutations.tiffTag(b, tag, v);
				if (e != null) out.add(new Edit("TIFF tag " + tag + " = " + v, e));
			}
		for (String v : new String[] { "0", "-1", "99999", "NaN" }) {
			byte[] e = Mutations.replaceText(b, "\nimages=(\\d+)", v);
			if (e != null) out.add(new Edit("ImageJ images=" + v, e));
		}
		return out;
	}

	static List<Edit> ibwEdits(byte[] b) {
		List<Edit> out = new ArrayList<>();
		int[] offsets = { 8, 12, 16, 36, 40, 44, 64 + 12, 64 + 68, 64 + 72, 64 + 76 };
		int[] values = { -1, 0, Integer.MAX_VALUE, Integer.MIN_VALUE };
		java.nio.ByteOrder order = b[0] == 5 ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN;
		for (int off : offsets)
			for (int v : values) {
				byte[] e = b.clone();
				java.nio.ByteBuffer.wrap(e).order(order).putInt(off, v);
				out.add(new Edit("int at byte " + off + " = " + v, e));
			}
		for (double d : new double[] { 0, -1, Double.NaN }) { // sfA[0]
			byte[] e = b.clone();
			java.nio.ByteBuffer.wrap(e).order(order).putDouble(64 + 84, d);
			out.add(new Edit("sfA[0] = " + d, e));
		}
		return out;
	}

	static List<Edit> gwyEdits(byte[] b) {
		List<Edit> out = new ArrayList<>();
		String s = new String(b, StandardCharsets.ISO_8859_1);
		for (String key : new String[] { "xreal\0d", "yreal\0d" }) {
			int at = s.indexOf(key);
			if (at < 0) continue;
			for (double d : new double[] { 0, -1, Double.NaN, Double.POSITIVE_INFINITY }) {
				byte[] e = b.clone();
				java.nio.ByteBuffer.wrap(e).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(at + key.length(), d);
				out.add(new Edit(key.substring(0, key.length() - 2) + " = " + d, e));
			}
		}
		for (String key : new String[] { "xres\0i", "yres\0i", "data\0D" }) {
			int at = s.indexOf(key);
			if (at < 0) continue;
			for (int v : new int[] { 0, -1, Integer.MAX_VALUE, 1 }) {
				byte[] e = b.clone();
				java.nio.ByteBuffer.wrap(e).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(at + key.length(), v);
				out.add(new Edit(key.substring(0, key.length() - 2) + " = " + v, e));
			}
		}
		return out;
	}

	private static int indexOf(byte[] hay, byte[] needle, int from) {
		outer: for (int i = from; i + needle.length <= hay.length; i++) {
			for (int j = 0; j < needle.length; j++)
				if (hay[i + j] != needle[j]) continue outer;
			return i;
		}
		return -1;
	}

	/** Grid, position, point-count and scaling properties of a JPK zip set to bad numbers. */
	static List<Edit> jpkEdits(Path zip) {
		List<Edit> out = new ArrayList<>();
		String[] keys = { "grid.ilength", "grid.jlength", "position-index", "num-points", "encoder.scaling.multiplier", "encoder.scaling.offset",
			"scaling.multiplier", "grid.ulength" };
		String[] values = { "NaN", "-1", "0", "2147483647" };
		try {
			for (String k : keys)
				for (String v : values)
					out.add(new Edit(k + " = " + v, Mutations.zipProperties(zip, Mutations.setProperty(k, v), null)));
		} catch (IOException e) {
			throw new AssertionError(e);
		}
		return out;
	}

	/** Shapes of the HDF5 fixtures and real files made huge, zero or inconsistent. */
	static List<Edit> hdf5Edits(byte[] b) {
		List<Edit> out = new ArrayList<>();
		long[][] shapes = { { 3, 5, 6 }, { 4, 50, 50 }, { 81, 50 }, { 2, 5, 6 }, { 5, 6, 2 }, { 5, 6, 3 } };
		for (long[] s : shapes) {
			long[][] repl = s.length == 3 ? new long[][] { { s[0], 46341, 46341 }, { s[0], 0, s[2] }, { s[0], s[1] + 1, s[2] } }
				: new long[][] { { s[0], 1L << 33 }, { 0, s[1] }, { s[0] + 1, s[1] } };
			for (long[] r : repl) {
				byte[] e = Mutations.hdf5Dims(b, s, r);
				if (e != null) out.add(new Edit("shape " + java.util.Arrays.toString(s) + " -> " + java.util.Arrays.toString(r), e));
			}
		}
		// datatype messages (version 1): float32/float64/int32/int64 little-endian, first two of each; size and class edited
		byte[][] types = { { 0x11, 0x20, 0x1f, 0, 4, 0, 0, 0 }, { 0x11, 0x20, 0x3f, 0, 8, 0, 0, 0 }, { 0x10, 0x08, 0, 0, 4, 0, 0, 0 }, { 0x10, 0x08, 0, 0, 8, 0, 0, 0 } };
		String[] typeNames = { "float32", "float64", "int32", "int64" };
		for (int t = 0; t < types.length; t++) {
			int from = 0;
			for (int occurrence = 0; occurrence < 2; occurrence++) {
				int at = indexOf(b, types[t], from);
				if (at < 0) break;
				from = at + 1;
				for (int[] edit : new int[][] { { 4, 0 }, { 4, 2 }, { 4, 16 }, { 4, 255 }, { 0, 0x13 }, { 0, 0x1a } }) {
					byte[] e = b.clone();
					e[at + edit[0]] = (byte) edit[1];
					out.add(new Edit(typeNames[t] + " type at byte " + at + ": byte " + edit[0] + " -> " + edit[1], e));
				}
			}
		}
		return out;
	}
}
