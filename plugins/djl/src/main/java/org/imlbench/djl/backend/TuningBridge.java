package org.imlbench.djl.backend;

import org.imlbench.api.TuningListener;
import org.imlbench.api.TuningRequest;
import org.imlbench.api.TuningResult;

/** Connects the backend to the tuner. */
final class TuningBridge {
    private TuningBridge() {
    }

    static boolean available() {
        return false;
    }

    static TuningResult tune(TuningRequest request, TuningListener listener) {
        throw new UnsupportedOperationException("backend djl cannot tune models in this build");
    }
}
