package org.interphase.command;

import java.io.File;

import org.interphase.core.afm.Leveling;
import org.interphase.ij.AfmImages;
import org.interphase.ij.ImageFiles;
import org.interphase.ij.Images;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

/** Removes tilt, bow and scan-line offsets from AFM height images (SCIENCE.md §4 "Leveling"); every slice is leveled. */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>AFM>Level Surface", headless = true,
	description = "Plane or polynomial background removal and row alignment, with an optional mask of pixels left out of the fit")
public class LevelSurface extends InterphaseCommand {

	@Parameter(label = "Image", persist = false)
	private ImagePlus image;

	@Parameter(label = "Method", choices = { "plane", "polynomial", "align_rows_median", "align_rows_mean", "plane_then_rows" },
		description = "plane: least-squares tilt; polynomial: of the given degree in x and y; align_rows_*: subtract each scan line's median/mean; plane_then_rows: plane, then row medians")
	private String method = "plane_then_rows";

	@Parameter(label = "Polynomial degree", min = "1", max = "10", description = "Used by method=polynomial")
	private int degree = 2;

	@Parameter(label = "Mask image file (optional)", required = false, style = FileWidget.OPEN_STYLE,
		description = "Same size as the image; nonzero pixels (features) are left out of the fit")
	private File mask;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus leveled;

	@Override
	protected void execute() {
		require(image != null, "image: no image given");
		boolean[] excluded = mask == null ? null : readMask(mask, image.getWidth(), image.getHeight());
		ImageStack in = image.getStack(), out = new ImageStack(image.getWidth(), image.getHeight());
		for (int s = 1; s <= in.getSize(); s++) {
			float[] z = Images.floatPixels(in.getProcessor(s));
			float[] lev = Leveling.level(z, image.getWidth(), image.getHeight(), method, degree, excluded, progress());
			out.addSlice(in.getSliceLabel(s), new FloatProcessor(image.getWidth(), image.getHeight(), lev));
		}
		leveled = new ImagePlus(baseTitle(image) + " leveled", out);
		leveled.setCalibration(Images.spatialCopy(image.getCalibration()));
		AfmImages.copyProperties(image, leveled);
		Object info = image.getProperty("Info");
		leveled.setProperty("Info", (info == null ? "" : info.toString()) + "Leveling: " + method + (method.equals("polynomial") ? " degree " + degree : "")
			+ (excluded != null ? ", pixels of " + mask.getName() + " left out of the fit" : "") + "\n");
		Images.autoContrast(leveled);
	}

	static String baseTitle(ImagePlus imp) {
		String t = imp.getTitle();
		int dot = t.lastIndexOf('.');
		return dot > 0 ? t.substring(0, dot) : t;
	}

	static boolean[] readMask(File file, int w, int h) {
		ImagePlus m = ImageFiles.open(file.toPath(), null);
		require(m.getWidth() == w && m.getHeight() == h,
			"mask: " + file.getName() + " is " + m.getWidth() + "×" + m.getHeight() + ", the image is " + w + "×" + h);
		ImageProcessor ip = m.getProcessor();
		boolean[] ex = new boolean[w * h];
		for (int p = 0; p < ex.length; p++)
			ex[p] = ip.getf(p) != 0;
		return ex;
	}
}
