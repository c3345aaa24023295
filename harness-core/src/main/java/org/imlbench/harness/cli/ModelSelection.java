package org.imlbench.harness.cli;

import com.beust.jcommander.DynamicParameter;
import com.beust.jcommander.Parameter;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.ModelBackend;
import org.imlbench.api.ModelRequest;
import org.imlbench.api.UsageException;
import org.imlbench.harness.plugins.DeclaredOptions;

/**
 * The model options shared by {@code score}, {@code generate}, {@code serve} and {@code bench --serving}: which
 * backend loads which model where. The model name goes to the backend as given (as {@code run} and {@code eval}
 * pass it): a backend resolves paths itself, and a served model's name must reach the server unchanged.
 */
final class ModelSelection {
    /** The device when none is given. */
    static final String DEFAULT_DEVICE = "cpu";

    @Parameter(names = "--model", description = "A checkpoint directory, a hub id (facebook/opt-125m) or "
            + "'embedded'; required")
    String model;
    @Parameter(names = "--backend", description = "Model backend plugin. Default: djl")
    String backend = "djl";
    @Parameter(names = "--device", description = "cpu, gpu, gpu:0 or gpu:0,1. Default: cpu")
    String device = DEFAULT_DEVICE;
    @DynamicParameter(names = "--backend-option", description = "Backend option key=value, repeatable")
    Map<String, String> backendOptions = new LinkedHashMap<>();

    /**
     * @param context the command's context
     * @return the loaded model; the caller closes it
     * @throws IOException when the backend cannot load it
     * @throws UsageException when no --model was given
     */
    LanguageModel load(CliContext context) throws IOException {
        requireModel();
        ModelBackend plugin = context.plugins().get(ModelBackend.class, backend);
        return plugin.load(new ModelRequest(model, device,
                DeclaredOptions.forBackends(backendOptions, List.of(plugin))));
    }

    /**
     * @return the model as given
     * @throws UsageException when none was given
     */
    String requireModel() {
        if (model == null || model.isBlank()) {
            throw new UsageException("--model is required: a checkpoint directory, a hub id or 'embedded'");
        }
        return model;
    }
}
