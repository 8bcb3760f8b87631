package org.interphase.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.interphase.cli.CommandCatalog;
import org.interphase.cli.CommandRunner;
import org.interphase.cli.Main;
import org.interphase.cli.OutputWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;

import ij.ImagePlus;
import ij.ImageJ;
import ij.measure.ResultsTable;

/**
 * The public conventions of DESIGN.md, checked on every command the plugin index finds, and a
 * headless smoke run of each.
 */
class CommandConventionsTest {

	static final Set<String> CATEGORIES = Set.of("Import", "Spectral", "Segment", "Voids", "Profiles", "AFM", "SIMS");

	static Context context;
	static CommandCatalog catalog;

	@BeforeAll
	static void start() {
		context = Main.newContext();
		catalog = new CommandCatalog(context);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	@Test
	void commandsAreDiscoveredThroughThePluginIndex() {
		assertTrue(catalog.commands().size() >= 2, "found " + catalog.commands().size());
	}

	@Test
	void menuPathsAndLeafNames() throws IOException {
		Set<String> leaves = new HashSet<>();
		Set<String> imagejCommands = imagejMenuCommands();
		assertTrue(imagejCommands.size() > 100, "ImageJ command list read from ij.jar");
		for (CommandInfo info : catalog.commands()) {
			String path = CommandCatalog.menuPath(info);
			String[] parts = path.split(">");
			assertEquals(4, parts.length, path + ": Plugins>Interphase>Category>Name");
			assertTrue(CATEGORIES.contains(parts[2]), path + ": category " + parts[2] + " is not one of " + CATEGORIES);
			String leaf = CommandCatalog.leafName(info);
			assertTrue(leaves.add(leaf.toLowerCase()), "leaf name used twice: " + leaf);
			assertFalse(imagejCommands.contains(leaf), leaf + " is already an ImageJ command: a macro run() would be ambiguous");
			assertTrue(info.canRunHeadless(), path + " must set headless = true");
		}
	}

	@Test
	void fieldNamesAreMacroKeys() {
		for (CommandInfo info : catalog.commands()) {
			List<String> names = new ArrayList<>();
			for (ModuleItem<?> item : CommandCatalog.userInputs(info))
				names.add(item.getName());
			for (ModuleItem<?> item : CommandCatalog.outputs(info))
				names.add(item.getName());
			for (String n : names) {
				assertTrue(n.matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"), CommandCatalog.leafName(info) + ": field " + n + " is not lower_snake_case");
				for (String m : names)
					assertFalse(!n.equals(m) && n.endsWith("_" + m),
						CommandCatalog.leafName(info) + ": field " + n + " ends with _" + m + "; ImageJ's macro keys would collide");
			}
			for (ModuleItem<?> item : CommandCatalog.userInputs(info)) {
				if (ImagePlus.class.equals(item.getType()))
					assertFalse(item.isPersisted(), CommandCatalog.leafName(info) + ": image input " + item.getName() + " must have persist = false");
				if (item.getChoices() != null)
					for (Object c : item.getChoices())
						assertEquals(c.toString().toLowerCase(), c.toString(), item.getName() + ": choices are lower case");
			}
		}
	}

	@Test
	void everyCommandRunsHeadlesslyOnATinyInput(@TempDir Path tmp) throws IOException {
		Map<String, Map<String, String>> cases = SmokeCases.all(tmp);
		CommandRunner runner = new CommandRunner(context);
		for (String key : cases.keySet())
			assertNotNull(catalog.find(SmokeCases.command(key)), "smoke case " + key + ": no such command");
		for (CommandInfo info : catalog.commands()) {
			String leaf = CommandCatalog.leafName(info);
			if (cases.get(leaf) == null) fail("no smoke case for " + leaf + " in SmokeCases");
		}
		for (Map.Entry<String, Map<String, String>> c : cases.entrySet()) {
			String leaf = c.getKey();
			CommandInfo info = catalog.find(SmokeCases.command(leaf));
			Map<String, String> args = c.getValue();
			CommandRunner.Run run = runner.run(info, args);
			for (ModuleItem<?> out : CommandCatalog.outputs(info)) {
				Class<?> t = out.getType();
				if (ImagePlus.class.equals(t) || ResultsTable.class.equals(t))
					assertNotNull(run.outputs.get(out.getName()), leaf + ": output " + out.getName() + " is missing");
			}
			Path dir = tmp.resolve("out-" + leaf.replaceAll("[^A-Za-z0-9()]+", "-"));
			List<String> files = OutputWriter.write(run, dir, false, "test");
			assertTrue(files.contains("outputs.json"));
			for (String f : files)
				assertTrue(Files.size(dir.resolve(f)) > 0, leaf + ": " + f + " is empty");
		}
	}

	/** Labels of ImageJ 1's own menu commands, from IJ_Props.txt inside ij.jar. */
	static Set<String> imagejMenuCommands() throws IOException {
		Properties props = new Properties();
		try (InputStream in = ImageJ.class.getResourceAsStream("/IJ_Props.txt")) {
			assertNotNull(in, "IJ_Props.txt in ij.jar");
			props.load(in);
		}
		Set<String> labels = new HashSet<>();
		for (String key : props.stringPropertyNames()) {
			String v = props.getProperty(key);
			if (v.startsWith("\"")) {
				int end = v.indexOf('"', 1);
				if (end > 1) labels.add(v.substring(1, end).replace("...", "").trim());
			}
		}
		return labels;
	}
}
