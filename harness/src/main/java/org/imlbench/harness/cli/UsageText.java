package org.imlbench.harness.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterDescription;
import com.beust.jcommander.Parameters;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The text of {@code harness --help} (global options and one line per command) and of {@code harness CMD --help}
 * (the command's description and options). JCommander's own formatter lists every command's options at once,
 * which is too long for an overview.
 */
final class UsageText {
    private static final String INDENT = "  ";
    private static final String DETAIL = "      ";

    private UsageText() {
    }

    static String overview(String program, JCommander parser, Map<String, CliCommand> commands) {
        StringBuilder text = new StringBuilder();
        text.append("Usage: ").append(program).append(" [global options] COMMAND [command options]\n\n");
        text.append("Global options (before the command):\n");
        appendOptions(text, parser.getParameters());
        text.append("\nCommands (").append(program).append(" COMMAND --help for their options):\n");
        int width = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
        commands.forEach((name, command) -> text.append(INDENT).append(name)
                .append(" ".repeat(width - name.length() + 2)).append(description(command)).append('\n'));
        return text.toString();
    }

    static String command(String program, CliCommand command, JCommander parser) {
        StringBuilder text = new StringBuilder();
        text.append("Usage: ").append(program).append(" [global options] ").append(command.name())
                .append(" [options]");
        String mainParameter = parser.getMainParameterDescription();
        if (mainParameter != null && !mainParameter.isBlank()) {
            text.append(" ").append(mainParameter);
        }
        text.append("\n\n").append(description(command)).append("\n\nOptions:\n");
        appendOptions(text, parser.getParameters());
        return text.toString();
    }

    private static String description(CliCommand command) {
        Parameters parameters = command.getClass().getAnnotation(Parameters.class);
        return parameters == null ? "" : parameters.commandDescription();
    }

    private static void appendOptions(StringBuilder text, List<ParameterDescription> options) {
        options.stream()
                .filter(option -> !option.getParameter().hidden())
                .sorted(Comparator.comparing(ParameterDescription::getLongestName))
                .forEach(option -> {
                    text.append(INDENT).append(option.getNames());
                    if (option.getParameter().required()) {
                        text.append("  (required)");
                    }
                    text.append('\n').append(DETAIL).append(option.getDescription());
                    Object value = option.getDefault();
                    if (value != null && !(value instanceof Boolean) && !isEmptyList(value)) {
                        text.append(" Default: ").append(value);
                    }
                    text.append('\n');
                });
    }

    private static boolean isEmptyList(Object value) {
        return value instanceof java.util.Collection<?> collection && collection.isEmpty();
    }
}
