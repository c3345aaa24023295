package org.imlbench.templates.jinja;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Global functions of Jinja2 ({@code range}) and of PromptSource's environment ({@code zip}). */
public final class PyFunctions {
    private PyFunctions() {
    }

    /**
     * @param args {@code stop}, or {@code start, stop[, step]}
     * @return Python's {@code range(...)} as a list
     */
    public static List<Object> range(Object... args) {
        long start = 0;
        long stop;
        long step = 1;
        if (args.length == 1) {
            stop = Py.toLong(args[0], "range() argument");
        } else if (args.length == 2 || args.length == 3) {
            start = Py.toLong(args[0], "range() argument");
            stop = Py.toLong(args[1], "range() argument");
            step = args.length == 3 ? Py.toLong(args[2], "range() argument") : 1;
        } else {
            throw new PyException("range expected 1 to 3 arguments, got " + args.length);
        }
        if (step == 0) {
            throw new PyException("range() arg 3 must not be zero");
        }
        // ceil((stop - start) / step), exact: the loop below counts items, never overflowing past stop
        BigInteger span = BigInteger.valueOf(stop).subtract(BigInteger.valueOf(start));
        BigInteger count = span.add(BigInteger.valueOf(step > 0 ? step - 1 : step + 1))
                .divide(BigInteger.valueOf(step));
        long items = count.signum() <= 0 ? 0 : count.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
        RenderBudget.current().make(items, "range()");
        List<Object> out = new ArrayList<>((int) items);
        for (long k = 0; k < items; k++) {
            out.add(start + k * step);
        }
        return out;
    }

    /**
     * @param iterables sequences
     * @return Python's {@code zip(...)} as a list of tuples
     */
    public static List<Object> zip(Object... iterables) {
        List<List<Object>> lists = new ArrayList<>();
        for (Object it : iterables) {
            lists.add(Py.iterate(it));
        }
        List<Object> out = new ArrayList<>();
        int n = lists.stream().mapToInt(List::size).min().orElse(0);
        for (int i = 0; i < n; i++) {
            List<Object> row = new ArrayList<>();
            for (List<Object> list : lists) {
                row.add(list.get(i));
            }
            out.add(new PyTuple(row));
        }
        return out;
    }
}
