package org.imlbench.api;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A loaded model. Implementations must return results that do not depend on batch size or request order.
 */
public interface LanguageModel extends AutoCloseable {
    /** @return what the model says about itself */
    ModelInfo info();

    /** @return what this model can do; the harness evaluates option tasks by generation when SCORE is missing */
    Set<Capability> capabilities();

    /**
     * Scores continuations (rank classification).
     *
     * @param requests the requests, in any order
     * @param progress told after each finished request
     * @return one result per request, in request order
     * @throws IOException when the model fails
     */
    List<ScoreResult> score(List<ScoreRequest> requests, ProgressListener progress) throws IOException;

    /**
     * Greedy generation.
     *
     * @param requests the requests, in any order
     * @param progress told after each finished request
     * @return one result per request, in request order
     * @throws IOException when the model fails
     */
    List<GenerateResult> generate(List<GenerateRequest> requests, ProgressListener progress) throws IOException;

    /**
     * Tells the model, before any request, every (task, instance) id the loaded tasks contain. A model replaying
     * recorded outputs checks its records against it and fails on records that match nothing; other models ignore
     * it.
     *
     * @param known every instance id of every loaded task
     * @throws IOException when recorded outputs name unknown tasks or instances
     */
    default void expect(KnownInstances known) throws IOException {
    }

    /**
     * The model's tokens, when it exposes them ({@link Capability#TOKENS}): a model served elsewhere or replayed
     * predictions have none. Since API level 3.
     *
     * @return the token-level view, or empty
     */
    default Optional<TokenView> tokens() {
        return Optional.empty();
    }

    /** Frees the model's memory. */
    @Override
    void close();
}
