package org.imlbench.templates.jinja;

import com.hubspot.jinjava.el.TruthyTypeConverter;

/**
 * Jinjava's type conversions with Python's truth ({@code "false"} is a true string, an undefined value is an error)
 * and Python's {@code str()}, for the places where the expression language converts a value itself (conditions of
 * {@code a if c else b}, arguments of Java functions).
 */
final class PyTypeConverter extends TruthyTypeConverter {
    private static final long serialVersionUID = 1L;

    @Override
    protected Boolean coerceToBoolean(Object value) {
        return Py.truthy(value);
    }

    @Override
    protected String coerceToString(Object value) {
        return value == null ? "None" : Py.str(value);
    }
}
