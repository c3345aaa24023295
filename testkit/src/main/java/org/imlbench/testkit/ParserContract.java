package org.imlbench.testkit;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * What every parser of outside input promises, checked on one input, typically by a fuzz target: parsing either
 * returns or throws the parser's documented exception, whose message names the input (a file, usually); it never
 * throws anything else (no {@code NullPointerException}, {@code ArrayIndexOutOfBoundsException}, {@code
 * NumberFormatException}, ...), the heap it allocates stays under {@code fixedBytes + bytesPerInputByte × input
 * length}, and it takes at most {@code maxSeconds}. Running out of heap or stack is never caught here, so it fails
 * the check as it would fail a run. (A parse that never ends is stopped by the fuzzer's per-input timeout.)
 *
 * <p>Allocation is measured as the bytes the calling thread allocated on the heap during the parse (HotSpot's
 * per-thread counter); on a JVM without that counter the bound is not checked.
 *
 * @param documented the exception the parser documents for bad input (e.g. {@code IOException})
 * @param mentioned text its message must contain (e.g. the file's path), or null for no requirement
 * @param fixedBytes heap allowed whatever the input's size
 * @param bytesPerInputByte heap allowed per byte of input
 * @param maxSeconds the longest a parse may take
 */
public record ParserContract(Class<? extends Exception> documented, String mentioned, long fixedBytes,
                             long bytesPerInputByte, double maxSeconds) {
    /** The default time bound: generous for a 2-core machine shared with other work, small for a parse. */
    public static final double DEFAULT_MAX_SECONDS = 10;

    /** A parse of one input. */
    @FunctionalInterface
    public interface Parse {
        /**
         * @throws Exception the documented exception for bad input; anything else breaks the contract
         */
        void run() throws Exception;
    }

    /** Checks the bounds. */
    public ParserContract {
        if (fixedBytes < 0 || bytesPerInputByte < 0 || !(maxSeconds > 0)) {
            throw new IllegalArgumentException("negative allocation bound or non-positive time bound");
        }
    }

    /**
     * @param documented the documented exception
     * @param mentioned what its message names, or null
     * @return a contract with a bound of 64 MiB plus 64 bytes per input byte (JSON trees cost tens of bytes per
     *         input byte) and {@link #DEFAULT_MAX_SECONDS}
     */
    public static ParserContract of(Class<? extends Exception> documented, String mentioned) {
        return new ParserContract(documented, mentioned, 64L << 20, 64, DEFAULT_MAX_SECONDS);
    }

    /**
     * @param fixed heap allowed whatever the input's size
     * @param perInputByte heap allowed per byte of input
     * @return this contract with another allocation bound
     */
    public ParserContract allocating(long fixed, long perInputByte) {
        return new ParserContract(documented, mentioned, fixed, perInputByte, maxSeconds);
    }

    /**
     * @param inputBytes the input's size, for the allocation bound
     * @param parse the parse
     * @throws RuntimeException an undocumented unchecked exception, rethrown as it came (so that a fuzzer reports its
     *                          own stack)
     * @throws AssertionError when the parse breaks the contract otherwise
     */
    public void check(long inputBytes, Parse parse) {
        if (outOfBounds(inputBytes, parse).isPresent()) {
            // the first parse in a JVM also pays for loading (and a fuzzer's instrumenting) the parser's classes in
            // this thread: only a parse that breaks a bound again, warm, breaks the contract
            outOfBounds(inputBytes, parse).ifPresent(problem -> {
                throw new AssertionError(problem);
            });
        }
    }

    /** @return how the parse broke the allocation or time bound, if it did; throws when it broke the rest */
    private Optional<String> outOfBounds(long inputBytes, Parse parse) {
        long before = allocatedBytes();
        long started = System.nanoTime();
        try {
            parse.run();
        } catch (Exception e) {
            if (!documented.isInstance(e)) {
                if (e instanceof RuntimeException unchecked) {
                    throw unchecked;
                }
                throw new AssertionError("undocumented " + e.getClass().getName() + " (only " + documented.getName()
                        + " may escape): " + e.getMessage(), e);
            }
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError(documented.getSimpleName() + " without a message", e);
            }
            if (mentioned != null && !e.getMessage().contains(mentioned)) {
                throw new AssertionError("the message does not name " + mentioned + ": " + e.getMessage(), e);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long after = allocatedBytes();
        long bound = fixedBytes + bytesPerInputByte * inputBytes;
        if (before >= 0 && after >= 0 && after - before > bound) {
            return Optional.of("allocated " + (after - before) + " bytes for " + inputBytes
                    + " bytes of input; the bound is " + bound);
        }
        if (seconds > maxSeconds) {
            return Optional.of("took " + seconds + " s for " + inputBytes + " bytes of input; the bound is "
                    + maxSeconds + " s");
        }
        return Optional.empty();
    }

    /** @return the heap bytes this thread has allocated so far, or -1 where the JVM does not count them */
    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof ThreadMXBean counting
                && counting.isThreadAllocatedMemorySupported() && counting.isThreadAllocatedMemoryEnabled()) {
            return counting.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }
}
