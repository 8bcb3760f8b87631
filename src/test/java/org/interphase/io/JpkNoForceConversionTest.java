package org.interphase.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Properties;
import java.util.zip.ZipFile;

import org.interphase.core.afm.ForceCurve;
import org.interphase.core.afm.ForceMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 §2: JPK files whose vDeflection has no force conversion (a 2015 file saved during the
 * calibration: volts only; a 2023 "modified" file: a distance conversion, 89.32 nm/V, but no force)
 * are read with the spring constant and deflection sensitivity the user gives, and refused, naming
 * the keys to give, without them. The expected forces are computed here from the file itself: the
 * raw int32 samples of {@code segments/0/channels/vDeflection.dat} × the encoder multiplier + offset
 * of {@code shared-data/header.properties} (volts), × sensitivity × spring constant (nN).
 */
class JpkNoForceConversionTest {

	static final String CAL2015 = "force/jpk-calibration-force-save-2015.jpk-force", MOD2023 = "force/jpk-single-modified-2023.jpk-force";

	/** vDeflection of segment 0 in volts, from the raw file. */
	static double[] volts(Path f) throws IOException {
		try (ZipFile z = new ZipFile(f.toFile())) {
			Properties shared = new Properties();
			try (InputStream in = z.getInputStream(z.getEntry("shared-data/header.properties"))) {
				shared.load(in);
			}
			Properties seg = new Properties();
			try (InputStream in = z.getInputStream(z.getEntry("segments/0/segment-header.properties"))) {
				seg.load(in);
			}
			String lcd = "lcd-info." + seg.getProperty("channel.vDeflection.lcd-info.*").trim() + ".";
			assertEquals("vDeflection", shared.getProperty(lcd + "channel.name"));
			double mul = Double.parseDouble(shared.getProperty(lcd + "encoder.scaling.multiplier"));
			double off = Double.parseDouble(shared.getProperty(lcd + "encoder.scaling.offset"));
			byte[] b;
			try (InputStream in = z.getInputStream(z.getEntry("segments/0/channels/vDeflection.dat"))) {
				b = in.readAllBytes();
			}
			ByteBuffer bb = ByteBuffer.wrap(b); // big-endian
			double[] v = new double[b.length / 4];
			for (int i = 0; i < v.length; i++)
				v[i] = bb.getInt(4 * i) * mul + off;
			return v;
		}
	}

	@Test
	void calibrationFileNeedsBothOverrides() throws IOException {
		Path f = RealData.require(CAL2015);
		String m = HostileInputTest.refused(f.getFileName().toString(), () -> ForceFiles.read(f));
		assertTrue(m.contains("no linear scaling") && m.contains("spring_constant") && m.contains("deflection_sensitivity"), m);
		String m2 = HostileInputTest.refused(f.getFileName().toString(), () -> ForceFiles.read(f, 0.05, Double.NaN));
		assertTrue(m2.contains("deflection_sensitivity"), m2);

		double k = 0.05, sens = 50; // N/m, nm/V
		ForceMap map = ForceFiles.read(f, k, sens);
		ForceCurve c = map.curves[0];
		assertEquals(k, c.springConstant, 0);
		assertEquals(sens, c.deflectionSensitivity, 0);
		double[] v = volts(f);
		assertEquals(v.length, c.approachForce.length, "2048 points in the extend segment");
		for (int i : new int[] { 0, 1, 1000, v.length - 1 })
			assertEquals(v[i] * sens * k, c.approachForce[i], 1e-12 * Math.max(1, Math.abs(v[i] * sens * k)), "force [nN] at " + i);
		// recalibrating with the same values (as Force Curve Modulus does after reading) changes nothing
		assertEquals(c.approachForce[1000], map.recalibrated(k, sens).curves[0].approachForce[1000], 0);
	}

	@Test
	void modifiedFileUsesItsDistanceConversionWithTheGivenSpringConstant() throws IOException {
		Path f = RealData.require(MOD2023);
		String m = HostileInputTest.refused(f.getFileName().toString(), () -> ForceFiles.read(f));
		assertTrue(m.contains("no linear scaling") && m.contains("spring_constant") && !m.contains("deflection_sensitivity"), m);

		double k = 0.2;
		ForceCurve c = ForceFiles.read(f, k, Double.NaN).curves[0];
		double fileSens = 8.932268680909602E-8 * 1e9; // distance.scaling.multiplier of lcd-info.1, m/V → nm/V
		assertEquals(fileSens, c.deflectionSensitivity, 1e-9);
		double[] v = volts(f);
		for (int i : new int[] { 0, 5000, v.length - 1 })
			assertEquals(v[i] * fileSens * k, c.approachForce[i], 1e-12 * Math.max(1, Math.abs(v[i] * fileSens * k)), "force [nN] at " + i);
		// a sensitivity given by the user replaces the file's
		ForceCurve d = ForceFiles.read(f, k, 40).curves[0];
		assertEquals(v[5000] * 40 * k, d.approachForce[5000], 1e-12 * Math.max(1, Math.abs(v[5000] * 40 * k)));
	}
}
