package org.imlbench.api;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code key=value} settings a user gave one kind of plugin ({@code --backend-option}, {@code --task-option}),
 * as text. A plugin reads them through the {@link OptionKey}s it declares ({@link Plugin#declaredOptions()}), which
 * parse and check each value; the harness refuses keys that no selected plugin declares
 * ({@link #requireKnown}) before any plugin runs.
 *
 * @param values the settings as given, keyed by option key; sorted so that equal options print alike
 */
public record Options(Map<String, String> values) {
    private static final Options EMPTY = new Options(Map.of());

    /** Copies the values, sorted by key. */
    public Options {
        Objects.requireNonNull(values, "values");
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** @return no settings */
    public static Options empty() {
        return EMPTY;
    }

    /**
     * @param values the settings
     * @return them as options
     */
    public static Options of(Map<String, String> values) {
        return values.isEmpty() ? EMPTY : new Options(values);
    }

    /**
     * @param key an option key
     * @return the text given for it, if any
     */
    public Optional<String> raw(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * Reads one option.
     *
     * @param key the declared option
     * @param <T> its type
     * @return the parsed value, or the key's default when it was not given
     * @throws UsageException when the value does not parse or is out of range, or a required option is missing
     */
    public <T> T get(OptionKey<T> key) {
        return key.value(this);
    }

    /** @return whether no option was given */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * Refuses keys that none of {@code known} declares, and values that a key declaring them cannot parse, so that
     * a command stops before it reads or writes anything rather than when a plugin first reads the option.
     *
     * @param flag the command-line flag the options came from, for the message (e.g. {@code --backend-option})
     * @param owner what the options are for, for the message (e.g. {@code backend djl})
     * @param known every option the receiving plugins declare
     * @return these options
     * @throws UsageException naming the first unknown key and listing the known ones, or naming the first bad value,
     *                        its key and what was expected
     */
    public Options requireKnown(String flag, String owner, Collection<? extends OptionKey<?>> known) {
        Set<String> names = new TreeSet<>();
        known.forEach(k -> names.add(k.key()));
        for (String key : values.keySet()) {
            if (!names.contains(key)) {
                throw new UsageException("unknown " + flag + " '" + key + "' for " + owner + " (known: "
                        + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
            }
        }
        // every plugin that declares a key reads the value: it must parse for each of them
        for (OptionKey<?> key : known) {
            raw(key.key()).ifPresent(text -> key.check(flag, text));
        }
        return this;
    }
}
