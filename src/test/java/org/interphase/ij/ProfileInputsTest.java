package org.interphase.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.interphase.core.InvalidInputException;
import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Line;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.process.FloatProcessor;

/** Line geometry from selections or fields, and the planes of hyperstacks. */
class ProfileInputsTest {

	@Test
	void lineFromSelectionOrFields() {
		ImagePlus imp = new ImagePlus("x", new FloatProcessor(50, 40));
		Line l = new Line(3.5, 4, 40, 30.25);
		l.setStrokeWidth(7);
		imp.setRoi(l);
		ProfileInputs.LineGeometry g = ProfileInputs.line(imp, "", 0, 0, 0, 0, 1);
		assertArrayEquals(new double[] { 3.5, 40 }, g.xs, 1e-12);
		assertArrayEquals(new double[] { 4, 30.25 }, g.ys, 1e-12);
		assertEquals(7, g.width, "a wide selection's own width");
		g = ProfileInputs.line(imp, "", 1, 2, 3, 4, 5);
		assertArrayEquals(new double[] { 1, 3 }, g.xs, 0);
		assertEquals(5, g.width, "fields win over the selection");
		imp.setRoi(new PolygonRoi(new float[] { 1, 10, 20 }, new float[] { 1, 1, 9 }, 3, Roi.POLYLINE));
		g = ProfileInputs.line(imp, null, 0, 0, 0, 0, 3);
		assertEquals(3, g.xs.length);
		assertEquals(3, g.width);
		g = ProfileInputs.line(imp, "0,0, 5,5 9,0", 0, 0, 0, 0, 1);
		assertArrayEquals(new double[] { 0, 5, 9 }, g.xs, 0);
		imp.deleteRoi();
		assertThrows(InvalidInputException.class, () -> ProfileInputs.line(imp, "", 0, 0, 0, 0, 1));
		assertThrows(InvalidInputException.class, () -> ProfileInputs.line(imp, "1,2,3", 0, 0, 0, 0, 1));
	}

	@Test
	void planesOfAHyperstack() {
		ImageStack st = new ImageStack(4, 3);
		for (int t = 1; t <= 3; t++)
			for (int c = 1; c <= 2; c++) {
				FloatProcessor fp = new FloatProcessor(4, 3);
				fp.set(10 * c + t);
				st.addSlice("c" + c + " t" + t, fp);
			}
		ImagePlus imp = new ImagePlus("h", st);
		imp.setDimensions(2, 1, 3);
		imp.setOpenAsHyperStack(true);
		List<ProfileInputs.Plane> all = ProfileInputs.planes(imp, 2, 0);
		assertEquals(3, all.size());
		for (int t = 1; t <= 3; t++)
			assertEquals(20 + t, all.get(t - 1).pixels[0], 0);
		List<ProfileInputs.Plane> one = ProfileInputs.planes(imp, 1, 2);
		assertEquals(1, one.size());
		assertEquals(12, one.get(0).pixels[0], 0);
		assertEquals("c1 t2", one.get(0).label);
		assertThrows(InvalidInputException.class, () -> ProfileInputs.planes(imp, 3, 0));
		assertThrows(InvalidInputException.class, () -> ProfileInputs.planes(imp, 1, 4));
	}
}
