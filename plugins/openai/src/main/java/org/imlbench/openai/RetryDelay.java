package org.imlbench.openai;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** How long to wait before retrying: what the server asks for in {@code Retry-After}, else exponential backoff. */
final class RetryDelay {
    /** The first backoff; each retry doubles it. */
    static final Duration BASE = Duration.ofMillis(500);
    /** The longest backoff. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** The longest wait a server's {@code Retry-After} can impose. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);

    private RetryDelay() {
    }

    /**
     * @param attempt the attempt that failed, 0 for the first
     * @param retryAfter the response's {@code Retry-After} header, if any
     * @param now the current time, for HTTP-date values
     * @return the wait
     */
    static Duration after(int attempt, Optional<String> retryAfter, ZonedDateTime now) {
        Optional<Duration> asked = retryAfter.flatMap(v -> parse(v, now));
        if (asked.isPresent()) {
            return asked.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked.get();
        }
        long base = BASE.toMillis() << Math.min(attempt, 16);
        long capped = Math.min(base, MAX_BACKOFF.toMillis());
        // full jitter within the upper half, so that many clients do not retry in lockstep
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    /** {@code Retry-After} is either seconds or an HTTP-date (RFC 9110 10.2.3). */
    static Optional<Duration> parse(String value, ZonedDateTime now) {
        String v = value.strip();
        try {
            double seconds = Double.parseDouble(v);
            if (seconds >= 0 && Double.isFinite(seconds)) {
                return Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
            }
            return Optional.empty();
        } catch (NumberFormatException e) {
            // not seconds: try a date
        }
        try {
            Duration wait = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
