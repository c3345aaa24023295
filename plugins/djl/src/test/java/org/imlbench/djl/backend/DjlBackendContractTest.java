package org.imlbench.djl.backend;

import java.util.Map;
import org.imlbench.api.ModelBackend;
import org.imlbench.api.ModelRequest;
import org.imlbench.api.Options;
import org.imlbench.testkit.ModelBackendContract;
import org.imlbench.testkit.SharedData;

/** The djl backend passes the plugin authors' contract kit on the tiny OPT fixture, with small batches. */
class DjlBackendContractTest extends ModelBackendContract {
    @Override
    protected ModelBackend backend() {
        return new DjlBackend();
    }

    @Override
    protected ModelRequest request() {
        // batch size 2 makes "all requests together" span several forward passes of mixed shapes
        return new ModelRequest(SharedData.fixtures("opt/opt-tiny").toString(), "cpu",
                Options.of(Map.of("batch-size", "2", "threads", "1")));
    }
}
