package org.imlbench.templates.jinja;

import java.util.ArrayList;
import java.util.List;

/**
 * A Python slice {@code [start:stop:step]} resolved against a sequence's length, as {@code slice.indices(len)} does:
 * negative bounds count from the end and out-of-range bounds are clamped.
 *
 * @param start the first index
 * @param stop the index the slice stops before (for a negative step: after)
 * @param step the step, never 0
 */
record Slice(int start, int stop, int step) {
    /**
     * @param start the start as written (null when omitted)
     * @param stop the stop as written (null when omitted)
     * @param step the step as written (null when omitted)
     * @param length the sequence's length
     * @return the resolved slice
     * @throws PyException for a zero or non-integer bound
     */
    static Slice of(Object start, Object stop, Object step, int length) {
        long s = step == null ? 1 : Py.toLong(step, "slice step");
        if (s == 0) {
            throw new PyException("slice step cannot be zero");
        }
        long lower = s < 0 ? -1 : 0;
        long upper = s < 0 ? length - 1 : length;
        long from = start == null ? (s < 0 ? upper : lower)
                : clamp(Py.toLong(start, "slice index"), length, lower, upper);
        long to = stop == null ? (s < 0 ? lower : upper) : clamp(Py.toLong(stop, "slice index"), length, lower, upper);
        return new Slice((int) from, (int) to, (int) s);
    }

    private static long clamp(long index, int length, long lower, long upper) {
        if (index < 0) {
            index += length;
            return Math.max(index, lower);
        }
        return Math.min(index, upper);
    }

    /** @return the selected indices, in order */
    int[] indices() {
        List<Integer> out = new ArrayList<>();
        if (step > 0) {
            for (int i = start; i < stop; i += step) {
                out.add(i);
            }
        } else {
            for (int i = start; i > stop; i += step) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
