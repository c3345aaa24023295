package org.imlbench.rundir;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where every file of a run directory goes. The harness writes and the reports read through this one record, so the
 * layout cannot drift between them:
 *
 * <pre>
 * runs/&lt;id&gt;/
 *   run.json                                   the resolved configuration and the models as loaded
 *   samples/&lt;split&gt;/&lt;role&gt;/&lt;task&gt;.jsonl        one {@link SampleRecord} per line
 *   tasks/&lt;split&gt;/&lt;role&gt;/&lt;task&gt;.done          a {@link TaskOutcome}: the task is finished
 *                                              (resume skips it)
 *   tuning/                                    the tuner's output; tuning/DONE names the tuned checkpoint
 *   summary.json, summary.md                   per task, category and split, with intervals
 *   allure-results/&lt;split&gt;/, site/            the Allure results and the HTML reports
 * </pre>
 *
 * @param root the run directory
 */
public record RunLayout(Path root) {
    /** Checks for null. */
    public RunLayout {
        Objects.requireNonNull(root, "root");
    }

    /**
     * The file name a task gets in the run directory: its id with every character outside {@code [A-Za-z0-9._-]}
     * replaced by {@code _}.
     *
     * @param taskId a task id
     * @return the file stem
     */
    public static String taskFileStem(String taskId) {
        return taskId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** @return {@code run.json} */
    public Path runJson() {
        return root.resolve("run.json");
    }

    /** @return {@code samples/}: one folder per split, then per role */
    public Path samplesDir() {
        return root.resolve("samples");
    }

    /** @return {@code tasks/}: the completion markers, one folder per split, then per role */
    public Path tasksDir() {
        return root.resolve("tasks");
    }

    /**
     * @param split the split
     * @param role the model role
     * @param taskId the task
     * @return the task's per-sample JSONL file
     */
    public Path samplesFile(Split split, Role role, String taskId) {
        return samplesDir().resolve(split.id()).resolve(role.id()).resolve(taskFileStem(taskId) + ".jsonl");
    }

    /**
     * @param split the split
     * @param role the model role
     * @param taskId the task
     * @return the task's completion marker
     */
    public Path doneFile(Split split, Role role, String taskId) {
        return tasksDir().resolve(split.id()).resolve(role.id()).resolve(taskFileStem(taskId) + ".done");
    }

    /** @return where the tuner writes the tuned checkpoint, its state and its loss curve */
    public Path tuningDir() {
        return root.resolve("tuning");
    }

    /** @return the marker naming the tuned checkpoint once tuning has finished */
    public Path tunedMarker() {
        return tuningDir().resolve("DONE");
    }

    /** @return {@code summary.json} */
    public Path summaryJson() {
        return root.resolve("summary.json");
    }

    /** @return {@code summary.md} */
    public Path summaryMarkdown() {
        return root.resolve("summary.md");
    }

    /**
     * @param split a split
     * @return the Allure results of that split
     */
    public Path allureResults(Split split) {
        return root.resolve("allure-results").resolve(split.id());
    }

    /** @return {@code site/}: the HTML reports and their index page */
    public Path site() {
        return root.resolve("site");
    }
}
