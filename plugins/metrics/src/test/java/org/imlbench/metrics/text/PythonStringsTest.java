package org.imlbench.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PythonStringsTest {
    @Test
    void isSpaceMatchesPythonStrIsspace() {
        // every code point for which Python 3's str.isspace() is true
        int[] spaces = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680,
            0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A,
            0x2028, 0x2029, 0x202F, 0x205F, 0x3000};
        for (int cp : spaces) {
            assertTrue(PythonStrings.isSpace(cp), Integer.toHexString(cp));
        }
        long count = IntStream.rangeClosed(0, Character.MAX_CODE_POINT)
                .filter(PythonStrings::isSpace).count();
        assertEquals(spaces.length, count);
        assertFalse(PythonStrings.isSpace(0x200B)); // ZERO WIDTH SPACE is not whitespace in Python
        assertFalse(PythonStrings.isSpace(0x180E));
    }

    @Test
    void splitDropsEmptyWords() {
        assertEquals(List.of("a", "b"), PythonStrings.split(" \u00A0a\t\nb \u3000"));
        assertEquals(List.of(), PythonStrings.split("   "));
    }
}
