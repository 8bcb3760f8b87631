package org.interphase.cli.site;

import org.interphase.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The ImageJ updater's file checksums (imagej-updater {@code UpdaterUtil.getDigest}), written from its
 * documented behaviour so that a site built here is what Fiji's updater expects:
 * <ul>
 * <li>a {@code .jar}: SHA-1 over the entries sorted by name (String order); per entry its name (ASCII
 * bytes) then its content, where a {@code .properties} entry has its {@code #} comment lines blanked
 * (as {@code SkipHashedLines} does) and {@code META-INF/MANIFEST.MF} contributes no content (the
 * current {@code FilterManifest} keeps only lines upper-casing to "Main-Class:", which none does);</li>
 * <li>any other file: SHA-1 of the path relative to the Fiji folder (ASCII) then the file's bytes.</li>
 * </ul>
 * Checksums are lower-case hex.
 */
public final class UpdateSiteChecksum {

	private UpdateSiteChecksum() {}

	/** The checksum the updater records for {@code file} installed at {@code path} (e.g. "jars/x-1.0.jar"). */
	public static String of(String path, Path file) throws IOException {
		if (path.endsWith(".jar")) return jar(file);
		MessageDigest sha1 = sha1();
		sha1.update(path.getBytes(StandardCharsets.US_ASCII));
		sha1.update(Files.readAllBytes(file));
		return hex(sha1.digest());
	}

	/** The updater's jar checksum (properties comments and manifest content excluded). */
	public static String jar(Path file) throws IOException {
		MessageDigest sha1 = sha1();
		try (JarFile jar = new JarFile(file.toFile(), false)) {
			List<ZipEntry> entries = new ArrayList<>(Collections.list(jar.entries()));
			entries.sort((a, b) -> a.getName().compareTo(b.getName()));
			for (ZipEntry e : entries) {
				sha1.update(e.getName().getBytes(StandardCharsets.US_ASCII));
				if (e.getName().equals("META-INF/MANIFEST.MF")) continue;
				byte[] content;
				try (InputStream in = jar.getInputStream(e)) {
					content = in.readAllBytes();
				}
				if (e.getName().endsWith(".properties")) content = blankHashedLines(content);
				sha1.update(content);
			}
		}
		return hex(sha1.digest());
	}

	/**
	 * The bytes of a .properties file as the updater's comment filter yields them. A line that starts
	 * with '#' (at the start of the file or after a '\n' that ended a line which was not itself empty
	 * or a bare "#") becomes just its '\n'; a bare "#" line becomes '\n' but the filter then no longer
	 * considers itself at a line start, and neither after an empty line — quirks kept deliberately,
	 * since the checksum must be bit-identical to the updater's.
	 */
	static byte[] blankHashedLines(byte[] in) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
		boolean atLineStart = true;
		int i = 0, n = in.length;
		while (i < n) {
			int ch = in[i++] & 0xff;
			if (!atLineStart) {
				if (ch == '\n') atLineStart = true;
				out.write(ch);
				continue;
			}
			if (ch != '#') {
				atLineStart = false; // also for '\n': the filter's own quirk
				out.write(ch);
				continue;
			}
			while (i < n && in[i] == '#')
				i++;
			if (i >= n) break;
			int first = in[i++] & 0xff;
			if (first == '\n') {
				out.write('\n');
				atLineStart = false;
				continue;
			}
			while (i < n && in[i] != '\n')
				i++;
			if (i >= n) break;
			i++;
			out.write('\n');
			atLineStart = true;
		}
		return out.toByteArray();
	}

	private static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-1 is not available", e);
		}
	}

	static String hex(byte[] bytes) {
		StringBuilder sb = new StringBuilder(bytes.length * 2);
		for (byte b : bytes)
			sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
		return sb.toString();
	}
}
