package org.imlbench.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Retry-After in seconds or as an HTTP-date, capped; otherwise doubling backoff with jitter. */
class RetryDelayTest {
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 12, 4, 12, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void honoursRetryAfter() {
        assertEquals(Duration.ofSeconds(3), RetryDelay.after(0, Optional.of("3"), NOW));
        assertEquals(Duration.ofMillis(1500), RetryDelay.after(4, Optional.of(" 1.5 "), NOW));
        assertEquals(Duration.ofSeconds(90), RetryDelay.after(0, Optional.of("Fri, 04 Dec 2026 12:01:30 GMT"), NOW));
        assertEquals(Duration.ZERO, RetryDelay.after(0, Optional.of("Fri, 04 Dec 2026 11:00:00 GMT"), NOW));
        assertEquals(RetryDelay.MAX_RETRY_AFTER, RetryDelay.after(0, Optional.of("86400"), NOW));
    }

    @Test
    void backsOffExponentiallyWithoutRetryAfter() {
        for (int attempt = 0; attempt < 12; attempt++) {
            long cap = Math.min(RetryDelay.BASE.toMillis() << attempt, RetryDelay.MAX_BACKOFF.toMillis());
            Duration d = RetryDelay.after(attempt, Optional.of("soon"), NOW);
            assertTrue(d.toMillis() >= cap / 2 && d.toMillis() <= cap, attempt + ": " + d);
        }
    }
}
