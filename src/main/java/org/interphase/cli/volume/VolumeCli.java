package org.interphase.cli.volume;

import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.interphase.cli.CommandRunner;
import org.interphase.core.InvalidInputException;

/**
 * {@code ./interphase volume "<Command>" volume=PATH [slab=N] [dataset=/exchange/data] [energies=…]
 * key=value … --out DIR}: a command over a 3D spectral volume, slab by slab, in this JVM.
 */
public final class VolumeCli {

	public static final String USAGE = "volume \"<Command>\" volume=PATH [slab=N] [dataset=/exchange/data] [energies=…] key=value ... --out DIR";

	private VolumeCli() {}

	/** Parses {@code args} (after the sub-command) and runs the job locally; returns the exit status. */
	public static int run(List<String> args, PrintStream out) {
		int o = args.indexOf("--out");
		if (o < 0 || o + 1 >= args.size()) throw new InvalidInputException("volume needs --out DIR for the outputs");
		String dir = args.get(o + 1);
		args.remove(o + 1);
		args.remove(o);
		if (args.isEmpty()) throw new InvalidInputException("usage: interphase " + USAGE);
		String command = args.remove(0);
		for (String a : args)
			if (a.startsWith("--")) throw new InvalidInputException("unknown option " + a);
		VolumeJob job = VolumeJob.of(command, CommandRunner.parseArguments(args));
		Map<String, Object> summary = job.run(SlabMap.LOCAL, Paths.get(dir), "local");
		out.println(job.command + ": " + job.volume.width() + "×" + job.volume.height() + "×" + job.volume.depth() + " voxels × "
			+ job.volume.energies().length + " energies in " + job.slabs() + " slab(s) of " + job.slab + " planes → " + dir
			+ String.format(" (%.2f s)", (Double) summary.get("elapsed_seconds")));
		return 0;
	}
}
