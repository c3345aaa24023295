package org.imlbench.harness.run;

import java.io.IOException;
import java.nio.file.Path;
import org.imlbench.harness.store.TrainingExampleStore;

/**
 * A run's training split, rendered into a file-backed store only when tuning starts (and not at all when the run
 * compares existing models or resumes after tuning finished).
 */
public interface TrainingSet {
    /** @return how many training examples the split renders to; 0 when the run does not tune */
    long size();

    /**
     * Renders the examples into {@code dir}, or opens the complete store an interrupted run left there.
     *
     * @param dir the store's folder
     * @return the store; close it when tuning is done
     * @throws IOException when it cannot be written
     */
    TrainingExampleStore write(Path dir) throws IOException;

    /** @return the training set of a run that does not tune */
    static TrainingSet none() {
        return new TrainingSet() {
            @Override
            public long size() {
                return 0;
            }

            @Override
            public TrainingExampleStore write(Path dir) {
                throw new IllegalStateException("this run has no training split");
            }
        };
    }
}
