package org.interphase.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;

/**
 * The documentation is checked mechanically: every command has a section, every link between the
 * pages resolves (file and heading), and nothing points at the science notes outside the repository.
 * That every run("…") line names existing keys is checked with the macros (MacroTest).
 */
public class DocsTest {

	/** README.md and every page under docs/. */
	public static List<Path> pages() throws IOException {
		List<Path> pages = new ArrayList<>();
		pages.add(Paths.get("README.md"));
		try (Stream<Path> s = Files.list(Paths.get("docs"))) {
			pages.addAll(s.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList()));
		}
		return pages;
	}

	private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);
	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
	private static final Pattern FENCE = Pattern.compile("^```.*?^```", Pattern.MULTILINE | Pattern.DOTALL);

	/** Text outside fenced code blocks (a "# comment" in a shell block is no heading). */
	private static String prose(Path page) throws IOException {
		return FENCE.matcher(Files.readString(page)).replaceAll("");
	}

	private static List<String> headings(Path page) throws IOException {
		List<String> h = new ArrayList<>();
		Matcher m = HEADING.matcher(prose(page));
		while (m.find())
			h.add(m.group(1).trim());
		return h;
	}

	/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
	static String anchor(String heading) {
		String plain = heading.replaceAll("`|\\*\\*|\\*", "").toLowerCase(Locale.ROOT);
		return plain.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
	}

	@Test
	void anchorsFollowGithubsRule() {
		assertTrue(anchor("1. Spectral stacks (STXM, TXM-XANES, XRF-XANES)").equals("1-spectral-stacks-stxm-txm-xanes-xrf-xanes"));
		assertTrue(anchor("Batch macros").equals("batch-macros"));
	}

	@Test
	void everyCommandHasASectionInDocs() throws IOException {
		Set<String> headings = new HashSet<>();
		for (Path p : pages())
			if (!p.getFileName().toString().equals("README.md")) headings.addAll(headings(p));
		List<String> missing = new ArrayList<>();
		try (Context context = Main.newContext()) {
			for (CommandInfo info : new CommandCatalog(context).commands()) {
				String leaf = CommandCatalog.leafName(info);
				if (!headings.contains(leaf)) missing.add(leaf);
			}
		}
		assertTrue(missing.isEmpty(), "commands without a \"## <Command>\" section in docs/: " + missing);
	}

	@Test
	void everyLinkResolvesToAFileAndHeading() throws IOException {
		List<String> broken = new ArrayList<>();
		int checked = 0;
		for (Path page : pages()) {
			Matcher m = LINK.matcher(prose(page));
			while (m.find()) {
				String target = m.group(1);
				if (target.matches("^[a-z]+:.*")) continue; // http(s), mailto: not checked offline
				String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
				String fragment = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
				Path resolved = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
				checked++;
				if (!Files.exists(resolved)) {
					broken.add(page + ": " + target + " (no such file)");
					continue;
				}
				if (fragment != null) {
					Set<String> anchors = headings(resolved).stream().map(DocsTest::anchor).collect(Collectors.toSet());
					if (!anchors.contains(fragment)) broken.add(page + ": " + target + " (no such heading; has " + anchors + ")");
				}
			}
		}
		assertTrue(broken.isEmpty(), String.join("\n", broken));
		assertTrue(checked >= 20, "the pages link each other (" + checked + " links checked)");
	}

	@Test
	void scienceNotesAreCitedInsideTheRepository() throws IOException {
		List<String> outside = new ArrayList<>();
		for (Path page : pages()) {
			String[] lines = Files.readString(page).split("\n");
			for (int i = 0; i < lines.length; i++)
				if (lines[i].contains("SCIENCE.md") || lines[i].contains("../shared/SCIENCE")) outside.add(page + ":" + (i + 1) + ": " + lines[i].trim());
		}
		assertTrue(outside.isEmpty(), "cite docs/science.md instead:\n" + String.join("\n", outside));
	}

	@Test
	void everyBatchMacroIsDocumented() throws IOException {
		String fiji = Files.readString(Paths.get("docs/fiji.md"));
		List<String> missing = new ArrayList<>();
		try (Stream<Path> s = Files.list(Paths.get("macros"))) {
			for (Path m : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".ijm"))::iterator)
				if (!fiji.contains("`" + m.getFileName() + "`")) missing.add(m.getFileName().toString());
		}
		assertTrue(missing.isEmpty(), "batch macros missing from the table in docs/fiji.md: " + missing);
	}

	@Test
	void everyCommandLineExampleNamesAnExistingCommand() throws IOException {
		Set<String> names = new HashSet<>();
		try (Context context = Main.newContext()) {
			for (CommandInfo info : new CommandCatalog(context).commands())
				names.add(CommandCatalog.leafName(info));
		}
		Pattern cli = Pattern.compile("\\./interphase (?:run|help) \"([^\"<]+)\"");
		List<String> unknown = new ArrayList<>();
		for (Path page : pages()) {
			Matcher m = cli.matcher(Files.readString(page));
			while (m.find())
				if (!names.contains(m.group(1))) unknown.add(page + ": " + m.group(0));
		}
		assertTrue(unknown.isEmpty(), String.join("\n", unknown));
	}
}
