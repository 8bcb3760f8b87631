package org.interphase.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.interphase.core.InvalidInputException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

public class StxmReadersTest {

	static final Path ALS = Paths.get("../shared/data/stxm/als-fe-l3-71214078");
	static final Path NX = Paths.get("../shared/data/stxm/nxstxm");

	@TempDir
	Path tmp;

	static void assume(Path p) {
		Assumptions.assumeTrue(Files.exists(p), "shared data absent: " + p.toAbsolutePath().normalize());
	}

	// ---------- ALS .hdr + .xim ----------

	@Test
	void alsStackHasTheHeadersEnergiesSizePixelAndTheFilesNumbers() throws IOException {
		Path hdr = ALS.resolve("71214078.hdr");
		assume(hdr);
		ImportedStack in = StackImporter.read(hdr, null);
		assertEquals(125, in.stack.width());
		assertEquals(125, in.stack.height());
		assertEquals(123, in.stack.energyCount());
		// energies exactly as listed in the header (independent check with a plain text search)
		String text = Files.readString(hdr, StandardCharsets.ISO_8859_1);
		int i = text.indexOf("StackAxis");
		i = text.indexOf("Points = (", i) + "Points = (".length();
		String[] listed = text.substring(i, text.indexOf(')', i)).split(",\\s*");
		assertEquals(123, Integer.parseInt(listed[0].trim()));
		for (int e = 0; e < 123; e++)
			assertEquals(Double.parseDouble(listed[e + 1].trim()), in.stack.energy(e), 0);
		assertEquals(700.0, in.stack.energy(0), 0);
		assertEquals(730.353, in.stack.energy(122), 0);
		assertEquals(0.08, in.pixelWidth, 1e-9);
		assertEquals(0.08, in.pixelHeight, 1e-9);
		assertEquals("µm", in.unit);
		assertEquals("0.433", in.metadata.get("dwell_ms"));
		// first row of the first and last .xim, as written in the files
		for (int e : new int[] { 0, 122 }) {
			List<String> lines = Files.readAllLines(ALS.resolve(String.format(Locale.ROOT, "71214078_a%03d.xim", e)));
			String[] row0 = lines.get(0).trim().split("\\s+");
			String[] rowLast = lines.get(124).trim().split("\\s+");
			assertEquals(125, row0.length);
			for (int x = 0; x < 125; x++) {
				assertEquals(Float.parseFloat(row0[x]), in.stack.slice(e)[x], 0, "slice " + e + " x " + x);
				assertEquals(Float.parseFloat(rowLast[x]), in.stack.slice(e)[124 * 125 + x], 0);
			}
		}
	}

	@Test
	void alsRingCurrentNormalisationUsesTheHeadersCurrents() {
		Path hdr = ALS.resolve("71214078.hdr");
		assume(hdr);
		ImportedStack raw = StackImporter.read(hdr, null);
		ImportedStack norm = StackImporter.read(hdr, null, "", true);
		// image 1: 333.4 mA, image 123: 306.38 mA; the median of 123 monotonic currents is image 62's
		double ratio0 = norm.stack.slice(0)[7] / raw.stack.slice(0)[7];
		double ratioLast = norm.stack.slice(122)[7] / raw.stack.slice(122)[7];
		assertEquals(333.4 / 306.38, ratioLast / ratio0, 1e-5);
		assertTrue(norm.metadata.containsKey("ring_current_normalized"));
		// channel by name of the header, and a wrong one named in the message
		assertEquals(123, StackImporter.read(hdr, null, "counter1", false).stack.energyCount());
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> StackImporter.read(hdr, null, "nosuch", false));
		assertTrue(e.getMessage().startsWith("channel:") && e.getMessage().contains("counter1"), e.getMessage());
	}

	@Test
	void hdrParserHandlesNestingListsAndReportsErrorsWithLine() {
		Map<String, Object> root = HdrParser.parse("A = { B = (2, 1.5, 2.5); C = \"x; y\"; D = (1,\n{ E = 3;}); };\n F = true;", "t.hdr");
		assertArrayEquals(new double[] { 1.5, 2.5 }, HdrParser.countedNumbers(HdrParser.get(root, "A.B"), "A.B", "t.hdr"), 0);
		assertEquals("x; y", HdrParser.get(root, "A.C"));
		assertEquals("3", HdrParser.countedGroups(HdrParser.get(root, "A.D")).get(0).get("E"));
		assertEquals("true", root.get("F"));
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> HdrParser.parse("A = {\n B = 1;\n", "t.hdr"));
		assertTrue(e.getMessage().contains("t.hdr") && e.getMessage().contains("'}'"), e.getMessage());
		InvalidInputException count = assertThrows(InvalidInputException.class,
			() -> HdrParser.countedNumbers(HdrParser.parse("P = (3, 1, 2);", "t.hdr").get("P"), "P", "t.hdr"));
		assertTrue(count.getMessage().contains("announces 3"), count.getMessage());
	}

	@Test
	void ximGivenDirectlyOpensItsHeader() {
		Path xim = ALS.resolve("71214078_a005.xim");
		assume(xim);
		assertEquals(123, StackImporter.read(xim, null).stack.energyCount());
	}

	// ---------- NXstxm ----------

	@Test
	void nxstxmStackHasItsEnergiesAxisOrderAndPixelSize() throws IOException {
		Path f = NX.resolve("Sample_Stack_2021-03-16_128.hdf5");
		assume(f);
		ImportedStack in = StackImporter.read(f, null);
		assertArrayEquals(new double[] { 280, 284.5, 285, 320 }, in.stack.energies(), 0);
		assertEquals(50, in.stack.width());
		assertEquals(50, in.stack.height());
		assertEquals(0.5, in.pixelWidth, 1e-9);
		assertEquals(0.5, in.pixelHeight, 1e-9);
		assertEquals("10", in.metadata.get("dwell_ms"));
		assertEquals("sample image stack", in.metadata.get("scan_type"));
		assertEquals("counter0", in.metadata.get("channel"));
		// data is (E, Y, X): compare with jhdf's own nested array
		try (HdfFile h = NxStxmReader.open(f)) {
			double[][][] d = (double[][][]) h.getDatasetByPath("/entry1/counter0/data").getData();
			for (int e = 0; e < 4; e++)
				for (int[] yx : new int[][] { { 0, 0 }, { 0, 49 }, { 7, 31 }, { 49, 3 } })
					assertEquals((float) d[e][yx[0]][yx[1]], in.stack.slice(e)[yx[0] * 50 + yx[1]], 0);
			double[][][] ring = (double[][][]) h.getDatasetByPath("/entry1/control/data").getData();
			ImportedStack norm = StackImporter.read(f, null, "", true);
			double med = RingCurrent.median(java.util.Arrays.stream(ring).flatMap(java.util.Arrays::stream).flatMapToDouble(java.util.Arrays::stream).toArray());
			assertEquals(d[2][7][31] * med / ring[2][7][31], norm.stack.slice(2)[7 * 50 + 31], 1e-3);
		}
	}

	@Test
	void nxstxmLineScanIsOneRowPerEnergy() {
		Path f = NX.resolve("Sample_Line_2021-03-16_096.hdf5");
		assume(f);
		ImportedStack in = StackImporter.read(f, null);
		assertEquals(81, in.stack.energyCount());
		assertEquals(280, in.stack.energy(0), 1e-9);
		assertEquals(320, in.stack.energy(80), 1e-9);
		assertEquals(50, in.stack.width());
		assertEquals(1, in.stack.height());
		assertEquals(0.3, in.pixelWidth, 1e-6);
		assertEquals("sample line spectrum", in.metadata.get("scan_type"));
		assertEquals(1134f, in.stack.slice(0)[0], 0); // first number of the data set
	}

	@Test
	void nxstxmSingleImage() {
		Path f = NX.resolve("Sample_Image_2021-03-16_095.hdf5");
		assume(f);
		ImportedStack in = StackImporter.read(f, null);
		assertArrayEquals(new double[] { 350 }, in.stack.energies(), 0);
		assertEquals(50, in.stack.width());
		assertEquals(50, in.stack.height());
		assertEquals(1.0, in.pixelWidth, 1e-9);
		assertEquals(35f, in.stack.slice(0)[0], 0);
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> StackImporter.read(f, null, "counter9", false));
		assertTrue(e.getMessage().contains("counter0"), e.getMessage());
	}

	@Test
	void olderNxstxmWithAxisAttributesAndTransposedAxesIsReordered() {
		// (X, E, Y) storage with 1-based axis attributes and photon_energy: the reader must reorder to slices[e][y][x]
		int nx = 5, ny = 3, nE = 2;
		double[][][] data = new double[nx][nE][ny];
		for (int x = 0; x < nx; x++)
			for (int e = 0; e < nE; e++)
				for (int y = 0; y < ny; y++)
					data[x][e][y] = 100 * e + 10 * y + x;
		Path f = tmp.resolve("old.h5");
		try (WritableHdfFile w = HdfFile.write(f)) {
			WritableGroup entry = w.putGroup("entry1");
			entry.putDataset("definition", new String[] { "NXstxm" });
			WritableGroup g = entry.putGroup("counter0");
			g.putAttribute("NX_class", "NXdata");
			g.putDataset("data", data);
			g.putDataset("sample_x", new double[] { 0, 0.2, 0.4, 0.6, 0.8 }).putAttribute("axis", new int[] { 1 });
			g.putDataset("photon_energy", new double[] { 280, 290 }).putAttribute("axis", new int[] { 2 });
			g.putDataset("sample_y", new double[] { 0, 0.2, 0.4 }).putAttribute("axis", new int[] { 3 });
		}
		ImportedStack in = StackImporter.read(f, null);
		assertEquals(nx, in.stack.width());
		assertEquals(ny, in.stack.height());
		assertArrayEquals(new double[] { 280, 290 }, in.stack.energies(), 0);
		assertEquals(0.2, in.pixelWidth, 1e-12);
		for (int e = 0; e < nE; e++)
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++)
					assertEquals(100 * e + 10 * y + x, in.stack.slice(e)[y * nx + x], 0);
	}

	@Test
	void nonNxstxmHdf5IsRefusedWithAClearMessage() {
		Path f = tmp.resolve("xrf.h5");
		try (WritableHdfFile w = HdfFile.write(f)) {
			w.putGroup("xrfmap").putGroup("detsum").putDataset("xrf_fit", new double[2][3][3]);
		}
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> StackImporter.read(f, null));
		assertTrue(e.getMessage().contains("xrf.h5") && e.getMessage().contains("not NXstxm"), e.getMessage());
	}

	// ---------- aXis2000 .ncb ----------

	public static void writeNcb(Path ncb, float[][] slices, int nx, int ny, double[] en, double scale, double[] dwell) throws IOException {
		ByteBuffer b = ByteBuffer.allocate(slices.length * nx * ny * (scale < 0 ? 4 : 2)).order(ByteOrder.LITTLE_ENDIAN);
		for (float[] s : slices)
			for (float v : s)
				if (scale < 0) b.putFloat(v);
				else b.putShort((short) Math.round(v * scale));
		Files.write(ncb, b.array());
		StringBuilder sb = new StringBuilder();
		sb.append(nx).append(' ').append(ny).append(' ').append(scale).append('\n');
		sb.append("10.0 11.2\n20.0 20.8\n").append(en.length).append('\n');
		for (double e : en)
			sb.append(e).append('\n');
		for (int e = 0; e < en.length; e++)
			sb.append("img").append(e).append(' ').append(en[e]).append(' ').append(dwell[e]).append('\n');
		String n = ncb.getFileName().toString();
		Files.writeString(ncb.resolveSibling(n.substring(0, n.length() - 4) + ".dat"), sb);
	}

	@Test
	void ncbRoundTripsInt16WithScaleAndFloat32() throws IOException {
		int nx = 7, ny = 4;
		double[] en = { 700, 705.5, 708.25 };
		SplittableRandom r = new SplittableRandom(3);
		float[][] phantom = new float[3][nx * ny];
		for (int e = 0; e < 3; e++)
			for (int p = 0; p < nx * ny; p++)
				phantom[e][p] = (float) (r.nextDouble() * 3 - 0.5 + e); // OD-like values incl. negatives
		Path ncb = tmp.resolve("stack.ncb");
		writeNcb(ncb, phantom, nx, ny, en, 1000, new double[] { 1, 1, 1 });
		ImportedStack in = StackImporter.read(ncb, null);
		assertEquals(nx, in.stack.width());
		assertEquals(ny, in.stack.height());
		assertArrayEquals(en, in.stack.energies(), 0);
		assertEquals(0.2, in.pixelWidth, 1e-12);
		assertEquals(0.8 / 3, in.pixelHeight, 1e-12);
		assertEquals("1", in.metadata.get("dwell_ms"));
		for (int e = 0; e < 3; e++)
			for (int p = 0; p < nx * ny; p++)
				assertEquals(phantom[e][p], in.stack.slice(e)[p], 0.5 / 1000 + 1e-6, "int16 quantisation at scale 1000");
		Path f32 = tmp.resolve("f.ncb");
		writeNcb(f32, phantom, nx, ny, en, -1, new double[] { 1, 2, 2 });
		ImportedStack g = StackImporter.read(f32, null);
		for (int e = 0; e < 3; e++)
			assertArrayEquals(phantom[e], g.stack.slice(e), 0f);
		assertEquals("1–2", g.metadata.get("dwell_ms"));
		// a truncated .ncb names the expected size
		Files.write(f32, new byte[10]);
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> StackImporter.read(f32, null));
		assertTrue(e.getMessage().contains("f.ncb") && e.getMessage().contains("needs"), e.getMessage());
	}

	@Test
	void unknownFormatListsEveryKnownFormat() throws IOException {
		Path f = tmp.resolve("x.weird");
		Files.writeString(f, "hello");
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> StackImporter.read(f, null));
		for (String fmt : new String[] { "TIFF", ".hdr", "NXstxm", ".ncb" })
			assertTrue(e.getMessage().contains(fmt), e.getMessage());
	}
}
