package org.imlbench.templates.yaml;

/**
 * A value written {@code !function module.name} in lm-evaluation-harness YAML: a reference to Python code, which
 * imlbench cannot run. Loading keeps it so that the task using it can be refused with the file and key.
 *
 * @param name the Python function, e.g. {@code utils.process_docs}
 */
public record FunctionRef(String name) {
    @Override
    public String toString() {
        return "!function " + name;
    }
}
