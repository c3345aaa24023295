package org.imlbench.templates.jinja;

/**
 * Jinja2's StrictUndefined: what a missing variable, key or attribute evaluates to. Tests ({@code is defined}) and
 * {@code default} accept it; printing it, iterating it, calling or indexing it raises an error naming the field.
 *
 * @param name the missing name as written in the template, e.g. {@code answer} or {@code choices.text}
 */
public record Undefined(String name) {
    /** @return the error Jinja2 raises when the value is used */
    public PyException error() {
        return new PyException("'" + name + "' is undefined");
    }
}
