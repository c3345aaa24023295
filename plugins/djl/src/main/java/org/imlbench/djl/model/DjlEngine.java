package org.imlbench.djl.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Starts DJL's PyTorch engine the way imlbench needs it: offline (the CPU natives come from the
 * {@code pytorch-native-cpu} jar on the class path, nothing is downloaded) and with a fixed number of intra-op
 * threads.
 */
public final class DjlEngine {
    /** The engine name DJL registers PyTorch under. */
    public static final String NAME = "PyTorch";

    private DjlEngine() {
    }

    /**
     * Starts the engine if needed and sets the intra-op thread count.
     *
     * @param threads intra-op threads; 0 or less keeps the current setting (default: the available processors)
     * @return the engine
     */
    public static Engine start(int threads) {
        // Both properties are read once, when the engine first loads; later calls only change intra-op threads.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
        }
        Engine engine = Engine.getEngine(NAME);
        if (threads > 0 && JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
        return engine;
    }

    /** @return the engine's version, e.g. "2.7.1" */
    public static String version() {
        return start(0).getVersion();
    }
}
