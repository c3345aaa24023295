package org.imlbench.harness.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.OptionKey;
import org.imlbench.harness.plugins.PluginDescriptor;
import org.imlbench.harness.plugins.PluginFailure;

/** {@code harness plugins}: lists every discovered plugin with its kind, name, version, module and origin. */
@Parameters(commandNames = PluginsCommand.NAME,
        commandDescription = "List the plugins found (built-in and drop-in): kind, name, version, module, origin.")
public final class PluginsCommand implements CliCommand {
    static final String NAME = "plugins";
    private static final List<String> COLUMNS = List.of("KIND", "NAME", "VERSION", "MODULE", "ORIGIN");

    @Parameter(names = "--json", description = "Print JSON (plugins with their options, and failures) instead of a "
            + "table.")
    private boolean json;

    @Parameter(names = "--options", description = "Also list each plugin's options (--task-option, "
            + "--backend-option keys) with their types, defaults and descriptions.")
    private boolean options;

    /** Creates the command; JCommander fills its options. */
    public PluginsCommand() {
        // fields are set by JCommander
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int run(CliContext context) throws Exception {
        List<PluginDescriptor> plugins = context.plugins().descriptors();
        if (json) {
            printJson(context, plugins, context.plugins().failures());
        } else {
            context.out().print(new TextTable(COLUMNS, plugins.stream().map(PluginsCommand::row).toList()).render());
            if (options) {
                printOptions(context, plugins);
            }
        }
        return Main.OK;
    }

    private static List<String> row(PluginDescriptor plugin) {
        return List.of(plugin.kind().label(), plugin.name(), plugin.version(), plugin.module(), plugin.origin());
    }

    private static void printOptions(CliContext context, List<PluginDescriptor> plugins) {
        for (PluginDescriptor plugin : plugins) {
            if (plugin.options().isEmpty()) {
                continue;
            }
            context.out().println();
            context.out().println(plugin.kind().label() + " " + plugin.name() + " options:");
            for (OptionKey<?> key : plugin.options()) {
                context.out().println("  " + key.key() + " (" + key.type()
                        + key.defaultValue().map(d -> ", default " + d).orElse("") + "): " + key.description());
            }
        }
    }

    private static void printJson(CliContext context, List<PluginDescriptor> plugins, List<PluginFailure> failures)
            throws Exception {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("plugins", plugins.stream().map(plugin -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", plugin.kind().label());
            entry.put("name", plugin.name());
            entry.put("version", plugin.version());
            entry.put("module", plugin.module());
            entry.put("origin", plugin.origin());
            entry.put("description", plugin.description());
            entry.put("options", plugin.options().stream().map(key -> {
                Map<String, String> option = new LinkedHashMap<>();
                option.put("key", key.key());
                option.put("type", key.type());
                option.put("default", key.defaultValue().map(String::valueOf).orElse(null));
                option.put("description", key.description());
                return option;
            }).toList());
            return entry;
        }).toList());
        document.put("failures", failures.stream().map(failure -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("origin", failure.origin());
            entry.put("cause", failure.cause());
            return entry;
        }).toList());
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        context.out().println(mapper.writeValueAsString(document));
    }
}
