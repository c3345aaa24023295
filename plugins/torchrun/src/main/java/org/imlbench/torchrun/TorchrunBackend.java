package org.imlbench.torchrun;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.ModelBackend;
import org.imlbench.api.ModelRequest;
import org.imlbench.api.OptionKey;
import org.imlbench.api.TuningListener;
import org.imlbench.api.TuningRequest;
import org.imlbench.api.TuningResult;
import org.imlbench.api.UsageException;

/**
 * The {@code torchrun} model backend: tunes OPT checkpoints on PyTorch's own distributed engine (torchrun with gloo on
 * CPUs, NCCL and FSDP on GPUs, on one node or many, locally or through Slurm) and writes a Hugging Face checkpoint that
 * any evaluating backend loads. It does not evaluate: {@code harness run --backend djl --tune-backend torchrun}
 * evaluates with {@code djl} and tunes here.
 */
public final class TorchrunBackend implements ModelBackend {
    /** The backend's name. */
    public static final String NAME = "torchrun";

    private final Consumer<String> notes;

    /** Needed by ServiceLoader; notes (which Python runs, how to submit a Slurm job) go to stderr. */
    public TorchrunBackend() {
        this(System.err::println);
    }

    /** @param notes receives the backend's one-line notes to the user */
    TorchrunBackend(Consumer<String> notes) {
        this.notes = notes;
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
        return "tunes only: OPT on PyTorch's torchrun (gloo on CPUs, NCCL/FSDP on GPUs, several nodes, Slurm); "
                + "evaluate with --backend djl --tune-backend torchrun";
    }

    @Override
    public List<OptionKey<?>> declaredOptions() {
        return TorchrunOptions.KEYS;
    }

    /**
     * Always refuses: this backend tunes and does not evaluate.
     *
     * @throws UsageException saying which backend to evaluate with
     */
    @Override
    public LanguageModel load(ModelRequest request) {
        throw new UsageException("backend torchrun only tunes and cannot evaluate " + request.model()
                + "; evaluate with --backend djl (harness run --backend djl --tune-backend torchrun)");
    }

    @Override
    public boolean canTune() {
        return true;
    }

    @Override
    public TuningResult tune(TuningRequest request, TuningListener listener) throws IOException {
        TorchrunOptions options = TorchrunOptions.parse(request.base().options(), request.base().device(),
                Runtime.getRuntime().availableProcessors());
        return new TorchrunTuning(request, options, notes, List.of(PythonRuntime.SYSTEM_PYTHON)).run(listener);
    }
}
