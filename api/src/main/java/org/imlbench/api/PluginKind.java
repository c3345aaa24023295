package org.imlbench.api;

/** The four kinds of plugin the harness discovers, each with its service interface. */
public enum PluginKind {
    /** Loads tasks, grouped into categories, from one kind of task source. */
    TASK_CATEGORIES("task-categories", TaskCategoryProvider.class),
    /** Renders an instance into source text, target text and option continuations. */
    PROMPT_FORMAT("prompt-format", PromptFormat.class),
    /** Loads, runs and tunes language models. */
    MODEL_BACKEND("model-backend", ModelBackend.class),
    /** Scores one evaluated sample. */
    METRIC("metric", Metric.class);

    private final String label;
    private final Class<? extends Plugin> service;

    PluginKind(String label, Class<? extends Plugin> service) {
        this.label = label;
        this.service = service;
    }

    /** @return the kind as printed by {@code harness plugins} */
    public String label() {
        return label;
    }

    /** @return the service interface that plugins of this kind implement */
    public Class<? extends Plugin> service() {
        return service;
    }
}
