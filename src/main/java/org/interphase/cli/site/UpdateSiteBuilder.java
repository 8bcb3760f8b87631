package org.interphase.cli.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.interphase.core.InvalidInputException;
import org.scijava.util.FileUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * {@code ./interphase update-site --out DIR [--previous DIR] [--fiji Fiji.app]}: writes a Fiji update
 * site — {@code db.xml.gz} in the ImageJ updater's format and every file as
 * {@code <path>-<timestamp>} — for the plugin jar and the runtime dependencies a current Fiji does not
 * ship ({@code jars/<name>.jar}), and the batch macros of {@code macros/}
 * ({@code scripts/Plugins/Interphase/Batch/<name>.ijm}, which Fiji lists as commands under
 * Plugins › Interphase › Batch); see update-site/README.md. With {@code --previous} (the site as it stands), files
 * whose checksum did not change keep their record and file; changed ones get a new version and the
 * old one becomes a previous-version record, as the updater's own upload does; old files stay.
 */
public final class UpdateSiteBuilder {

	/** Artifacts of our runtime class path that Fiji itself ships (update-site/README.md says why). */
	public static final Set<String> FIJI_PROVIDED = Set.of("ij", "scijava-common", "imglib2", "commons-math3", "commons-lang3",
		"parsington", "slf4j-api", "lz4-java");

	/**
	 * Artifacts of our runtime class path that serve the headless CLI only and are never shipped, whatever
	 * Fiji holds: {@code slf4j-nop} silences SLF4J in the CLI; in Fiji it would compete with Fiji's own
	 * SLF4J provider or switch off the logging of every Fiji component that uses SLF4J (update-site/README.md).
	 */
	public static final Set<String> CLI_ONLY = Set.of("slf4j-nop");

	static final String DESCRIPTION = "Interphase: chemical and morphological imaging of battery interfaces — per-pixel XANES, "
		+ "STXM segmentation, void tracking in time-lapse XRF, interfacial line profiles, AFM roughness and modulus.";
	static final String AUTHOR = "Interphase developers";

	/** Where the batch macros go in Fiji.app: Fiji's script service lists them under Plugins › Interphase › Batch. */
	public static final String MACRO_FOLDER = "scripts/Plugins/Interphase/Batch/";
	static final String LINK = "https://github.com/interphase-imaging/interphase";

	static final String DTD = "<!DOCTYPE pluginRecords [\n"
		+ "<!ELEMENT pluginRecords ((update-site | disabled-update-site)*, plugin*)>\n"
		+ "<!ELEMENT update-site EMPTY>\n"
		+ "<!ELEMENT disabled-update-site EMPTY>\n"
		+ "<!ELEMENT plugin (platform*, category*, version?, previous-version*)>\n"
		+ "<!ELEMENT version (description?, dependency*, link*, author*)>\n"
		+ "<!ELEMENT previous-version EMPTY>\n"
		+ "<!ELEMENT description (#PCDATA)>\n"
		+ "<!ELEMENT dependency EMPTY>\n"
		+ "<!ELEMENT link (#PCDATA)>\n"
		+ "<!ELEMENT author (#PCDATA)>\n"
		+ "<!ELEMENT platform (#PCDATA)>\n"
		+ "<!ELEMENT category (#PCDATA)>\n"
		+ "<!ATTLIST update-site name CDATA #REQUIRED>\n"
		+ "<!ATTLIST update-site url CDATA #REQUIRED>\n"
		+ "<!ATTLIST update-site ssh-host CDATA #IMPLIED>\n"
		+ "<!ATTLIST update-site upload-directory CDATA #IMPLIED>\n"
		+ "<!ATTLIST update-site description CDATA #IMPLIED>\n"
		+ "<!ATTLIST update-site maintainer CDATA #IMPLIED>\n"
		+ "<!ATTLIST update-site timestamp CDATA #REQUIRED>\n"
		+ "<!ATTLIST disabled-update-site name CDATA #REQUIRED>\n"
		+ "<!ATTLIST disabled-update-site url CDATA #REQUIRED>\n"
		+ "<!ATTLIST disabled-update-site ssh-host CDATA #IMPLIED>\n"
		+ "<!ATTLIST disabled-update-site upload-directory CDATA #IMPLIED>\n"
		+ "<!ATTLIST disabled-update-site description CDATA #IMPLIED>\n"
		+ "<!ATTLIST disabled-update-site maintainer CDATA #IMPLIED>\n"
		+ "<!ATTLIST disabled-update-site timestamp CDATA #REQUIRED>\n"
		+ "<!ATTLIST plugin update-site CDATA #IMPLIED>\n"
		+ "<!ATTLIST plugin filename CDATA #REQUIRED>\n"
		+ "<!ATTLIST plugin executable CDATA #IMPLIED>\n"
		+ "<!ATTLIST dependency filename CDATA #REQUIRED>\n"
		+ "<!ATTLIST dependency timestamp CDATA #IMPLIED>\n"
		+ "<!ATTLIST dependency overrides CDATA #IMPLIED>\n"
		+ "<!ATTLIST version timestamp CDATA #REQUIRED>\n"
		+ "<!ATTLIST version checksum CDATA #REQUIRED>\n"
		+ "<!ATTLIST version filesize CDATA #REQUIRED>\n"
		+ "<!ATTLIST previous-version filename CDATA #IMPLIED>\n"
		+ "<!ATTLIST previous-version timestamp CDATA #REQUIRED>\n"
		+ "<!ATTLIST previous-version timestamp-obsolete CDATA #IMPLIED>\n"
		+ "<!ATTLIST previous-version checksum CDATA #REQUIRED>]>\n";

	/** One version of a file. */
	public static final class Version {
		public final String checksum, filename;
		public final long timestamp, timestampObsolete;

		Version(String checksum, long timestamp, long timestampObsolete, String filename) {
			this.checksum = checksum;
			this.timestamp = timestamp;
			this.timestampObsolete = timestampObsolete;
			this.filename = filename;
		}
	}

	/** One {@code <plugin>} record. */
	public static final class Record {
		public String filename;
		public Version current;
		public long filesize;
		public String description;
		public final List<String> authors = new ArrayList<>(), links = new ArrayList<>();
		/** filename → timestamp */
		public final Map<String, Long> dependencies = new TreeMap<>();
		public final List<Version> previous = new ArrayList<>();
	}

	private UpdateSiteBuilder() {}

	public static int run(List<String> args, java.io.PrintStream out) {
		String outDir = take(args, "--out");
		String previous = take(args, "--previous");
		String fiji = take(args, "--fiji");
		String target = take(args, "--target");
		if (outDir == null) throw new InvalidInputException("update-site needs --out DIR");
		if (!args.isEmpty()) throw new InvalidInputException("update-site: unknown argument " + args.get(0));
		Path targetDir = target != null ? Paths.get(target) : Paths.get(System.getProperty("interphase.home", ".")).resolve("target");
		Set<String> provided = fiji == null ? FIJI_PROVIDED : providedBy(Paths.get(fiji));
		List<Path> files = shippedFiles(targetDir, provided);
		Map<String, Path> entries = jarEntries(files);
		Path macros = Paths.get(System.getProperty("interphase.home", ".")).resolve("macros");
		if (Files.isDirectory(macros)) entries.putAll(shippedMacros(macros));
		Map<String, Record> site = build(entries, Paths.get(outDir), previous == null ? null : Paths.get(previous), new Date());
		for (Record r : site.values())
			if (r.current != null) out.println(r.filename + "  " + r.current.timestamp + "  " + r.current.checksum);
		out.println("update site written to " + outDir + " (" + entries.size() + " files shipped)");
		return 0;
	}

	private static String take(List<String> args, String flag) {
		int i = args.indexOf(flag);
		if (i < 0) return null;
		if (i + 1 >= args.size()) throw new InvalidInputException(flag + " needs a value");
		String v = args.remove(i + 1);
		args.remove(i);
		return v;
	}

	/** The plugin jar in {@code target/} followed by the jars of {@code target/lib} Fiji does not provide (never the {@link #CLI_ONLY} ones). */
	public static List<Path> shippedFiles(Path targetDir, Set<String> provided) {
		List<Path> files = new ArrayList<>();
		try (Stream<Path> s = Files.list(targetDir)) {
			s.filter(p -> {
				String n = p.getFileName().toString();
				return n.startsWith("interphase-") && n.endsWith(".jar") && !n.endsWith("-sources.jar") && !n.endsWith("-tests.jar")
					&& !n.endsWith("-javadoc.jar");
			}).sorted().forEach(files::add);
		} catch (IOException e) {
			throw new InvalidInputException("update-site: no build in " + targetDir + " (run ./interphase list once to build): " + e.getMessage());
		}
		if (files.size() != 1) throw new InvalidInputException("update-site: expected one interphase-<version>.jar in " + targetDir + ", found " + files);
		Path lib = targetDir.resolve("lib");
		if (!Files.isDirectory(lib)) throw new InvalidInputException("update-site: " + lib + " is missing (run ./interphase list once to build)");
		try (Stream<Path> s = Files.list(lib)) {
			s.filter(p -> p.getFileName().toString().endsWith(".jar")).filter(p -> !provided.contains(baseName(p.getFileName().toString())))
				.filter(p -> !CLI_ONLY.contains(baseName(p.getFileName().toString())))
				.sorted().forEach(files::add);
		} catch (IOException e) {
			throw new InvalidInputException("update-site: cannot list " + lib + ": " + e.getMessage());
		}
		return files;
	}

	/** {@code jars/<file name>} → file, in the order of {@code files} (the plugin jar first). */
	public static Map<String, Path> jarEntries(List<Path> files) {
		Map<String, Path> entries = new java.util.LinkedHashMap<>();
		for (Path f : files)
			entries.put("jars/" + f.getFileName(), f);
		return entries;
	}

	/** The batch macros ({@code *.ijm}) of {@code macrosDir} by their path in Fiji.app, {@link #MACRO_FOLDER}{@code <name>.ijm}, sorted. */
	public static Map<String, Path> shippedMacros(Path macrosDir) {
		Map<String, Path> entries = new TreeMap<>();
		try (Stream<Path> s = Files.list(macrosDir)) {
			s.filter(p -> p.getFileName().toString().endsWith(".ijm") && Files.isRegularFile(p))
				.forEach(p -> entries.put(MACRO_FOLDER + p.getFileName(), p));
		} catch (IOException e) {
			throw new InvalidInputException("update-site: cannot list " + macrosDir + ": " + e.getMessage());
		}
		return entries;
	}

	/** "jhdf-0.9.2.jar" → "jhdf" (the updater's own version stripping). */
	public static String baseName(String fileName) {
		String s = FileUtils.stripFilenameVersion(fileName);
		return s.endsWith(".jar") ? s.substring(0, s.length() - 4) : s;
	}

	/** The artifacts a real Fiji installation holds in its jars/ folder (any depth). */
	static Set<String> providedBy(Path fijiApp) {
		Path jars = fijiApp.resolve("jars");
		if (!Files.isDirectory(jars)) throw new InvalidInputException("--fiji " + fijiApp + ": no jars/ folder there");
		Set<String> names = new LinkedHashSet<>();
		try (Stream<Path> s = Files.walk(jars)) {
			s.filter(p -> p.getFileName().toString().endsWith(".jar")).forEach(p -> names.add(baseName(p.getFileName().toString())));
		} catch (IOException e) {
			throw new InvalidInputException("--fiji " + fijiApp + ": " + e.getMessage());
		}
		return names;
	}

	/** The updater's timestamp format, in the local time zone as the updater itself writes it. */
	public static long timestamp(Date date) {
		return Long.parseLong(new SimpleDateFormat("yyyyMMddHHmmss", Locale.ROOT).format(date));
	}

	/** Builds the site in {@code outDir} from the jars {@code files} (the plugin jar first); returns the records written (by unversioned name). */
	public static Map<String, Record> build(List<Path> files, Path outDir, Path previousDir, Date now) {
		return build(jarEntries(files), outDir, previousDir, now);
	}

	/**
	 * Builds the site in {@code outDir} from {@code entries}, path in Fiji.app → file, the plugin jar
	 * first; returns the records written (by unversioned name). The plugin depends on every other jar.
	 */
	public static Map<String, Record> build(Map<String, Path> entries, Path outDir, Path previousDir, Date now) {
		try {
			Map<String, Record> records = previousDir == null ? new TreeMap<>() : read(previousDir.resolve("db.xml.gz"));
			long stamp = timestamp(now);
			for (Record r : records.values()) {
				if (r.current != null) stamp = Math.max(stamp, next(r.current.timestamp));
				for (Version v : r.previous)
					stamp = Math.max(stamp, next(v.timestamp));
			}
			Files.createDirectories(outDir.resolve("jars"));
			if (previousDir != null && !Files.isSameFile(previousDir, outDir)) copyOldFiles(previousDir, outDir);
			Set<String> shipped = new LinkedHashSet<>();
			String pluginKey = null;
			for (Map.Entry<String, Path> entry : entries.entrySet()) {
				String filename = entry.getKey();
				Path f = entry.getValue();
				String key = FileUtils.stripFilenameVersion(filename);
				if (pluginKey == null) pluginKey = key;
				shipped.add(key);
				String checksum = UpdateSiteChecksum.of(filename, f);
				Record r = records.get(key);
				if (r != null && r.current != null && r.current.checksum.equals(checksum)) {
					Path existing = outDir.resolve(r.filename + "-" + r.current.timestamp);
					Files.createDirectories(existing.getParent());
					if (!Files.exists(existing)) Files.copy(f, existing);
					continue; // unchanged: the record and its file stay as they are
				}
				Record nr = new Record();
				if (r != null) {
					nr.previous.addAll(r.previous);
					if (r.current != null) nr.previous.add(new Version(r.current.checksum, r.current.timestamp, stamp, r.filename));
				}
				nr.filename = filename;
				nr.current = new Version(checksum, stamp, 0, filename);
				nr.filesize = Files.size(f);
				nr.description = key.equals(pluginKey) ? DESCRIPTION
					: filename.startsWith(MACRO_FOLDER) ? macroDescription(filename, f)
					: "Runtime dependency of Interphase (" + baseName(f.getFileName().toString()) + "), not shipped with Fiji.";
				nr.authors.add(AUTHOR);
				nr.links.add(LINK);
				records.put(key, nr);
				Path copy = outDir.resolve(filename + "-" + stamp);
				Files.createDirectories(copy.getParent());
				Files.copy(f, copy, StandardCopyOption.REPLACE_EXISTING);
			}
			// files no longer shipped become obsolete: their current version turns into a previous one
			for (Map.Entry<String, Record> e : records.entrySet()) {
				Record r = e.getValue();
				if (shipped.contains(e.getKey()) || r.current == null) continue;
				r.previous.add(new Version(r.current.checksum, r.current.timestamp, stamp, r.filename));
				r.current = null;
				r.dependencies.clear();
			}
			Record plugin = records.get(pluginKey);
			plugin.dependencies.clear();
			for (String key : shipped) {
				Record dep = records.get(key);
				if (key.equals(pluginKey) || !key.startsWith("jars/")) continue;
				plugin.dependencies.put(dep.filename, dep.current.timestamp);
			}
			write(records, outDir.resolve("db.xml.gz"));
			return records;
		} catch (IOException e) {
			throw new InvalidInputException("update-site: " + e.getMessage(), e);
		}
	}

	/** The timestamp one second after {@code t} (yyyyMMddHHmmss arithmetic through a calendar). */
	static long next(long t) {
		try {
			SimpleDateFormat f = new SimpleDateFormat("yyyyMMddHHmmss", Locale.ROOT);
			return Long.parseLong(f.format(new Date(f.parse(Long.toString(t)).getTime() + 1000)));
		} catch (java.text.ParseException e) {
			throw new InvalidInputException("update-site: bad timestamp " + t + " in the previous db.xml.gz");
		}
	}

	/** "Interphase batch macro (Plugins › Interphase › Batch › spectral batch): " + the first line of its header comment. */
	static String macroDescription(String filename, Path macro) throws IOException {
		String leaf = filename.substring(MACRO_FOLDER.length()).replaceFirst("\\.ijm$", "").replace('_', ' ');
		String first = "";
		for (String line : Files.readAllLines(macro, StandardCharsets.UTF_8)) {
			if (!line.startsWith("//")) break;
			first = line.replaceFirst("^//+\\s*", "").trim();
			if (!first.isEmpty()) break;
		}
		return "Interphase batch macro (Plugins › Interphase › Batch › " + leaf + ")" + (first.isEmpty() ? "" : ": " + first);
	}

	/** Copies the files of an earlier site (jars/ and scripts/) that {@code to} lacks. */
	private static void copyOldFiles(Path from, Path to) throws IOException {
		for (String folder : new String[] { "jars", "scripts" }) {
			Path dir = from.resolve(folder);
			if (!Files.isDirectory(dir)) continue;
			List<Path> old = new ArrayList<>();
			try (Stream<Path> s = Files.walk(dir)) {
				s.filter(Files::isRegularFile).forEach(old::add);
			}
			for (Path p : old) {
				Path t = to.resolve(from.relativize(p).toString());
				Files.createDirectories(t.getParent());
				if (!Files.exists(t)) Files.copy(p, t);
			}
		}
	}

	/** Reads a db.xml.gz (update-site form) into records keyed by unversioned file name. */
	public static Map<String, Record> read(Path dbXmlGz) throws IOException {
		if (!Files.isRegularFile(dbXmlGz)) throw new InvalidInputException("--previous: no db.xml.gz at " + dbXmlGz);
		Document doc;
		try (InputStream in = new GZIPInputStream(Files.newInputStream(dbXmlGz))) {
			DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
			f.setValidating(false);
			f.setExpandEntityReferences(false);
			DocumentBuilder b = f.newDocumentBuilder();
			doc = b.parse(in);
		} catch (IOException e) {
			throw e;
		} catch (Exception e) {
			throw new InvalidInputException("--previous: " + dbXmlGz + " is not a valid db.xml.gz: " + e.getMessage());
		}
		Map<String, Record> records = new TreeMap<>();
		NodeList plugins = doc.getElementsByTagName("plugin");
		for (int i = 0; i < plugins.getLength(); i++) {
			Element p = (Element) plugins.item(i);
			Record r = new Record();
			r.filename = p.getAttribute("filename");
			for (Node n = p.getFirstChild(); n != null; n = n.getNextSibling()) {
				if (!(n instanceof Element)) continue;
				Element e = (Element) n;
				if (e.getTagName().equals("version")) {
					r.current = new Version(e.getAttribute("checksum"), parseLong(e.getAttribute("timestamp")), 0, r.filename);
					r.filesize = parseLong(e.getAttribute("filesize"));
					for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
						if (!(c instanceof Element)) continue;
						Element ce = (Element) c;
						switch (ce.getTagName()) {
							case "description": r.description = ce.getTextContent(); break;
							case "author": r.authors.add(ce.getTextContent()); break;
							case "link": r.links.add(ce.getTextContent()); break;
							case "dependency": r.dependencies.put(ce.getAttribute("filename"), parseLong(ce.getAttribute("timestamp"))); break;
							default: break;
						}
					}
				} else if (e.getTagName().equals("previous-version")) {
					String fn = e.getAttribute("filename");
					r.previous.add(new Version(e.getAttribute("checksum"), parseLong(e.getAttribute("timestamp")),
						parseLong(e.getAttribute("timestamp-obsolete")), fn.isEmpty() ? null : fn));
				}
			}
			records.put(FileUtils.stripFilenameVersion(r.filename), r);
		}
		return records;
	}

	private static long parseLong(String s) {
		return s == null || s.isEmpty() ? 0 : Long.parseLong(s);
	}

	/** Writes the records as the updater's XMLFileWriter does for a site (no update-site elements). */
	static void write(Map<String, Record> records, Path dbXmlGz) throws IOException {
		Path tmp = dbXmlGz.resolveSibling(dbXmlGz.getFileName() + ".partial");
		try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(tmp)); Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8)) {
			w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
			w.write(DTD);
			w.write("<pluginRecords>\n");
			for (Record r : records.values()) {
				w.write("    <plugin filename=\"" + esc(r.filename) + "\">\n");
				if (r.current != null) {
					w.write("        <version checksum=\"" + r.current.checksum + "\" timestamp=\"" + r.current.timestamp + "\" filesize=\"" + r.filesize + "\">\n");
					if (r.description != null) w.write("            <description>" + esc(r.description) + "</description>\n");
					for (Map.Entry<String, Long> d : r.dependencies.entrySet())
						w.write("            <dependency filename=\"" + esc(d.getKey()) + "\" timestamp=\"" + d.getValue() + "\"/>\n");
					for (String l : r.links)
						w.write("            <link>" + esc(l) + "</link>\n");
					for (String a : r.authors)
						w.write("            <author>" + esc(a) + "</author>\n");
					w.write("        </version>\n");
				}
				for (Version v : r.previous) {
					w.write("        <previous-version timestamp=\"" + v.timestamp + "\" timestamp-obsolete=\"" + v.timestampObsolete + "\" checksum=\""
						+ v.checksum + "\"" + (v.filename != null ? " filename=\"" + esc(v.filename) + "\"" : "") + "/>\n");
				}
				w.write("    </plugin>\n");
			}
			w.write("</pluginRecords>\n");
		}
		Files.move(tmp, dbXmlGz, StandardCopyOption.REPLACE_EXISTING);
	}

	private static String esc(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}
