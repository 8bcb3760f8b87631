package org.interphase.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Recognises a TIFF by its first four bytes (II*\0 or MM\0*), whatever its extension. */
final class TiffSignature {

	private TiffSignature() {}

	static boolean isTiff(Path file) {
		byte[] b = new byte[4];
		try (InputStream in = Files.newInputStream(file)) {
			if (in.read(b) != 4) return false;
		} catch (IOException e) {
			return false;
		}
		return (b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0) || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42);
	}
}
