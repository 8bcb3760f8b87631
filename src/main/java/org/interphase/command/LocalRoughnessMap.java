package org.interphase.command;

import org.interphase.core.afm.LocalRoughness;
import org.interphase.ij.AfmImages;
import org.interphase.ij.Images;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

/** Sq in a sliding square window, optionally after a local plane fit (SCIENCE.md §4); one map per slice, same size. */
@Plugin(type = Command.class, menuPath = "Plugins>Interphase>AFM>Local Roughness Map", headless = true,
	description = "Map of the RMS height (Sq) in a sliding window of window × window pixels")
public class LocalRoughnessMap extends InterphaseCommand {

	@Parameter(label = "Image", persist = false)
	private ImagePlus image;

	@Parameter(label = "Window (px)", min = "2", description = "Side of the square window, centred on each pixel (clipped at the image border)")
	private int window = 32;

	@Parameter(label = "Fit a plane in each window", description = "Remove a least-squares plane in each window before the RMS")
	private boolean local_plane = false;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus sq_map;

	@Override
	protected void execute() {
		require(image != null, "image: no image given");
		int w = image.getWidth(), h = image.getHeight();
		require(window <= Math.max(w, h), "window: " + window + " px is larger than the " + w + "×" + h + " image");
		ImageStack in = image.getStack(), out = new ImageStack(w, h);
		for (int s = 1; s <= in.getSize(); s++) {
			float[] z = Images.floatPixels(in.getProcessor(s));
			float[] m = LocalRoughness.sqMap(z, w, h, window, local_plane, progress());
			out.addSlice(AfmImages.label("Sq " + AfmImages.channelName(image, s), AfmImages.unit(image, s)), new FloatProcessor(w, h, m));
		}
		sq_map = new ImagePlus(LevelSurface.baseTitle(image) + " local Sq " + window + "px", out);
		sq_map.setCalibration(Images.spatialCopy(image.getCalibration()));
		AfmImages.copyProperties(image, sq_map);
		StringBuilder names = new StringBuilder();
		for (int s = 1; s <= in.getSize(); s++)
			names.append(s > 1 ? "," : "").append("Sq ").append(AfmImages.channelName(image, s).replace(',', ';'));
		sq_map.setProp(AfmImages.CHANNELS, names.toString());
		sq_map.setProperty("Info", "Local roughness: Sq in a " + window + "×" + window + " px window centred on each pixel (clipped at the border)"
			+ (local_plane ? ", after a least-squares plane fitted in each window" : "") + "; units as the input\n");
		Images.autoContrast(sq_map);
	}
}
