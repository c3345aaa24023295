package org.imlbench.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One option a plugin understands: its key, what type of value it takes, its default and what it does. A plugin
 * lists its keys in {@link Plugin#declaredOptions()}, so that the harness can show them ({@code harness plugins
 * --options}) and refuse unknown keys, and reads values with {@link #value(Options)}, which turns every bad value
 * into a {@link UsageException} naming the key, the value and what was expected.
 *
 * <pre>{@code
 * static final OptionKey<Integer> BATCH_SIZE = OptionKey.integer("batch-size", "units per forward pass", 8, 1);
 * ...
 * int batch = request.options().get(BATCH_SIZE);
 * }</pre>
 *
 * @param <T> the type of the parsed value
 */
public final class OptionKey<T> {
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    private final String key;
    private final String type;
    private final String description;
    private final T defaultValue;
    private final Function<String, T> parser;

    private OptionKey(String key, String type, String description, T defaultValue, Function<String, T> parser) {
        if (!KEY.matcher(Objects.requireNonNull(key, "key")).matches()) {
            throw new IllegalArgumentException("option key '" + key + "' must be lower case, digits, '.', '_', '-'");
        }
        this.key = key;
        this.type = Objects.requireNonNull(type, "type");
        this.description = Objects.requireNonNull(description, "description");
        this.defaultValue = defaultValue;
        this.parser = parser;
    }

    /**
     * An integer option.
     *
     * @param key the key
     * @param description what it does
     * @param defaultValue the value when not given, or null when the option is required
     * @param min the smallest allowed value
     * @return the option
     */
    public static OptionKey<Integer> integer(String key, String description, Integer defaultValue, int min) {
        return integer(key, description, defaultValue, min, Integer.MAX_VALUE);
    }

    /**
     * An integer option within a range.
     *
     * @param key the key
     * @param description what it does
     * @param defaultValue the value when not given, or null when the option is required
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the option
     */
    public static OptionKey<Integer> integer(String key, String description, Integer defaultValue, int min,
                                             int max) {
        String type = max == Integer.MAX_VALUE ? "integer >= " + min : "integer in [" + min + ", " + max + "]";
        return new OptionKey<>(key, type, description, defaultValue, text -> {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) {
                throw new IllegalArgumentException();
            }
            return value;
        });
    }

    /**
     * A 64-bit integer option (seeds and the like).
     *
     * @param key the key
     * @param description what it does
     * @param defaultValue the value when not given, or null when the option is required
     * @return the option
     */
    public static OptionKey<Long> longInteger(String key, String description, Long defaultValue) {
        return new OptionKey<>(key, "integer", description, defaultValue, text -> Long.parseLong(text.strip()));
    }

    /**
     * A finite decimal option within a range.
     *
     * @param key the key
     * @param description what it does
     * @param defaultValue the value when not given, or null when the option is required
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the option
     */
    public static OptionKey<Double> decimal(String key, String description, Double defaultValue, double min,
                                            double max) {
        return new OptionKey<>(key, "number in [" + min + ", " + max + "]", description, defaultValue, text -> {
            double value = Double.parseDouble(text.strip());
            if (!Double.isFinite(value) || value < min || value > max) {
                throw new IllegalArgumentException();
            }
            return value;
        });
    }

    /**
     * A boolean option: {@code true}/{@code false} (also {@code yes}/{@code no}, {@code 1}/{@code 0}).
     *
     * @param key the key
     * @param description what it does
     * @param defaultValue the value when not given
     * @return the option
     */
    public static OptionKey<Boolean> flag(String key, String description, boolean defaultValue) {
        return new OptionKey<>(key, "true or false", description, defaultValue, text ->
                switch (text.strip().toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "1" -> true;
                    case "false", "no", "0" -> false;
                    default -> throw new IllegalArgumentException();
                });
    }

    /**
     * A free-text option.
     *
     * @param key the key
     * @param description what it does
     * @param defaultValue the value when not given, or null when the option is required
     * @return the option
     */
    public static OptionKey<String> text(String key, String description, String defaultValue) {
        return new OptionKey<>(key, "text", description, defaultValue, text -> {
            if (text.isBlank()) {
                throw new IllegalArgumentException();
            }
            return text;
        });
    }

    /**
     * An option that takes one of a few words, compared without regard to case.
     *
     * @param key the key
     * @param description what it does
     * @param defaultValue the value when not given (one of {@code values}), or null when the option is required
     * @param values the allowed words, in lower case
     * @return the option; its value is the word as listed
     */
    public static OptionKey<String> choice(String key, String description, String defaultValue, String... values) {
        List<String> allowed = List.of(values);
        return new OptionKey<>(key, "one of " + String.join(", ", allowed), description, defaultValue, text -> {
            String word = text.strip().toLowerCase(Locale.ROOT);
            if (!allowed.contains(word)) {
                throw new IllegalArgumentException();
            }
            return word;
        });
    }

    /**
     * A duration: a number with a unit ({@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}) or ISO-8601
     * ({@code PT30S}).
     *
     * @param key the key
     * @param description what it does
     * @param defaultValue the value when not given, or null when the option is required
     * @return the option
     */
    public static OptionKey<Duration> duration(String key, String description, Duration defaultValue) {
        return new OptionKey<>(key, "duration such as 250ms, 30s, 5m", description, defaultValue, text -> {
            String t = text.strip().toLowerCase(Locale.ROOT);
            Matcher m = DURATION.matcher(t);
            Duration value;
            if (m.matches()) {
                double amount = Double.parseDouble(m.group(1));
                double millis = switch (m.group(2)) {
                    case "ms" -> amount;
                    case "s" -> amount * 1_000;
                    case "m" -> amount * 60_000;
                    default -> amount * 3_600_000;
                };
                value = Duration.ofMillis(Math.round(millis));
            } else {
                value = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            }
            if (value.isNegative()) {
                throw new IllegalArgumentException();
            }
            return value;
        });
    }

    /**
     * A file or folder. Relative paths are returned as given; the plugin resolves them.
     *
     * @param key the key
     * @param description what it does
     * @return the option, required when read with {@link #value}; use {@link #optional} when it may be absent
     */
    public static OptionKey<Path> path(String key, String description) {
        return new OptionKey<>(key, "path", description, null, text -> {
            if (text.isBlank()) {
                throw new IllegalArgumentException();
            }
            return Path.of(text.strip());
        });
    }

    /**
     * A comma-separated list of words.
     *
     * @param key the key
     * @param description what it does
     * @param defaultValue the value when not given
     * @return the option; blank entries are dropped
     */
    public static OptionKey<List<String>> list(String key, String description, List<String> defaultValue) {
        return new OptionKey<>(key, "comma-separated list", description, List.copyOf(defaultValue), text -> {
            List<String> out = new ArrayList<>();
            Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
            return List.copyOf(out);
        });
    }

    /** @return the key users type */
    public String key() {
        return key;
    }

    /** @return the kind of value expected, e.g. {@code integer >= 1} */
    public String type() {
        return type;
    }

    /** @return what the option does */
    public String description() {
        return description;
    }

    /** @return the value used when the option is not given, if any */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /**
     * @param options the options given
     * @return the parsed value, or the default when the option was not given
     * @throws UsageException when the value does not parse or is out of range, or when a required option is missing
     */
    public T value(Options options) {
        Optional<T> value = optional(options);
        if (value.isPresent()) {
            return value.get();
        }
        if (defaultValue == null) {
            throw new UsageException("option " + key + " is required (" + type + ": " + description + ")");
        }
        return defaultValue;
    }

    /**
     * @param options the options given
     * @return the parsed value when the option was given; never the default
     * @throws UsageException when the value does not parse or is out of range
     */
    public Optional<T> optional(Options options) {
        Optional<String> text = options.raw(key);
        return text.map(t -> parse("option", t));
    }

    /**
     * Checks a value before any plugin reads it ({@link Options#requireKnown}).
     *
     * @param flag the command-line flag it was given with, for the message
     * @param text the value as given
     * @throws UsageException naming the flag, the key, the value and what was expected
     */
    void check(String flag, String text) {
        parse(flag, text);
    }

    private T parse(String label, String text) {
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            throw new UsageException(label + " " + key + "='" + text + "': expected " + type);
        }
    }

    @Override
    public String toString() {
        return key + " (" + type + (defaultValue == null ? "" : ", default " + defaultValue) + "): " + description;
    }
}
