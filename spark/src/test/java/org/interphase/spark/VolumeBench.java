package org.interphase.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;

import org.interphase.cli.OutputWriter;
import org.interphase.cli.volume.SlabMap;
import org.interphase.cli.volume.VolumeJob;
import org.interphase.cli.volume.VolumePhantom;
import org.interphase.cli.CommandRunner;

/**
 * The volume benchmark of docs/volumes.md (not run by the tests): a phantom volume of 40 z-planes ×
 * 512² × 100 energies (4.2 GB of float32, a folder of per-energy TIFF volumes) is normalized slab-wise
 * in a JVM given less heap than the volume (run it with -Xmx2g). Arguments: {@code FOLDER MODE [SLAB]},
 * MODE = {@code write} (make the volume), {@code cli} (SlabMap.LOCAL) or a Spark master such as
 * {@code local[1]}. Prints one line: mode, seconds, ns per voxel (a voxel = one spectrum of 100 energies).
 */
public final class VolumeBench {

	public static void main(String[] args) throws Exception {
		Path root = Paths.get(args[0]);
		String mode = args[1];
		int slab = args.length > 2 ? Integer.parseInt(args[2]) : 2;
		Path volume = root.resolve("volume");
		if (mode.equals("write")) {
			new VolumePhantom(512, 512, 40, 100).writeTiffFolder(volume);
			return;
		}
		Path out = root.resolve("out-" + mode.replaceAll("[^a-z0-9]", ""));
		OutputWriter.deleteTree(out);
		String[] keys = { "volume=" + volume, "slab=" + slab, "pre1=-30", "pre2=-15", "norm1=15", "norm2=45" };
		long t0 = System.nanoTime();
		Map<String, Object> summary;
		if (mode.equals("cli")) {
			summary = VolumeJob.of("Normalize XANES", CommandRunner.parseArguments(new java.util.ArrayList<>(java.util.List.of(keys))))
				.run(SlabMap.LOCAL, out, "local");
		} else {
			String[] argv = new String[keys.length + 6];
			argv[0] = "run";
			argv[1] = "Normalize XANES";
			System.arraycopy(keys, 0, argv, 2, keys.length);
			argv[keys.length + 2] = "--out";
			argv[keys.length + 3] = out.toString();
			argv[keys.length + 4] = "--master";
			argv[keys.length + 5] = mode;
			summary = SparkMain.run(argv, null);
		}
		double s = (System.nanoTime() - t0) / 1e9;
		long voxels = 512L * 512 * 40;
		long bytes;
		try (var w = Files.walk(out)) {
			bytes = w.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
		}
		System.out.println(String.format(Locale.ROOT, "%s slab=%d: %.1f s, %.0f ns/voxel (%.2f ns per voxel-energy), heap %.1f GB, volume %.1f GB, outputs %.1f GB, %s slabs",
			mode, slab, s, s * 1e9 / voxels, s * 1e9 / voxels / 100, Runtime.getRuntime().maxMemory() / 1e9, 4.0 * voxels * 100 / 1e9, bytes / 1e9,
			summary.get("slabs")));
	}
}
