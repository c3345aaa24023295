package org.imlbench.templates.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.expression.ExpressionStrategy;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.lib.tag.IfTag;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeStore;
import jinjava.de.odysseus.el.tree.impl.Cache;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ExpressionFactory;

/**
 * Renders Jinja templates as Python's Jinja2 does, on Jinjava: Python values and their {@code str()} in the output,
 * Python's operators, {@code str}/{@code list}/{@code dict} methods, slicing and truth, Jinja2's filters and tests, and
 * StrictUndefined (a missing field is an error naming it, never an empty string). One engine per dialect
 * ({@link #lmEval()}, {@link #promptSource()}); an engine may render any number of templates, one at a time per
 * thread.
 */
public final class JinjaEngine {
    /** The variable holding the render's {@link PythonRandom} (PromptSource's {@code choice} filter draws from it). */
    static final String RANDOM = "__imlbench_random__";

    private static final ExpressionStrategy OUTPUT = new PythonOutput();

    private final Jinjava jinjava;
    private final boolean keepTrailingNewline;

    private JinjaEngine(boolean keepTrailingNewline, List<Filter> extraFilters, boolean zip) {
        this.keepTrailingNewline = keepTrailingNewline;
        CompositeELResolver resolvers = new CompositeELResolver();
        resolvers.add(new PyResolver());
        resolvers.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_WRITE);
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withNestedInterpretationEnabled(false)
                .withFailOnUnknownTokens(false)
                .withMaxOutputSize(RenderBudget.MAX_OUTPUT)
                .withElResolver(resolvers)
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withEvaluateMapKeys(true)
                        .withIterateOverMapKeys(true)
                        .withUseNaturalOperatorPrecedence(true)
                        .withParseWhitespaceControlStrictly(true)
                        .withKeepNullableLoopValues(true)
                        .withAllowAdjacentTextNodes(true)
                        .withUseTrimmingForNotesAndExpressions(true)
                        .build())
                .build();
        ExpressionFactory factory = new ExpressionFactoryImpl(new TreeStore(new PyParser.PyBuilder(), new Cache(1000)),
                new PyTypeConverter());
        this.jinjava = new Jinjava(config) {
            @Override
            public ExpressionFactory getExpressionFactory() {
                return factory;
            }

            @Override
            public ExpressionFactory getEagerExpressionFactory() {
                return factory;
            }
        };
        Context global = jinjava.getGlobalContext();
        PyFilters.builtins().forEach(global::registerFilter);
        extraFilters.forEach(global::registerFilter);
        PyTests.all().forEach(global::registerExpTest);
        global.registerTag(new PythonIf());
        global.registerTag(new PythonFor());
        global.registerFunction(new ELFunctionDefinition("", "range", PyFunctions.class, "range", Object[].class));
        if (zip) {
            global.registerFunction(new ELFunctionDefinition("", "zip", PyFunctions.class, "zip", Object[].class));
        }
    }

    /**
     * @return the environment of lm-evaluation-harness ({@code lm_eval.utils.env}): StrictUndefined,
     *         {@code keep_trailing_newline=True} and the {@code regex_replace} filter
     */
    public static JinjaEngine lmEval() {
        return new JinjaEngine(true, List.of(PyFilters.regexReplace()), false);
    }

    /**
     * @return the environment of PromptSource ({@code promptsource.templates.env}): the global {@code zip}, the
     *         filters {@code choice}, {@code most_frequent} and {@code highlight}; undefined fields are errors here too
     */
    public static JinjaEngine promptSource() {
        return new JinjaEngine(false, PromptSourceFilters.all(), true);
    }

    /**
     * @param name the template's name for messages (file and key)
     * @param source the template
     * @param variables the document's fields (Python values: String, Long, Double, Boolean, null, List, Map)
     * @return the rendered text
     * @throws TemplateException naming the template when it does not parse or cannot be rendered
     */
    public String render(String name, String source, Map<String, ?> variables) throws TemplateException {
        return render(name, source, variables, new PythonRandom(0));
    }

    /**
     * @param name the template's name for messages (file and key)
     * @param source the template
     * @param variables the document's fields
     * @param random the generator of the render's random draws (PromptSource's {@code choice} filter)
     * @return the rendered text
     * @throws TemplateException naming the template when it does not parse or cannot be rendered
     */
    public String render(String name, String source, Map<String, ?> variables, PythonRandom random)
            throws TemplateException {
        String text = source.replace("\r\n", "\n").replace('\r', '\n');
        if (!keepTrailingNewline && text.endsWith("\n")) {
            // Jinja2 drops the template's last newline unless keep_trailing_newline is set
            text = text.substring(0, text.length() - 1);
        }
        Map<String, Object> scope = new HashMap<>(variables);
        scope.put(RANDOM, random);
        scope.put(RenderBudget.VARIABLE, new RenderBudget());
        // A fresh context per render: Jinjava resets its global context's settings after each render of its own.
        Context context = new Context(jinjava.getGlobalContextCopy(), scope, null);
        context.setExpressionStrategy(OUTPUT);
        context.setDynamicVariableResolver(JinjaEngine::undefined);
        JinjavaInterpreter interpreter = jinjava.getGlobalConfig().getInterpreterFactory()
                .newInstance(jinjava, context, jinjava.getGlobalConfig());
        JinjavaInterpreter.pushCurrent(interpreter);
        String output;
        try {
            output = interpreter.render(text);
        } catch (RenderBudget.Aborted e) {
            output = "";  // the errors recorded below say why
        } catch (PyException e) {
            throw new TemplateException(name, e.getMessage());
        } catch (RuntimeException e) {
            throw new TemplateException(name, message(e));
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        List<TemplateError> errors = interpreter.getErrorsCopy();
        if (!errors.isEmpty()) {
            throw new TemplateException(name, describe(errors));
        }
        return output;
    }

    /**
     * What a name that is not in the render's scope evaluates to: Undefined. A name bound to None is in the scope
     * with a null value, which Jinjava's scope maps report as absent, so the keys are consulted.
     */
    private static Object undefined(String name) {
        JinjavaInterpreter current = JinjavaInterpreter.getCurrent();
        if (current != null && current.getContext().keySet().contains(name)) {
            return null;
        }
        return new Undefined(name);
    }

    private static String describe(List<TemplateError> errors) {
        List<String> messages = new ArrayList<>();
        for (TemplateError error : errors) {
            Throwable cause = error.getException();
            String message = error.getMessage();
            while (cause != null) {
                if (cause instanceof PyException) {
                    message = cause.getMessage();
                    break;
                }
                cause = cause.getCause();
            }
            String line = error.getLineno() > 0 ? "line " + error.getLineno() + ": " : "";
            if (!messages.contains(line + message)) {
                messages.add(line + message);
            }
        }
        return String.join("; ", messages);
    }

    private static String message(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof PyException) {
                break;
            }
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** Prints expressions as Python's {@code str()}; an undefined value is an error naming it. */
    private static final class PythonOutput implements ExpressionStrategy {
        private static final long serialVersionUID = 1L;

        @Override
        public RenderedOutputNode interpretOutput(ExpressionToken master, JinjavaInterpreter interpreter) {
            Object value = interpreter.resolveELExpression(master.getExpr(), master.getLineNumber());
            try {
                return new RenderedOutputNode(Py.str(value));
            } catch (PyException e) {
                interpreter.addError(new TemplateError(TemplateError.ErrorType.FATAL,
                        TemplateError.ErrorReason.EXCEPTION, TemplateError.ErrorItem.OTHER, e.getMessage(),
                        master.getExpr(), master.getLineNumber(), e));
                return new RenderedOutputNode("");
            }
        }
    }

    /** {@code {% if %}} and {@code {% elif %}} with Python's truth (Jinjava's treats the string "false" as false). */
    private static final class PythonIf extends IfTag {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean isPositiveIfElseNode(TagNode tagNode, JinjavaInterpreter interpreter) {
            Object value = interpreter.resolveELExpression(tagNode.getHelpers(), tagNode.getLineNumber(),
                    tagNode.getStartPosition());
            try {
                return Py.truthy(value);
            } catch (PyException e) {
                interpreter.addError(new TemplateError(TemplateError.ErrorType.FATAL,
                        TemplateError.ErrorReason.EXCEPTION, TemplateError.ErrorItem.TAG, e.getMessage(),
                        tagNode.getHelpers(), tagNode.getLineNumber(), e));
                return false;
            }
        }
    }
}
