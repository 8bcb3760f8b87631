package org.interphase.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The issue-16 AFM image readers against Gwyddion 2.62's own reading of the same real files. The
 * numbers below are the output of {@code src/test/resources/gwyddion-harness/gwyread.c} (command in
 * the README beside it): Gwyddion's title, size, physical size, z unit, min, max, mean, rms
 * (deviation from the mean) and five pixels [row, col] with row 0 at the top as Gwyddion shows it, in
 * SI units. Our values are in the suite's units (nm for lengths), so lengths are compared after × 1e9.
 * Tolerance: 1e-6 relative (for a mean near zero, 1e-6 of the value range).
 */
class AfmFormatsTest {

	static final double REL = 1e-6;

	/** One channel as Gwyddion reads it. */
	static final class Ref {
		final String file, title, zunit;
		final int xres, yres;
		final double xreal, yreal, min, max, mean, rms;
		final double[] px;

		Ref(String file, String title, int xres, int yres, double xreal, double yreal, String zunit, double min, double max, double mean, double rms,
			double p00, double p0w, double ph0, double phw, double pc) {
			this.file = file;
			this.title = title;
			this.xres = xres;
			this.yres = yres;
			this.xreal = xreal;
			this.yreal = yreal;
			this.zunit = zunit;
			this.min = min;
			this.max = max;
			this.mean = mean;
			this.rms = rms;
			this.px = new double[] { p00, p0w, ph0, phw, pc };
		}
	}

	static final Ref[] GWYDDION = {
		new Ref("gsf-scifi-GwiddionReader_chip.gsf", "Topography", 300, 300, 8.0000000000000007e-05, 8.0000000000000007e-05, "m", 1.2514911759353708e-05, 1.9495428205118515e-05, 1.6141403134740054e-05, 1.5150054560648819e-06, 1.8345124772167765e-05, 1.4177743651089258e-05, 1.6641504771541804e-05, 1.6730495190131478e-05, 1.5655999959562905e-05),
		new Ref("imagemetrology-scilab4spm-data3.bcr", "Topography", 256, 256, 9.9999999999999986e-10, 9.9999999999999986e-10, "m", -3.0999999999999993e-08, 4.9999999999999991e-08, -2.9937744140609575e-11, 1.1636408148592055e-08, -1.0999999999999999e-08, -5.9999999999999991e-09, -1.4999999999999999e-08, 1.9999999999999997e-09, -5.9999999999999991e-09),
		new Ref("wsxm-afmreader-sample_0.top", "Topography", 512, 512, 4.9999999999999998e-07, 4.9999999999999998e-07, "m", -8.0799841139284458e-08, -2.105494113928447e-08, -5.7489854586631303e-08, 1.5942304921501999e-08, -8.0384801889544969e-08, -8.0658727794373038e-08, -2.1432626856547411e-08, -2.1802011788815558e-08, -6.2160428433483841e-08),
		new Ref("nanosurf-20160301DKRUStorageMedium10um.nid", "Z-Axis forward", 128, 128, 1.0000000000000001e-05, 1.0000000000000001e-05, "m", -2.9418945312499945e-07, -8.8500976562500417e-08, -1.4384254813194256e-07, 3.184843601082904e-08, -1.6784667968750015e-07, -9.7045898437500493e-08, -1.7578124999999961e-07, -1.6693115234374923e-07, -1.2420654296875055e-07),
		new Ref("nanosurf-20160301DKRUStorageMedium10um.nid", "Amplitude forward", 128, 128, 1.0000000000000001e-05, 1.0000000000000001e-05, "V", 0.028533935546875, 0.076751708984375, 0.050586489960551262, 0.004335482293724424, 0.047454833984375, 0.0494384765625, 0.0533294677734375, 0.049285888671875, 0.0505828857421875),
		new Ref("nanosurf-20160301DKRUStorageMedium10um.nid", "Z-Axis backward", 128, 128, 1.0000000000000001e-05, 1.0000000000000001e-05, "m", -3.0120849609374969e-07, -9.1247558593749776e-08, -1.5410864725708859e-07, 3.2063769779523188e-08, -1.3549804687499998e-07, -9.6435546874999882e-08, -1.7669677734375053e-07, -1.654052734374994e-07, -1.4862060546874956e-07),
		new Ref("nanosurf-20160301DKRUStorageMedium10um.nid", "Amplitude backward", 128, 128, 1.0000000000000001e-05, 1.0000000000000001e-05, "V", 0.02899169921875, 0.0728607177734375, 0.050191590562462807, 0.0043759907702879469, 0.046844482421875, 0.0502777099609375, 0.0519561767578125, 0.051422119140625, 0.049591064453125),
		new Ref("ntmdt-scifi-test_mdt.mdt", "1F:Iprobe (2)", 256, 256, 3.0008335441860447e-06, 3.0008335441860447e-06, "A", -5.8746786559999992e-11, 5.2689382509439991e-08, 1.1146018657195286e-10, 1.7188313906953416e-09, 1.5258905599999997e-12, -1.7166268799999995e-11, -2.8991920639999994e-11, -2.5558666879999997e-11, -2.7466030079999993e-11),
		new Ref("jpk-afmreader-sample_0.jpk", "Height (retrace)", 256, 256, 3.2691651420070083e-07, 3.2691651420070083e-07, "m", 3.3031139584270314e-06, 3.3597597155885194e-06, 3.3453817636754692e-06, 9.9959957055679075e-09, 3.3031139584270314e-06, 3.3530883783199702e-06, 3.3351830024704627e-06, 3.3148224556405346e-06, 3.3558850771786607e-06),
		new Ref("jpk-afmreader-sample_0.jpk", "Height (measured) (retrace)", 256, 256, 3.2691651420070083e-07, 3.2691651420070083e-07, "m", 3.7833682754775202e-06, 3.8331853400435008e-06, 3.8200600484625325e-06, 9.0279568592239689e-09, 3.7833682754775202e-06, 3.8278230290109805e-06, 3.8097428279048605e-06, 3.7908305700237804e-06, 3.8297005916474001e-06),
		new Ref("jpk-afmreader-sample_0.jpk", "Lock-In Amplitude (retrace)", 256, 256, 3.2691651420070083e-07, 3.2691651420070083e-07, "m", 2.5376585416538728e-08, 2.6021679589417902e-08, 2.5806028353464667e-08, 1.4744841642080379e-10, 2.5870587904632119e-08, 2.5853693248493446e-08, 2.5513414966699308e-08, 2.5423484008077324e-08, 2.5856133290581352e-08),
		new Ref("jpk-afmreader-sample_0.jpk", "Lock-In Phase (retrace)", 256, 256, 3.2691651420070083e-07, 3.2691651420070083e-07, "deg", -9.6530968557472061, -8.1962067268912033, -9.0039150870252058, 0.17618071304768299, -9.3954481397108687, -9.0497694910521727, -8.9402766494584025, -9.0213521688452172, -9.0185436804358723),
		new Ref("jpk-afmreader-sample_0.jpk", "Error Signal (retrace)", 256, 256, 3.2691651420070083e-07, 3.2691651420070083e-07, "V", -0.010302428774447947, 0.008429020498996017, -0.00030597424017497212, 0.0021074806210440874, -0.00014680611962842625, 0.00098868403799872947, -0.0016016163079621731, 0.0044430169843923117, 0.00082474984105887169),
		new Ref("jpk-afmreader-sample_0.jpk", "Height", 256, 256, 3.2691651420070083e-07, 3.2691651420070083e-07, "m", 3.3025918201872378e-06, 3.3609500421237925e-06, 3.3453705265149759e-06, 1.0051570384821772e-08, 3.3043276327342405e-06, 3.3536467057799228e-06, 3.3344851510316033e-06, 3.3148739325747018e-06, 3.3561445874263943e-06),
		new Ref("jpk-afmreader-sample_0.jpk", "Height (measured)", 256, 256, 3.2691651420070083e-07, 3.2691651420070083e-07, "m", 3.7823466722985203e-06, 3.83423452741214e-06, 3.8198925647821462e-06, 9.1295587213186973e-09, 3.7839653906355201e-06, 3.8282728838817802e-06, 3.8090253437306002e-06, 3.7912406091835402e-06, 3.8296972776883999e-06),
		new Ref("jpk-afmreader-sample_0.jpk", "Lock-In Amplitude", 256, 256, 3.2691651420070083e-07, 3.2691651420070083e-07, "m", 2.5393610206182408e-08, 2.6037007823737045e-08, 2.5797276680637578e-08, 1.3771093945898772e-10, 2.5873097133589474e-08, 2.5837339493745359e-08, 2.5454908373228431e-08, 2.5535556008731595e-08, 2.5852083604315026e-08),
		new Ref("jpk-afmreader-sample_0.jpk", "Lock-In Phase", 256, 256, 3.2691651420070083e-07, 3.2691651420070083e-07, "deg", -9.6486594739425193, -8.2306435801910549, -9.0141034646500078, 0.16705770725694719, -9.391751299822598, -9.2286669797319103, -8.8996190946502551, -8.8990388487359215, -9.0103541768993214),
		new Ref("jpk-afmreader-sample_0.jpk", "Error Signal", 256, 256, 3.2691651420070083e-07, 3.2691651420070083e-07, "V", -0.011332725993565726, 0.014514232390618524, 0.00032175309127150189, 0.0021120088533959466, -0.00031554746456295067, 0.0020879847314834278, 0.0023308293077879101, -0.0030898152742153979, 0.0010968762188439101),
		new Ref("hitachi-scilab4spm-data2.xqd", "Topography", 256, 256, 9.9975149414062517e-06, 1.0129136914062499e-05, "m", 5.4689083529160433e-07, 1.094905069124424e-06, 7.8222886931876381e-07, 1.2005155045077699e-07, 1.0207607654042176e-06, 6.1832876979888308e-07, 9.4518668172246472e-07, 5.4689083529160433e-07, 7.7718753624072999e-07)
	};

	static List<Ref> refs(String file) {
		List<Ref> out = new ArrayList<>();
		for (Ref r : GWYDDION)
			if (r.file.equals(file)) out.add(r);
		return out;
	}

	/** Reads {@code afm/<file>} through the importer and compares every channel Gwyddion shows; returns the image. */
	static AfmImage compare(String file) {
		Path f = RealData.require("afm/" + file);
		assertTrue(AfmImporter.accepts(f), file + " accepted by extension");
		AfmImage im = AfmImporter.read(f);
		List<Ref> refs = refs(file);
		assertTrue(!refs.isEmpty());
		assertEquals(refs.size(), im.channels.size(), "channels of " + file + ": " + im.names());
		for (Ref r : refs) {
			AfmImage.Channel c = im.channel(r.title);
			assertNotNull(c, "channel \"" + r.title + "\" in " + file + " (have " + im.names() + ")");
			String what = file + " / " + r.title;
			assertEquals(r.xres, c.width, what + " xres");
			assertEquals(r.yres, c.height, what + " yres");
			double k = r.zunit.equals("m") ? 1e9 : 1;
			assertEquals(r.zunit.equals("m") ? "nm" : r.zunit, c.unit, what + " unit");
			close(r.xreal * 1e6, c.pixelWidth * c.width, what + " xreal (µm)");
			close(r.yreal * 1e6, c.pixelHeight * c.height, what + " yreal (µm)");
			double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, sum = 0;
			for (float v : c.data) {
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
				sum += v;
			}
			double mean = sum / c.data.length, ss = 0;
			for (float v : c.data)
				ss += (v - mean) * (v - mean);
			double rms = Math.sqrt(ss / c.data.length);
			close(r.min * k, lo, what + " min");
			close(r.max * k, hi, what + " max");
			assertEquals(r.mean * k, mean, REL * Math.max(Math.abs(r.mean), r.max - r.min) * k, what + " mean");
			close(r.rms * k, rms, what + " rms");
			int w = c.width, h = c.height;
			int[] at = { 0, w - 1, (h - 1) * w, h * w - 1, (h / 2) * w + w / 2 };
			String[] names = { "[0,0]", "[0,w-1]", "[h-1,0]", "[h-1,w-1]", "[h/2,w/2]" };
			for (int i = 0; i < at.length; i++)
				close(r.px[i] * k, c.data[at[i]], what + " pixel " + names[i]);
		}
		return im;
	}

	static void close(double expected, double actual, String what) {
		assertEquals(expected, actual, REL * Math.abs(expected), what);
	}

	/** Gwyddion Simple Field 1.0, 300², 80 µm, float32 heights in m, row 0 at the top. */
	@Test
	void gsf() {
		compare("gsf-scifi-GwiddionReader_chip.gsf");
	}

	/** Image Metrology bcrstm: int16 × bit2nm 1.0 nm; xlength 1.0 in the default unit nm, so Gwyddion (and we) give a 1 nm scan. */
	@Test
	void bcr() {
		compare("imagemetrology-scilab4spm-data3.bcr");
	}

	/** WSxM 1.0 (WSxM 5.0 Develop 8.4): int16 spanning Z Amplitude 59.7449 nm over max − min; stored last pixel first. */
	@Test
	void wsxm() {
		compare("wsxm-afmreader-sample_0.top");
	}

	/** Nanosurf easyScan 2 NID (software 3.3.0.3): Z-Axis and Amplitude, forward and backward, 128², 10 µm, first line at the bottom. */
	@Test
	void nanosurf() {
		compare("nanosurf-20160301DKRUStorageMedium10um.nid");
	}

	/** NT-MDT Nova MDA frame: 256², float64 current in nA (→ A), width = step × (n − 1) as Gwyddion computes it, first row at the bottom. */
	@Test
	void ntmdt() {
		compare("ntmdt-scifi-test_mdt.mdt");
	}

	/** JPK image scan (JPK software 6.0.41): 10 channel pages of int32 raw × the default slot's composed linear scaling, 256², 0.327 µm; first row at the bottom. */
	@Test
	void jpk() {
		AfmImage im = compare("jpk-afmreader-sample_0.jpk");
		assertEquals(10, im.channels.size());
	}

	/** Hitachi (Seiko) XQD, header "SPIZ000DFM400A", version 20005: uint16 × 0.0511 nm, 256², 10.0 × 10.1 µm, row 0 at the top. */
	@Test
	void hitachi() {
		compare("hitachi-scilab4spm-data2.xqd");
	}
}
