package org.imlbench.templates.data;

import java.nio.file.Path;
import org.imlbench.api.OptionKey;

/** The {@code --task-option}s both template providers read their data with. */
public final class DataOptions {
    /** {@code data=DIR}: the exported datasets ({@link DatasetFiles}). */
    public static final OptionKey<Path> DATA = OptionKey.path("data",
            "folder of exported datasets: DIR/<dataset_path>/<dataset_name or default>/<split>.jsonl (.json, .csv)");
    /** {@code training-docs=N}: how many documents of a task's training split become instances. */
    public static final OptionKey<Integer> TRAINING_DOCS = OptionKey.integer("training-docs",
            "the most documents of a task's training split read as instances (after the evaluated split's); 0: none",
            5000, 0);

    private DataOptions() {
    }
}
