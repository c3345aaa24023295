package org.imlbench.templates.jinja;

import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.ext.AdditionOperator;
import com.hubspot.jinjava.el.ext.AstDict;
import com.hubspot.jinjava.el.ext.AstTuple;
import com.hubspot.jinjava.el.ext.CollectionMembershipOperator;
import com.hubspot.jinjava.el.ext.CollectionNonMembershipOperator;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.el.ext.OrOperator;
import com.hubspot.jinjava.el.ext.PowerOfOperator;
import com.hubspot.jinjava.el.ext.StringConcatOperator;
import com.hubspot.jinjava.el.ext.TruncDivOperator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.Scanner;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstBracket;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstNull;
import jinjava.de.odysseus.el.tree.impl.ast.AstParameters;
import jinjava.de.odysseus.el.tree.impl.ast.AstRightValue;
import jinjava.de.odysseus.el.tree.impl.ast.AstString;
import jinjava.de.odysseus.el.tree.impl.ast.AstUnary;
import jinjava.javax.el.ELContext;

/**
 * Jinjava's expression parser with Python's operators ({@link PyOperators}), Python string literals
 * ({@link PyScanner}), tuples that stay tuples, and full slices ({@code text[::-1]}, {@code items[-3:]}).
 */
final class PyParser extends ExtendedParser {
    private static final Map<AstBinary.Operator, AstBinary.Operator> BINARY = Map.ofEntries(
            Map.entry(AstBinary.ADD, PyOperators.ADD), Map.entry(AdditionOperator.OP, PyOperators.ADD),
            Map.entry(AstBinary.SUB, PyOperators.SUB), Map.entry(AstBinary.MUL, PyOperators.MUL),
            Map.entry(AstBinary.DIV, PyOperators.DIV), Map.entry(AstBinary.MOD, PyOperators.MOD),
            Map.entry(AstBinary.EQ, PyOperators.EQ), Map.entry(AstBinary.NE, PyOperators.NE),
            Map.entry(AstBinary.LT, PyOperators.LT), Map.entry(AstBinary.LE, PyOperators.LE),
            Map.entry(AstBinary.GT, PyOperators.GT), Map.entry(AstBinary.GE, PyOperators.GE),
            Map.entry(AstBinary.AND, PyOperators.AND), Map.entry(AstBinary.OR, PyOperators.OR),
            Map.entry(OrOperator.OP, PyOperators.OR));

    PyParser(Builder builder, String input) {
        super(builder, input);
        replace(CollectionMembershipOperator.TOKEN, PyOperators.IN);
        replace(CollectionNonMembershipOperator.TOKEN, PyOperators.NOT_IN);
        replace(StringConcatOperator.TOKEN, PyOperators.CONCAT);
        replace(TruncDivOperator.TOKEN, PyOperators.FLOOR_DIV);
        replace(PowerOfOperator.TOKEN, PyOperators.POW);
    }

    private void replace(Scanner.ExtensionToken token, AstBinary.Operator operator) {
        Parser.ExtensionPoint point = getExtensionHandler(token).getExtensionPoint();
        putExtensionHandler(token, new Parser.ExtensionHandler(point) {
            @Override
            public AstNode createAstNode(AstNode... children) {
                return new AstBinary(children[0], children[1], operator);
            }
        });
    }

    @Override
    protected Scanner createScanner(String expression) {
        return new PyScanner(expression);
    }

    @Override
    protected AstBinary createAstBinary(AstNode left, AstNode right, AstBinary.Operator operator) {
        return super.createAstBinary(left, right, BINARY.getOrDefault(operator, operator));
    }

    @Override
    protected AstUnary createAstUnary(AstNode child, AstUnary.Operator operator) {
        AstUnary.Operator python = operator == AstUnary.NOT ? PyOperators.NOT
                : operator == AstUnary.NEG ? PyOperators.NEG : operator;
        return super.createAstUnary(child, python);
    }

    /**
     * Comparisons chain as in Python: {@code a < b <= c} is {@code a < b and b <= c}, each operand evaluated once.
     * Membership ({@code in}, {@code not in}) stays Jinjava's single comparison.
     */
    @Override
    protected AstNode cmp(boolean required) throws Scanner.ScanException, ParseException {
        AstNode first = add(required);
        if (first == null) {
            return null;
        }
        List<AstNode> operands = new ArrayList<>(List.of(first));
        List<AstBinary.Operator> operators = new ArrayList<>();
        while (true) {
            AstBinary.Operator op = switch (getToken().getSymbol()) {
                case LT -> PyOperators.LT;
                case LE -> PyOperators.LE;
                case GT -> PyOperators.GT;
                case GE -> PyOperators.GE;
                default -> null;
            };
            if (op == null) {
                break;
            }
            consumeToken();
            operators.add(op);
            operands.add(add(true));
        }
        AstNode v = operators.isEmpty() ? first : operators.size() == 1
                ? createAstBinary(first, operands.get(1), operators.get(0)) : new ChainNode(operands, operators);
        Scanner.Token token = getToken();
        if (token.getSymbol() == Scanner.Symbol.EXTENSION
                && getExtensionHandler(token).getExtensionPoint() == Parser.ExtensionPoint.CMP) {
            return getExtensionHandler(consumeToken()).createAstNode(v, add(true));
        }
        if ("not".equals(token.getImage()) && "in".equals(lookahead(0).getImage())) {
            consumeToken();
            consumeToken();
            return new AstBinary(v, add(true), PyOperators.NOT_IN);
        }
        return v;
    }

    /** {@code a < b < c}: true when every adjacent pair compares true; stops at the first false pair. */
    private static final class ChainNode extends AstRightValue {
        private final List<AstNode> operands;
        private final List<AstBinary.Operator> operators;

        ChainNode(List<AstNode> operands, List<AstBinary.Operator> operators) {
            this.operands = List.copyOf(operands);
            this.operators = List.copyOf(operators);
        }

        @Override
        public Object eval(Bindings bindings, ELContext context) {
            Object left = operands.get(0).eval(bindings, context);
            for (int i = 0; i < operators.size(); i++) {
                Object right = operands.get(i + 1).eval(bindings, context);
                if (!Py.truthy(PyOperators.apply(operators.get(i), left, right))) {
                    return false;
                }
                left = right;
            }
            return true;
        }

        @Override
        public void appendStructure(StringBuilder builder, Bindings bindings) {
            builder.append("<chain>");
        }

        @Override
        public int getCardinality() {
            return operands.size();
        }

        @Override
        public AstNode getChild(int i) {
            return operands.get(i);
        }
    }

    /** Lists, tuples and calls as Python writes them, a trailing comma allowed ({@code [a, b,]}, {@code ('x',)}). */
    @Override
    protected AstParameters params(Scanner.Symbol left, Scanner.Symbol right) throws Scanner.ScanException,
            ParseException {
        consumeToken(left);
        List<AstNode> nodes = new ArrayList<>();
        AstNode v = expr(false);
        if (v != null) {
            nodes.add(v);
            while (getToken().getSymbol() == Scanner.Symbol.COMMA) {
                consumeToken();
                if (getToken().getSymbol() == right) {
                    break;
                }
                nodes.add(expr(true));
            }
        }
        consumeToken(right);
        return createAstParameters(nodes);
    }

    /** {@code None} and {@code none} are Python's None (identifiers to the scanner, so that {@code is none} parses). */
    @Override
    protected AstNode nonliteral() throws Scanner.ScanException, ParseException {
        Scanner.Token token = getToken();
        if (token.getSymbol() == Scanner.Symbol.IDENTIFIER && (token.getImage().equals("None")
                || token.getImage().equals("none")) && lookahead(0).getSymbol() != Scanner.Symbol.LPAREN) {
            consumeToken();
            return new AstNull();
        }
        return super.nonliteral();
    }

    /** Dict literals with Python's keys: any expression ({@code {key: value}} uses the variable {@code key}). */
    @Override
    protected AstDict createAstDict(Map<AstNode, AstNode> dict) {
        return new AstDict(dict) {
            @Override
            public Object eval(Bindings bindings, ELContext context) {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<AstNode, AstNode> e : dict.entrySet()) {
                    Object key = e.getKey().eval(bindings, context);
                    if (key instanceof Undefined u) {
                        throw u.error();
                    }
                    Object value = e.getValue().eval(bindings, context);
                    out.keySet().removeIf(k -> Py.eq(k, key));
                    out.put(key, value);
                }
                return out;
            }
        };
    }

    /** Adjacent string literals are one string, as in Python ({@code ''''} is the empty string). */
    @Override
    protected AstNode literal() throws Scanner.ScanException, ParseException {
        if (getToken().getSymbol() != Scanner.Symbol.STRING) {
            return super.literal();
        }
        StringBuilder joined = new StringBuilder(consumeToken().getImage());
        while (getToken().getSymbol() == Scanner.Symbol.STRING) {
            joined.append(consumeToken().getImage());
        }
        return new AstString(joined.toString());
    }

    @Override
    protected AstTuple createAstTuple(AstParameters parameters) {
        return new AstTuple(parameters) {
            @Override
            public Object eval(Bindings bindings, ELContext context) {
                return new PyTuple((List<?>) super.eval(bindings, context));
            }
        };
    }

    /**
     * Jinjava's {@code value()} with Python slices: {@code [start:stop:step]}, each part optional. Filters and tests
     * are parsed at the multiplicative level (natural operator precedence, always on here).
     */
    @Override
    protected AstNode value() throws Scanner.ScanException, ParseException {
        boolean lvalue = true;
        AstNode v = nonliteral();
        if (v == null) {
            v = literal();
            if (v == null) {
                return null;
            }
            lvalue = false;
        }
        while (true) {
            Scanner.Symbol symbol = getToken().getSymbol();
            if (symbol == Scanner.Symbol.DOT) {
                consumeToken();
                String name = consumeToken(Scanner.Symbol.IDENTIFIER).getImage();
                AstDot dot = createAstDot(v, name, lvalue);
                v = getToken().getSymbol() == Scanner.Symbol.LPAREN ? createAstMethod(dot, params()) : dot;
            } else if (symbol == Scanner.Symbol.LBRACK) {
                consumeToken();
                AstNode start = expr(false);
                if (getToken().getSymbol() == Scanner.Symbol.COLON) {
                    consumeToken();
                    AstNode stop = getToken().getSymbol() == Scanner.Symbol.COLON ? null : expr(false);
                    AstNode step = null;
                    if (getToken().getSymbol() == Scanner.Symbol.COLON) {
                        consumeToken();
                        step = expr(false);
                    }
                    consumeToken(Scanner.Symbol.RBRACK);
                    v = new SliceNode(v, start, stop, step);
                } else {
                    consumeToken(Scanner.Symbol.RBRACK);
                    if (start == null) {
                        fail("an index");
                    }
                    AstBracket bracket = createAstBracket(v, start, lvalue, true);
                    v = getToken().getSymbol() == Scanner.Symbol.LPAREN ? createAstMethod(bracket, params())
                            : bracket;
                }
            } else {
                return v;
            }
        }
    }

    /** {@code base[start:stop:step]} on a str, list or tuple. */
    private static final class SliceNode extends AstRightValue {
        private final AstNode base;
        private final AstNode start;
        private final AstNode stop;
        private final AstNode step;

        SliceNode(AstNode base, AstNode start, AstNode stop, AstNode step) {
            this.base = base;
            this.start = start;
            this.stop = stop;
            this.step = step;
        }

        @Override
        public Object eval(Bindings bindings, ELContext context) {
            Object value = base.eval(bindings, context);
            Object from = start == null ? null : start.eval(bindings, context);
            Object to = stop == null ? null : stop.eval(bindings, context);
            Object by = step == null ? null : step.eval(bindings, context);
            if (value instanceof Undefined u) {
                throw u.error();
            }
            if (value instanceof CharSequence s) {
                String text = s.toString();
                return PyStr.slice(text, Slice.of(from, to, by, PyStr.codePoints(text)));
            }
            if (value instanceof List<?> list) {
                Slice slice = Slice.of(from, to, by, list.size());
                List<Object> out = new ArrayList<>();
                for (int i : slice.indices()) {
                    out.add(list.get(i));
                }
                return value instanceof PyTuple ? new PyTuple(out) : out;
            }
            throw new PyException("'" + Py.typeName(value) + "' object is not subscriptable");
        }

        @Override
        public void appendStructure(StringBuilder builder, Bindings bindings) {
            builder.append(base).append("[:]");
        }

        @Override
        public int getCardinality() {
            return 4;
        }

        @Override
        public AstNode getChild(int i) {
            return switch (i) {
                case 0 -> base;
                case 1 -> start;
                case 2 -> stop;
                default -> step;
            };
        }

        @Override
        public String toString() {
            return "[:]";
        }
    }

    /** Builds {@link PyParser}s. */
    static final class PyBuilder extends ExtendedSyntaxBuilder {
        private static final long serialVersionUID = 1L;

        PyBuilder() {
            super(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);
        }

        @Override
        protected Parser createParser(String expression) {
            return new PyParser(this, expression);
        }
    }
}
