package org.imlbench.harness.plugins;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.ServiceConfigurationError;
import java.util.Set;

/** Folds messages onto one line so that every reported failure is exactly one line of output. */
final class OneLine {
    private OneLine() {
    }

    static String of(String text) {
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /**
     * A throwable and its causes, each as {@code Name: message}, joined by {@code ": "} and without repeats: a
     * {@code FindException} alone says "Error reading module: x.jar", its cause says what is wrong with the jar.
     */
    static String chain(Throwable error) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable current = error; current != null && seen.add(current); current = current.getCause()) {
            String message = current.getMessage();
            String part = current.getClass().getSimpleName()
                    + (message == null || message.isBlank() ? "" : ": " + message);
            if (text.length() > 0 && text.indexOf(message == null ? part : message) >= 0) {
                continue; // a wrapper that only repeats its cause's message
            }
            text.append(text.length() == 0 ? "" : ": ").append(part);
        }
        return of(text.toString());
    }

    /** A throwable's message, else its class name; for wrapped errors the root cause is more useful. */
    static String of(Throwable error) {
        Throwable root = error;
        while ((root instanceof ServiceConfigurationError || root.getMessage() == null)
                && root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String name = root.getClass().getSimpleName();
        return of(message == null || message.isBlank() ? name : name + ": " + message);
    }
}
