package org.imlbench.djl.backend;

import java.io.IOException;
import java.nio.file.Path;
import org.imlbench.hf.embedded.EmbeddedModel;
import org.imlbench.hf.hub.HubEnvironment;
import org.imlbench.hf.hub.HubResolver;

/** Finds the checkpoint directory a model name stands for: {@code embedded}, a local directory, or a hub id. */
final class ModelLocator {
    private ModelLocator() {
    }

    static Path locate(String model, BackendOptions options) throws IOException {
        if (model.equals(EmbeddedModel.NAME)) {
            return EmbeddedModel.ensure(EmbeddedModel.defaultCacheRoot(), options.seed());
        }
        return new HubResolver(HubEnvironment.fromSystem()).locate(model);
    }
}
