package org.interphase.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.interphase.cli.CommandCatalog;
import org.interphase.cli.CommandRunner;
import org.interphase.cli.Main;
import org.interphase.cli.OutputWriter;
import org.interphase.cli.volume.SlabMap;
import org.interphase.cli.volume.VolumeJob;
import org.interphase.cli.volume.VolumePhantom;
import org.interphase.core.InvalidInputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark jobs in local[2] give the single-machine command's outputs: the volume jobs the same files
 * as {@code ./interphase volume} (bit for bit: the same engines on the same slabs, reductions added in
 * slab order), the campaigns the same files as {@code ./interphase run} on each file.
 */
class SparkJobsTest {

	static JavaSparkContext sc;
	@TempDir
	static Path dir;
	static Path h5, tifs;
	static final VolumePhantom P = new VolumePhantom(9, 5, 7, 41);
	/** The project's test-images/ (the Spark module's folder is spark/ inside the project). */
	static final Path IMAGES = Paths.get("..", "test-images").toAbsolutePath().normalize();

	@BeforeAll
	static void start() throws Exception {
		sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("interphase-test").set("spark.ui.enabled", "false")
			.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"));
		h5 = P.writeHdf5(dir.resolve("vol.h5"));
		tifs = P.writeTiffFolder(dir.resolve("tifs"));
	}

	@AfterAll
	static void stop() {
		if (sc != null) sc.stop();
	}

	static Map<String, Object> spark(String... argv) {
		return SparkMain.run(argv, sc);
	}

	/** Every file below {@code a} has the same bytes below {@code b}; outputs.json (times, runner) excepted. */
	static void sameFiles(Path a, Path b, String... except) throws Exception {
		List<String> names;
		try (Stream<Path> s = Files.walk(a)) {
			names = s.filter(Files::isRegularFile).map(p -> a.relativize(p).toString()).sorted().collect(Collectors.toList());
		}
		List<String> other;
		try (Stream<Path> s = Files.walk(b)) {
			other = s.filter(Files::isRegularFile).map(p -> b.relativize(p).toString()).sorted().collect(Collectors.toList());
		}
		assertEquals(names, other);
		int compared = 0;
		for (String n : names) {
			if (List.of(except).contains(Paths.get(n).getFileName().toString())) continue;
			assertArrayEquals(Files.readAllBytes(a.resolve(n)), Files.readAllBytes(b.resolve(n)), n);
			compared++;
		}
		assertTrue(compared > 0);
	}

	@Test
	void volumeJobsEqualTheCliBitForBit() throws Exception {
		String[][] jobs = { { "Normalize XANES", "volume=" + h5, "slab=3", "pre1=-30", "pre2=-15", "norm1=15", "norm2=45" },
			{ "XANES Feature Maps", "volume=" + tifs, "slab=2" }, { "Principal Components", "volume=" + h5, "slab=2", "components=2" },
			{ "Principal Components", "volume=" + tifs, "slab=4", "centre=true" },
			{ "Cluster Analysis", "volume=" + h5, "slab=3", "clusters=3", "components=2", "lloyd_passes=3" } };
		int i = 0;
		for (String[] job : jobs) {
			Path local = dir.resolve("local" + i), cluster = dir.resolve("spark" + i);
			i++;
			List<String> cli = new ArrayList<>(List.of("volume"));
			cli.addAll(List.of(job));
			cli.addAll(List.of("--out", local.toString()));
			assertEquals(0, new Main(System.out, System.err, false).run(cli.toArray(new String[0])), job[0]);
			List<String> run = new ArrayList<>(List.of("run"));
			run.addAll(List.of(job));
			run.addAll(List.of("--out", cluster.toString()));
			Map<String, Object> summary = spark(run.toArray(new String[0]));
			assertTrue(String.valueOf(summary.get("runner")).contains("local[2]"));
			// slabs.csv holds each slab's seconds: compared without that column
			sameFiles(local, cluster, "outputs.json", "slabs.csv");
			assertEquals(withoutSeconds(local.resolve("slabs.csv")), withoutSeconds(cluster.resolve("slabs.csv")));
		}
	}

	static List<String> withoutSeconds(Path csv) throws Exception {
		List<String> out = new ArrayList<>();
		for (String l : Files.readAllLines(csv)) {
			String[] f = l.split(",", -1);
			f[3] = "";
			out.add(String.join(",", f));
		}
		return out;
	}

	@Test
	void treeAggregateSumsInSlabOrder() {
		double[] s = new SparkSlabMap(sc).sum(5, k -> new double[] { 1e16, k == 2 ? 1 : 0, k });
		double[] l = SlabMap.LOCAL.sum(5, k -> new double[] { 1e16, k == 2 ? 1 : 0, k });
		assertArrayEquals(l, s, 0.0);
		assertEquals(10, s[2], 0.0);
	}

	@Test
	void campaignsEqualTheCliRunOnEachFile() throws Exception {
		Path afm = Files.createDirectories(dir.resolve("afm"));
		Files.copy(IMAGES.resolve("afm/afm-phantom-a.tif"), afm.resolve("a.tif"));
		Files.copy(IMAGES.resolve("afm/afm-phantom-b.tif"), afm.resolve("b.tif"));
		Path voids = Files.createDirectories(dir.resolve("voids"));
		Files.copy(IMAGES.resolve("voids/series-hyperstack.tif"), voids.resolve("s1.tif"));
		Files.copy(IMAGES.resolve("voids/series-hyperstack.tif"), voids.resolve("s2.tif"));
		Object[][] jobs = { { "Surface Roughness", "image", afm, new String[] { "level=plane_then_rows" } },
			{ "Track Voids", "maps", voids, new String[] { "void_channels=S_K,P_K", "rule=all", "threshold_method=otsu", "smooth_sigma=1", "min_area=4" } } };
		for (Object[] job : jobs) {
			String command = (String) job[0];
			Path folder = (Path) job[2];
			String[] keys = (String[]) job[3];
			Path out = dir.resolve("campaign-" + command.replace(' ', '_'));
			List<String> argv = new ArrayList<>(List.of("run", command, "files=" + folder));
			argv.addAll(List.of(keys));
			argv.addAll(List.of("--out", out.toString()));
			Map<String, Object> summary = spark(argv.toArray(new String[0]));
			assertEquals(2, summary.get("files"));
			assertEquals(0, summary.get("failed"));
			List<String> fileRows = Files.readAllLines(out.resolve("files.csv"));
			assertEquals(3, fileRows.size());
			try (Stream<Path> s = Files.list(folder)) {
				for (Path f : s.collect(Collectors.toList())) {
					String stem = f.getFileName().toString().replace(".tif", "");
					Path single = dir.resolve("single-" + command.replace(' ', '_') + "-" + stem);
					var ctx = VolumeJob.context();
					var info = new CommandCatalog(ctx).find(command);
					List<String> a = new ArrayList<>(List.of(keys));
					a.add(job[1] + "=" + f);
					CommandRunner.Run run = new CommandRunner(ctx).run(info, CommandRunner.parseArguments(a));
					OutputWriter.write(run, single, false, Main.version());
					sameFiles(single, out.resolve(stem), "outputs.json");
					// the merged tables hold each file's rows after its name
					for (Map.Entry<String, Object> o : run.outputs.entrySet()) {
						if (!(o.getValue() instanceof ij.measure.ResultsTable)) continue;
						List<String> mine = Files.readAllLines(single.resolve(o.getKey() + ".csv"));
						List<String> merged = Files.readAllLines(out.resolve(o.getKey() + ".csv"));
						for (String row : mine.subList(1, mine.size()))
							assertTrue(merged.contains(stem + "," + row), o.getKey() + ": " + row);
					}
				}
			}
		}
	}

	@Test
	void badInputIsOneLineBeforeAnyTaskRuns() {
		InvalidInputException a = assertThrows(InvalidInputException.class,
			() -> spark("run", "Normalize XANES", "volume=" + dir.resolve("none.h5"), "--out", dir.resolve("x").toString()));
		assertTrue(a.getMessage().contains("none.h5"), a.getMessage());
		InvalidInputException b = assertThrows(InvalidInputException.class,
			() -> spark("run", "Surface Roughness", "files=" + tifs, "levl=plane", "--out", dir.resolve("y").toString()));
		assertTrue(b.getMessage().contains("levl"), b.getMessage());
		InvalidInputException c = assertThrows(InvalidInputException.class,
			() -> spark("run", "Optical Density", "volume=" + h5, "--out", dir.resolve("z").toString()));
		assertTrue(c.getMessage().contains("does not run on volumes"), c.getMessage());
	}
}
