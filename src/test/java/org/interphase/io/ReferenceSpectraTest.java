package org.interphase.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Progress;
import org.interphase.core.spectrum.LinearCombinationFit;
import org.interphase.core.spectrum.Spectrum;
import org.interphase.core.stack.OpticalDensity;
import org.interphase.core.stack.SpectralStack;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceSpectraTest {

	static final Path ALS = Paths.get("../shared/data/stxm/als-fe-l3-71214078");
	static final Path NOR = RealData.path("xrf/hxn-fe/FeLibNov2021.nor");

	@Test
	void tableWithHeaderGivesOneNamedReferencePerColumn(@TempDir Path tmp) throws IOException {
		Path csv = tmp.resolve("refs.csv");
		Files.writeString(csv, "energy,FeO,Fe2O3\n700,1,2\n710,3,4\n720,5,6\n");
		List<Spectrum> r = ReferenceSpectra.read(csv);
		assertEquals(2, r.size());
		assertEquals("FeO", r.get(0).name());
		assertEquals("Fe2O3", r.get(1).name());
		assertEquals(4, r.get(1).interpolateOnto(new double[] { 710 })[0], 0);
	}

	@Test
	void folderOfTwoColumnSpectraNamedAfterTheFiles(@TempDir Path tmp) throws IOException {
		Files.writeString(tmp.resolve("b_hematite.txt"), "# eV value\n720 6\n710 4\n700 2\n"); // decreasing: reversed
		Files.writeString(tmp.resolve("a_wustite.r"), "700 1\n710 3\n720 5\n");
		Files.writeString(tmp.resolve("notes.md"), "not a spectrum");
		List<Spectrum> r = ReferenceSpectra.read(tmp);
		assertEquals(2, r.size());
		assertEquals("a_wustite", r.get(0).name());
		assertEquals("b_hematite", r.get(1).name());
		assertEquals(5, r.get(1).interpolateOnto(new double[] { 715 })[0], 1e-12);
	}

	@Test
	void emptyFolderIsRefusedByName(@TempDir Path tmp) {
		InvalidInputException e = assertThrows(InvalidInputException.class, () -> ReferenceSpectra.read(tmp));
		assertTrue(e.getMessage().startsWith("references:"), e.getMessage());
	}

	@Test
	void athenaMultiColumnNorFromTheRealLibrary() {
		Assumptions.assumeTrue(Files.exists(NOR), "shared data absent: " + NOR);
		List<Spectrum> r = ReferenceSpectra.read(NOR);
		assertEquals(11, r.size());
		assertEquals("Magnetite", r.get(0).name());
		assertEquals("LiFe(II)PO4", r.get(6).name());
		assertEquals("Hematite_NP", r.get(10).name());
		for (Spectrum s : r) {
			assertEquals(7090.0, s.minEnergy(), 1e-6);
			assertTrue(s.maxEnergy() > 7150, s.name() + " ends at " + s.maxEnergy());
			double[] post = s.interpolateOnto(new double[] { s.maxEnergy() - 5 });
			assertTrue(post[0] > 0.5 && post[0] < 1.6, s.name() + ": normalized post-edge near 1, got " + post[0]);
		}
	}

	/**
	 * LCF of the real ALS Fe L3 stack with its oxidized.r and reduced.r references. The .xim text
	 * matrices and the energies of the .hdr are read here directly (no dependence on the suite's
	 * .hdr reader), converted to OD with i0.xsp, and fitted as aXis2000's stack fit does (constant,
	 * unconstrained) and with non-negative weights.
	 */
	@Test
	void alsStackFitWithOxidizedAndReducedReferences(@TempDir Path tmp) throws IOException {
		Path hdr = ALS.resolve("71214078.hdr");
		Assumptions.assumeTrue(Files.exists(hdr), "shared data absent: " + ALS);
		String text = Files.readString(hdr, java.nio.charset.StandardCharsets.ISO_8859_1);
		Matcher m = Pattern.compile("StackAxis\\s*=\\s*\\{.*?Points\\s*=\\s*\\(([^)]*)\\)", Pattern.DOTALL).matcher(text);
		assertTrue(m.find(), "StackAxis Points in the .hdr");
		String[] tok = m.group(1).split("\\s*,\\s*");
		int nE = Integer.parseInt(tok[0].trim());
		double[] energies = new double[nE];
		for (int e = 0; e < nE; e++)
			energies[e] = Double.parseDouble(tok[e + 1].trim());
		float[][] slices = new float[nE][];
		int w = -1, h = -1;
		for (int e = 0; e < nE; e++) {
			List<String> lines = Files.readAllLines(ALS.resolve(String.format("71214078_a%03d.xim", e)));
			List<float[]> rows = new ArrayList<>();
			for (String line : lines) {
				if (line.trim().isEmpty()) continue;
				String[] v = line.trim().split("\\s+");
				float[] row = new float[v.length];
				for (int i = 0; i < v.length; i++)
					row[i] = Float.parseFloat(v[i]);
				rows.add(row);
			}
			h = rows.size();
			w = rows.get(0).length;
			slices[e] = new float[w * h];
			for (int y = 0; y < h; y++)
				System.arraycopy(rows.get(y), 0, slices[e], y * w, w);
		}
		SpectralStack counts = new SpectralStack(w, h, energies, slices);
		TextColumns i0file = TextColumns.read(ALS.resolve("i0.xsp"), 2);
		double[] i0 = new Spectrum("i0.xsp", i0file.column(0), i0file.column(1)).interpolateOnto(energies);
		SpectralStack od = OpticalDensity.compute(counts, i0, 1, Progress.NONE).od;

		// the two references as a folder (one per file, named after it)
		Files.copy(ALS.resolve("oxidized.r"), tmp.resolve("oxidized.r"));
		Files.copy(ALS.resolve("reduced.r"), tmp.resolve("reduced.r"));
		List<Spectrum> refs = ReferenceSpectra.read(tmp);
		assertEquals("oxidized", refs.get(0).name());
		assertEquals("reduced", refs.get(1).name());

		LinearCombinationFit.Options stackFit = new LinearCombinationFit.Options();
		stackFit.nonnegative = false;
		stackFit.constant = true;
		LinearCombinationFit.Result r = LinearCombinationFit.fit(od, refs, stackFit, Progress.NONE);
		int finite = 0;
		for (int p = 0; p < w * h; p++)
			if (Float.isFinite(r.weights[0][p]) && Float.isFinite(r.weights[1][p]) && Float.isFinite(r.weights[2][p]) && Float.isFinite(r.rFactor[p]))
				finite++;
		assertEquals(w * h, finite, "every pixel has finite weights and R-factor");
		double[] rf = LinearCombinationFit.Result.stats(r.rFactor);
		System.out.printf("ALS 71214078 stack fit (oxidized, reduced, constant): median R-factor %.4g, mean oxidized %.3g, reduced %.3g, constant %.3g%n",
			rf[2], r.summary(0)[0], r.summary(1)[0], r.summary(2)[0]);
		assertTrue(rf[2] > 0 && rf[2] < 0.1, "median R-factor " + rf[2]);

		LinearCombinationFit.Options nonneg = new LinearCombinationFit.Options();
		nonneg.nonnegative = true;
		nonneg.constant = true;
		LinearCombinationFit.Result n = LinearCombinationFit.fit(od, refs, nonneg, Progress.NONE);
		for (int p = 0; p < w * h; p++) {
			assertTrue(n.weights[0][p] >= 0 && n.weights[1][p] >= 0, "non-negative at pixel " + p);
			assertTrue(Float.isFinite(n.rFactor[p]));
		}
	}
}
