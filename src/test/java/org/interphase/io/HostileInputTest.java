package org.interphase.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.interphase.core.InvalidInputException;
import org.interphase.core.afm.ForceMap;
import org.interphase.ij.ImageFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.FloatProcessor;

/**
 * Issue #13, "Readers that never lie": each known failure as a named regression test. Every case must
 * end in an InvalidInputException whose message is one printable line naming the file.
 */
class HostileInputTest {

	@TempDir
	Path tmp;

	static final Duration LIMIT = Duration.ofSeconds(10);

	/** Runs {@code r} (at most 10 s) and returns its clean one-line error naming {@code name}. */
	static String refused(String name, Runnable r) {
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> assertTimeoutPreemptively(LIMIT, r::run));
		FuzzTest.assertCleanMessage(e, name);
		return e.getMessage();
	}

	private Path copy(Path src, String name, byte[] content) throws IOException {
		Path dir = Files.createTempDirectory(tmp, "case");
		return Mutations.write(dir, name == null ? src.getFileName().toString() : name, content);
	}

	// ---------------------------------------------------------------- 1. truncated TIFFs

	@Test
	void truncatedPyxrfTiffIsRefusedNotZeroFilled() throws IOException {
		Path src = RealData.require("xrf/hxn-fe/SUM_maps_XRF_S_K.tiff");
		Path f = copy(src, null, Mutations.truncate(Files.readAllBytes(src), 0.01));
		refused("SUM_maps_XRF_S_K.tiff", () -> XrfMapsReader.read(f, "", "none"));
		refused("SUM_maps_XRF_S_K.tiff", () -> TiffStackReader.open(f));
		String m = refused("SUM_maps_XRF_S_K.tiff", () -> ImageFiles.open(f, null));
		assertTrue(m.contains("truncated"), m);
	}

	@Test
	void truncatedAfmTiffIsRefused() throws IOException {
		Path src = Paths.get("test-images/afm/afm-phantom-a.tif");
		Path f = copy(src, null, Mutations.truncate(Files.readAllBytes(src), 0.10));
		String m = refused("afm-phantom-a.tif", () -> TiffStackReader.open(f)); // the Import AFM Image TIFF path
		assertTrue(m.contains("truncated"), m);
		refused("afm-phantom-a.tif", () -> ImageFiles.open(f, null));
	}

	// ---------------------------------------------------------------- 2. TIFF header fields

	@Test
	void tiffImageLengthLargerThanTheStripsIsRefused() throws IOException {
		Path src = RealData.require("xrf/hxn-fe/SUM_maps_XRF_S_K.tiff");
		byte[] b = Files.readAllBytes(src);
		Path f = copy(src, null, Mutations.tiffTag(b, 257, 65535));
		refused("SUM_maps_XRF_S_K.tiff", () -> TiffStackReader.open(f));
		refused("SUM_maps_XRF_S_K.tiff", () -> XrfMapsReader.read(f, "", "none"));
		Path w1 = copy(src, null, Mutations.tiffTag(b, 256, 1));
		String m = refused("SUM_maps_XRF_S_K.tiff", () -> TiffStackReader.open(w1));
		assertTrue(m.contains("1×160"), m);
		Path huge = copy(src, null, Mutations.tiffTag(b, 279, Integer.MAX_VALUE));
		refused("SUM_maps_XRF_S_K.tiff", () -> TiffStackReader.open(huge));
	}

	@Test
	void imageJImagesZeroOrNegativeIsRefused() throws IOException {
		ImageStack st = new ImageStack(8, 6);
		for (int i = 0; i < 100; i++) { // images=100: room for "NaN" in place
			float[] px = new float[48];
			java.util.Arrays.fill(px, i);
			st.addSlice((700 + 0.1 * i) + " eV", new FloatProcessor(8, 6, px));
		}
		Path good = tmp.resolve("stack.tif");
		assertTrue(new FileSaver(new ImagePlus("stack", st)).saveAsTiffStack(good.toString()));
		byte[] b = Files.readAllBytes(good);
		assertEquals(100, TiffStackReader.open(good).getStackSize());
		for (String v : new String[] { "0", "-1", "NaN" }) {
			Path f = copy(good, null, Mutations.replaceTextSameLength(b, "\nimages=(\\d+)", v));
			String m = refused("stack.tif", () -> TiffStackReader.open(f));
			assertTrue(m.contains("images"), m);
			refused("stack.tif", () -> StackImporter.read(f, null));
		}
		Path more = copy(good, null, Mutations.replaceTextSameLength(b, "\nimages=(\\d+)", "999"));
		refused("stack.tif", () -> TiffStackReader.open(more));
	}

	// ---------------------------------------------------------------- 3. NanoScope data offset

	@Test
	void nanoscopeDataOffsetInsideTheHeaderOrNotANumberIsRefused() throws IOException {
		Path src = RealData.require("afm/nanoscope-v512-512px.spm");
		byte[] b = Files.readAllBytes(src);
		for (String v : new String[] { "0", "NaN", "-1", "100" }) {
			Path f = copy(src, null, Mutations.replaceTextSameLength(b, "\\\\Data offset: (\\d+)", v));
			String m = refused("nanoscope-v512-512px.spm", () -> AfmImporter.read(f));
			assertTrue(m.contains("Data offset"), m);
		}
	}

	// ---------------------------------------------------------------- 4. Igor noteSize

	@Test
	void igorNegativeNoteSizeIsRefused() throws IOException {
		Path src = RealData.require("afm/asylum-P0089OP0027.ibw");
		byte[] b = Files.readAllBytes(src);
		ByteOrder order = b[0] == 5 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
		for (int v : new int[] { -1, 0, 1 << 30 }) {
			byte[] e = b.clone();
			ByteBuffer.wrap(e).order(order).putInt(12, v);
			Path f = copy(src, null, e);
			refused("asylum-P0089OP0027.ibw", () -> AfmImporter.read(f));
		}
	}

	// ---------------------------------------------------------------- 5. and 8. JPK grid and positions

	@Test
	void jpkGridLengthsMustBePositiveWholeNumbers() throws IOException {
		Path src = RealData.require("force/jpk-forcemap-2x2.jpk-force-map");
		for (String key : new String[] { "grid.ilength", "grid.jlength" })
			for (String v : new String[] { "-1", "0", "NaN" }) {
				Path f = copy(src, null, Mutations.zipProperties(src, Mutations.setProperty(key, v), "header.properties"));
				String m = refused("jpk-forcemap-2x2.jpk-force-map", () -> ForceFiles.read(f));
				assertTrue(m.contains(key), m);
			}
	}

	@Test
	void jpkPositionOutsideTheGridIsRefused() throws IOException {
		Path src = RealData.require("force/jpk-forcemap-2x2.jpk-force-map");
		Path f = copy(src, null,
			Mutations.zipProperties(src, t -> t.replaceAll("(?m)^force-scan-series.header.position-index=.*$", "") + "\nforce-scan-series.header.position-index=2147483647\n",
				"index/0/header.properties"));
		String m = refused("jpk-forcemap-2x2.jpk-force-map", () -> ForceFiles.read(f));
		assertTrue(m.contains("position-index"), m);
	}

	@Test
	void textForceCurveAtAHugeGridPositionIsRefused() throws IOException {
		Path dir = Files.createDirectories(tmp.resolve("curves"));
		String curve = "0 0 0\n1 0.1 0\n2 0.3 0\n2 0.3 1\n1 0.1 1\n0 0 1\n";
		Files.writeString(dir.resolve("a.txt"), "# x: 0\n# y: 0\n" + curve);
		Files.writeString(dir.resolve("b.txt"), "# x: 2147483647\n# y: 0\n" + curve);
		refused("b.txt", () -> ForceFiles.read(dir));
		Files.writeString(dir.resolve("b.txt"), "# x: 2147483646\n# y: 0\n" + curve);
		refused("curves", () -> ForceFiles.read(dir));
		Files.writeString(dir.resolve("b.txt"), "# x: 1\n# y: 0\n" + curve);
		ForceMap m = ForceFiles.read(dir);
		assertEquals(2, m.width);
	}

	// ---------------------------------------------------------------- 6. and 13. ALS header numbers

	private Path alsStack(String points, String pAxis, String qAxis, String dwell) throws IOException {
		Path dir = Files.createTempDirectory(tmp, "als");
		String hdr = "ScanDefinition = { Label = \"s.hdr\"; Type = \"NEXAFS Image Scan\"; Dwell = " + dwell + ";\n" + "\tRegions = (1,\n{\n"
			+ "\t\tPAxis = { Name = \"Sample X\"; Unit = \"um\"; Points = " + pAxis + "; };\n" + "\t\tQAxis = { Name = \"Sample Y\"; Unit = \"um\"; Points = "
			+ qAxis + "; };\n});\n" + "\tStackAxis = { Name = \"Energy\"; Unit = \"eV\"; Points = " + points + "; };\n"
			+ "\tChannels = (1,\n{ Name = \"counter1\"; Unit = \"counts\";});\n};\n";
		Files.writeString(dir.resolve("s.hdr"), hdr);
		for (int e = 0; e < 2; e++)
			Files.writeString(dir.resolve(String.format("s_a%03d.xim", e)), "1 2 3\n4 5 6\n");
		return dir.resolve("s.hdr");
	}

	@Test
	void alsHeaderNumbersAreChecked() throws IOException {
		String e = "(2, 700, 701)", p = "(3, 0, 0.1, 0.2)", q = "(2, 0, 0.1)";
		assertEquals(2, StackImporter.read(alsStack(e, p, q, "1"), null).stack.energyCount());
		for (String[] bad : new String[][] { { "(NaN, 700, 701)", p, q, "1" }, { "(2, NaN, 701)", p, q, "1" }, { "(-1, 700, 701)", p, q, "1" },
			{ e, "(3, 0, NaN, 0.2)", q, "1" }, { e, "(NaN, 0, 0.1, 0.2)", q, "1" }, { e, p, "(2, NaN, 0.1)", "1" }, { e, p, "(2, 0, Infinity)", "1" },
			{ e, p, q, "NaN" }, { e, p, q, "-1" }, { e, p, q, "0" }, { e, "(3, 5, 5, 5)", q, "1" } }) {
			Path f = alsStack(bad[0], bad[1], bad[2], bad[3]);
			refused("s.hdr", () -> StackImporter.read(f, null));
		}
	}

	// ---------------------------------------------------------------- 7. Bruker force Samps/line

	@Test
	void brukerForceSampsPerLineZeroOrNaNIsRefused() throws IOException {
		Path src = RealData.require("force/bruker-forcecurve-sapphire-tap525.001");
		byte[] b = Files.readAllBytes(src);
		for (String v : new String[] { "0", "NaN", "-5" }) {
			byte[] e = Mutations.replaceTextSameLength(b, "\\*Ciao force image list[\\s\\S]*?\\\\Samps/line: (\\d+)", v);
			assertNotNull(e);
			Path f = copy(src, null, e);
			String m = refused("bruker-forcecurve-sapphire-tap525.001", () -> ForceFiles.read(f));
			assertTrue(m.contains("Samps/line"), m);
		}
	}

	// ---------------------------------------------------------------- 9. huge declared HDF5 shapes

	@Test
	void hugeHdf5ShapeSaysHowMuchMemoryItNeeds() throws IOException {
		Path src = Paths.get("src/test/resources/xrf/pyxrf_scan2D_1000.h5");
		byte[] e = Mutations.hdf5Dims(Files.readAllBytes(src), new long[] { 3, 5, 6 }, new long[] { 3, 46341, 46341 });
		Path f = copy(src, null, e);
		String m = refused("pyxrf_scan2D_1000.h5", () -> XrfMapsReader.read(f, "", "none"));
		assertTrue(m.matches(".*: needs \\d+(\\.\\d)? GB, more than the \\d+(\\.\\d)? GB Java may use.*"), m);
	}

	@Test
	void hugeNxStxmShapeSaysHowMuchMemoryItNeeds() throws IOException {
		Path src = RealData.require("stxm/nxstxm/Sample_Stack_2021-03-16_128.hdf5");
		byte[] b = Files.readAllBytes(src), e;
		while ((e = Mutations.hdf5Dims(b, new long[] { 4, 50, 50 }, new long[] { 4, 46341, 46341 })) != null)
			b = e;
		Path f = copy(src, null, b);
		String m = refused("Sample_Stack_2021-03-16_128.hdf5", () -> StackImporter.read(f, null));
		assertTrue(m.matches(".*: needs \\d+(\\.\\d)? GB, more than the \\d+(\\.\\d)? GB Java may use.*"), m);
	}

	// ---------------------------------------------------------------- 10. stderr of the CLI

	@Test
	void cliReadsHdf5WithoutSlf4jWarnings() throws Exception {
		Class.forName("org.slf4j.nop.NOPServiceProvider"); // the quiet provider is on the runtime class path
		Path out = tmp.resolve("out");
		Path input = Paths.get("src/test/resources/xrf/pyxrf_scan2D_1000.h5").toAbsolutePath();
		Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-Djava.awt.headless=true", "-cp",
			System.getProperty("java.class.path"), "org.interphase.cli.Main", "run", "Import XRF Maps", "file=" + input, "--out", out.toString())
				.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(60, TimeUnit.SECONDS));
		assertEquals(0, p.exitValue(), err);
		assertEquals("", err, "stderr of a successful HDF5 read");
	}

	// ---------------------------------------------------------------- 11. pipes and devices

	interface Entry {
		Object read(Path f);
	}

	static List<Entry> entryPoints() {
		List<Entry> e = new ArrayList<>();
		e.add(AfmImporter::read);
		e.add(f -> AfmImporter.accepts(f) ? "accepted" : null);
		e.add(ForceFiles::read);
		e.add(f -> StackImporter.read(f, null));
		e.add(f -> XrfMapsReader.read(f, "", "none"));
		e.add(ReferenceSpectra::read);
		e.add(f -> TextColumns.read(f, 1));
		e.add(TiffStackReader::open);
		e.add(f -> ImageFiles.open(f, null));
		return e;
	}

	@Test
	void namedPipeAndDeviceAreRefusedAtOnce() throws Exception {
		Path fifo = tmp.resolve("x.spm");
		Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
		Assumptions.assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo unavailable");
		Path zero = tmp.resolve("z.spm");
		Assumptions.assumeTrue(Files.exists(Paths.get("/dev/zero")), "no /dev/zero");
		Files.createSymbolicLink(zero, Paths.get("/dev/zero"));
		for (Path f : new Path[] { fifo, zero })
			for (Entry e : entryPoints()) {
				String m = refused(f.getFileName().toString(), () -> e.read(f));
				assertTrue(m.contains("not a regular file"), m);
			}
		Files.delete(zero); // (JUnit warns about links out of its temporary folder)
		// a symlink to a regular file is fine
		Path real = RealData.require("afm/nanoscope-v512-512px.spm").toAbsolutePath();
		Path link = tmp.resolve("link.spm");
		Files.createSymbolicLink(link, real);
		assertEquals(2, AfmImporter.read(link).channels.size());
		Files.delete(link);
	}

	// ---------------------------------------------------------------- 13. pixel sizes and scalings

	@Test
	void gwyddionZeroOrNegativeRealSizeIsRefused() throws IOException {
		Path src = RealData.require("afm/gwyddion-chip.gwy");
		byte[] b = Files.readAllBytes(src);
		String s = new String(b, StandardCharsets.ISO_8859_1);
		for (String key : new String[] { "xreal\0d", "yreal\0d" })
			for (double v : new double[] { 0, -1, Double.NaN }) {
				int at = s.indexOf(key);
				assertTrue(at > 0);
				byte[] e = b.clone();
				ByteBuffer.wrap(e).order(ByteOrder.LITTLE_ENDIAN).putDouble(at + key.length(), v);
				Path f = copy(src, null, e);
				String m = refused("gwyddion-chip.gwy", () -> AfmImporter.read(f));
				assertTrue(m.contains(key.substring(0, 5)), m);
			}
	}

	@Test
	void jpkEncoderMultiplierNaNIsRefused() throws IOException {
		for (String name : new String[] { "force/jpk-forcemap-2x2.jpk-force-map", "force/jpk-spot3-0192.jpk-force" }) {
			Path src = RealData.require(name);
			Path f = copy(src, null, Mutations.zipProperties(src, Mutations.setProperty("encoder.scaling.multiplier", "NaN"), null));
			String m = refused(src.getFileName().toString(), () -> ForceFiles.read(f));
			assertTrue(m.contains("multiplier"), m);
		}
	}

	// ---------------------------------------------------------------- 14. garbled text

	@Test
	void garbledTextGivesOnePrintableLine() throws IOException {
		Random rnd = new Random(14);
		byte[] garbage = new byte[4096];
		rnd.nextBytes(garbage);
		garbage[10] = '\n';
		garbage[20] = '\r';
		garbage[30] = (byte) 0x85; // NEL
		garbage[40] = 0x0b;
		Path nor = RealData.require("xrf/hxn-fe/FeLibNov2021.nor");
		byte[] b = Files.readAllBytes(nor);
		System.arraycopy(garbage, 0, b, 0, 4096);
		Path f = copy(nor, null, b);
		refused("FeLibNov2021.nor", () -> ReferenceSpectra.read(f));
		refused("FeLibNov2021.nor", () -> TextColumns.read(f, 2));
		byte[] c = Files.readAllBytes(Paths.get("test-images/force/demo-map/curve_x0_y0.txt"));
		System.arraycopy(garbage, 0, c, 0, Math.min(4096, c.length));
		Path csv = copy(nor, "curve.csv", c);
		refused("curve.csv", () -> ForceFiles.read(csv));
	}

	@Test
	void quoteKeepsSixtyPrintableCharacters() {
		String q = InputFiles.quote("a\nb\r\u0085c\u0000d" + "x".repeat(200));
		assertTrue(q.startsWith("a b ?c?d"), q);
		assertTrue(q.length() <= InputFiles.QUOTE_MAX + 1, q);
		assertTrue(q.endsWith("…"), q);
	}
}
