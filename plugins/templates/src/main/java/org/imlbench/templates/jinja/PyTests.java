package org.imlbench.templates.jinja;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/** Jinja2's tests ({@code x is defined}, {@code x is none}, {@code x is in y}, ...) on Python values. */
final class PyTests {
    private PyTests() {
    }

    /** A Jinjava {@link ExpTest} around a predicate of the value and the test's argument (null when none). */
    private record Named(String name, BiPredicate<Object, Object> test) implements ExpTest {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
            return test.test(var, args == null || args.length == 0 ? null : args[0]);
        }
    }

    static List<ExpTest> all() {
        List<ExpTest> out = new ArrayList<>();
        add(out, (v, x) -> !(v instanceof Undefined), "defined");
        add(out, (v, x) -> v instanceof Undefined, "undefined");
        add(out, (v, x) -> v == null, "none", "null");
        add(out, (v, x) -> v instanceof CharSequence, "string");
        add(out, (v, x) -> v instanceof Number, "number");
        add(out, (v, x) -> Py.isInt(v), "integer");
        add(out, (v, x) -> v instanceof Number && !Py.isInt(v), "float");
        add(out, (v, x) -> v instanceof Boolean, "boolean");
        add(out, (v, x) -> Boolean.TRUE.equals(v), "true");
        add(out, (v, x) -> Boolean.FALSE.equals(v), "false");
        add(out, (v, x) -> v instanceof CharSequence || v instanceof Iterable || v instanceof Map, "iterable",
                "sequence");
        add(out, (v, x) -> v instanceof Map, "mapping");
        add(out, (v, x) -> Py.toLong(v, "value") % 2 != 0, "odd");
        add(out, (v, x) -> Py.toLong(v, "value") % 2 == 0, "even");
        add(out, (v, x) -> Py.toLong(v, "value") % Py.toLong(x, "num") == 0, "divisibleby");
        add(out, Py::eq, "eq", "equalto", "==", "sameas");
        add(out, (v, x) -> !Py.eq(v, x), "ne", "!=");
        add(out, (v, x) -> Py.compare(v, x) < 0, "lt", "lessthan", "<");
        add(out, (v, x) -> Py.compare(v, x) <= 0, "le", "<=");
        add(out, (v, x) -> Py.compare(v, x) > 0, "gt", "greaterthan", ">");
        add(out, (v, x) -> Py.compare(v, x) >= 0, "ge", ">=");
        add(out, (v, x) -> PyOperators.contains(x, v), "in");
        add(out, (v, x) -> PyStr.isLower(Py.str(v)), "lower");
        add(out, (v, x) -> PyStr.isUpper(Py.str(v)), "upper");
        return out;
    }

    private static void add(List<ExpTest> out, BiPredicate<Object, Object> test, String... names) {
        for (String name : names) {
            out.add(new Named(name, test));
        }
    }
}
