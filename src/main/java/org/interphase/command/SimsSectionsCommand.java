package org.interphase.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.interphase.core.decompose.Composite;
import org.interphase.core.sims.Sections;
import org.interphase.core.sims.SimsVolume;
import org.interphase.ij.Images;
import org.interphase.ij.SimsImages;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.ColorProcessor;

/** x–depth and y–depth sections per ion, RGB overlays of three ions, ion maps averaged over a range of cycles. */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>SIMS>SIMS Sections", headless = true,
	description = "ToF-SIMS x–depth / y–depth sections per ion (depth stretched to an aspect), RGB overlay of three ions, ion maps over a cycle range")
public class SimsSectionsCommand extends InterphaseCommand {

	@Parameter(label = "ToF-SIMS hyperstack (C = ions, Z = cycles)", persist = false)
	private ImagePlus image;

	@Parameter(label = "Row of the x–depth section (px; -1 = middle)", min = "-1")
	private int row = -1;

	@Parameter(label = "Column of the y–depth section (px; -1 = middle)", min = "-1")
	private int column = -1;

	@Parameter(label = "Rows / columns averaged into a section", min = "1")
	private int band = 1;

	@Parameter(label = "Section height / width (0 = one row per cycle)", min = "0", max = "20")
	private double aspect = 0.5;

	@Parameter(label = "Depth per cycle (nm; 0 = uncalibrated)", min = "0")
	private double nm_per_cycle = 0;

	@Parameter(label = "Red ion (empty = 1st ion)", required = false)
	private String red = "";

	@Parameter(label = "Green ion (empty = 2nd ion)", required = false)
	private String green = "";

	@Parameter(label = "Blue ion (empty = 3rd ion)", required = false)
	private String blue = "";

	@Parameter(label = "Ion maps from cycle (1-based)", min = "1")
	private int map_from = 1;

	@Parameter(label = "Ion maps to cycle (0 = last)", min = "0")
	private int map_to = 0;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus xz_sections;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus yz_sections;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus xz_overlay;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus yz_overlay;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus ion_maps;

	@Override
	protected void execute() {
		require(image != null, "image: no image given");
		SimsVolume v = SimsImages.volume(image, "image");
		int y0 = row < 0 ? v.height / 2 : row, x0 = column < 0 ? v.width / 2 : column;
		require(y0 < v.height, "row: " + row + " is outside 0–" + (v.height - 1));
		require(x0 < v.width, "column: " + column + " is outside 0–" + (v.width - 1));
		int to = map_to == 0 ? v.cycles : map_to;
		require(map_from <= to && to <= v.cycles, "map_to: cycles " + map_from + "–" + to + " are not within 1–" + v.cycles);
		String[] ions = v.ions();
		int[] rgb = new int[3];
		String[] keys = { red, green, blue };
		for (int c = 0; c < 3; c++)
			rgb[c] = keys[c] == null || keys[c].trim().isEmpty() ? Math.min(c, ions.length - 1) : v.ion(keys[c], new String[] { "red", "green", "blue" }[c]);
		String base = image.getTitle() == null ? "sims" : image.getTitle().replaceFirst("(?i)\\.tiff?$", "");
		Calibration cal = image.getCalibration();

		int hx = rows(v.width, v.cycles), hy = rows(v.height, v.cycles);
		List<float[]> xz = new ArrayList<>(), yz = new ArrayList<>(), maps = new ArrayList<>();
		for (int i = 0; i < ions.length; i++) {
			progress().checkCancelled();
			xz.add(Sections.stretch(Sections.xz(v, i, y0, band), v.width, v.cycles, hx));
			yz.add(Sections.stretch(Sections.yz(v, i, x0, band), v.height, v.cycles, hy));
			maps.add(Sections.map(v, i, map_from - 1, to - 1));
		}
		List<String> labels = List.of(ions);
		xz_sections = Images.maps(base + " x-depth at y=" + y0, v.width, hx, xz, labels, sectionCal(cal, cal.pixelWidth, hx, v.cycles));
		yz_sections = Images.maps(base + " y-depth at x=" + x0, v.height, hy, yz, labels, sectionCal(cal, cal.pixelHeight, hy, v.cycles));
		xz_overlay = overlay(base + " x-depth RGB", xz, rgb, v.width, hx, ions, sectionCal(cal, cal.pixelWidth, hx, v.cycles));
		yz_overlay = overlay(base + " y-depth RGB", yz, rgb, v.height, hy, ions, sectionCal(cal, cal.pixelHeight, hy, v.cycles));
		ion_maps = Images.maps(base + " ion maps cycles " + map_from + "-" + to, v.width, v.height, maps, labels, Images.spatialCopy(cal));
		String note = String.format(Locale.ROOT, "Rows are depth: %d cycles resampled to %d rows (aspect %s)%s%n", v.cycles, hx, Images.format(aspect),
			nm_per_cycle > 0 ? String.format(Locale.ROOT, ", %s nm per cycle", Images.format(nm_per_cycle)) : "");
		xz_sections.setProperty("Info", "x-depth sections at row " + y0 + " (band " + band + ")\n" + note);
		yz_sections.setProperty("Info", "y-depth sections at column " + x0 + " (band " + band + ")\n" + note);
		ion_maps.setProperty("Info", "Ion maps: mean over cycles " + map_from + "-" + to + "\n");
	}

	/** Output rows of a section whose width is {@code w}: aspect × w, or one per cycle. */
	private int rows(int w, int cycles) {
		return aspect > 0 ? Math.max(2, (int) Math.round(aspect * w)) : cycles;
	}

	private Calibration sectionCal(Calibration src, double lateral, int rows, int cycles) {
		Calibration c = new Calibration();
		if (src.scaled()) {
			c.pixelWidth = lateral;
			c.setXUnit(src.getXUnit());
		}
		if (nm_per_cycle > 0) {
			c.pixelHeight = nm_per_cycle * cycles / (double) rows;
			c.setYUnit("nm");
		} else {
			c.pixelHeight = cycles / (double) rows;
			c.setYUnit("cycle");
		}
		return c;
	}

	private static ImagePlus overlay(String title, List<float[]> sections, int[] rgb, int w, int h, String[] ions, Calibration cal) {
		int[][] ch = new int[3][];
		for (int c = 0; c < 3; c++) {
			float[] s = sections.get(rgb[c]);
			double[] lim = Composite.autoLimits(s);
			ch[c] = Composite.scale(s, lim[0], lim[1]);
		}
		ImagePlus imp = new ImagePlus(title, new ColorProcessor(w, h, Composite.pack(ch[0], ch[1], ch[2])));
		imp.setCalibration(cal);
		imp.setProperty("Info", "RGB overlay: red = " + ions[rgb[0]] + ", green = " + ions[rgb[1]] + ", blue = " + ions[rgb[2]]
			+ " (each scaled to its 0.5/99.5 percentiles)\n");
		return imp;
	}
}
