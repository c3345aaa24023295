package org.imlbench.templates.jinja;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstUnary;
import jinjava.javax.el.ELContext;

/**
 * Jinja's operators with Python's semantics, replacing those of Jinjava's expression language, which coerces types
 * (so that {@code 1 == '1'}, {@code 'a' + 1} and {@code 'ab' * 2} differ from Python): arithmetic on ints stays
 * exact, {@code /} is true division, {@code //} and {@code %} floor, {@code +} and {@code *} also join and repeat
 * strings and lists, {@code %} formats strings, comparisons never convert, and {@code and}/{@code or} return an
 * operand.
 */
final class PyOperators {
    private PyOperators() {
    }

    /** A binary operator over two evaluated operands. */
    private abstract static class Strict implements AstBinary.Operator {
        private final String symbol;

        Strict(String symbol) {
            this.symbol = symbol;
        }

        @Override
        public Object eval(Bindings bindings, ELContext context, AstNode left, AstNode right) {
            Object a = left.eval(bindings, context);
            Object b = right.eval(bindings, context);
            if (a instanceof Undefined u) {
                throw u.error();
            }
            if (b instanceof Undefined u) {
                throw u.error();
            }
            return apply(a, b);
        }

        abstract Object apply(Object a, Object b);

        PyException unsupported(Object a, Object b) {
            return new PyException("unsupported operand type(s) for " + symbol + ": '" + Py.typeName(a) + "' and '"
                    + Py.typeName(b) + "'");
        }

        @Override
        public String toString() {
            return symbol;
        }
    }

    static final AstBinary.Operator ADD = new Strict("+") {
        @Override
        Object apply(Object a, Object b) {
            if (Py.isNumber(a) && Py.isNumber(b)) {
                return arithmetic(a, b, BigInteger::add, Double::sum);
            }
            if (a instanceof CharSequence x && b instanceof CharSequence y) {
                RenderBudget.current().make(Math.min(x.length(), y.length()), "+");
                return a.toString() + b;
            }
            if (a instanceof List<?> x && b instanceof List<?> y && (a instanceof PyTuple) == (b instanceof PyTuple)) {
                RenderBudget.current().make(Math.min(x.size(), y.size()), "+");
                List<Object> out = new ArrayList<>(x);
                out.addAll(y);
                return a instanceof PyTuple ? new PyTuple(out) : out;
            }
            if (a instanceof CharSequence || b instanceof CharSequence) {
                Object other = a instanceof CharSequence ? b : a;
                throw new PyException("can only concatenate str (not \"" + Py.typeName(other) + "\") to str");
            }
            throw unsupported(a, b);
        }
    };

    static final AstBinary.Operator SUB = new Strict("-") {
        @Override
        Object apply(Object a, Object b) {
            if (Py.isNumber(a) && Py.isNumber(b)) {
                return arithmetic(a, b, BigInteger::subtract, (x, y) -> x - y);
            }
            throw unsupported(a, b);
        }
    };

    static final AstBinary.Operator MUL = new Strict("*") {
        @Override
        Object apply(Object a, Object b) {
            if (Py.isNumber(a) && Py.isNumber(b)) {
                return arithmetic(a, b, BigInteger::multiply, (x, y) -> x * y);
            }
            if (repeatable(a) && isIntLike(b)) {
                return repeat(a, Py.toLong(b, "count"));
            }
            if (repeatable(b) && isIntLike(a)) {
                return repeat(b, Py.toLong(a, "count"));
            }
            throw unsupported(a, b);
        }
    };

    static final AstBinary.Operator DIV = new Strict("/") {
        @Override
        Object apply(Object a, Object b) {
            if (Py.isNumber(a) && Py.isNumber(b)) {
                double y = toDouble(b);
                if (y == 0) {
                    throw new PyException("division by zero");
                }
                return toDouble(a) / y;
            }
            throw unsupported(a, b);
        }
    };

    static final AstBinary.Operator FLOOR_DIV = new Strict("//") {
        @Override
        Object apply(Object a, Object b) {
            if (Py.isNumber(a) && Py.isNumber(b)) {
                if (isIntLike(a) && isIntLike(b)) {
                    BigInteger y = toBig(b);
                    if (y.signum() == 0) {
                        throw new PyException("integer division or modulo by zero");
                    }
                    BigInteger[] qr = toBig(a).divideAndRemainder(y);
                    BigInteger q = qr[1].signum() != 0 && qr[1].signum() != y.signum() ? qr[0].subtract(BigInteger.ONE)
                            : qr[0];
                    return Py.normalizeInt(q);
                }
                double y = toDouble(b);
                if (y == 0) {
                    throw new PyException("float floor division by zero");
                }
                return Math.floor(toDouble(a) / y);
            }
            throw unsupported(a, b);
        }
    };

    static final AstBinary.Operator MOD = new Strict("%") {
        @Override
        Object apply(Object a, Object b) {
            if (a instanceof CharSequence s) {
                return PyFormat.percent(s.toString(), b);
            }
            if (Py.isNumber(a) && Py.isNumber(b)) {
                if (isIntLike(a) && isIntLike(b)) {
                    BigInteger y = toBig(b);
                    if (y.signum() == 0) {
                        throw new PyException("integer division or modulo by zero");
                    }
                    BigInteger r = toBig(a).mod(y.abs());
                    if (y.signum() < 0 && r.signum() != 0) {
                        r = r.add(y);
                    }
                    return Py.normalizeInt(r);
                }
                double x = toDouble(a);
                double y = toDouble(b);
                if (y == 0) {
                    throw new PyException("float modulo");
                }
                double r = x % y;
                return r != 0 && (r < 0) != (y < 0) ? r + y : r;
            }
            throw unsupported(a, b);
        }
    };

    static final AstBinary.Operator POW = new Strict("**") {
        @Override
        Object apply(Object a, Object b) {
            if (Py.isNumber(a) && Py.isNumber(b)) {
                if (isIntLike(a) && isIntLike(b) && Py.toLong(b, "exponent") >= 0) {
                    BigInteger base = toBig(a);
                    long exponent = Py.toLong(b, "exponent");
                    if (base.abs().compareTo(BigInteger.ONE) <= 0) {
                        // 0, 1 and -1 stay small whatever the exponent: only its parity matters
                        return Py.normalizeInt(base.pow(exponent == 0 ? 0 : 2 - (int) (exponent & 1)));
                    }
                    // about the result's decimal digits: what printing it makes
                    RenderBudget.current().make((long) Math.min(Long.MAX_VALUE, base.bitLength() * 0.30103 * exponent),
                            "**");
                    return Py.normalizeInt(base.pow((int) exponent));
                }
                return Math.pow(toDouble(a), toDouble(b));
            }
            throw unsupported(a, b);
        }
    };

    /** {@code ~}: both operands as strings, joined. */
    static final AstBinary.Operator CONCAT = new Strict("~") {
        @Override
        Object apply(Object a, Object b) {
            String x = Py.str(a);
            String y = Py.str(b);
            RenderBudget.current().make(Math.min(x.length(), y.length()), "~");
            return x + y;
        }
    };

    static final AstBinary.Operator EQ = new Strict("==") {
        @Override
        Object apply(Object a, Object b) {
            return Py.eq(a, b);
        }
    };

    static final AstBinary.Operator NE = new Strict("!=") {
        @Override
        Object apply(Object a, Object b) {
            return !Py.eq(a, b);
        }
    };

    static final AstBinary.Operator LT = new Strict("<") {
        @Override
        Object apply(Object a, Object b) {
            return Py.compare(a, b) < 0;
        }
    };

    static final AstBinary.Operator LE = new Strict("<=") {
        @Override
        Object apply(Object a, Object b) {
            return Py.compare(a, b) <= 0;
        }
    };

    static final AstBinary.Operator GT = new Strict(">") {
        @Override
        Object apply(Object a, Object b) {
            return Py.compare(a, b) > 0;
        }
    };

    static final AstBinary.Operator GE = new Strict(">=") {
        @Override
        Object apply(Object a, Object b) {
            return Py.compare(a, b) >= 0;
        }
    };

    static final AstBinary.Operator IN = new Strict("in") {
        @Override
        Object apply(Object a, Object b) {
            return contains(b, a);
        }
    };

    static final AstBinary.Operator NOT_IN = new Strict("not in") {
        @Override
        Object apply(Object a, Object b) {
            return !contains(b, a);
        }
    };

    /** {@code and}: the left operand when it is false, else the right one, which is evaluated only then. */
    static final AstBinary.Operator AND = new AstBinary.Operator() {
        @Override
        public Object eval(Bindings bindings, ELContext context, AstNode left, AstNode right) {
            Object a = left.eval(bindings, context);
            return Py.truthy(a) ? right.eval(bindings, context) : a;
        }

        @Override
        public String toString() {
            return "and";
        }
    };

    /** {@code or}: the left operand when it is true, else the right one. */
    static final AstBinary.Operator OR = new AstBinary.Operator() {
        @Override
        public Object eval(Bindings bindings, ELContext context, AstNode left, AstNode right) {
            Object a = left.eval(bindings, context);
            return Py.truthy(a) ? a : right.eval(bindings, context);
        }

        @Override
        public String toString() {
            return "or";
        }
    };

    static final AstUnary.Operator NOT = (bindings, context, node) -> !Py.truthy(node.eval(bindings, context));

    static final AstUnary.Operator NEG = (bindings, context, node) -> {
        Object v = node.eval(bindings, context);
        if (v instanceof Undefined u) {
            throw u.error();
        }
        if (isIntLike(v)) {
            return Py.normalizeInt(toBig(v).negate());
        }
        if (v instanceof Number n) {
            return -n.doubleValue();
        }
        throw new PyException("bad operand type for unary -: '" + Py.typeName(v) + "'");
    };

    /**
     * @param a a value
     * @param b another
     * @return Python's {@code a + b}
     */
    static Object add(Object a, Object b) {
        return apply(ADD, a, b);
    }

    /**
     * @param operator one of this class's arithmetic or comparison operators
     * @param a the evaluated left operand
     * @param b the evaluated right operand
     * @return the result
     */
    static Object apply(AstBinary.Operator operator, Object a, Object b) {
        if (a instanceof Undefined u) {
            throw u.error();
        }
        if (b instanceof Undefined u) {
            throw u.error();
        }
        return ((Strict) operator).apply(a, b);
    }

    /**
     * @param container a str, list, tuple or dict
     * @param item a value
     * @return Python's {@code item in container}
     */
    static boolean contains(Object container, Object item) {
        if (container instanceof CharSequence s) {
            if (!(item instanceof CharSequence)) {
                throw new PyException("'in <string>' requires string as left operand, not " + Py.typeName(item));
            }
            return s.toString().contains(item.toString());
        }
        if (container instanceof Map<?, ?> m) {
            return Py.hasKey(m, item);
        }
        if (container instanceof Collection<?> c) {
            for (Object x : c) {
                if (Py.eq(x, item)) {
                    return true;
                }
            }
            return false;
        }
        if (container instanceof Undefined u) {
            throw u.error();
        }
        throw new PyException("argument of type '" + Py.typeName(container) + "' is not iterable");
    }

    private static boolean repeatable(Object v) {
        return v instanceof CharSequence || v instanceof List;
    }

    private static boolean isIntLike(Object v) {
        return Py.isInt(v) || v instanceof Boolean;
    }

    private static Object repeat(Object v, long times) {
        long length = v instanceof CharSequence s ? s.length() : ((List<?>) v).size();
        RenderBudget.current().make(times <= 0 ? 0 : Math.multiplyHigh(length, times) != 0 ? -1 : length * times,
                "*");
        if (v instanceof CharSequence s) {
            return times <= 0 ? "" : s.toString().repeat((int) times);
        }
        List<Object> out = new ArrayList<>();
        for (long i = 0; i < times; i++) {
            out.addAll((List<?>) v);
        }
        return v instanceof PyTuple ? new PyTuple(out) : out;
    }

    private static BigInteger toBig(Object v) {
        return v instanceof Boolean b ? BigInteger.valueOf(b ? 1 : 0) : Py.toBigInteger((Number) v);
    }

    private static double toDouble(Object v) {
        return v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).doubleValue();
    }

    private static Object arithmetic(Object a, Object b, BinaryOperator<BigInteger> exact,
                                     DoubleBinaryOperator inexact) {
        if (isIntLike(a) && isIntLike(b)) {
            return Py.normalizeInt(exact.apply(toBig(a), toBig(b)));
        }
        return inexact.applyAsDouble(toDouble(a), toDouble(b));
    }
}
