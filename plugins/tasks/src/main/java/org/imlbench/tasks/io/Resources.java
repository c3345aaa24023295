package org.imlbench.tasks.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads text resources shipped inside this module (split specs). */
public final class Resources {
    private Resources() {
    }

    /**
     * @param anchor a class in the resource's package
     * @param name the resource's name relative to that package
     * @return its text
     * @throws UncheckedIOException when the resource is missing (a packaging bug, not a user error)
     */
    public static String text(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("resource missing: " + anchor.getPackageName()
                        + "/" + name));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
