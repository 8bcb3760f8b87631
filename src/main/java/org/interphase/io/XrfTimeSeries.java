package org.interphase.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;

/**
 * A folder of XRF scans (PyXRF/MAPS HDF5 files, multi-page TIFFs, or sub-folders of PyXRF TIFF
 * exports), one frame each, ordered by scan start time when every frame has one, else by a natural
 * sort of the names. Frame times are hours from the first frame (scan times), or index × interval.
 */
public final class XrfTimeSeries {
	public final List<XrfMaps> frames;
	public final List<String> names;
	public final int width, height;
	/** Hours from the first frame. */
	public final double[] timesH;
	/** "scan_time_start" or "frame_interval". */
	public final String timeSource;
	public final boolean cropped;

	private XrfTimeSeries(List<XrfMaps> frames, double[] timesH, String timeSource, boolean cropped) {
		this.frames = frames;
		this.names = frames.get(0).names;
		this.width = frames.get(0).width;
		this.height = frames.get(0).height;
		this.timesH = timesH;
		this.timeSource = timeSource;
		this.cropped = cropped;
	}

	/** The entries of {@code folder} that hold one frame each, in natural name order. */
	public static List<Path> frameFiles(Path folder) {
		if (folder == null) throw new InvalidInputException("folder: no folder given");
		if (!Files.isDirectory(folder)) throw new InvalidInputException("folder: " + folder + " is not a folder");
		List<Path> files = new ArrayList<>(), dirs = new ArrayList<>();
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
			for (Path p : ds) {
				String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
				if (n.startsWith(".")) continue;
				if (Files.isDirectory(p)) dirs.add(p);
				else if (n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".tif") || n.endsWith(".tiff")) files.add(p);
			}
		} catch (IOException e) {
			throw new InvalidInputException("cannot list " + folder + ": " + e.getMessage(), e);
		}
		List<Path> use = files.isEmpty() ? dirs : files;
		use.sort((a, b) -> NaturalOrder.compare(a.getFileName().toString(), b.getFileName().toString()));
		if (use.isEmpty()) throw new InvalidInputException("folder: " + folder + " holds no XRF map files (.h5, .hdf5, .tif) or export folders");
		return use;
	}

	/**
	 * Reads every frame of {@code folder}. {@code frameIntervalH} is used when any frame lacks a scan
	 * time. Maps of different sizes are refused unless {@code cropToCommon} (then every frame is cut to
	 * the common top-left width × height).
	 */
	public static XrfTimeSeries read(Path folder, String elements, String detector, String normalize, double frameIntervalH, boolean cropToCommon) {
		List<Path> files = frameFiles(folder);
		List<String> wanted = XrfMaps.parseList(elements);
		// the first frame fixes the element list when none is given; the others are read in parallel
		XrfMaps[] read = new XrfMaps[files.size()];
		read[0] = XrfMapsReader.read(files.get(0), detector, normalize).select(elements);
		String names = wanted.isEmpty() ? String.join(",", read[0].names) : elements;
		Parallel.forRange(files.size() - 1, 1, Progress.NONE, "reading frames", (from, to) -> {
			for (int i = from; i < to; i++)
				read[i + 1] = XrfMapsReader.read(files.get(i + 1), detector, normalize).select(names);
		});
		List<XrfMaps> frames = new ArrayList<>(java.util.Arrays.asList(read));
		boolean allTimes = true;
		for (XrfMaps m : frames)
			allTimes &= Double.isFinite(m.scanTimeSeconds);
		if (allTimes) frames.sort((a, b) -> Double.compare(a.scanTimeSeconds, b.scanTimeSeconds));
		int w = Integer.MAX_VALUE, h = Integer.MAX_VALUE;
		boolean same = true;
		for (XrfMaps m : frames) {
			same &= m.width == frames.get(0).width && m.height == frames.get(0).height;
			w = Math.min(w, m.width);
			h = Math.min(h, m.height);
		}
		if (!same) {
			if (!cropToCommon) {
				StringBuilder sb = new StringBuilder();
				for (XrfMaps m : frames)
					if (m.width != frames.get(0).width || m.height != frames.get(0).height) {
						sb.append(m.source.getFileName()).append(" is ").append(m.width).append("×").append(m.height);
						break;
					}
				throw new InvalidInputException("folder: maps of different sizes (" + frames.get(0).source.getFileName() + " is " + frames.get(0).width + "×"
					+ frames.get(0).height + ", " + sb + "); set crop_to_common to cut all frames to " + w + "×" + h);
			}
			for (int i = 0; i < frames.size(); i++)
				frames.set(i, frames.get(i).crop(w, h));
		}
		double[] times = new double[frames.size()];
		String source;
		if (allTimes) {
			double t0 = frames.get(0).scanTimeSeconds;
			for (int i = 0; i < times.length; i++)
				times[i] = (frames.get(i).scanTimeSeconds - t0) / 3600.0;
			source = "scan_time_start";
		} else {
			if (!(frameIntervalH > 0) || !Double.isFinite(frameIntervalH))
				throw new InvalidInputException("frame_interval: the frames have no scan times; give the interval between frames in hours (> 0)");
			for (int i = 0; i < times.length; i++)
				times[i] = i * frameIntervalH;
			source = "frame_interval";
		}
		return new XrfTimeSeries(frames, times, source, !same);
	}
}
