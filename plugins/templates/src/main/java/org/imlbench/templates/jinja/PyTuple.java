package org.imlbench.templates.jinja;

import com.hubspot.jinjava.objects.collections.PyList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A Python tuple: an immutable list that prints as {@code (a, b)}. Tuple literals and the pairs of {@code dict.items()}
 * are tuples, so that they print and compare as in Python.
 */
public final class PyTuple extends PyList {
    /** @param items the items, copied */
    public PyTuple(List<?> items) {
        super(Collections.unmodifiableList(new ArrayList<Object>(items)));
    }

    /**
     * @param items the items
     * @return a tuple of them
     */
    public static PyTuple of(Object... items) {
        return new PyTuple(Arrays.asList(items));
    }
}
