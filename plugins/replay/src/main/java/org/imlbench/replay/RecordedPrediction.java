package org.imlbench.replay;

import java.util.Objects;

/**
 * One line of a predictions file.
 *
 * @param task the task id
 * @param instance the instance id within the task
 * @param prediction the recorded output
 * @param line the 1-based line number, for error messages
 */
public record RecordedPrediction(String task, String instance, String prediction, int line) {
    /** Checks for nulls. */
    public RecordedPrediction {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(prediction, "prediction");
    }

    /** @return the (task, instance) pair this record answers */
    public Key key() {
        return new Key(task, instance);
    }

    /**
     * What a record is matched on.
     *
     * @param task the task id
     * @param instance the instance id
     */
    public record Key(String task, String instance) {
    }
}
