package org.imlbench.tasks.bbh;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer options of a BIG-Bench Hard input, read from its {@code Options:} block. Two styles exist: lettered
 * lines {@code (A) 12/14/1937}, whose option is the label {@code (A)} (the targets are labels), and bulleted lines
 * {@code - valid}, whose option is the text.
 */
final class OptionsBlock {
    private static final Pattern LETTERED = Pattern.compile("^(\\([A-Z]\\))\\s.*$");

    private OptionsBlock() {
    }

    /**
     * @param input an example's input
     * @return its options in order, or empty when it has no {@code Options:} block
     */
    static List<String> parse(String input) {
        String[] lines = input.split("\n", -1);
        int start = -1;
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].strip().equals("Options:")) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            return List.of();
        }
        List<String> options = new ArrayList<>();
        for (int i = start + 1; i < lines.length; i++) {
            String line = lines[i].strip();
            Matcher lettered = LETTERED.matcher(line);
            if (lettered.matches()) {
                options.add(lettered.group(1));
            } else if (line.startsWith("- ")) {
                options.add(line.substring(2).strip());
            } else if (!line.isEmpty()) {
                break;
            }
        }
        return options;
    }
}
