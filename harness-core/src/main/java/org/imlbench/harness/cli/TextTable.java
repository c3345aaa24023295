package org.imlbench.harness.cli;

import java.util.List;

/**
 * A plain-text table with left-aligned columns separated by two spaces, for command output.
 *
 * @param header the column titles
 * @param rows the rows, each with one cell per column
 */
public record TextTable(List<String> header, List<List<String>> rows) {
    /** Copies the lists and checks that every row has one cell per column. */
    public TextTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("row " + row + " has " + row.size() + " cells, expected "
                        + header.size());
            }
        }
    }

    /** @return the table, one line per row after the header, each line ending in a newline */
    public String render() {
        int[] widths = new int[header.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = header.get(column).length();
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        StringBuilder text = new StringBuilder();
        appendLine(text, header, widths);
        rows.forEach(row -> appendLine(text, row, widths));
        return text.toString();
    }

    private static void appendLine(StringBuilder text, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            if (column > 0) {
                line.append("  ");
            }
            line.append(cells.get(column));
            if (column < cells.size() - 1) {
                line.append(" ".repeat(widths[column] - cells.get(column).length()));
            }
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}
