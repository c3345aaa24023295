package org.imlbench.djl.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The decode-thread chooser times both candidates, keeps the faster, and times them again later. */
class AdaptiveThreadsTest {
    @Test
    void keepsTheFasterCandidateAndRechecks() {
        AdaptiveThreads a = new AdaptiveThreads(1, 2);
        assertEquals(1, a.next());
        a.record(1, 900);
        assertEquals(2, a.next());
        a.record(2, 300);
        for (int i = 0; i < 62; i++) {
            assertEquals(2, a.next(), "two threads were faster");
            a.record(2, 300);
        }
        assertEquals(1, a.next(), "both are timed again");
        a.record(1, 100);
        assertEquals(2, a.next());
        a.record(2, 500);
        assertEquals(1, a.next(), "now one thread is faster");
    }

    @Test
    void equalCandidatesNeverSwitch() {
        AdaptiveThreads a = new AdaptiveThreads(2, 2);
        for (int i = 0; i < 5; i++) {
            assertEquals(2, a.next());
            a.record(2, 10);
        }
    }
}
