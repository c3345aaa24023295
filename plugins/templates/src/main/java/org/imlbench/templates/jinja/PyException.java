package org.imlbench.templates.jinja;

/**
 * A Python error raised while rendering a template (a TypeError, an IndexError, an undefined field, ...); its message
 * is Python's. {@link JinjaEngine} turns it into a {@link TemplateException} naming the template.
 */
public class PyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, in Python's words */
    public PyException(String message) {
        super(message);
    }
}
