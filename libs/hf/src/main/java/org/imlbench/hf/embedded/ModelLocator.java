package org.imlbench.hf.embedded;

import java.io.IOException;
import java.nio.file.Path;
import org.imlbench.hf.hub.HubEnvironment;
import org.imlbench.hf.hub.HubResolver;

/**
 * Finds the checkpoint directory a model name stands for: {@code embedded}, a local directory, or a hub id. Every
 * backend resolves {@code --model} this way, so that they all read the same files for the same name.
 */
public final class ModelLocator {
    private ModelLocator() {
    }

    /**
     * @param model {@code embedded}, a checkpoint directory or a hub id
     * @param embeddedSeed the initialisation seed of the embedded model
     * @return the checkpoint directory (written first for the embedded model, downloaded first for a hub id)
     * @throws IOException when the name is none of these, or writing or resolving fails
     */
    public static Path locate(String model, long embeddedSeed) throws IOException {
        if (model.equals(EmbeddedModel.NAME)) {
            return EmbeddedModel.ensure(EmbeddedModel.defaultCacheRoot(), embeddedSeed);
        }
        return new HubResolver(HubEnvironment.fromSystem()).locate(model);
    }
}
