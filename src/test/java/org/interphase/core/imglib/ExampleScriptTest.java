package org.interphase.core.imglib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.stream.Collectors;

import org.interphase.core.Progress;
import org.interphase.core.spectrum.XanesNormalization;
import org.interphase.core.stack.SpectralStack;
import org.junit.jupiter.api.Test;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

/**
 * The example Fiji script scripts/XANES_Maps_ImgLib2.groovy, run with Groovy as SciJava runs a
 * script (its #@ parameter lines removed, inputs bound by name, outputs read back): its maps equal
 * the engine's on the same stack. (The Fiji in ../shared ships no Groovy, so this is as close to
 * Fiji as the tests get.)
 */
class ExampleScriptTest {

	@Test
	void xanesScriptGivesTheEngineMaps() throws IOException {
		SpectralStack s = SpectralImgs.stack(SpectralImgsTest.odImg(), SpectralImgsTest.energies());
		ImageStack st = new ImageStack(s.width(), s.height());
		for (int e = 0; e < s.energyCount(); e++)
			st.addSlice(String.format(Locale.ROOT, "%.2f eV", s.energy(e)), new FloatProcessor(s.width(), s.height(), s.slice(e).clone()));
		ImagePlus imp = new ImagePlus("od", st);
		String script = Files.readAllLines(Paths.get("scripts/XANES_Maps_ImgLib2.groovy")).stream().filter(l -> !l.startsWith("#@"))
			.collect(Collectors.joining("\n"));
		Binding binding = new Binding();
		binding.setVariable("imp", imp);
		new GroovyShell(binding).evaluate(script);
		ImagePlus e0 = (ImagePlus) binding.getVariable("e0_map");
		XanesNormalization.Result r = XanesNormalization.normalize(s, new XanesNormalization.Options(), Progress.NONE);
		assertEquals("e0_map", e0.getTitle());
		assertArrayEquals(r.e0, (float[]) e0.getProcessor().getPixels(), 0f);
		assertArrayEquals(r.edgeStep, (float[]) ((ImagePlus) binding.getVariable("edge_step_map")).getProcessor().getPixels(), 0f);
	}
}
