package org.interphase.core.sims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.interphase.cli.demo.SimsPhantom;
import org.interphase.core.Progress;
import org.junit.jupiter.api.Test;

/**
 * Layer depths and widths on the SEI phantom ({@link SimsPhantom}: organic | LiF | Li with rough
 * interfaces, ion mixing and Poisson counts), both conditions, at 200 down to 2 counts per voxel for
 * a yield of 1 (the LiF⁻ plateau then holds 1.2 counts per voxel). Truth: interface depths as built,
 * 16–84 % width 2·√(σ_rough² + σ_mix²). Tolerances: depths 5 %, widths 10 % (the criterion).
 */
class LayersTest {

	static final double NM_PER_CYCLE = 1;
	static final int SIZE = 48, CYCLES = 160;

	static List<Layers.Edge> analyse(SimsPhantom.Condition c, double level, long seed) {
		SimsVolume v = SimsPhantom.generate(c, SIZE, CYCLES, NM_PER_CYCLE, level, 0, seed);
		double[] z = DepthAxis.depths(DepthAxis.Mode.RATE_PER_CYCLE, CYCLES, NM_PER_CYCLE, 0, null, 0);
		DepthProfile p = DepthProfile.compute(v, null, 0, "none", z, Progress.NONE);
		return Layers.edges(p, Layers.options(NM_PER_CYCLE, 2, 0.3, 1));
	}

	static Layers.Edge edge(List<Layers.Edge> edges, String ion, boolean rising) {
		Layers.Edge found = null;
		for (Layers.Edge e : edges)
			if (e.ion.equals(ion) && e.fit.ok && e.rising() == rising) {
				assertTrue(found == null, ion + ": more than one " + (rising ? "rising" : "falling") + " edge");
				found = e;
			}
		assertTrue(found != null, ion + ": no " + (rising ? "rising" : "falling") + " edge");
		return found;
	}

	static void check(Layers.Edge e, double depth, double width, String what) {
		assertEquals(depth, e.depth50(), 0.05 * depth, what + " depth_50");
		assertEquals(width, e.width1684(), 0.10 * width, what + " width_16_84");
	}

	@Test
	void depthsWithin5PercentWidthsWithin10PercentDownToAFewCounts() {
		long seed = 181;
		for (SimsPhantom.Condition c : new SimsPhantom.Condition[] { SimsPhantom.LIQUID, SimsPhantom.QUASI_SOLID }) {
			for (double level : new double[] { 200, 20, 5, 2 }) {
				List<Layers.Edge> edges = analyse(c, level, seed++);
				String at = c.name + " at " + level + " counts: ";
				double w = c.width1684();
				check(edge(edges, "CH2O-", false), c.organicEnd(), w, at + "CH2O- end");
				check(edge(edges, "CH3O-", false), c.organicEnd(), w, at + "CH3O- end");
				check(edge(edges, "LiF-", true), c.organicEnd(), w, at + "LiF- onset");
				check(edge(edges, "LiF-", false), c.seiNm(), w, at + "LiF- end");
				check(edge(edges, "F-", false), c.seiNm(), w, at + "F- end");
				check(edge(edges, "Li2-", true), c.seiNm(), w, at + "Li2- onset");
				assertEquals(c.seiNm(), Layers.seiThickness(edges, List.of("CH2O-", "LiF-"), ""), 0.05 * c.seiNm(), at + "SEI from markers");
				assertEquals(c.seiNm(), Layers.seiThickness(edges, List.of(), "Li2-"), 0.05 * c.seiNm(), at + "SEI from substrate");
				List<Layers.Layer> layers = Layers.layers(edges, List.of("CH2O-", "LiF-"));
				assertEquals(c.organicNm, layers.get(0).thickness(), 0.05 * c.organicNm, at + "organic thickness");
				assertEquals(c.lifNm, layers.get(1).thickness(), 0.05 * c.seiNm(), at + "LiF thickness (5 % of the SEI)");
				System.out.printf("%s LiF end %.2f (truth %.1f) width %.2f (truth %.2f); CH2O end %.2f width %.2f%n", at, edge(edges, "LiF-", false).depth50(),
					c.seiNm(), edge(edges, "LiF-", false).width1684(), w, edge(edges, "CH2O-", false).depth50(), edge(edges, "CH2O-", false).width1684());
			}
		}
	}
}
