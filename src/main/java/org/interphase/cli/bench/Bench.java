package org.interphase.cli.bench;

import org.interphase.cli.Json;
import org.interphase.cli.Main;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Parallel;

/**
 * {@code interphase bench}: times the core operations in-process on deterministic synthetic
 * workloads (warm-up calls for at least 1.5 s and 5 calls, then 7 timed runs, or as many as fit
 * in about a second up to 51; median and minimum reported; --quick: one warm-up, 3 runs).
 * {@code --only TEXT} keeps the workloads whose name contains TEXT; {@code --export DIR}
 * writes each workload's input to files so other tools can be timed on the very same data.
 */
public final class Bench {

	/** One timed operation on a synthetic input. */
	public interface Workload {
		String name();

		/** Human-readable size, e.g. "1024×1024×150". */
		String size();

		/** Work items per run (e.g. pixels × energies) and their unit, for the throughput column. */
		double items();

		String itemUnit();

		/** Builds the input (not timed). */
		void setUp();

		/** The timed operation. */
		void run();

		/** Writes the input into {@code dir} (a folder of its own). */
		void export(Path dir) throws IOException;

		/** Frees the input. */
		void tearDown();
	}

	/**
	 * A workload a peer library (NumPy, SciPy, scikit-learn) computes too: {@code bench --compare}
	 * hands its input and our result to bench/peers.py, which times the peer on the same data and
	 * checks that the two results agree.
	 */
	public interface PeerWorkload extends Workload {
		/**
		 * Writes into {@code dir} the input as .npy files, our result for the agreement check, and
		 * {@code params.json} (at least "kind", which peers.py dispatches on). Runs the workload
		 * once more for the result (untimed).
		 */
		void exportForPeers(Path dir) throws IOException;
	}

	/** Rounds of bench --compare: each times ours, then the peer, on the same input. */
	static final int COMPARE_ROUNDS = 3;

	/** Wall times of {@code runs} calls, sorted. */
	private static double[] time(Workload w, int runs) {
		double[] t = new double[runs];
		for (int i = 0; i < runs; i++) {
			long t0 = System.nanoTime();
			w.run();
			t[i] = (System.nanoTime() - t0) / 1e9;
		}
		Arrays.sort(t);
		return t;
	}

	/** Minimum warm-up time per workload. */
	private static final long WARM_UP_NS = 1_500_000_000L;

	private Bench() {}

	public static int run(boolean quick, String only, Path export, PrintStream out, PrintStream err) {
		return run(quick, only, export, null, out, err);
	}

	/**
	 * Times the workloads; with {@code compareDir} only those a peer computes too, each one's input,
	 * result and timing written under it, then bench/peers.py prints the side-by-side table.
	 */
	public static int run(boolean quick, String only, Path export, Path compareDir, PrintStream out, PrintStream err) {
		List<Workload> workloads = BenchWorkloads.all(quick);
		if (compareDir != null) workloads.removeIf(w -> !(w instanceof PeerWorkload));
		String filter = only.toLowerCase(Locale.ROOT);
		workloads.removeIf(w -> !w.name().toLowerCase(Locale.ROOT).contains(filter));
		if (workloads.isEmpty()) throw new InvalidInputException("--only " + only + ": no workload name contains it");
		int reps = quick ? 3 : 7;
		long warmUpNs = quick ? 0 : WARM_UP_NS;
		out.println(String.format(Locale.ROOT, "Interphase %s bench%s: %d threads, Java %s, max heap %.1f GB", Main.version(), quick ? " (quick)" : "",
			Parallel.threads(), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / 1e9));
		out.println(String.format(Locale.ROOT, "%-34s %-18s %10s %10s %5s %16s", "workload", "size", "median s", "min s", "runs", "throughput"));
		for (Workload w : workloads) {
			w.setUp();
			try {
				if (export != null) {
					Path dir = export.resolve(slug(w.name()));
					Files.createDirectories(dir);
					w.export(dir);
				}
				// warm-up: JIT and page faults. Millisecond workloads need many calls before the JIT
				// has compiled their loops, and workloads that allocate a new stack per call grow the
				// heap (fresh memory, page faults) for their first few calls: so warm up for 1.5 s and
				// at least 5 calls, then time more runs of short workloads
				long warmStart = System.nanoTime();
				int warmRuns = 0;
				do {
					w.run();
					warmRuns++;
				} while (warmRuns < 200 && (System.nanoTime() - warmStart < warmUpNs || (!quick && warmRuns < 5)));
				double perRun = (System.nanoTime() - warmStart) / 1e9 / warmRuns;
				int runs = quick ? reps : (int) Math.min(51, Math.max(reps, 1.0 / perRun)) | 1;
				double[] t = time(w, runs);
				double median = t[runs / 2];
				out.println(String.format(Locale.ROOT, "%-34s %-18s %10.4f %10.4f %5d %10.3g %s/s", w.name(), w.size(), median, t[0], runs, w.items() / median,
					w.itemUnit()));
				if (compareDir != null) {
					Path dir = compareDir.resolve(slug(w.name()));
					Files.createDirectories(dir);
					((PeerWorkload) w).exportForPeers(dir);
					// the machine's speed drifts (up to 2x over a day here), so the ratio is taken per
					// round, ours then the peer back to back, not between two runs minutes apart
					List<List<Double>> rounds = new ArrayList<>();
					StringBuilder line = new StringBuilder();
					for (int r = 0; r < (quick ? 1 : COMPARE_ROUNDS); r++) {
						double ours = r == 0 ? median : time(w, runs)[runs / 2];
						Double peer = Peers.timeRound(dir, quick, err);
						if (peer == null) break;
						rounds.add(List.of(ours, peer));
						line.append(String.format(Locale.ROOT, "%s%.4f / %.4f", r == 0 ? "" : ", ", ours, peer));
					}
					if (!rounds.isEmpty()) out.println("  rounds, ours / peer s: " + line);
					Map<String, Object> ours = new LinkedHashMap<>();
					ours.put("name", w.name());
					ours.put("size", w.size());
					ours.put("median_s", median);
					ours.put("min_s", t[0]);
					ours.put("runs", runs);
					ours.put("threads", Parallel.threads());
					ours.put("rounds", rounds);
					Files.writeString(dir.resolve("ours.json"), Json.write(ours));
				}
			} catch (IOException e) {
				throw new InvalidInputException("--export " + export + ": " + e.getMessage(), e);
			} finally {
				w.tearDown();
				System.gc(); // untimed: the next workload does not pay for collecting this one's stacks
			}
		}
		if (export != null) out.println("inputs written to " + export.toAbsolutePath());
		if (compareDir != null) return Peers.run(compareDir, quick, out, err);
		return 0;
	}

	static String slug(String name) {
		return name.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT).replaceAll("^-|-$", "");
	}

	/** Registry of the workloads, in order; each workflow adds its own. */
	static final class BenchWorkloads {
		private BenchWorkloads() {}

		static List<Workload> all(boolean quick) {
			List<Workload> list = new ArrayList<>();
			spectral(quick, list);

			xanes(quick, list);

			segment(quick, list);
			list.add(new SegmentWorkloads.KMeansWorkload(quick));

			profiles(quick, list);

			voids(quick, list);

			afm(quick, list);

			force(quick, list);
			return list;
		}

		/** Optical density and alignment. */
		private static void spectral(boolean quick, List<Workload> list) {
			list.add(new SpectralWorkloads.OpticalDensityWorkload(quick));
			list.add(new SpectralWorkloads.AutoI0Workload(quick));
			list.add(new AlignWorkloads.AlignWorkload(quick));
		}

		/** Normalization, feature maps, LCF. */
		private static void xanes(boolean quick, List<Workload> list) {
			list.add(new XanesWorkloads.LcfWorkload(quick));
			list.add(new XanesWorkloads.NormalizationWorkload(quick));
			list.add(new XanesWorkloads.FeatureMapsWorkload(quick));
		}

		/** PCA and clustering. */
		private static void segment(boolean quick, List<Workload> list) {
			list.add(new SegmentWorkloads.PcaWorkload(quick));
			list.add(new SegmentWorkloads.ClusterWorkload(quick));
			list.add(new SegmentWorkloads.NnmaWorkload(quick));
		}

		/** Wide profiles and histograms. */
		private static void profiles(boolean quick, List<Workload> list) {
			list.add(new ProfileWorkloads.WideProfileWorkload(quick));
			list.add(new ProfileWorkloads.HistogramWorkload(quick));
		}

		/** XRF import and void tracking. */
		private static void voids(boolean quick, List<Workload> list) {
			list.add(new VoidWorkloads.ImportWorkload(quick));
			list.add(new VoidWorkloads.TrackWorkload(quick));
		}

		/** Leveling, roughness, local roughness. */
		private static void afm(boolean quick, List<Workload> list) {
			list.add(new AfmWorkloads.LevelRoughnessWorkload(quick));
			list.add(new AfmWorkloads.LocalMapWorkload(quick, false));
			list.add(new AfmWorkloads.LocalMapWorkload(quick, true));
			list.add(new AfmWorkloads.StatisticsWorkload(quick));
		}

		/** Force-volume fits. */
		private static void force(boolean quick, List<Workload> list) {
			list.add(new ForceWorkloads.HertzVolumeWorkload(quick));
		}
	}
}
