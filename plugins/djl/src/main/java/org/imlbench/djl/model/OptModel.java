package org.imlbench.djl.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.imlbench.hf.checkpoint.Checkpoint;
import org.imlbench.hf.checkpoint.CheckpointWriter;
import org.imlbench.hf.checkpoint.OptConfig;
import org.imlbench.hf.checkpoint.OptParameterNames;
import org.imlbench.hf.embedded.RandomInit;

/**
 * Meta's OPT decoder (Hugging Face {@code OPTForCausalLM}) on DJL's PyTorch engine: learned positions with offset 2,
 * pre- or post-LayerNorm blocks, ReLU feed-forward, optional {@code project_in}/{@code project_out} (opt-350m), and
 * the output projection tied to the token embedding.
 *
 * <p>Every forward pass runs in a sub-manager of its inputs' manager that is closed before returning, so
 * intermediates are freed at once; only the result (and appended cache entries) survive. Linear layers call
 * PyTorch's fused {@code linear} on the stored {@code [out, in]} weights, so no transposed copy is ever made, and
 * the same parameter arrays serve inference and training (gradients reach them directly).
 */
public final class OptModel implements AutoCloseable {

    private final OptConfig config;
    private final NDManager manager;
    private final DataType dtype;
    private final Map<String, NDArray> parameters;
    private final OptWeights weights;

    private OptModel(OptConfig config, NDManager manager, DataType dtype, Map<String, NDArray> parameters) {
        this.config = config;
        this.manager = manager;
        this.dtype = dtype;
        this.parameters = Collections.unmodifiableMap(parameters);
        this.weights = OptWeights.bind(config, parameters, manager, dtype);
    }

    /**
     * Loads a checkpoint's weights onto a device, one tensor at a time and each in bounded chunks: every parameter
     * is allocated by the engine on the device and filled chunk by chunk from the checkpoint's read buffers
     * ({@link Checkpoint#stream}), each chunk converted to the model's dtype on its way, so that host memory holds
     * the model once plus one chunk, whatever the checkpoint's layout (single file, shards, bf16,
     * {@code pytorch_model.bin}).
     *
     * @param checkpoint an opened checkpoint (widens every stored type to float32)
     * @param device where the model runs
     * @param dtype FLOAT32, or FLOAT16 on a GPU
     * @return the model, owning its own manager
     * @throws IOException when a tensor is missing, misshapen or unreadable; the message names the checkpoint
     */
    public static OptModel load(Checkpoint checkpoint, Device device, DataType dtype) throws IOException {
        checkDtype(device, dtype);
        OptConfig config = checkpoint.config();
        Map<String, long[]> expected = OptParameterNames.shapes(config);
        DjlEngine.start(0);
        NDManager manager = NDManager.newBaseManager(device, DjlEngine.NAME);
        try {
            Map<String, NDArray> params = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : expected.entrySet()) {
                String name = e.getKey();
                if (!checkpoint.tensorNames().contains(name)) {
                    throw new IOException(checkpoint.directory() + ": tensor '" + name + "' is missing");
                }
                long[] shape = checkpoint.shape(name);
                if (!Arrays.equals(shape, e.getValue())) {
                    throw new IOException(checkpoint.directory() + ": tensor '" + name + "' has shape "
                            + Arrays.toString(shape) + ", config.json implies " + Arrays.toString(e.getValue()));
                }
                params.put(name, streamed(manager, checkpoint, name, new Shape(shape), dtype));
            }
            return new OptModel(config, manager, dtype, params);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** One parameter, allocated by the engine and filled from the checkpoint chunk by chunk. */
    private static NDArray streamed(NDManager manager, Checkpoint checkpoint, String name, Shape shape,
                                    DataType dtype) throws IOException {
        NDArray target = manager.create(shape, dtype);
        try (NDArray flat = target.reshape(-1)) {
            checkpoint.stream(name, (offset, chunk) -> {
                int n = chunk.remaining() / Float.BYTES;
                if (offset + n > shape.size()) {
                    throw new IOException(checkpoint.directory() + ": tensor '" + name + "' yields more than its "
                            + shape.size() + " elements");
                }
                try (NDManager scope = manager.newSubManager(Device.cpu())) {
                    // a direct buffer becomes a CPU tensor over the same memory: the only copy is the one into target
                    NDArray values = scope.create(chunk, new Shape(n), DataType.FLOAT32);
                    if (!manager.getDevice().equals(Device.cpu())) {
                        values = values.toDevice(manager.getDevice(), false);
                    }
                    if (dtype != DataType.FLOAT32) {
                        values = values.toType(dtype, false);
                    }
                    flat.set(new NDIndex("{}:{}", offset, offset + n), values);
                }
            });
        } catch (IOException | RuntimeException e) {
            target.close();
            throw e;
        }
        return target;
    }

    /**
     * A freshly initialised model, as Hugging Face's {@code _init_weights} does it: linear and embedding weights
     * normal with standard deviation 0.02 (the padding row of the token embedding zero), biases 0, LayerNorm weight
     * 1 and bias 0. The same seed always gives the same weights.
     *
     * @param config the architecture
     * @param seed the seed
     * @param device where the model runs
     * @return the model, float32
     */
    public static OptModel random(OptConfig config, long seed, Device device) {
        DjlEngine.start(0);
        NDManager manager = NDManager.newBaseManager(device, DjlEngine.NAME);
        try {
            Map<String, NDArray> params = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : OptParameterNames.shapes(config).entrySet()) {
                float[] values = RandomInit.values(config, e.getKey(), e.getValue(), seed);
                params.put(e.getKey(), manager.create(values, new Shape(e.getValue())));
            }
            return new OptModel(config, manager, DataType.FLOAT32, params);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static void checkDtype(Device device, DataType dtype) {
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT16) {
            throw new IllegalArgumentException("unsupported dtype " + dtype + ": use float32, or float16 on a GPU");
        }
        if (dtype == DataType.FLOAT16 && !device.isGpu()) {
            throw new IllegalArgumentException("float16 runs on a GPU only; use float32 on " + device);
        }
    }

    /** @return the architecture */
    public OptConfig config() {
        return config;
    }

    /** @return the manager that owns the parameters */
    public NDManager manager() {
        return manager;
    }

    /** @return where the model runs */
    public Device device() {
        return manager.getDevice();
    }

    /** @return the parameters' type (FLOAT32, or FLOAT16 on a GPU) */
    public DataType dtype() {
        return dtype;
    }

    /**
     * @return every parameter under its canonical Hugging Face name (see {@link Checkpoint}); the output projection
     *         is {@code decoder.embed_tokens.weight} itself and is not listed twice
     */
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    /** @return the number of parameters */
    public long parameterCount() {
        long n = 0;
        for (NDArray a : parameters.values()) {
            n += a.size();
        }
        return n;
    }

    /**
     * Runs the decoder and the tied output projection.
     *
     * @param inputIds {@code [B, T]} int64 token ids
     * @param positionIds {@code [B, T]} int64 0-based positions (see {@link Positions}); OPT's offset 2 is added here
     * @param attentionBias {@code [B, 1, T, P + T]} float32 additive bias (see {@link AttentionMasks}), P the cached
     *                      length
     * @param cache the cached past, or null; when given, these T tokens' keys and values are appended to it
     * @param mode inference, or training with dropout
     * @return logits {@code [B, T, V]} float32, owned by {@code inputIds}' manager
     */
    public NDArray forward(NDArray inputIds, NDArray positionIds, NDArray attentionBias, KvCache cache,
                           ForwardMode mode) {
        NDManager caller = inputIds.getManager();
        try (NDManager scope = caller.newSubManager(device())) {
            NDArray hidden = hidden(scope, inputIds, positionIds, attentionBias, cache, mode);
            NDArray logits = logits(hidden);
            logits.attach(caller);
            return logits;
        }
    }

    /**
     * Runs the decoder up to (and including) the final LayerNorm and {@code project_out}, without the output
     * projection, so that callers can project only the positions they need.
     *
     * @param scope the manager every intermediate and the result are created in
     * @param inputIds see {@link #forward}
     * @param positionIds see {@link #forward}
     * @param attentionBias see {@link #forward}
     * @param cache see {@link #forward}
     * @param mode see {@link #forward}
     * @return the hidden states {@code [B, T, word_embed_proj_dim]} in the model's dtype, owned by {@code scope}
     */
    public NDArray hidden(NDManager scope, NDArray inputIds, NDArray positionIds, NDArray attentionBias,
                          KvCache cache, ForwardMode mode) {
        Shape shape = inputIds.getShape();
        if (shape.dimension() != 2 || !shape.equals(positionIds.getShape())) {
            throw new IllegalArgumentException("input ids " + shape + " and position ids " + positionIds.getShape()
                    + " must both be [B, T]");
        }
        int past = cache == null ? 0 : cache.length();
        Shape biasShape = new Shape(shape.get(0), 1, shape.get(1), past + shape.get(1));
        if (!attentionBias.getShape().equals(biasShape)) {
            throw new IllegalArgumentException("attention bias is " + attentionBias.getShape() + ", expected "
                    + biasShape);
        }
        NDArray ids = onDevice(scope, inputIds);
        NDArray pos = onDevice(scope, positionIds);
        NDArray bias = onDevice(scope, attentionBias);
        return new OptForward(config, weights, dtype, mode).run(ids, pos, bias, cache);
    }

    /**
     * The tied output projection.
     *
     * @param hidden {@code [..., word_embed_proj_dim]} from {@link #hidden}
     * @return float32 logits {@code [..., V]} in {@code hidden}'s manager
     */
    public NDArray logits(NDArray hidden) {
        NDArrayEx ex = hidden.getNDArrayInternal();
        NDArray logits = ex.linear(hidden, weights.embedTokens(), null).singletonOrThrow();
        if (logits.getDataType() != DataType.FLOAT32) {
            NDArray wide = logits.toType(DataType.FLOAT32, false);
            logits.close();
            return wide;
        }
        return logits;
    }

    private NDArray onDevice(NDManager scope, NDArray a) {
        // A copy into the scope: the caller's array stays where it is and the forward's results land in the scope.
        NDArray copy = a.toDevice(device(), true);
        copy.attach(scope);
        return copy;
    }

    /**
     * Writes the model as a Hugging Face checkpoint directory ({@code config.json}, float32 {@code model.safetensors}
     * with Hugging Face tensor names) that {@link org.imlbench.hf.checkpoint.Checkpoints#open} reads back.
     *
     * @param dir the target directory (created or replaced atomically)
     * @param tokenizerSourceDir a directory whose tokenizer files are copied alongside, or null
     * @throws IOException when writing fails
     */
    public void save(Path dir, Path tokenizerSourceDir) throws IOException {
        CheckpointWriter writer = new CheckpointWriter(config);
        save(dir, tokenizerSourceDir == null ? writer : writer.withTokenizerFrom(tokenizerSourceDir));
    }

    /**
     * Writes the model with a writer that may carry extra files (e.g. an embedded tokenizer).
     *
     * @param dir the target directory (created or replaced atomically)
     * @param writer the writer, configured with this model's config
     * @throws IOException when writing fails
     */
    public void save(Path dir, CheckpointWriter writer) throws IOException {
        OptSaver.save(this, dir, writer);
    }

    /** Frees every parameter. */
    @Override
    public void close() {
        manager.close();
    }

}
