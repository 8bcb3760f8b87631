package org.interphase.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.interphase.core.InvalidInputException;
import org.scijava.Context;
import org.scijava.command.CommandInfo;

import ij.IJ;
import ij.ImagePlus;

/**
 * {@code interphase demo}: runs every workflow on the project's own {@code test-images/} and
 * writes an index.html with previews of every map and plot and the tables.
 */
public final class Demo {

	/** One demo step: a command with its arguments, and what it shows. */
	static final class Step {
		final String slug, title, explanation, command;
		final Map<String, String> args = new LinkedHashMap<>();

		Step(String slug, String title, String explanation, String command, String... keyValues) {
			this.slug = slug;
			this.title = title;
			this.explanation = explanation;
			this.command = command;
			for (int i = 0; i < keyValues.length; i += 2)
				args.put(keyValues[i], keyValues[i + 1]);
		}
	}

	private Demo() {}

	/** The demo steps, one method per workflow; paths relative to test-images/ start with {@code @}. */
	static List<Step> steps() {
		List<Step> s = new ArrayList<>();
		spectralSteps(s);

		xanesSteps(s);

		segmentSteps(s);

		profileSteps(s);

		voidSteps(s);

		afmSteps(s);

		forceSteps(s);
		return s;
	}

	/** Import and optical density (foundation) and alignment. */
	private static void spectralSteps(List<Step> s) {
		s.add(new Step("import-stack", "Import a spectral stack",
			"An ImageJ TIFF stack whose slice labels hold the energies (40 uneven energies, 0.25 eV steps across the edge).",
			"Import Spectral Stack", "file", "@" + DemoData.SPECTRAL_STACK));
		s.add(new Step("optical-density-auto", "Optical density, I0 from the brightest pixels",
			"OD = −ln(I/I0) with I0 the mean spectrum of the brightest 10 % of pixels (the blank columns on the left).",
			"Optical Density", "stack", "@" + DemoData.SPECTRAL_STACK, "i0_mode", "auto", "i0_fraction", "0.1"));
		s.add(new Step("optical-density-file", "Optical density, I0 from a spectrum file",
			"The same stack with the measured I0 spectrum (a finer energy grid, interpolated onto the stack energies).",
			"Optical Density", "stack", "@" + DemoData.SPECTRAL_STACK, "i0_mode", "file", "i0_file", "@" + DemoData.SPECTRAL_I0));
	}

	/** XANES normalization, feature maps, linear combination fits, region spectra. */
	private static void xanesSteps(List<Step> s) {
	}

	/** PCA, cluster analysis, interphase thickness, shell spectra, composites. */
	private static void segmentSteps(List<Step> s) {
	}

	/** Interface profiles, zone depletion, histogram comparison. */
	private static void profileSteps(List<Step> s) {
	}

	/** XRF import, void tracking, interface front. */
	private static void voidSteps(List<Step> s) {
		s.add(new Step("import-xrf-maps", "Import XRF maps (one scan)",
			"One frame of the void phantom: a two-page TIFF whose slice labels name the elements; the same command reads PyXRF and MAPS HDF5 files "
				+ "and PyXRF TIFF export folders.",
			"Import XRF Maps", "file", "@" + DemoData.VOIDS_SERIES + "/frame_01.tif"));
		s.add(new Step("import-xrf-series", "Import an XRF time series",
			"Eight scans taken at uneven times (0–10 h) become one hyperstack C = elements, T = frames; the frame times come from the scans.",
			"Import XRF Time Series", "folder", "@" + DemoData.VOIDS_SERIES));
		s.add(new Step("track-voids", "Track voids and their healing rates",
			"Voids lack both S and P (rule all); maps divided by their bulk median, smoothed (σ 1 px), Otsu threshold per channel. Truth: S ECD "
				+ "30, 22, 16 µm healing at 1.5, 3.5, 0.8 µm/h; the P void is 3 µm wider all round; the 22 µm void closes between 4.5 and 6 h "
				+ "(closure frame 6); the third void touches the border.",
			"Track Voids", "maps", "@" + DemoData.VOIDS_HYPERSTACK, "void_channels", "S_K,P_K", "rule", "all", "threshold_method", "otsu",
			"smooth_sigma", "1", "min_area", "4"));
	}

	/** AFM import, leveling, roughness, local roughness. */
	private static void afmSteps(List<Step> s) {
	}

	/** Force curves and modulus maps. */
	private static void forceSteps(List<Step> s) {
	}

	static int run(String outDir, PrintStream out, PrintStream err, boolean terminal) {
		Path out0 = Paths.get(outDir).toAbsolutePath().normalize();
		Path images = findTestImages();
		try {
			if (images == null) {
				images = out0.resolve("test-images");
				DemoData.writeAll(images);
				out.println("test-images/ not found here: generated the demo data into " + images);
			}
			Files.createDirectories(out0);
			StringBuilder html = new StringBuilder();
			html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Interphase demo</title><style>")
				.append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}img{border:1px solid #ccc;margin:4px;image-rendering:pixelated}")
				.append("table{border-collapse:collapse;font-size:12px;margin:6px 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}")
				.append("code{background:#f4f4f4;padding:2px 4px}h2{border-top:1px solid #ddd;padding-top:1em}</style></head><body>")
				.append("<h1>Interphase demo</h1><p>Version ").append(Main.version()).append(". Every workflow run headlessly on the project's own ")
				.append("phantom data in <code>").append(esc(images.toString())).append("</code>.</p>\n");
			try (Context context = Main.newContext()) {
				CommandCatalog catalog = new CommandCatalog(context);
				CommandRunner runner = new CommandRunner(context);
				for (Step step : steps()) {
					CommandInfo info = catalog.find(step.command);
					Map<String, String> args = new LinkedHashMap<>();
					for (Map.Entry<String, String> a : step.args.entrySet())
						args.put(a.getKey(), a.getValue().startsWith("@") ? images.resolve(a.getValue().substring(1)).toString() : a.getValue());
					Path dir = out0.resolve(step.slug);
					OutputWriter.deleteTree(dir);
					CommandRunner.Run r = runner.run(info, args);
					List<String> files = OutputWriter.write(r, dir, true, Main.version());
					out.println(String.format("%-28s %-24s %5.2f s  %d files", step.slug, step.command, r.seconds, files.size()));
					section(html, step, info, files, dir, out0);
				}
			}
			html.append("</body></html>\n");
			Path index = out0.resolve("index.html");
			Files.writeString(index, html, StandardCharsets.UTF_8);
			out.println("demo written to " + index);
			return 0;
		} catch (IOException e) {
			throw new InvalidInputException("demo: cannot write " + out0 + ": " + e.getMessage(), e);
		}
	}

	private static void section(StringBuilder html, Step step, CommandInfo info, List<String> files, Path dir, Path root) throws IOException {
		html.append("<h2>").append(esc(step.title)).append("</h2>\n<p>").append(esc(step.explanation)).append("</p>\n");
		html.append("<p>Menu: <code>").append(esc(CommandCatalog.menuPath(info))).append("</code><br>Macro: <code>run(\"")
			.append(esc(step.command)).append("\", \"");
		List<String> kv = new ArrayList<>();
		step.args.forEach((k, v) -> kv.add(k + "=" + (v.startsWith("@") ? "[test-images/" + v.substring(1) + "]" : v)));
		html.append(esc(String.join(" ", kv))).append("\");</code></p>\n");
		for (String f : files) {
			String rel = root.relativize(dir.resolve(f)).toString();
			if (f.endsWith(".tif")) {
				ImagePlus imp = IJ.openImage(dir.resolve(f).toString());
				Path png = dir.resolve(f.replace(".tif", ".preview.png"));
				Previews.png(imp, png);
				html.append("<figure style=\"display:inline-block\"><img src=\"").append(esc(root.relativize(png).toString())).append("\"><figcaption>")
					.append(esc(f)).append(" (").append(imp.getWidth()).append("×").append(imp.getHeight()).append("×").append(imp.getStackSize())
					.append(")</figcaption></figure>\n");
			} else if (f.endsWith(".png")) {
				html.append("<figure style=\"display:inline-block\"><img src=\"").append(esc(rel)).append("\"><figcaption>").append(esc(f))
					.append("</figcaption></figure>\n");
			} else if (f.endsWith(".csv") && !files.contains(f.replace(".csv", ".png"))) {
				html.append("<p><a href=\"").append(esc(rel)).append("\">").append(esc(f)).append("</a></p>");
				table(html, dir.resolve(f));
			} else if (f.equals("outputs.json")) {
				html.append("<details><summary>outputs.json</summary><pre>").append(esc(Files.readString(dir.resolve(f)))).append("</pre></details>\n");
			}
		}
	}

	private static void table(StringBuilder html, Path csv) throws IOException {
		List<String> lines = Files.readAllLines(csv);
		html.append("<table>");
		for (int i = 0; i < Math.min(lines.size(), 16); i++) {
			String tag = i == 0 ? "th" : "td";
			html.append("<tr>");
			String[] cells = lines.get(i).split(",");
			for (int c = 0; c < Math.min(cells.length, 12); c++)
				html.append('<').append(tag).append('>').append(esc(cells[c])).append("</").append(tag).append('>');
			html.append("</tr>");
		}
		html.append("</table>");
		if (lines.size() > 16) html.append("<p>… ").append(lines.size() - 16).append(" more rows</p>");
		html.append('\n');
	}

	/** test-images/ in the working folder or beside the jar's project folder. */
	static Path findTestImages() {
		for (Path p : new Path[] { Paths.get("test-images"), Paths.get(System.getProperty("interphase.home", "."), "test-images") }) {
			if (Files.isRegularFile(p.resolve(DemoData.SPECTRAL_STACK))) return p.toAbsolutePath().normalize();
		}
		return null;
	}

	private static String esc(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}
