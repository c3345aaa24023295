package org.imlbench.api;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished tuning run.
 *
 * @param checkpoint the tuned checkpoint directory, loadable as a {@link ModelRequest#model()}
 * @param lossCurve one point per optimizer step
 * @param tokens tokens processed in all
 * @param seconds wall-clock time spent tuning in this process
 */
public record TuningResult(Path checkpoint, List<TuningProgress> lossCurve, long tokens, double seconds) {
    /** Copies the curve. */
    public TuningResult {
        lossCurve = List.copyOf(lossCurve);
    }
}
