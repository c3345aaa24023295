package org.imlbench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void padsColumnsToTheWidestCell() {
        TextTable table = new TextTable(List.of("A", "LONG"), List.of(List.of("wide cell", "x"), List.of("b", "")));
        assertEquals("A          LONG\nwide cell  x\nb\n", table.render());
    }

    @Test
    void rejectsRowsOfTheWrongWidth() {
        assertThrows(IllegalArgumentException.class, () -> new TextTable(List.of("A", "B"), List.of(List.of("1"))));
    }
}
