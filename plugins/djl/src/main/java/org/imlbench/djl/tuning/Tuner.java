package org.imlbench.djl.tuning;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imlbench.api.TuningConfig;
import org.imlbench.api.TuningListener;
import org.imlbench.api.TuningRequest;
import org.imlbench.api.TuningResult;
import org.imlbench.djl.backend.BackendOptions;
import org.imlbench.djl.model.DeviceSpec;
import org.imlbench.djl.model.DjlEngine;
import org.imlbench.hf.checkpoint.OptConfigs;
import org.imlbench.hf.embedded.EmbeddedModel;
import org.imlbench.tuningdata.ModelLimits;

/**
 * The {@code djl} backend's instruction tuner, the entry point of {@code ModelBackend.tune}: OPT-IML's recipe
 * (target-only loss on packed windows, AdamW with warm-up and linear decay, global-norm clipping, dropout,
 * gradient accumulation, examples-proportional mixing with a per-task cap) on one or more data-parallel replicas,
 * with resumable checkpoints.
 *
 * <p>Contract for the backend: call {@link #tune(TuningRequest, Path, TuningListener)} with the base model already
 * resolved to a local checkpoint directory (hub ids are the backend's business), or
 * {@link #tune(TuningRequest, TuningListener)} when {@code request.base().model()} is a local directory or
 * {@code embedded}. Options are the backend's ({@code threads}, {@code dtype}, {@code seed}, {@code batch-size}):
 * {@code dtype=float16} (GPU only) trains float16 replicas against a float32 master copy with dynamic loss scaling.
 * Devices: {@code request.base().device()}; replica {@code k} runs on the {@code k mod n}-th listed device, so
 * {@code gpu:0,1} with {@code replicas=2} puts one replica on each GPU and {@code cpu} with {@code replicas=2} runs
 * two replicas on the CPU.
 *
 * <p>Output ({@link TuningDirectory}): the tuned checkpoint in {@code outputDir/model} (Hugging Face layout:
 * config.json, float32 model.safetensors with HF tensor names, the base model's tokenizer files), resumable state
 * under {@code outputDir/state}, the loss curve in {@code outputDir/loss.png} and {@code loss.csv}.
 */
public final class Tuner {
    private static final System.Logger LOG = System.getLogger(Tuner.class.getName());

    private Tuner() {
    }

    /**
     * Tunes a base model given as a local checkpoint directory or as {@code embedded}.
     *
     * @param request the base model, data and recipe
     * @param listener told after every optimizer step
     * @return the tuned checkpoint and its loss curve
     * @throws IOException when the base model cannot be found or tuning fails
     */
    public static TuningResult tune(TuningRequest request, TuningListener listener) throws IOException {
        String model = request.base().model();
        Path dir;
        if (model.equals(EmbeddedModel.NAME)) {
            dir = EmbeddedModel.ensure(EmbeddedModel.defaultCacheRoot(), options(request).seed());
        } else {
            dir = Path.of(model);
            if (!Files.isDirectory(dir)) {
                throw new IOException(model + ": not a local checkpoint directory (resolve hub ids before tuning)");
            }
        }
        return tune(request, dir, listener);
    }

    /**
     * Tunes a base model already resolved to a checkpoint directory.
     *
     * @param request the data and recipe ({@code request.base().model()} is only recorded)
     * @param baseDir the base checkpoint directory (Hugging Face layout with tokenizer files)
     * @param listener told after every optimizer step
     * @return the tuned checkpoint and its loss curve
     * @throws IOException when reading, tuning or writing fails
     */
    public static TuningResult tune(TuningRequest request, Path baseDir, TuningListener listener) throws IOException {
        BackendOptions options = options(request);
        DjlEngine.start(options.threads());
        List<Device> devices = DeviceSpec.devices(request.base().devices());
        devices.forEach(DeviceSpec::requireAvailable);
        List<Device> replicaDevices = new ArrayList<>();
        for (int k = 0; k < request.config().replicas(); k++) {
            replicaDevices.add(devices.get(k % devices.size()));
        }
        boolean mixed = options.dtype() == DataType.FLOAT16;
        if (mixed && replicaDevices.stream().anyMatch(d -> !d.isGpu())) {
            throw new IOException("dtype float16 tunes on GPUs only; use float32 on " + request.base().device());
        }
        // limits the base model sets (window vs positions, tokenizer vs embedding) are settled before any work
        ModelLimits limits = ModelLimits.of(OptConfigs.read(baseDir.resolve(OptConfigs.FILE_NAME)));
        TuningConfig recipe = limits.fit(request.config(), note -> LOG.log(System.Logger.Level.INFO, note));
        return new TuningRun(request, recipe, limits, baseDir, replicaDevices, mixed, listener).run();
    }

    private static BackendOptions options(TuningRequest request) {
        return BackendOptions.parse(request.base().options());
    }
}
