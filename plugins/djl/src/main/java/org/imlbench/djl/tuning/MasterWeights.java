package org.imlbench.djl.tuning;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.djl.model.OptModel;

/**
 * The float32 weights the optimizer updates, and their link to the replicas that run forward and backward passes.
 *
 * <ul>
 *   <li>float32, one replica: the master weights are the replica's own parameters and its {@code .grad} arrays are
 *       the gradients; nothing is copied.</li>
 *   <li>float32, several replicas: the first replica's parameters are the master; the other replicas' gradients are
 *       added into its gradients, and after the update its weights are copied to the others, so every replica
 *       holds the same weights before every step.</li>
 *   <li>mixed float16: a separate float32 master copy on the first replica's device; gradients of every replica are
 *       widened to float32 and summed into a fresh buffer, and after the update the master is rounded to float16 and
 *       written into every replica. A float32 replica in this mode (on the CPU, where the engine has no float16
 *       kernels) receives the float16-rounded values, which exercises the same path without a GPU.</li>
 * </ul>
 */
final class MasterWeights implements AutoCloseable {
    private final List<OptModel> replicas;
    private final boolean mixed;
    private final Map<String, NDArray> master;
    private final Device masterDevice;

    /**
     * @param replicas the replicas, identical weights; the first holds (or is beside) the master
     * @param mixed float16 rounding of the replicas' weights with a separate float32 master
     */
    MasterWeights(List<OptModel> replicas, boolean mixed) {
        this.replicas = List.copyOf(replicas);
        this.mixed = mixed;
        for (OptModel r : replicas) {
            if (!r.device().isGpu()) {
                r.parameters().values().forEach(MasterWeights::ownStorage);
            }
        }
        OptModel first = replicas.get(0);
        this.masterDevice = first.device();
        if (mixed) {
            Map<String, NDArray> copy = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : first.parameters().entrySet()) {
                // toType(FLOAT32, copy=true) returns a view sharing storage when the type is already FLOAT32
                // (PyTorch's to() does not copy then): duplicate() always clones
                NDArray p = e.getValue();
                NDArray wide = p.getDataType() == DataType.FLOAT32 ? p.duplicate() : p.toType(DataType.FLOAT32, true);
                NDScope.unregister(wide);
                copy.put(e.getKey(), wide);
            }
            this.master = copy;
        } else {
            for (OptModel r : replicas) {
                if (r.dtype() != DataType.FLOAT32) {
                    throw new IllegalArgumentException("float16 replicas need mixed precision");
                }
            }
            this.master = first.parameters();
        }
        for (OptModel r : replicas) {
            r.parameters().values().forEach(p -> p.setRequiresGradient(true));
        }
    }

    /**
     * Moves a CPU parameter into memory PyTorch allocated. A parameter DJL created from a Java buffer lives in that
     * buffer ({@code torch::from_blob}, 16-byte aligned, wherever the JVM put it), while PyTorch aligns its own
     * allocations to 64 bytes; the CPU GEMM kernels may round differently at different alignments, so a run resumed
     * in another process drifted from an uninterrupted one by a few ulps per step. In PyTorch-owned memory the
     * arithmetic no longer depends on the JVM's heap. The Java object is kept (its handle is swapped), so the
     * model's own references see the new storage.
     */
    private static void ownStorage(NDArray parameter) {
        NDArray owned = parameter.duplicate();
        NDScope.unregister(owned);
        parameter.intern(owned);
    }

    /** @return the float32 master weights by name */
    Map<String, NDArray> parameters() {
        return master;
    }

    /** @return whether this is mixed precision */
    boolean mixed() {
        return mixed;
    }

    /**
     * The summed gradient of every parameter over all replicas, float32 on the master's device. Call with gradient
     * recording off, inside an {@link NDScope} that frees the returned handles.
     *
     * @return gradients by name
     */
    Map<String, NDArray> gradients() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (String name : master.keySet()) {
            NDArray sum = null;
            for (int k = 0; k < replicas.size(); k++) {
                NDArray p = replicas.get(k).parameters().get(name);
                NDArray g = p.hasGradient() ? p.getGradient() : null;
                if (g == null) {
                    continue;                                        // a parameter no loss reached: gradient 0
                }
                if (sum == null) {
                    // without a copy, the first replica's .grad itself is the float32 gradient buffer
                    sum = mixed ? g.toType(DataType.FLOAT32, true) : g;
                } else {
                    sum.addi(g.toDevice(masterDevice, false).toType(DataType.FLOAT32, false));
                }
            }
            out.put(name, sum != null ? sum : master.get(name).zerosLike());
        }
        return out;
    }

    /** Writes the master weights into every replica that does not share them. Call with gradient recording off. */
    void publish() {
        for (int k = mixed ? 0 : 1; k < replicas.size(); k++) {
            OptModel r = replicas.get(k);
            for (Map.Entry<String, NDArray> e : r.parameters().entrySet()) {
                try (NDScope scope = new NDScope()) {
                    NDArray value = master.get(e.getKey());
                    if (mixed) {
                        value = value.toType(DataType.FLOAT16, false);
                    }
                    value = value.toDevice(r.device(), false).toType(e.getValue().getDataType(), false);
                    e.getValue().set(new NDIndex(":"), value);
                }
            }
        }
    }

    /** Zeroes every replica's accumulated gradients. */
    void zeroGradients() {
        for (OptModel r : replicas) {
            r.parameters().values().forEach(Autograd::zeroGradient);
        }
    }

    /**
     * Overwrites an array's values in place (gradient recording must be off).
     *
     * @param target the array
     * @param values as many values as it holds, row-major
     */
    static void overwrite(NDArray target, float[] values) {
        try (NDScope scope = new NDScope()) {
            NDArray source = target.getManager().create(values, target.getShape());
            target.set(new NDIndex(":"), source.toType(target.getDataType(), false));
        }
    }

    /**
     * Sets the master weights from saved values and publishes them.
     *
     * @param values float32 values by parameter name
     */
    void restore(Map<String, float[]> values) {
        for (Map.Entry<String, NDArray> e : master.entrySet()) {
            float[] v = values.get(e.getKey());
            if (v == null || v.length != e.getValue().size()) {
                throw new IllegalArgumentException("saved master weights lack or misshape " + e.getKey());
            }
            overwrite(e.getValue(), v);
        }
        publish();
    }

    @Override
    public void close() {
        if (mixed) {
            master.values().forEach(NDArray::close);
        }
    }
}
