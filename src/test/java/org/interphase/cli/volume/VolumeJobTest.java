package org.interphase.cli.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.interphase.cli.CommandCatalog;
import org.interphase.cli.CommandRunner;
import org.interphase.cli.Main;
import org.interphase.core.InvalidInputException;
import org.interphase.core.stack.SpectralStack;
import org.interphase.ij.Images;
import org.interphase.io.SpectralVolume;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;

/** Slab-wise processing of a phantom volume equals the command on the whole volume; the readers read what was written. */
class VolumeJobTest {

	static final VolumePhantom P = new VolumePhantom(10, 6, 7, 51);
	@TempDir
	static Path dir;
	static Path h5, tifs;

	@BeforeAll
	static void write() throws Exception {
		h5 = P.writeHdf5(dir.resolve("vol.h5"));
		tifs = P.writeTiffFolder(dir.resolve("tifs"));
	}

	@Test
	void hdf5AndTiffSlabsHoldTheWrittenValues() {
		float[][] whole = P.asStack();
		for (Path p : List.of(h5, tifs)) {
			SpectralVolume v = SpectralVolume.open(p, "", "");
			assertEquals(10, v.width());
			assertEquals(6, v.height());
			assertEquals(7, v.depth());
			assertArrayEquals(P.energies, v.energies(), 1e-9, p.toString());
			SpectralStack s = v.readSlab(2, 3); // planes 2, 3, 4
			assertEquals(18, s.height());
			for (int e = 0; e < 51; e++)
				for (int i = 0; i < 10 * 18; i++)
					assertEquals(whole[e][2 * 60 + i], s.slice(e)[i], 0f, p + " e=" + e + " i=" + i);
		}
	}

	@Test
	void badVolumesFailWithOneLineNamingTheFileAndField() throws Exception {
		InvalidInputException a = assertThrows(InvalidInputException.class, () -> SpectralVolume.open(h5, "/exchange/nothing", ""));
		assertTrue(a.getMessage().contains("vol.h5") && a.getMessage().contains("/exchange/nothing"), a.getMessage());
		InvalidInputException b = assertThrows(InvalidInputException.class, () -> SpectralVolume.open(h5, "/exchange/energy", ""));
		assertTrue(b.getMessage().contains("4 (energy, z, y, x)"), b.getMessage());
		Path txt = Files.writeString(dir.resolve("e.txt"), "1\n2\n3\n");
		InvalidInputException c = assertThrows(InvalidInputException.class, () -> SpectralVolume.open(tifs, "", txt.toString()));
		assertTrue(c.getMessage().contains("lists 3 energies") && c.getMessage().contains("51"), c.getMessage());
		Path notHdf = Files.writeString(dir.resolve("x.h5"), "not hdf5");
		InvalidInputException d = assertThrows(InvalidInputException.class, () -> SpectralVolume.open(notHdf, "", ""));
		assertTrue(d.getMessage().contains("x.h5"), d.getMessage());
		InvalidInputException f = assertThrows(InvalidInputException.class,
			() -> VolumeJob.of("Normalize XANES", Map.of("volume", h5.toString(), "e0_methd", "fixed")));
		assertTrue(f.getMessage().contains("e0_methd"), f.getMessage());
	}

	/** The maps of one output, read back from its slab files and stacked in z: plane z is rows z·ny…; frame t of S. */
	static float[] assembled(Path out, String output, int slab, int frame) {
		float[] all = new float[P.nx * P.ny * P.nz];
		for (int z0 = 0; z0 < P.nz; z0 += slab) {
			int nz = Math.min(slab, P.nz - z0);
			ImagePlus imp = IJ.openImage(out.resolve(VolumeJob.slabFile(output, z0, nz)).toString());
			assertEquals(nz, imp.getNSlices(), output);
			for (int k = 0; k < nz; k++) {
				float[] px = (float[]) imp.getStack().getProcessor(frame * nz + k + 1).convertToFloatProcessor().getPixels();
				System.arraycopy(px, 0, all, (z0 + k) * P.nx * P.ny, px.length);
			}
		}
		return all;
	}

	static CommandRunner.Run wholeVolume(String command, Map<String, String> args) {
		var ctx = VolumeJob.context();
		var info = new CommandCatalog(ctx).find(command);
		SpectralStack s = new SpectralStack(P.nx, P.ny * P.nz, P.energies, P.asStack());
		return new CommandRunner(ctx).run(info, args, Map.of("stack", Images.toImagePlus(s, "vol", null)));
	}

	@Test
	void normalizeXanesSlabWiseIsBitIdenticalToTheWholeVolumeAndFindsTheTruth() throws Exception {
		Path out = dir.resolve("norm");
		int status = new Main(new PrintStream(new ByteArrayOutputStream()), System.err, false).run(new String[] { "volume", "Normalize XANES",
			"volume=" + h5, "slab=3", "pre1=-30", "pre2=-15", "norm1=15", "norm2=45", "--out", out.toString() });
		assertEquals(0, status);
		CommandRunner.Run whole = wholeVolume("Normalize XANES", Map.of("pre1", "-30", "pre2", "-15", "norm1", "15", "norm2", "45"));
		for (String map : List.of("e0_map", "edge_step_map", "valid_mask")) {
			float[] expected = (float[]) ((ImagePlus) whole.outputs.get(map)).getProcessor().convertToFloatProcessor().getPixels();
			assertArrayEquals(expected, assembled(out, map, 3, 0), map); // bit for bit
		}
		float[] e0 = assembled(out, "e0_map", 3, 0);
		float[] step = assembled(out, "edge_step_map", 3, 0);
		for (int z = 0; z < P.nz; z++)
			for (int y = 0; y < P.ny; y++)
				for (int x = 0; x < P.nx; x++) {
					int i = (z * P.ny + y) * P.nx + x;
					assertEquals(VolumePhantom.e0(z), e0[i], 1.0, "E0 at z=" + z); // 1 eV: half the 2 eV energy step
					// the arctan tails reach into the pre- and post-edge windows and bias the step low: 10 %
					assertEquals(VolumePhantom.edgeStep(x, y), step[i], 0.1 * VolumePhantom.edgeStep(x, y), "edge step");
				}
		// the normalized stack: frame = energy; slabs.csv holds the valid pixel count of every slab
		float[] norm = assembled(out, "normalized", 3, 40);
		float[] expected = (float[]) ((ImagePlus) whole.outputs.get("normalized")).getStack().getProcessor(41).getPixels();
		assertArrayEquals(expected, norm);
		List<String> rows = Files.readAllLines(out.resolve("slabs.csv"));
		assertEquals("slab,z0,nz,seconds,valid_pixels", rows.get(0));
		assertEquals(3, rows.size() - 1); // 7 planes in slabs of 3: 3 + 3 + 1
		long valid = 0;
		for (String r : rows.subList(1, rows.size()))
			valid += Long.parseLong(r.split(",")[4]);
		assertEquals(((Number) whole.outputs.get("valid_pixels")).longValue(), valid);
		assertTrue(Files.readString(out.resolve("outputs.json")).contains("\"slabs\": 3"));
	}

	@Test
	void featureMapsFromTiffFolderEqualTheWholeVolume() throws Exception {
		Path out = dir.resolve("features");
		VolumeJob.of("XANES Feature Maps", Map.of("volume", tifs.toString(), "slab", "4")).run(SlabMap.LOCAL, out, "local");
		CommandRunner.Run whole = wholeVolume("XANES Feature Maps", Map.of());
		ImagePlus f = (ImagePlus) whole.outputs.get("features");
		for (int t = 0; t < f.getStackSize(); t++)
			assertArrayEquals((float[]) f.getStack().getProcessor(t + 1).convertToFloatProcessor().getPixels(), assembled(out, "features", 4, t),
				"feature " + f.getStack().getSliceLabel(t + 1));
	}

	@Test
	void linearCombinationFitSlabWiseIsBitIdenticalToTheWholeVolume() throws Exception {
		// two references: edges at the lowest and the highest E0 of the phantom's z range
		StringBuilder csv = new StringBuilder("energy_eV,low,high\n");
		double lo = VolumePhantom.e0(0), hi = VolumePhantom.e0(P.nz - 1);
		for (double e : P.energies)
			csv.append(e).append(',').append(0.5 + Math.atan((e - lo) / 2) / Math.PI).append(',').append(0.5 + Math.atan((e - hi) / 2) / Math.PI)
				.append('\n');
		Path refs = dir.resolve("edges.csv");
		Files.writeString(refs, csv);
		Path out = dir.resolve("lcf");
		VolumeJob.of("Linear Combination Fit", Map.of("volume", h5.toString(), "slab", "3", "references", refs.toString(), "constant", "true"))
			.run(SlabMap.LOCAL, out, "local");
		CommandRunner.Run whole = wholeVolume("Linear Combination Fit", Map.of("references", refs.toString(), "constant", "true"));
		ImagePlus w = (ImagePlus) whole.outputs.get("weights");
		assertEquals(3, w.getStackSize(), "low, high, constant");
		for (int t = 0; t < w.getStackSize(); t++)
			assertArrayEquals((float[]) w.getStack().getProcessor(t + 1).convertToFloatProcessor().getPixels(), assembled(out, "weights", 3, t),
				"weight " + w.getStack().getSliceLabel(t + 1)); // bit for bit
		float[] r = (float[]) ((ImagePlus) whole.outputs.get("r_factor")).getProcessor().convertToFloatProcessor().getPixels();
		assertArrayEquals(r, assembled(out, "r_factor", 3, 0), "r_factor");
	}

	@Test
	void pcaSlabWiseEqualsTheWholeVolume() throws Exception {
		Path out = dir.resolve("pca");
		Map<String, String> a = new LinkedHashMap<>();
		a.put("volume", h5.toString());
		a.put("slab", "2");
		a.put("components", "2");
		VolumeJob.of("Principal Components", a).run(SlabMap.LOCAL, out, "local");
		CommandRunner.Run whole = wholeVolume("Principal Components", Map.of("components", "2"));
		List<String> ev = Files.readAllLines(out.resolve("eigenvalues.csv"));
		ij.measure.ResultsTable rt = (ij.measure.ResultsTable) whole.outputs.get("eigenvalues");
		for (int i = 0; i < 3; i++) {
			double mine = Double.parseDouble(ev.get(i + 1).split(",")[1]);
			double ref = rt.getValue("eigenvalue", i);
			// DᵀD summed in another order (per slab): relative 1e-9 of the largest eigenvalue
			assertEquals(ref, mine, 1e-9 * rt.getValue("eigenvalue", 0), "eigenvalue " + (i + 1));
		}
		ImagePlus eig = (ImagePlus) whole.outputs.get("eigenimages");
		for (int c = 0; c < 2; c++) {
			float[] expected = (float[]) eig.getStack().getProcessor(c + 1).getPixels();
			float[] got = assembled(out, "eigenimages", 2, c);
			double max = 0;
			for (float v : expected)
				max = Math.max(max, Math.abs(v));
			for (int i = 0; i < got.length; i++)
				assertEquals(expected[i], got[i], 1e-5 * max, "PC" + (c + 1) + " voxel " + i);
		}
		List<String> files = new ArrayList<>();
		try (var s = Files.list(out)) {
			s.forEach(p -> files.add(p.getFileName().toString()));
		}
		assertTrue(files.contains("eigenimages_z0006-0006.tif") && files.contains("eigenspectra.csv"), files.toString());
	}

	@Test
	void clustersOfATwoPhaseVolumeFollowThePhases() throws Exception {
		VolumePhantom two = new VolumePhantom(8, 5, 6, 51, true);
		Path file = two.writeHdf5(dir.resolve("two.h5"));
		Path out = dir.resolve("clusters");
		Map<String, String> a = new LinkedHashMap<>();
		a.put("volume", file.toString());
		a.put("slab", "4");
		a.put("clusters", "2");
		a.put("components", "2");
		Map<String, Object> summary = VolumeJob.of("Cluster Analysis", a).run(SlabMap.LOCAL, out, "local");
		int[] labelOfPhase = { -1, -1 };
		for (int z0 = 0; z0 < 6; z0 += 4) {
			int nz = Math.min(4, 6 - z0);
			ImagePlus imp = IJ.openImage(out.resolve(VolumeJob.slabFile("labels", z0, nz)).toString());
			for (int k = 0; k < nz; k++) {
				float[] px = (float[]) imp.getStack().getProcessor(k + 1).convertToFloatProcessor().getPixels();
				for (int y = 0; y < 5; y++)
					for (int x = 0; x < 8; x++) {
						int phase = x < 4 ? 0 : 1, label = Math.round(px[y * 8 + x]);
						assertTrue(label == 1 || label == 2, "label " + label);
						if (labelOfPhase[phase] < 0) labelOfPhase[phase] = label;
						assertEquals(labelOfPhase[phase], label, "voxel x=" + x + " y=" + y + " z=" + (z0 + k)); // exact: every voxel
					}
			}
		}
		assertTrue(labelOfPhase[0] != labelOfPhase[1]);
		List<String> rows = Files.readAllLines(out.resolve("cluster_summary.csv"));
		assertEquals(3, rows.size());
		assertTrue(rows.get(1).startsWith("1,120,0.5"), rows.get(1)); // 4·5·6 voxels in each phase
		assertEquals(2, summary.get("components_used"));
		// the mean spectrum of a cluster is the mean of its phase's voxels (at 8330 eV, row 16)
		List<String> spectra = Files.readAllLines(out.resolve("cluster_spectra.csv"));
		assertTrue(spectra.get(0).startsWith("energy_eV,cluster_1,cluster_2"), spectra.get(0));
		double expected = 0;
		for (int z = 0; z < 6; z++)
			for (int y = 0; y < 5; y++)
				for (int x = 0; x < 4; x++)
					expected += two.value(15, x, y, z) / 120.0;
		String[] row = spectra.get(16).split(",");
		assertEquals(8330, Double.parseDouble(row[0]), 1e-9);
		assertEquals(expected, Double.parseDouble(row[labelOfPhase[0]]), 1e-5 * expected);
	}
}
