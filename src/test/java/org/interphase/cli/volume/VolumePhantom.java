package org.interphase.cli.volume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

/**
 * A small XANES volume with known truth, written as the two layouts the volume reader supports.
 * Voxel (x, y, z): OD(E) = 0.1 + 0.0002·(E − 8300) + t·(0.5 + atan((E − E0)/1.5)/π), with edge step
 * t = 0.5 + 0.05·x + 0.02·y and E0 = 8340 + z eV (so E0 varies from slab to slab). Public so the Spark
 * module's tests can use it too.
 */
public final class VolumePhantom {

	public final int nx, ny, nz;
	public final double[] energies;
	/** Two phases instead: E0 = 8330 eV where x < nx/2, 8350 eV elsewhere, at every z. */
	public final boolean twoPhases;

	public VolumePhantom(int nx, int ny, int nz, int nE) {
		this(nx, ny, nz, nE, false);
	}

	public VolumePhantom(int nx, int ny, int nz, int nE, boolean twoPhases) {
		this.twoPhases = twoPhases;
		this.nx = nx;
		this.ny = ny;
		this.nz = nz;
		energies = new double[nE];
		for (int e = 0; e < nE; e++)
			energies[e] = 8300 + e * 2.0; // 2 eV steps: names such as 8302.00eV.tif hold them exactly
	}

	public static double edgeStep(int x, int y) {
		return 0.5 + 0.05 * x + 0.02 * y;
	}

	public static double e0(int z) {
		return 8340 + z;
	}

	public float value(int e, int x, int y, int z) {
		double en = energies[e];
		double edge = twoPhases ? (x < nx / 2 ? 8330 : 8350) : e0(z);
		return (float) (0.1 + 0.0002 * (en - 8300) + edgeStep(x, y) * (0.5 + Math.atan((en - edge) / 1.5) / Math.PI));
	}

	/** [energy][z][y][x]. */
	public float[][][][] data() {
		float[][][][] d = new float[energies.length][nz][ny][nx];
		for (int e = 0; e < energies.length; e++)
			for (int z = 0; z < nz; z++)
				for (int y = 0; y < ny; y++)
					for (int x = 0; x < nx; x++)
						d[e][z][y][x] = value(e, x, y, z);
		return d;
	}

	/** An HDF5 file with /exchange/data (energy, z, y, x) and /exchange/energy. */
	public Path writeHdf5(Path file) {
		try (WritableHdfFile h = HdfFile.write(file)) {
			var g = h.putGroup("exchange");
			g.putDataset("data", data());
			g.putDataset("energy", energies.clone());
		}
		return file;
	}

	/** A folder with one multi-page TIFF volume per energy, named after the energy ({@code 8300.00eV.tif}). */
	public Path writeTiffFolder(Path dir) throws IOException {
		Files.createDirectories(dir);
		for (int e = 0; e < energies.length; e++) {
			ImageStack st = new ImageStack(nx, ny);
			for (int z = 0; z < nz; z++) {
				float[] px = new float[nx * ny];
				for (int y = 0; y < ny; y++)
					for (int x = 0; x < nx; x++)
						px[y * nx + x] = value(e, x, y, z);
				st.addSlice(new FloatProcessor(nx, ny, px));
			}
			IJ.saveAsTiff(new ImagePlus("e", st), dir.resolve(String.format(Locale.ROOT, "%.2feV.tif", energies[e])).toString());
		}
		return dir;
	}

	/** The whole volume as one stack of width nx and height ny·nz (what the slabs add up to). */
	public float[][] asStack() {
		float[][] s = new float[energies.length][nx * ny * nz];
		for (int e = 0; e < energies.length; e++)
			for (int z = 0; z < nz; z++)
				for (int y = 0; y < ny; y++)
					for (int x = 0; x < nx; x++)
						s[e][(z * ny + y) * nx + x] = value(e, x, y, z);
		return s;
	}
}
