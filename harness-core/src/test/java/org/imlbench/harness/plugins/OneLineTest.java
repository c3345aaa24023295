package org.imlbench.harness.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.Test;

class OneLineTest {
    @Test
    void foldsLineBreaks() {
        assertEquals("first second third", OneLine.of("first\n  second\r\nthird\n"));
    }

    @Test
    void chainNamesEveryCauseOnceAndSkipsRepeatedMessages() {
        IOException root = new IOException("zip END header not found");
        RuntimeException wrapper = new RuntimeException("Error reading x.jar", root);
        RuntimeException repeat = new RuntimeException(wrapper.toString(), wrapper);
        assertEquals("RuntimeException: Error reading x.jar: IOException: zip END header not found",
                OneLine.chain(wrapper));
        assertEquals("RuntimeException: java.lang.RuntimeException: Error reading x.jar: "
                + "IOException: zip END header not found", OneLine.chain(repeat));
    }

    @Test
    void ofUnwrapsServiceErrorsToTheirCause() {
        ServiceConfigurationError error = new ServiceConfigurationError("t.Provider: unable to instantiate",
                new IllegalStateException("constructor exploded"));
        assertEquals("IllegalStateException: constructor exploded", OneLine.of(error));
        assertEquals("NullPointerException", OneLine.of(new NullPointerException()));
    }
}
