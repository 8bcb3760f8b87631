package org.interphase.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;

/** What a user sees in the demo report: a table of contents, colour previews, readable tables. */
class DemoReportTest {

	@TempDir
	static Path tmp;
	static Path dir;
	static String html;

	@BeforeAll
	static void runDemo() throws IOException {
		dir = tmp.resolve("demo");
		ByteArrayOutputStream sink = new ByteArrayOutputStream();
		PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
		assertEquals(0, Demo.run(dir.toString(), ps, ps, false), sink.toString(StandardCharsets.UTF_8));
		html = Files.readString(dir.resolve("index.html"));
	}

	@Test
	void tableOfContentsLinksEveryWorkflowAndStep() {
		int nav = html.indexOf("<nav"), navEnd = html.indexOf("</nav>");
		assertTrue(nav >= 0 && navEnd > nav, "a nav element");
		String toc = html.substring(nav, navEnd);
		assertTrue(html.contains("position:sticky"), "the table of contents stays in view");
		for (Demo.Workflow w : Demo.workflows()) {
			assertTrue(toc.contains("href=\"#" + w.id + "\""), w.id);
			assertTrue(html.contains("id=\"" + w.id + "\""), w.id + " anchor");
			int at = html.indexOf("id=\"" + w.id + "\"");
			assertTrue(html.indexOf("class=\"question\"", at) < html.indexOf("<h3", at), w.id + ": the question comes first");
			for (Demo.Step s : w.steps) {
				assertTrue(toc.contains("href=\"#" + s.slug + "\""), s.slug);
				assertTrue(html.contains("id=\"" + s.slug + "\""), s.slug + " anchor");
			}
		}
	}

	@Test
	void labelPreviewsShowTheLabelImagesOwnColours() throws IOException {
		for (String f : new String[] { "segment-clusters/labels", "segment-shells/shell_labels", "track-voids/labels" }) {
			ImagePlus labels = IJ.openImage(dir.resolve(f + ".tif").toString());
			BufferedImage png = ImageIO.read(dir.resolve(f + ".preview.png").toFile());
			double lo = labels.getDisplayRangeMin(), hi = labels.getDisplayRangeMax();
			for (int k = 1; k <= 3; k++) {
				int rgb = labels.getProcessor().getColorModel().getRGB((int) Math.round(255 * (k - lo) / (hi - lo))) & 0xffffff;
				assertTrue(contains(png, rgb), f + ": label " + k + " in its LUT colour " + Integer.toHexString(rgb));
			}
		}
	}

	@Test
	void compositeAndMapsAreInColour() throws IOException {
		for (String f : new String[] { "segment-composite/composite", "normalize-xanes/e0_map", "force-modulus-hertz/modulus" })
			assertTrue(colourPixels(ImageIO.read(dir.resolve(f + ".preview.png").toFile())) > 500, f + " in colour");
		// the smallest map (force curves, 6×5) is enlarged to a readable size
		ImagePlus modulus = IJ.openImage(dir.resolve("force-modulus-hertz/modulus.tif").toString());
		assertTrue(ImageIO.read(dir.resolve("force-modulus-hertz/modulus.preview.png").toFile()).getWidth() >= 20 * modulus.getWidth());
		assertTrue(html.contains("values in " + modulus.getCalibration().getValueUnit()), "the map's value unit is shown");
		assertTrue(html.contains("values in eV"), "E0 map in eV");
	}

	@Test
	void tablesScrollAndShowFewDigits() {
		Matcher m = Pattern.compile("<td>(-?[0-9]*\\.[0-9]+)</td>").matcher(html);
		int cells = 0;
		while (m.find()) {
			String digits = m.group(1).replace("-", "").replace(".", "").replaceFirst("^0+", "");
			assertTrue(digits.length() <= 5, m.group(1));
			cells++;
		}
		assertTrue(cells > 100, "numbers in tables: " + cells);
		assertEquals(count(html, "<table>"), count(html, "<div class=\"tbl\">"), "every table scrolls sideways");
		assertTrue(html.contains(".tbl{display:inline-block;vertical-align:top;overflow-x:auto;max-width:100%"), "in its own scroll box");
	}

	@Test
	void numbersKeepFiveSignificantDigits() {
		assertEquals("0.12346", Demo.number("0.123456789"));
		assertEquals("998.3", Demo.number("998.299"));
		assertEquals("1500", Demo.number("1500"));
		assertEquals("NaN", Demo.number("NaN"));
		assertEquals("bulk", Demo.number("bulk"));
	}

	/**
	 * Renders the report in headless Chromium (skipped when it is not installed) as tall
	 * screenshots, cut into pages kept in target/demo-screenshots for a person to look at.
	 * (Headless Chromium paints a blank page when the address holds an #anchor, so the sections
	 * are reached by cutting, not by links.)
	 */
	@Test
	void chromiumRendersThePage() throws IOException, InterruptedException {
		String chromium = null;
		for (String c : new String[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" })
			if (new File(c).canExecute()) chromium = c;
		Assumptions.assumeTrue(chromium != null, "chromium not installed");
		Path shots = Paths.get("target", "demo-screenshots").toAbsolutePath();
		Files.createDirectories(shots);
		try (java.util.stream.Stream<Path> old = Files.list(shots)) {
			for (Path f : (Iterable<Path>) old::iterator)
				Files.delete(f);
		}
		String page = html;
		int k = 0, shown = 0;
		// one 1400×15000 screenshot per slice of the page: a copy of index.html shifted up by the
		// slices already taken (main{margin-top:-…px}), until a slice has nothing more to show
		for (int offset = 0; offset < 200000; offset += 15000) {
			Path copy = dir.resolve("screenshot-" + offset + ".html");
			Files.writeString(copy, page.replace("</style>", "main{margin-top:-" + offset + "px}</style>"));
			Path png = tmp.resolve("shot-" + offset + ".png");
			Path profile = Files.createTempDirectory(tmp, "chromium");
			Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + profile,
				"--screenshot=" + png, "--window-size=1400,15000", copy.toUri().toString()).redirectErrorStream(true)
				.redirectOutput(tmp.resolve("chromium.log").toFile()).start();
			assertTrue(p.waitFor(180, TimeUnit.SECONDS), "chromium finished");
			Files.delete(copy);
			BufferedImage shot = ImageIO.read(png.toFile());
			assertEquals(1400, shot.getWidth());
			if (offset == 0) {
				// the table of contents (a light grey column on the left) is painted along the whole viewport
				int navGrey = 0;
				for (int y = 0; y < shot.getHeight(); y += 100)
					if ((shot.getRGB(3, y) & 0xffffff) == 0xf6f6f8) navGrey++;
				assertTrue(navGrey >= shot.getHeight() / 100 - 1, "table of contents visible at every height: " + navGrey);
			}
			int last = lastInkRow(shot, 260);
			if (last == 0) break; // past the end of the page
			for (int y = 0; y < last; y += 2000) {
				BufferedImage part = shot.getSubimage(0, y, shot.getWidth(), Math.min(2000, last - y));
				ImageIO.write(part, "png", shots.resolve(String.format("page-%02d.png", ++k)).toFile());
				shown += colourPixels(part);
			}
		}
		assertTrue(k >= 2 && shown > 10000, k + " pages, colour pixels " + shown);
	}

	/** The last row with anything but white right of the table of contents. */
	private static int lastInkRow(BufferedImage img, int fromX) {
		for (int y = img.getHeight() - 1; y >= 0; y--)
			for (int x = fromX; x < img.getWidth(); x++)
				if ((img.getRGB(x, y) & 0xffffff) != 0xffffff) return y + 1;
		return 0;
	}

	private static int count(String s, String what) {
		int n = 0;
		for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1))
			n++;
		return n;
	}

	private static boolean contains(BufferedImage img, int rgb) {
		for (int y = 0; y < img.getHeight(); y++)
			for (int x = 0; x < img.getWidth(); x++)
				if ((img.getRGB(x, y) & 0xffffff) == rgb) return true;
		return false;
	}

	private static int colourPixels(BufferedImage img) {
		int n = 0;
		for (int y = 0; y < img.getHeight(); y++)
			for (int x = 0; x < img.getWidth(); x++) {
				int c = img.getRGB(x, y), r = c >> 16 & 255, g = c >> 8 & 255, b = c & 255;
				if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 40) n++;
			}
		return n;
	}
}
