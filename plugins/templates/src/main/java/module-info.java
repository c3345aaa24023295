/**
 * Tasks defined as Jinja templates over datasets: task-category providers {@code lm-eval} (lm-evaluation-harness task
 * YAML) and {@code promptsource} (PromptSource template files), the prompt formats {@code lm-eval} and
 * {@code promptsource}, which build exactly the prompts those tools would, and the metric
 * {@code lm_eval_exact_match}. Templates render on Jinjava with Python's semantics
 * ({@link org.imlbench.templates.jinja.JinjaEngine}).
 */
module org.imlbench.templates {
    requires org.imlbench.api;
    requires com.fasterxml.jackson.databind;
    requires com.google.common;
    requires duckdb.jdbc;
    requires java.sql;
    requires jinjava;
    requires org.apache.commons.csv;
    requires org.apache.commons.lang3;
    requires org.yaml.snakeyaml;
    requires java.desktop;

    exports org.imlbench.templates.jinja;

    provides org.imlbench.api.TaskCategoryProvider with
            org.imlbench.templates.lmeval.LmEvalTaskProvider,
            org.imlbench.templates.promptsource.PromptSourceTaskProvider;
    provides org.imlbench.api.PromptFormat with
            org.imlbench.templates.format.LmEvalFormat,
            org.imlbench.templates.format.PromptSourceFormat;
    provides org.imlbench.api.Metric with
            org.imlbench.templates.lmeval.LmEvalExactMatch;
}
