package org.imlbench.djl.backend;

import java.io.IOException;
import java.nio.file.Path;
import org.imlbench.api.TuningListener;
import org.imlbench.api.TuningRequest;
import org.imlbench.api.TuningResult;
import org.imlbench.djl.tuning.Tuner;
import org.imlbench.hf.embedded.ModelLocator;

/** Hands tuning to {@link Tuner}, after resolving the base model the same way {@link DjlBackend#load} does. */
final class TuningBridge {
    private TuningBridge() {
    }

    static TuningResult tune(TuningRequest request, TuningListener listener) throws IOException {
        BackendOptions options = BackendOptions.parse(request.base().options());
        Path dir = ModelLocator.locate(request.base().model(), options.seed());
        return Tuner.tune(request, dir, listener);
    }
}
