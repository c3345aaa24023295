package org.imlbench.templates.jinja;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter.InterpreterScopeClosable;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.parse.TagToken;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.lang3.tuple.Pair;

/**
 * {@code {% for %}} with Jinja2's semantics: the items are what Python iterates (a dict's keys, a string's
 * characters), and a loop filter ({@code for x in items if x.ok}) keeps only the items whose condition is true,
 * before {@code loop.index} and {@code loop.last} are counted.
 */
final class PythonFor extends ForTag {
    private static final long serialVersionUID = 1L;

    @Override
    public String interpretUnchecked(TagNode tagNode, JinjavaInterpreter interpreter) {
        Pair<List<String>, String> parts = getLoopVarsAndExpression((TagToken) tagNode.getMaster());
        List<String> vars = parts.getLeft();
        String expression = parts.getRight();
        int at = topLevelIf(expression);
        String condition = at < 0 ? null : expression.substring(at + 4).strip();
        Object collection = interpreter.resolveELExpression(at < 0 ? expression : expression.substring(0, at),
                tagNode.getLineNumber());
        List<Object> items;
        try {
            items = collection == null ? List.of() : Py.iterate(collection);
        } catch (PyException e) {
            interpreter.addError(error(e, tagNode));
            return "";
        }
        RenderBudget budget = RenderBudget.current();
        if (condition != null) {
            List<Object> kept = new ArrayList<>();
            for (Object item : items) {
                // over budget, the whole render ends (a PyException thrown here is not an error Jinjava records)
                budget.iterate(1);
                try (InterpreterScopeClosable scope = interpreter.enterScope()) {
                    bind(interpreter, vars, item);
                    Object test = interpreter.resolveELExpression(condition, tagNode.getLineNumber());
                    if (Py.truthy(test)) {
                        kept.add(item);
                    }
                } catch (PyException e) {
                    interpreter.addError(error(e, tagNode));
                    return "";
                }
            }
            items = kept;
        }
        return renderForCollection(tagNode, interpreter, vars, budget.loop(items, interpreter));
    }

    private static void bind(JinjavaInterpreter interpreter, List<String> vars, Object item) {
        if (vars.size() == 1) {
            interpreter.getContext().put(vars.get(0), item);
            return;
        }
        List<Object> values = Py.iterate(item);
        for (int i = 0; i < vars.size(); i++) {
            interpreter.getContext().put(vars.get(i), i < values.size() ? values.get(i) : null);
        }
    }

    /** The position of the loop filter's {@code if}: outside brackets and quotes, or -1. */
    private static int topLevelIf(String expression) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 0 && expression.startsWith(" if ", i)) {
                return i;
            }
        }
        return -1;
    }

    private static TemplateError error(PyException e, TagNode tagNode) {
        return new TemplateError(TemplateError.ErrorType.FATAL,
                TemplateError.ErrorReason.EXCEPTION,
                TemplateError.ErrorItem.TAG, e.getMessage(), tagNode.getHelpers(),
                tagNode.getLineNumber(), e);
    }
}
