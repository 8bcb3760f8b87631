package org.interphase.cli.site;

import org.interphase.cli.Main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * The update site built from the real build: db.xml.gz is valid against the updater's own DTD, every
 * file it lists exists as jars/&lt;name&gt;-&lt;timestamp&gt; with the stated size and checksum
 * (recomputed by the test's own route), timestamps agree, and a second build with --previous keeps the
 * old version as a previous-version record.
 */
class UpdateSiteBuilderTest {

	@TempDir
	Path tmp;

	/** target/ as the launcher leaves it; assembled from target/classes and the dependency jars otherwise. */
	Path realTarget() throws IOException, URISyntaxException {
		Path target = Paths.get("target");
		boolean hasJar;
		try (Stream<Path> s = Files.list(target)) {
			hasJar = s.anyMatch(p -> p.getFileName().toString().matches("interphase-.*\\.jar") && !p.toString().endsWith("-sources.jar")
				&& !p.toString().endsWith("-tests.jar"));
		}
		if (hasJar && Files.isDirectory(target.resolve("lib"))) return target;
		Path t = tmp.resolve("target");
		Files.createDirectories(t.resolve("lib"));
		try (OutputStream os = Files.newOutputStream(t.resolve("interphase-0.0.0-TEST.jar")); JarOutputStream jos = new JarOutputStream(os)) {
			Path classes = target.resolve("classes");
			List<Path> all = new ArrayList<>();
			try (Stream<Path> s = Files.walk(classes)) {
				s.filter(Files::isRegularFile).forEach(all::add);
			}
			for (Path p : all) {
				jos.putNextEntry(new ZipEntry(classes.relativize(p).toString().replace('\\', '/')));
				jos.write(Files.readAllBytes(p));
				jos.closeEntry();
			}
		}
		for (Class<?> c : new Class<?>[] { ij.IJ.class, org.scijava.Context.class, io.jhdf.HdfFile.class, org.apache.commons.math3.util.FastMath.class }) {
			Path jar = Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI());
			if (Files.isRegularFile(jar)) Files.copy(jar, t.resolve("lib").resolve(jar.getFileName()));
		}
		for (String cn : new String[] { "com.ning.compress.lzf.LZFDecoder", "net.jpountz.lz4.LZ4Factory", "org.slf4j.nop.NOPServiceProvider" }) {
			try {
				Path jar = Paths.get(Class.forName(cn).getProtectionDomain().getCodeSource().getLocation().toURI());
				if (Files.isRegularFile(jar)) Files.copy(jar, t.resolve("lib").resolve(jar.getFileName()));
			} catch (ClassNotFoundException e) {
				// not a runtime dependency in this build
			}
		}
		return t;
	}

	static final class Entry {
		String filename, checksum, description;
		long timestamp, filesize;
		Map<String, Long> deps = new TreeMap<>();
		List<String[]> previous = new ArrayList<>();
	}

	/** Parses db.xml.gz with a validating parser (the DTD is the updater's) into entries by filename. */
	static Map<String, Entry> parseValidating(Path db) throws Exception {
		DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
		f.setValidating(true);
		List<String> problems = new ArrayList<>();
		Document doc;
		try (InputStream in = new GZIPInputStream(Files.newInputStream(db))) {
			var builder = f.newDocumentBuilder();
			builder.setErrorHandler(new ErrorHandler() {
				@Override public void warning(SAXParseException e) { problems.add("warning: " + e.getMessage()); }
				@Override public void error(SAXParseException e) { problems.add(e.getMessage()); }
				@Override public void fatalError(SAXParseException e) throws SAXParseException { throw e; }
			});
			doc = builder.parse(in);
		}
		assertTrue(problems.isEmpty(), "db.xml.gz is valid against its DTD: " + problems);
		assertEquals("pluginRecords", doc.getDocumentElement().getTagName());
		assertEquals("pluginRecords", doc.getDoctype().getName());
		Map<String, Entry> out = new TreeMap<>();
		NodeList plugins = doc.getElementsByTagName("plugin");
		for (int i = 0; i < plugins.getLength(); i++) {
			Element p = (Element) plugins.item(i);
			Entry e = new Entry();
			e.filename = p.getAttribute("filename");
			NodeList versions = p.getElementsByTagName("version");
			if (versions.getLength() == 1) {
				Element v = (Element) versions.item(0);
				e.checksum = v.getAttribute("checksum");
				e.timestamp = Long.parseLong(v.getAttribute("timestamp"));
				e.filesize = Long.parseLong(v.getAttribute("filesize"));
				e.description = v.getElementsByTagName("description").item(0).getTextContent();
				NodeList deps = v.getElementsByTagName("dependency");
				for (int d = 0; d < deps.getLength(); d++) {
					Element de = (Element) deps.item(d);
					e.deps.put(de.getAttribute("filename"), Long.parseLong(de.getAttribute("timestamp")));
				}
			}
			NodeList prev = p.getElementsByTagName("previous-version");
			for (int k = 0; k < prev.getLength(); k++) {
				Element pv = (Element) prev.item(k);
				e.previous.add(new String[] { pv.getAttribute("checksum"), pv.getAttribute("timestamp"), pv.getAttribute("timestamp-obsolete"),
					pv.getAttribute("filename") });
			}
			out.put(e.filename, e);
		}
		return out;
	}

	/** The test's own route to the jar checksum: entries sorted, names + contents, comments and manifest dropped line by line. */
	static String independentJarChecksum(Path jar) throws Exception {
		List<byte[]> parts = new ArrayList<>();
		try (JarFile jf = new JarFile(jar.toFile())) {
			List<String> names = new ArrayList<>();
			jf.stream().forEach(e -> names.add(e.getName()));
			names.sort(null);
			for (String n : names) {
				parts.add(n.getBytes("US-ASCII"));
				if (n.equals("META-INF/MANIFEST.MF")) continue;
				byte[] content;
				try (InputStream in = jf.getInputStream(jf.getEntry(n))) {
					content = in.readAllBytes();
				}
				if (n.endsWith(".properties")) content = UpdateSiteChecksumTest.readAll(
					new UpdateSiteChecksumTest.ReferenceFilter(new java.io.ByteArrayInputStream(content)));
				parts.add(content);
			}
		}
		return UpdateSiteChecksumTest.sha1(parts.toArray(new byte[0][]));
	}

	/** The test's own route to the checksum of a file that is not a jar: SHA-1 of its path in Fiji.app, then its bytes. */
	static String independentFileChecksum(String path, Path file) throws Exception {
		java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-1");
		md.update(path.getBytes("US-ASCII"));
		md.update(Files.readAllBytes(file));
		StringBuilder sb = new StringBuilder();
		for (byte b : md.digest())
			sb.append(String.format("%02x", b & 0xff));
		return sb.toString();
	}

	static long ts(Date d) {
		return Long.parseLong(new SimpleDateFormat("yyyyMMddHHmmss", Locale.ROOT).format(d));
	}

	void assertSiteConsistent(Path site, Map<String, Entry> db) throws Exception {
		for (Entry e : db.values()) {
			if (e.checksum == null) continue;
			Path file = site.resolve(e.filename + "-" + e.timestamp);
			assertTrue(Files.isRegularFile(file), "listed file exists: " + file);
			assertEquals(e.filesize, Files.size(file), "size of " + file);
			assertEquals(e.checksum, e.filename.endsWith(".jar") ? independentJarChecksum(file) : independentFileChecksum(e.filename, file),
				"checksum of " + file);
			assertEquals(14, Long.toString(e.timestamp).length(), "yyyyMMddHHmmss");
			new SimpleDateFormat("yyyyMMddHHmmss", Locale.ROOT).parse(Long.toString(e.timestamp));
			for (Map.Entry<String, Long> d : e.deps.entrySet()) {
				Entry dep = db.get(d.getKey());
				assertNotNull(dep, "dependency " + d.getKey() + " is a file of the site");
				assertEquals(dep.timestamp, d.getValue(), "dependency timestamp = the dependency's version");
			}
			for (String[] pv : e.previous) {
				assertTrue(Long.parseLong(pv[1]) < e.timestamp, "previous versions are older");
				assertTrue(Long.parseLong(pv[2]) >= e.timestamp, "obsoleted when the current version arrived");
				assertTrue(Files.isRegularFile(site.resolve(pv[3] + "-" + pv[1])), "old file kept: " + pv[3] + "-" + pv[1]);
			}
		}
	}

	@Test
	void realBuildMakesAValidSiteAndASecondBuildKeepsThePreviousVersion() throws Exception {
		Path target = realTarget();
		List<Path> files = UpdateSiteBuilder.shippedFiles(target, UpdateSiteBuilder.FIJI_PROVIDED);
		assertTrue(files.get(0).getFileName().toString().startsWith("interphase-"), "the plugin jar first: " + files);
		Map<String, String> shipped = new HashMap<>();
		for (Path f : files)
			shipped.put(UpdateSiteBuilder.baseName(f.getFileName().toString()), f.getFileName().toString());
		assertTrue(shipped.containsKey("jhdf"), "jHDF is not in Fiji and must be shipped: " + shipped);
		assertFalse(shipped.containsKey("ij") || shipped.containsKey("scijava-common") || shipped.containsKey("imglib2"), "Fiji's own jars are not shipped");
		assertFalse(shipped.containsKey("slf4j-nop"), "the CLI's quiet SLF4J provider is never shipped: " + shipped);

		Path site = tmp.resolve("site");
		Date t1 = new SimpleDateFormat("yyyyMMddHHmmss", Locale.ROOT).parse("20260101120000");
		UpdateSiteBuilder.build(files, site, null, t1);
		Map<String, Entry> db1 = parseValidating(site.resolve("db.xml.gz"));
		assertEquals(files.size(), db1.size());
		String pluginName = "jars/" + files.get(0).getFileName();
		Entry plugin1 = db1.get(pluginName);
		assertNotNull(plugin1, "record for " + pluginName + " in " + db1.keySet());
		assertEquals(ts(t1), plugin1.timestamp);
		assertEquals(files.size() - 1, plugin1.deps.size(), "the plugin depends on every shipped library");
		assertTrue(plugin1.previous.isEmpty());
		assertSiteConsistent(site, db1);
		try (Stream<Path> s = Files.list(site.resolve("jars"))) {
			assertEquals(files.size(), s.count(), "one file per record");
		}

		// second build: the plugin jar changed (one more entry), the libraries did not
		Path changed = tmp.resolve("changed");
		Files.createDirectories(changed);
		Path newJar = changed.resolve(files.get(0).getFileName());
		try (JarFile old = new JarFile(files.get(0).toFile()); OutputStream os = Files.newOutputStream(newJar);
			JarOutputStream jos = new JarOutputStream(os)) {
			for (var e : java.util.Collections.list(old.entries())) {
				jos.putNextEntry(new ZipEntry(e.getName()));
				try (InputStream in = old.getInputStream(e)) {
					in.transferTo(jos);
				}
				jos.closeEntry();
			}
			jos.putNextEntry(new ZipEntry("org/interphase/NEW.txt"));
			jos.write(1);
			jos.closeEntry();
		}
		List<Path> files2 = new ArrayList<>(files);
		files2.set(0, newJar);
		Path site2 = tmp.resolve("site2");
		Date t2 = new SimpleDateFormat("yyyyMMddHHmmss", Locale.ROOT).parse("20260202130000");
		UpdateSiteBuilder.build(files2, site2, site, t2);
		Map<String, Entry> db2 = parseValidating(site2.resolve("db.xml.gz"));
		Entry plugin2 = db2.get(pluginName);
		assertEquals(ts(t2), plugin2.timestamp);
		assertEquals(independentJarChecksum(newJar), plugin2.checksum);
		assertEquals(1, plugin2.previous.size(), "the old version is recorded");
		assertEquals(plugin1.checksum, plugin2.previous.get(0)[0]);
		assertEquals(Long.toString(plugin1.timestamp), plugin2.previous.get(0)[1]);
		assertEquals(Long.toString(ts(t2)), plugin2.previous.get(0)[2]);
		assertEquals(pluginName, plugin2.previous.get(0)[3]);
		for (Entry e : db1.values()) {
			if (e.filename.equals(pluginName)) continue;
			Entry same = db2.get(e.filename);
			assertEquals(e.timestamp, same.timestamp, "unchanged library keeps its version: " + e.filename);
			assertEquals(e.checksum, same.checksum);
			assertTrue(same.previous.isEmpty());
		}
		assertSiteConsistent(site2, db2);

		// a third build in place from the same files changes nothing
		UpdateSiteBuilder.build(files2, site2, site2, t2);
		Map<String, Entry> db3 = parseValidating(site2.resolve("db.xml.gz"));
		assertEquals(plugin2.timestamp, db3.get(pluginName).timestamp);
		assertEquals(1, db3.get(pluginName).previous.size());
		assertNull(UpdateSiteBuilder.read(site2.resolve("db.xml.gz")).get("jars/nonexistent.jar"));
	}

	/** slf4j-nop is on the runtime class path for the CLI only: not shipped even when the Fiji compared against lacks it. */
	@Test
	void cliOnlyJarsAreNeverShipped() throws Exception {
		Path target = realTarget();
		try (Stream<Path> s = Files.list(target.resolve("lib"))) {
			// a target/lib left by a build before slf4j-nop was added is stale, not wrong (package refreshes it)
			org.junit.jupiter.api.Assumptions.assumeTrue(s.anyMatch(p -> p.getFileName().toString().startsWith("slf4j-nop-")),
				"skipped: target/lib predates slf4j-nop (rebuilt at package)");
		}
		Path fiji = Paths.get("../shared/fiji/Fiji.app");
		java.util.Set<String> provided = Files.isDirectory(fiji.resolve("jars")) ? UpdateSiteBuilder.providedBy(fiji) : java.util.Set.of();
		assertFalse(provided.contains("slf4j-nop"), "Fiji does not ship slf4j-nop; its logging is its own");
		for (java.util.Set<String> p : List.of(UpdateSiteBuilder.FIJI_PROVIDED, provided, java.util.Set.<String>of()))
			for (Path f : UpdateSiteBuilder.shippedFiles(target, p))
				assertFalse(UpdateSiteBuilder.CLI_ONLY.contains(UpdateSiteBuilder.baseName(f.getFileName().toString())), "shipped " + f);
	}

	@Test
	void cliWritesTheSite() throws Exception {
		Path target = realTarget();
		Path site = tmp.resolve("cli-site");
		var out = new java.io.ByteArrayOutputStream();
		var err = new java.io.ByteArrayOutputStream();
		int rc = new Main(new java.io.PrintStream(out, true), new java.io.PrintStream(err, true), false)
			.run(new String[] { "update-site", "--out", site.toString(), "--target", target.toString() });
		assertEquals(0, rc, err.toString());
		Map<String, Entry> db = parseValidating(site.resolve("db.xml.gz"));
		assertSiteConsistent(site, db);
		List<String> macros = new ArrayList<>();
		try (Stream<Path> s = Files.list(Paths.get("macros"))) {
			s.filter(p -> p.toString().endsWith(".ijm")).forEach(p -> macros.add("scripts/Plugins/Interphase/Batch/" + p.getFileName()));
		}
		assertEquals(9, macros.size(), "the nine batch macros");
		for (String m : macros)
			assertNotNull(db.get(m), "the site ships " + m + ": " + db.keySet());
	}

	@Test
	void batchMacrosAreShippedAsScriptsUnderPluginsInterphaseBatch() throws Exception {
		Path a = tmp.resolve("in/interphase-1.0.jar");
		Files.createDirectories(a.getParent());
		try (OutputStream os = Files.newOutputStream(a); JarOutputStream jos = new JarOutputStream(os)) {
			jos.putNextEntry(new ZipEntry("x.txt"));
			jos.write(1);
			jos.closeEntry();
		}
		Path macros = tmp.resolve("macros");
		Files.createDirectories(macros);
		Files.writeString(macros.resolve("spectral_batch.ijm"), "// Interphase batch macro — spectral stacks → optical density.\nprint(1);\n");
		Files.writeString(macros.resolve("voids_batch.ijm"), "// Interphase batch: voids\n");
		Files.writeString(macros.resolve("notes.txt"), "not a macro");
		Map<String, Path> entries = UpdateSiteBuilder.jarEntries(List.of(a));
		Map<String, Path> scripts = UpdateSiteBuilder.shippedMacros(macros);
		assertEquals(List.of("scripts/Plugins/Interphase/Batch/spectral_batch.ijm", "scripts/Plugins/Interphase/Batch/voids_batch.ijm"),
			new ArrayList<>(scripts.keySet()));
		entries.putAll(scripts);
		Path site = tmp.resolve("site");
		Date t1 = new SimpleDateFormat("yyyyMMddHHmmss", Locale.ROOT).parse("20260401100000");
		UpdateSiteBuilder.build(entries, site, null, t1);
		Map<String, Entry> db = parseValidating(site.resolve("db.xml.gz"));
		assertSiteConsistent(site, db);
		String spectral = "scripts/Plugins/Interphase/Batch/spectral_batch.ijm";
		Entry e = db.get(spectral);
		assertNotNull(e, "a <plugin filename=\"" + spectral + "\"> record: " + db.keySet());
		Path file = site.resolve(spectral + "-20260401100000");
		assertEquals(Files.readString(macros.resolve("spectral_batch.ijm")), Files.readString(file), "the macro itself, as <path>-<timestamp>");
		assertEquals(independentFileChecksum(spectral, macros.resolve("spectral_batch.ijm")), e.checksum, "checksum over the path in Fiji.app and the bytes");
		assertTrue(e.description.contains("Plugins › Interphase › Batch › spectral batch") && e.description.contains("optical density"), e.description);
		assertTrue(db.get("jars/interphase-1.0.jar").deps.isEmpty(), "the plugin jar does not depend on the macros");

		// a changed macro gets a new version, the old one stays as a previous version with its file
		Files.writeString(macros.resolve("spectral_batch.ijm"), "// Interphase batch macro — changed\n");
		Date t2 = new SimpleDateFormat("yyyyMMddHHmmss", Locale.ROOT).parse("20260402100000");
		Path site2 = tmp.resolve("site2");
		UpdateSiteBuilder.build(entries, site2, site, t2);
		Map<String, Entry> db2 = parseValidating(site2.resolve("db.xml.gz"));
		assertSiteConsistent(site2, db2);
		assertEquals(20260402100000L, db2.get(spectral).timestamp);
		assertEquals(1, db2.get(spectral).previous.size());
		assertEquals(e.checksum, db2.get(spectral).previous.get(0)[0]);
		assertEquals(20260401100000L, db2.get("scripts/Plugins/Interphase/Batch/voids_batch.ijm").timestamp, "an unchanged macro keeps its version");
	}

	@Test
	void aLibraryNoLongerShippedBecomesObsoleteAndTimestampsNeverGoBack() throws Exception {
		Path a = tmp.resolve("in/interphase-1.0.jar"), b = tmp.resolve("in/lib-2.0.jar");
		Files.createDirectories(a.getParent());
		for (Path p : new Path[] { a, b }) {
			try (OutputStream os = Files.newOutputStream(p); JarOutputStream jos = new JarOutputStream(os)) {
				jos.putNextEntry(new ZipEntry(p.getFileName() + ".txt"));
				jos.write(p.getFileName().toString().getBytes("US-ASCII"));
				jos.closeEntry();
			}
		}
		Path site = tmp.resolve("s");
		Date t = new SimpleDateFormat("yyyyMMddHHmmss", Locale.ROOT).parse("20260301235959");
		UpdateSiteBuilder.build(List.of(a, b), site, null, t);
		// same second again, and only the plugin: lib becomes obsolete, the new stamp is one second later
		UpdateSiteBuilder.build(List.of(a), site, site, t);
		Map<String, Entry> db = parseValidating(site.resolve("db.xml.gz"));
		Entry lib = db.get("jars/lib-2.0.jar");
		assertNull(lib.checksum, "no current version: obsolete");
		assertEquals(1, lib.previous.size());
		assertEquals("20260301235959", lib.previous.get(0)[1]);
		assertEquals("20260302000000", lib.previous.get(0)[2], "obsoleted one second later (across midnight)");
		assertTrue(db.get("jars/interphase-1.0.jar").deps.isEmpty(), "no dependency on an obsolete file");
		assertSiteConsistent(site, db);
		assertEquals(20260302000000L, UpdateSiteBuilder.next(20260301235959L));
	}
}
