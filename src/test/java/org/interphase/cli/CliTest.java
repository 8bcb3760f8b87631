package org.interphase.cli;

import org.interphase.cli.demo.Demo;
import org.interphase.cli.demo.DemoData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;

/** The CLI contract: exit codes, one-line errors, nothing half-written, no input overwritten. */
class CliTest extends CliFixture {

	@Override
	String stackName() {
		return "stack";
	}

	String errText() {
		return err.toString(StandardCharsets.UTF_8);
	}

	void assertOneLineError(String... mustContain) {
		String e = errText().trim();
		assertEquals(1, e.lines().count(), "one line on stderr, got:\n" + e);
		assertTrue(e.startsWith("error: "), e);
		for (String s : mustContain)
			assertTrue(e.contains(s), "message names " + s + ": " + e);
	}

	void assertNothingWritten(Path dir) throws IOException {
		assertFalse(Files.exists(dir), dir + " must not exist after a failed run");
		try (Stream<Path> s = Files.list(dir.getParent())) {
			assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".partial-")), "no temporary folder left");
		}
	}

	@Test
	void successfulRunWritesEveryOutput() throws IOException {
		Path dir = tmp.resolve("od");
		assertEquals(0, cli("run", "Optical Density", "stack=" + stack, "i0_mode=auto", "i0_fraction=0.25", "--out", dir.toString()), errText());
		for (String f : new String[] { "od.tif", "i0.csv", "outputs.json" })
			assertTrue(Files.isRegularFile(dir.resolve(f)), f);
		ImagePlus od = IJ.openImage(dir.resolve("od.tif").toString());
		assertEquals(32, od.getBitDepth());
		assertEquals(5, od.getStackSize());
		assertEquals("707.5 eV", od.getStack().getSliceLabel(3));
		assertEquals(0, od.getStack().getProcessor(1).getf(0), 1e-6, "blank pixel has OD 0");
		String json = Files.readString(dir.resolve("outputs.json"));
		assertTrue(json.contains("\"clamped_pixels\": 0") && json.contains("\"i0_mode\": \"auto\"") && json.contains("elapsed_seconds"), json);
		assertTrue(Files.readString(dir.resolve("i0.csv")).startsWith("energy_eV,i0\n"));
		// the scalar results are printed too, with the values outputs.json holds
		String printed = out.toString(StandardCharsets.UTF_8);
		assertTrue(printed.contains("\n  clamped_pixels = 0\n"), printed);
	}

	@Test
	void missingFile() throws IOException {
		Path dir = tmp.resolve("o1");
		assertEquals(2, cli("run", "Optical Density", "stack=" + tmp.resolve("nope.tif"), "--out", dir.toString()));
		assertOneLineError("stack", "nope.tif");
		assertNothingWritten(dir);
	}

	@Test
	void unknownKeyListsTheValidOnes() throws IOException {
		Path dir = tmp.resolve("o2");
		assertEquals(2, cli("run", "Optical Density", "stack=" + stack, "i0_frac=0.1", "--out", dir.toString()));
		assertOneLineError("i0_frac", "i0_fraction", "i0_mode");
		assertNothingWritten(dir);
	}

	@Test
	void wrongNumber() throws IOException {
		Path dir = tmp.resolve("o3");
		assertEquals(2, cli("run", "Optical Density", "stack=" + stack, "i0_fraction=lots", "--out", dir.toString()));
		assertOneLineError("i0_fraction", "lots", "not a number");
		assertEquals(2, cli("run", "Optical Density", "stack=" + stack, "i0_fraction=7", "--out", dir.toString()));
		assertOneLineError("i0_fraction", "maximum");
		assertNothingWritten(dir);
	}

	@Test
	void badChoiceAndFailureInsideTheCommand() throws IOException {
		Path dir = tmp.resolve("o4");
		assertEquals(2, cli("run", "Optical Density", "stack=" + stack, "i0_mode=magic", "--out", dir.toString()));
		assertOneLineError("i0_mode", "magic");
		// the command itself refuses: file mode without a file
		assertEquals(2, cli("run", "Optical Density", "stack=" + stack, "i0_mode=file", "--out", dir.toString()));
		assertOneLineError("i0_file");
		assertNothingWritten(dir);
	}

	@Test
	void existingOutputFolderIsRefusedUnlessOverwrite() throws IOException {
		Path dir = tmp.resolve("o5");
		Files.createDirectories(dir);
		Files.writeString(dir.resolve("keep.txt"), "mine");
		assertEquals(2, cli("run", "Optical Density", "stack=" + stack, "--out", dir.toString()));
		assertOneLineError("o5", "--overwrite");
		assertEquals("mine", Files.readString(dir.resolve("keep.txt")));
		assertFalse(Files.exists(dir.resolve("od.tif")));
		assertEquals(0, cli("run", "Optical Density", "stack=" + stack, "--out", dir.toString(), "--overwrite"), errText());
		assertTrue(Files.exists(dir.resolve("od.tif")));
	}

	@Test
	void inputFileIsNeverOverwritten() throws IOException {
		Path dir = tmp.resolve("o6");
		Files.createDirectories(dir);
		Path input = dir.resolve("od.tif");
		Files.copy(stack, input);
		byte[] before = Files.readAllBytes(input);
		assertEquals(2, cli("run", "Optical Density", "stack=" + input, "--out", dir.toString(), "--overwrite"));
		assertOneLineError("overwrite the input");
		assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(input)), "input unchanged");
	}

	@Test
	void unknownCommandListsTheCommands() {
		assertEquals(2, cli("run", "Optical Densty", "--out", tmp.resolve("o7").toString()));
		assertOneLineError("Optical Densty", "Optical Density", "Import Spectral Stack");
	}

	@Test
	void listShowsFieldsTypesDefaultsAndChoices() {
		assertEquals(0, cli("list"));
		String text = out.toString(StandardCharsets.UTF_8);
		assertTrue(text.contains("Optical Density") && text.contains("i0_mode : String = auto") && text.contains("[auto, roi, file, none]"), text);
		assertEquals(0, cli("list", "--json"));
		String json = out.toString(StandardCharsets.UTF_8);
		assertTrue(json.trim().startsWith("[") && json.contains("\"menu_path\": \"Plugins>Interphase>Spectral>Optical Density\""), json);
	}

	@Test
	void demoDataInTheRepositoryIsWhatTheGeneratorMakes() throws IOException {
		Path committed = Path.of("test-images"), gen = tmp.resolve("gen");
		java.util.List<Path> files = DemoData.writeAll(gen);
		assertTrue(files.size() >= 3);
		for (Path g : files) {
			if (Files.isDirectory(g)) continue;
			String f = gen.relativize(g).toString();
			Path a = committed.resolve(f);
			assertTrue(Files.exists(a), "test-images/" + f + " is committed (regenerate with DemoData)");
			if (f.endsWith(".tif")) {
				ImagePlus ia = IJ.openImage(a.toString()), ib = IJ.openImage(g.toString());
				assertEquals(ia.getStackSize(), ib.getStackSize(), f);
				for (int i = 1; i <= ia.getStackSize(); i++)
					assertTrue(java.util.Objects.deepEquals(ia.getStack().getPixels(i), ib.getStack().getPixels(i)), f + " slice " + i);
			} else {
				assertEquals(Files.readString(a, java.nio.charset.StandardCharsets.ISO_8859_1), Files.readString(g, java.nio.charset.StandardCharsets.ISO_8859_1), f);
			}
		}
	}

	@Test
	void demoRunsEveryStepAndWritesAnIndex() throws IOException {
		Path dir = tmp.resolve("demo");
		assertEquals(0, cli("demo", "--out", dir.toString()), errText());
		String html = Files.readString(dir.resolve("index.html"));
		for (Demo.Step s : Demo.steps())
			assertTrue(html.contains(s.title), s.title);
		assertTrue(Files.exists(dir.resolve("optical-density-auto/od.preview.png")));
	}

	@Test
	void benchCompareTimesOursAndHandsTheInputsToThePeers() throws IOException {
		// the tests never need Python: with NumPy the peer table follows, without it one line says what to install
		assertEquals(0, cli("bench", "--compare", "--quick", "--only", "AFM plane"), errText());
		String o = out.toString(StandardCharsets.UTF_8);
		assertTrue(o.contains("AFM plane + areal roughness"), o);
		assertTrue(o.contains("Peers on the same inputs") || o.contains("peers skipped"), o);
		if (o.contains("Peers on the same inputs")) assertTrue(o.contains("agree: Sa Sq Ssk Sku"), o);
		assertTrue(Files.isRegularFile(Paths.get("target/bench-compare/afm-plane-areal-roughness/height.npy")));
	}

	@Test
	void quickBenchPrintsATable() {
		assertEquals(0, cli("bench", "--quick"), errText());
		String text = out.toString(StandardCharsets.UTF_8);
		assertTrue(text.contains("optical density") && text.contains("median s"), text);
	}
}
