package org.imlbench.harness.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterDescription;
import com.beust.jcommander.Parameters;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text of {@code harness --help} (global options and one line per command) and of {@code harness CMD --help}
 * (the command's description and options). JCommander's own formatter lists every command's options at once,
 * which is too long for an overview.
 */
final class UsageText {
    private static final int WIDTH = 100;
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
        String hanging = " ".repeat(INDENT.length() + width + 2);
        commands.forEach((name, command) -> {
            String first = INDENT + name + " ".repeat(width - name.length() + 2);
            text.append(wrap(description(command), first, hanging));
        });
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
        text.append("\n\n").append(wrap(description(command), "", "")).append("\nOptions:\n");
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
                    text.append('\n').append(wrap(option.getDescription() + defaultValue(option), DETAIL, DETAIL));
                });
    }

    /** The default, unless it says nothing (false, empty) or the description already states it. */
    private static String defaultValue(ParameterDescription option) {
        Object value = option.getDefault();
        boolean silent = value == null || value instanceof Boolean
                || value instanceof Collection<?> collection && collection.isEmpty()
                || value instanceof Map<?, ?> map && map.isEmpty()
                || option.getDescription().toLowerCase(Locale.ROOT).contains("default");
        return silent ? "" : " (default: " + value + ")";
    }

    /** Word-wraps {@code text} to {@link #WIDTH} columns; the first line starts with {@code first}. */
    static String wrap(String text, String first, String hanging) {
        StringBuilder out = new StringBuilder(first);
        int column = first.length();
        boolean lineEmpty = true;
        for (String word : text.strip().split("\\s+")) {
            if (!lineEmpty && column + 1 + word.length() > WIDTH) {
                out.append('\n').append(hanging);
                column = hanging.length();
                lineEmpty = true;
            }
            if (!lineEmpty) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
            lineEmpty = false;
        }
        return out.append('\n').toString();
    }
}
