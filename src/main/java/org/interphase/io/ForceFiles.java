package org.interphase.io;

import java.nio.file.Files;
import java.nio.file.Path;

import org.interphase.core.InvalidInputException;
import org.interphase.core.afm.ForceMap;

/** Opens any supported force-curve input: JPK, Bruker NanoScope, a text curve or a folder of them. */
public final class ForceFiles {

	private ForceFiles() {}

	public static ForceMap read(Path path) {
		return read(path, Double.NaN, Double.NaN);
	}

	/**
	 * As {@link #read(Path)}, with the spring constant (N/m) and deflection sensitivity (nm/V) the user
	 * gives (NaN = none), which JPK files without a force conversion need to be read at all.
	 */
	public static ForceMap read(Path path, double springConstant, double sensitivity) {
		if (!Files.exists(path)) throw new InvalidInputException("file: not found: " + path);
		if (Files.isDirectory(path)) return InputFiles.guard(path, () -> ForceTextReader.readFolder(path));
		InputFiles.requireRegular(path);
		if (JpkForceReader.accepts(path)) return InputFiles.guard(path, () -> JpkForceReader.read(path, springConstant, sensitivity));
		if (NanoscopeForceReader.accepts(path)) return InputFiles.guard(path, () -> NanoscopeForceReader.read(path));
		if (IbwReader.accepts(path)) return InputFiles.guard(path, () -> IbwReader.readForce(path, springConstant));
		if (AfmWorkshopForceReader.accepts(path))
			return InputFiles.guard(path, () -> AfmWorkshopForceReader.read(path, springConstant, sensitivity));
		if (ForceTextReader.accepts(path)) return InputFiles.guard(path, () -> ForceTextReader.readFile(path));
		throw new InvalidInputException("file: " + path.getFileName()
			+ " is not a force-curve file this reader knows (.jpk-force, .jpk-force-map, .jpk-qi-data, .jpk-qi-series, Bruker NanoScope force curve/volume, Asylum .ibw, AFM Workshop .csv, text curve or a folder of them)");
	}
}
