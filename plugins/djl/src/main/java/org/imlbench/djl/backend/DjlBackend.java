package org.imlbench.djl.backend;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.imlbench.api.BenchmarkWorkloads;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.ModelBackend;
import org.imlbench.api.ModelInfo;
import org.imlbench.api.ModelRequest;
import org.imlbench.api.OptionKey;
import org.imlbench.api.TuningListener;
import org.imlbench.api.TuningRequest;
import org.imlbench.api.TuningResult;
import org.imlbench.djl.bench.Bench;
import org.imlbench.djl.inference.RequestTokenizer;
import org.imlbench.djl.model.DeviceSpec;
import org.imlbench.djl.model.DjlEngine;
import org.imlbench.hf.checkpoint.Checkpoint;
import org.imlbench.hf.checkpoint.Checkpoints;
import org.imlbench.hf.embedded.ModelLocator;
import org.imlbench.hf.tokenizer.Tokenizer;
import org.imlbench.hf.tokenizer.Tokenizers;
import org.imlbench.tuningdata.ModelLimits;

/**
 * The {@code djl} model backend: OPT checkpoints (local Hugging Face directories, hub ids, or the embedded default
 * model) on DJL's PyTorch engine, on the CPU or on one or more GPUs.
 */
public final class DjlBackend implements ModelBackend {
    /** The backend's name. */
    public static final String NAME = "djl";

    /** Needed by ServiceLoader. */
    public DjlBackend() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public String description() {
        return "OPT on DJL/PyTorch: Hugging Face checkpoints or hub ids, or 'embedded'; scores, generates, tunes";
    }

    @Override
    public LanguageModel load(ModelRequest request) throws IOException {
        BackendOptions options = BackendOptions.parse(request.options());
        List<Device> devices = DeviceSpec.devices(request.devices());
        DjlEngine.start(options.threads());
        devices.forEach(DeviceSpec::requireAvailable);
        Path dir = ModelLocator.locate(request.model(), options.seed());
        return load(request, dir, devices, options);
    }

    static DjlLanguageModel load(ModelRequest request, Path dir, List<Device> devices, BackendOptions options)
            throws IOException {
        Tokenizer tokenizer = Tokenizers.load(dir);
        List<Replica> replicas = new ArrayList<>();
        try (Checkpoint checkpoint = Checkpoints.open(dir)) {
            ModelLimits.of(checkpoint.config()).checkTokenizer(tokenizer, dir);
            for (Device device : devices) {
                replicas.add(Replica.load(checkpoint, device, tokenizer, options));
            }
            Map<String, String> details = new LinkedHashMap<>();
            details.put("checkpoint", dir.toAbsolutePath().toString());
            details.put("dtype", options.dtype().toString().toLowerCase(Locale.ROOT));
            details.put("stored dtype", checkpoint.config().torchDtype());
            details.put("engine", DjlEngine.NAME + " " + DjlEngine.version());
            details.put("tokenizer", tokenizer.getClass().getSimpleName());
            details.put("batch size", Integer.toString(options.batchSize()));
            details.put("threads", Integer.toString(options.threads()));
            details.put("decode threads", options.decodeThreads() == 0 ? "auto"
                    : Integer.toString(options.decodeThreads()));
            ModelInfo info = new ModelInfo(request.model(), NAME, request.device(),
                    replicas.get(0).model().parameterCount(), details);
            RequestTokenizer requests = new RequestTokenizer(tokenizer, checkpoint.config().maxPositions());
            return new DjlLanguageModel(info, replicas, requests,
                    new DjlTokenView(tokenizer, requests, replicas, checkpoint.config().maxPositions(),
                            checkpoint.config().vocabSize()));
        } catch (IOException | RuntimeException e) {
            replicas.forEach(Replica::close);
            throw e;
        }
    }

    @Override
    public List<OptionKey<?>> declaredOptions() {
        return BackendOptions.KEYS;
    }

    /** The OPT-125m-shaped speed workloads of {@code harness bench} (see {@link Bench}). */
    @Override
    public Optional<BenchmarkWorkloads> benchmark() {
        return Optional.of(new Bench());
    }

    @Override
    public boolean canTune() {
        return true;
    }

    @Override
    public TuningResult tune(TuningRequest request, TuningListener listener) throws IOException {
        return TuningBridge.tune(request, listener);
    }
}
