package org.imlbench.templates.jinja;

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
        List<Object> out = new ArrayList<>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
            if (out.size() > 10_000_000) {
                throw new PyException("range too large");
            }
            out.add(i);
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
