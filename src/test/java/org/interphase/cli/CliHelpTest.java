package org.interphase.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.interphase.core.stack.OpticalDensity;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Images;
import org.interphase.ij.OutputFiles;
import org.junit.jupiter.api.Test;

/** Issue #14, "a CLI that helps": brackets, full inputs in outputs.json, did-you-mean, ranges, help, warnings. */
class CliHelpTest extends CliFixture {

	@Override
	String stackName() {
		return "my stack";
	}

	String outText() {
		return out.toString(StandardCharsets.UTF_8);
	}

	String oneLineError() {
		String e = err.toString(StandardCharsets.UTF_8).trim();
		assertEquals(1, e.lines().count(), "one line on stderr, got:\n" + e);
		assertTrue(e.startsWith("error: "), e);
		return e;
	}

	@Test
	void bracketsAroundAValueAreTakenOffAsMacroGetValueDoes() throws IOException {
		Map<String, String> a = CommandRunner.parseArguments(List.of("stack=[/a b/c.tif]", "i0_mode=auto", "i0_region=[1,2,3,4]", "flag"));
		assertEquals("/a b/c.tif", a.get("stack"));
		assertEquals("auto", a.get("i0_mode"));
		assertEquals("1,2,3,4", a.get("i0_region"));
		assertEquals("true", a.get("flag"));
		assertEquals("[x", CommandRunner.parseArguments(List.of("k=[x")).get("k"));
		Path dir = tmp.resolve("o1");
		assertEquals(0, cli("run", "Optical Density", "stack=[" + stack + "]", "--out", dir.toString()), err.toString());
		assertTrue(Files.isRegularFile(dir.resolve("od.tif")));
	}

	@Test
	void outputsJsonRecordsEveryValueUsedAndWhichWereGiven() throws IOException {
		Path dir = tmp.resolve("o2");
		assertEquals(0, cli("run", "Optical Density", "stack=" + stack, "i0_mode=auto", "--out", dir.toString()), err.toString());
		String json = Files.readString(dir.resolve("outputs.json"));
		assertTrue(json.contains("\"stack\": \"" + stack.toAbsolutePath().normalize() + "\""), json);
		assertTrue(json.contains("\"i0_fraction\": \"0.05\""), "defaults recorded: " + json);
		assertTrue(json.contains("\"dwell_ratio\": \"0.0\""), json);
		assertTrue(json.contains("\"i0_file\": null"), json);
		assertTrue(json.replaceAll("\\s+", "").contains("\"given\":[\"stack\",\"i0_mode\"]"), json);
		assertTrue(json.contains("\"version\": "), json);
	}

	@Test
	void aFolderForAnImageSaysSo() {
		assertEquals(2, cli("run", "Optical Density", "stack=" + tmp, "--out", tmp.resolve("o3").toString()));
		String e = oneLineError();
		assertTrue(e.contains("stack: " + tmp + " is a folder, not an image file"), e);
	}

	@Test
	void didYouMeanForCommandsKeysAndSubCommands() {
		assertEquals(2, cli("run", "optical densty", "--out", tmp.resolve("o4").toString()));
		assertTrue(oneLineError().contains("did you mean \"Optical Density\"?"));
		assertEquals(2, cli("run", "Optical Density", "stack=" + stack, "i0_fracton=0.1", "--out", tmp.resolve("o4").toString()));
		assertTrue(oneLineError().contains("did you mean i0_fraction?"));
		assertEquals(2, cli("run", "Optical Density", "stack=" + stack, "zzzzzzzzzzzz=1", "--out", tmp.resolve("o4").toString()));
		assertFalse(oneLineError().contains("did you mean"), "nothing near");
		assertEquals(2, cli("lsit"));
		assertTrue(oneLineError().contains("did you mean list?"));
		assertEquals("I0_fraction", Suggest.nearest("i0_FRACTON", List.of("i0_mode", "I0_fraction")));
		assertNull(Suggest.nearest("colour", List.of("i0_mode", "stack")));
	}

	@Test
	void rangeErrorsStateTheRange() {
		assertEquals(2, cli("run", "Optical Density", "stack=" + stack, "i0_fraction=7", "--out", tmp.resolve("o5").toString()));
		String e = oneLineError();
		assertTrue(e.contains("Optical Density: i0_fraction: 7 is above the maximum 1 (allowed 0.0001–1)"), e);
		assertEquals(2, cli("run", "Optical Density", "stack=" + stack, "dwell_ratio=-1", "--out", tmp.resolve("o5").toString()));
		e = oneLineError();
		assertTrue(e.contains("dwell_ratio: -1 is below the minimum 0") && !e.contains("allowed"), e);
	}

	@Test
	void helpDescribesOneCommandInFull() {
		assertEquals(0, cli("help", "optical density"));
		String h = outText();
		for (String s : new String[] { "Plugins > Interphase > Spectral > Optical Density", "i0_mode  \"I0 from\"", "choices auto, roi, file, none",
			"default auto", "i0_fraction  \"Fraction of brightest pixels (auto)\"", "range 0.0001 to 1", "default 0.05", "stack  \"Stack\"",
			"required", "optional", "auto: brightest pixels", "./interphase run \"Optical Density\" stack=stack.tif i0_mode=auto --out",
			"run(\"Optical Density\", \"stack=[stack.tif] i0_mode=auto\");", "od : ImagePlus" })
			assertTrue(h.contains(s), s + " in:\n" + h);
		assertEquals(0, cli("help", "Normalize XANES"));
		assertTrue(outText().contains("unit eV"), outText());
		assertEquals(2, cli("help", "Optical Densty"));
		assertTrue(oneLineError().contains("did you mean \"Optical Density\"?"));
		assertEquals(0, cli("--help"));
		assertTrue(outText().contains("help \"<Command Name>\""));
		assertEquals("eV", Help.unit("Pre-edge from (eV rel. E0)"));
		assertEquals("nm", Help.unit("Pixel size (nm, 0 = from the calibration)"));
		assertNull(Help.unit("Stack (μ or OD)"));
	}

	@Test
	void listShowsDescriptionsAndLabels() {
		assertEquals(0, cli("list"));
		String text = outText();
		assertTrue(text.contains("Per-pixel E0, pre-edge line"), "command description: " + text);
		assertTrue(text.contains("\"Fraction of brightest pixels (auto)\""), "field label: " + text);
	}

	@Test
	void demoRefusesANonEmptyFolder() throws IOException {
		Path dir = tmp.resolve("demo");
		Files.createDirectories(dir);
		Files.writeString(dir.resolve("keep.txt"), "mine");
		assertEquals(2, cli("demo", "--out", dir.toString()));
		assertTrue(oneLineError().contains("--overwrite"));
		assertEquals("mine", Files.readString(dir.resolve("keep.txt")));
		try (var s = Files.list(dir)) {
			assertEquals(1, s.count(), "nothing written");
		}
	}

	/** A Fe L3-like edge at 710 eV, OD 0.2 + 1.0 step; as counts I = 5000·exp(−OD). */
	static SpectralStack edgePhantom(boolean counts) {
		double[] en = new double[41];
		for (int i = 0; i < en.length; i++)
			en[i] = 690 + i;
		SpectralStack s = SpectralStack.allocate(6, 4, en);
		for (int e = 0; e < en.length; e++)
			for (int p = 0; p < s.pixels(); p++) {
				double od = (p % 6 == 0 ? 0 : 0.2 + (1 + 0.1 * p) / (1 + Math.exp(-(en[e] - 710) / 0.7))) + 0.002 * Math.sin(7 * p + 3 * e);
				s.slice(e)[p] = (float) (counts ? 5000 * Math.exp(-od) : od);
			}
		return s;
	}

	@Test
	void normalizeXanesWarnsOnATransmissionStack() throws IOException {
		assertTrue(OpticalDensity.looksLikeTransmission(edgePhantom(true)));
		assertFalse(OpticalDensity.looksLikeTransmission(edgePhantom(false)));
		Path counts = tmp.resolve("counts.tif"), od = tmp.resolve("od.tif");
		OutputFiles.saveFloatTiff(Images.toImagePlus(edgePhantom(true), "counts", null), counts);
		OutputFiles.saveFloatTiff(Images.toImagePlus(edgePhantom(false), "od", null), od);
		Path dir = tmp.resolve("n1");
		assertEquals(0, cli("run", "Normalize XANES", "stack=" + counts, "--out", dir.toString()), err.toString());
		String warning = "values look like transmission counts, not optical density; run Optical Density first";
		String e = err.toString(StandardCharsets.UTF_8);
		assertTrue(e.contains("warning: Normalize XANES: stack \"counts.tif\": " + warning) && e.trim().lines().count() == 1, e);
		assertTrue(Files.readString(dir.resolve("outputs.json")).contains(warning));
		dir = tmp.resolve("n2");
		assertEquals(0, cli("run", "Normalize XANES", "stack=" + od, "--out", dir.toString()), err.toString());
		assertFalse(err.toString(StandardCharsets.UTF_8).contains("warning"), err.toString());
		assertFalse(Files.readString(dir.resolve("outputs.json")).contains("warnings"));
	}
}
