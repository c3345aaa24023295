package org.imlbench.templates.jinja;

import com.hubspot.jinjava.objects.collections.PyList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A dict view ({@code dict.keys()}, {@code values()}, {@code items()}): a list that prints as Python's view does. */
final class PyView extends PyList {
    private final String kind;

    /**
     * @param kind {@code dict_keys}, {@code dict_values} or {@code dict_items}
     * @param items the view's items, copied
     */
    PyView(String kind, List<?> items) {
        super(Collections.unmodifiableList(new ArrayList<Object>(items)));
        this.kind = kind;
    }

    /** @return e.g. {@code dict_keys} */
    String kind() {
        return kind;
    }
}
