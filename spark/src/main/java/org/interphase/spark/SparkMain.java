package org.interphase.spark;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.interphase.cli.CommandRunner;
import org.interphase.cli.volume.VolumeJob;
import org.interphase.core.InvalidInputException;

/**
 * {@code spark-submit --class org.interphase.spark.SparkMain interphase-spark-all.jar run "<Command>"
 * key=value … --out DIR}: a volume job ({@code volume=}, slabs as partitions) or a campaign
 * ({@code files=FOLDER}, files as partitions). Without a master from spark-submit it runs embedded in
 * {@code local[*]} ({@code --master local[2]} chooses another).
 */
public final class SparkMain {

	static final String USAGE = "usage: spark-submit --class org.interphase.spark.SparkMain interphase-spark-all.jar run \"<Command>\" "
		+ "(volume=PATH [slab=N] [dataset=…] [energies=…] | files=FOLDER) key=value ... --out DIR [--master URL]";

	private SparkMain() {}

	public static void main(String[] argv) {
		try {
			System.out.println(String.valueOf(run(argv, null)));
		} catch (InvalidInputException e) {
			System.err.println("error: " + e.getMessage());
			System.exit(2);
		} catch (RuntimeException e) {
			// bad input met inside a task (a slab or file that cannot be read) reaches the driver wrapped
			for (Throwable t = e; t != null; t = t.getCause()) {
				if (t instanceof InvalidInputException || t.getClass().getName().equals(InvalidInputException.class.getName())) {
					System.err.println("error: " + t.getMessage());
					System.exit(2);
				}
			}
			String m = String.valueOf(e.getMessage());
			int i = m.indexOf(InvalidInputException.class.getName() + ": ");
			if (i >= 0) {
				System.err.println("error: " + m.substring(i + InvalidInputException.class.getName().length() + 2).split("\\R")[0]);
				System.exit(2);
			}
			throw e;
		}
	}

	/** Runs one job; {@code sc} null makes (and stops) a context of its own. Returns the job's summary. */
	public static Map<String, Object> run(String[] argv, JavaSparkContext sc) {
		List<String> args = new ArrayList<>(List.of(argv));
		if (args.isEmpty() || !"run".equals(args.get(0))) throw new InvalidInputException(USAGE);
		args.remove(0);
		String out = option(args, "--out");
		String master = option(args, "--master");
		if (out == null) throw new InvalidInputException("run needs --out DIR (on a file system every executor sees)");
		if (args.isEmpty()) throw new InvalidInputException(USAGE);
		String command = args.remove(0);
		for (String a : args)
			if (a.startsWith("--")) throw new InvalidInputException("unknown option " + a);
		Map<String, String> keys = CommandRunner.parseArguments(args);
		boolean volume = keys.containsKey("volume");
		if (!volume && !keys.containsKey("files")) throw new InvalidInputException("give volume=PATH (a volume job) or files=FOLDER (a campaign)");
		// check everything on the driver before any executor starts
		VolumeJob vj = volume ? VolumeJob.of(command, keys) : null;
		CampaignJob cj = volume ? null : CampaignJob.of(command, keys);
		boolean own = sc == null;
		if (own) {
			SparkConf conf = new SparkConf().setAppName("Interphase " + command);
			if (master != null) conf.setMaster(master);
			else if (!conf.contains("spark.master")) conf.setMaster("local[*]");
			sc = new JavaSparkContext(conf);
		}
		try {
			return volume ? vj.run(new SparkSlabMap(sc), Paths.get(out), "spark " + sc.master()) : cj.run(sc, Paths.get(out));
		} finally {
			if (own) sc.stop();
		}
	}

	private static String option(List<String> args, String flag) {
		int i = args.indexOf(flag);
		if (i < 0) return null;
		if (i + 1 >= args.size()) throw new InvalidInputException(flag + " needs a value");
		String v = args.get(i + 1);
		args.remove(i + 1);
		args.remove(i);
		return v;
	}
}
