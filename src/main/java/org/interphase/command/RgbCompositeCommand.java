package org.interphase.command;

import org.interphase.core.decompose.Composite;
import org.interphase.ij.Images;
import org.interphase.ij.Tables;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;

/** Three maps (or three slices of a stack) to one RGB image, each channel scaled to its own limits. */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>Segment>RGB Composite", headless = true,
	description = "RGB composite of three maps with per-channel limits (auto = 0.5/99.5 percentiles) and a legend table")
public class RgbCompositeCommand extends InterphaseCommand {

	@Parameter(label = "Red map", persist = false, required = false)
	private ImagePlus red;

	@Parameter(label = "Green map", persist = false, required = false)
	private ImagePlus green;

	@Parameter(label = "Blue map", persist = false, required = false)
	private ImagePlus blue;

	@Parameter(label = "Or: a stack (instead of three maps)", persist = false, required = false)
	private ImagePlus stack;

	@Parameter(label = "Slices of the stack for red, green, blue (1-based)", required = false)
	private String slices = "1,2,3";

	@Parameter(label = "Red min (min = max: auto)")
	private double red_min = 0;

	@Parameter(label = "Red max")
	private double red_max = 0;

	@Parameter(label = "Green min (min = max: auto)")
	private double green_min = 0;

	@Parameter(label = "Green max")
	private double green_max = 0;

	@Parameter(label = "Blue min (min = max: auto)")
	private double blue_min = 0;

	@Parameter(label = "Blue max")
	private double blue_max = 0;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus composite;

	@Parameter(type = ItemIO.OUTPUT, label = "Composite legend")
	private ResultsTable legend;

	@Override
	protected void execute() {
		float[][] maps = new float[3][];
		String[] sources = new String[3];
		String[] names = { "red", "green", "blue" };
		int w, h;
		ImagePlus ref;
		if (stack != null) {
			String[] parts = (slices == null ? "" : slices).trim().split("\\s*,\\s*");
			require(parts.length == 3, "slices: expected three slice numbers r,g,b, got \"" + slices + "\"");
			for (int c = 0; c < 3; c++) {
				int k;
				try {
					k = Integer.parseInt(parts[c]);
				} catch (NumberFormatException e) {
					throw new org.interphase.core.InvalidInputException("slices: \"" + parts[c] + "\" is not a slice number");
				}
				require(k >= 1 && k <= stack.getStackSize(), "slices: " + k + " is not a slice of \"" + stack.getTitle() + "\" (1–" + stack.getStackSize() + ")");
				maps[c] = Images.floatPixels(stack.getStack().getProcessor(k));
				String label = stack.getStack().getSliceLabel(k);
				sources[c] = stack.getTitle() + " slice " + k + (label == null ? "" : " (" + label.split("\n")[0] + ")");
			}
			ref = stack;
		} else {
			ImagePlus[] in = { red, green, blue };
			for (int c = 0; c < 3; c++) {
				require(in[c] != null, names[c] + ": give three maps (red, green, blue) or a stack with slices");
				require(in[c].getStackSize() == 1, names[c] + ": \"" + in[c].getTitle() + "\" is a stack; give a single map, or use stack= with slices=");
				require(in[c].getWidth() == in[0].getWidth() && in[c].getHeight() == in[0].getHeight(),
					names[c] + ": \"" + in[c].getTitle() + "\" is not the size of \"" + in[0].getTitle() + "\"");
				maps[c] = Images.floatPixels(in[c].getProcessor());
				sources[c] = in[c].getTitle();
			}
			ref = red;
		}
		w = ref.getWidth();
		h = ref.getHeight();
		double[][] limits = { { red_min, red_max }, { green_min, green_max }, { blue_min, blue_max } };
		int[][] ch = new int[3][];
		legend = Tables.empty();
		for (int c = 0; c < 3; c++) {
			boolean auto = limits[c][0] == limits[c][1];
			double[] lim = auto ? Composite.autoLimits(maps[c]) : limits[c];
			ch[c] = Composite.scale(maps[c], lim[0], lim[1]);
			legend.incrementCounter();
			legend.addValue("channel", names[c]);
			legend.addValue("source", sources[c]);
			legend.addValue("min", lim[0]);
			legend.addValue("max", lim[1]);
			legend.addValue("limits", auto ? "auto 0.5/99.5 %" : "given");
		}
		composite = new ImagePlus("RGB composite", new ColorProcessor(w, h, Composite.pack(ch[0], ch[1], ch[2])));
		composite.setCalibration(Images.spatialCopy(ref.getCalibration()));
		composite.setProperty("Info", "RGB composite: red = " + sources[0] + ", green = " + sources[1] + ", blue = " + sources[2] + "\n");
	}
}
