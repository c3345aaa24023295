package org.imlbench.harness.plugins;

/** Folds messages onto one line so that every reported failure is exactly one line of output. */
final class OneLine {
    private OneLine() {
    }

    static String of(String text) {
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** A throwable's message, else its class name; for wrapped errors the root cause is more useful. */
    static String of(Throwable error) {
        Throwable root = error;
        while ((root instanceof java.util.ServiceConfigurationError || root.getMessage() == null)
                && root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String name = root.getClass().getSimpleName();
        return of(message == null || message.isBlank() ? name : name + ": " + message);
    }
}
