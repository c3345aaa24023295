package org.imlbench.openai;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.ModelBackend;
import org.imlbench.api.ModelInfo;
import org.imlbench.api.ModelRequest;
import org.imlbench.api.OptionKey;
import org.imlbench.openai.protocol.ModelCard;
import org.imlbench.openai.protocol.ModelList;

/**
 * The {@code openai} model backend: {@code --backend openai --model NAME --backend-option
 * base-url=http://host:port/v1}. The model is whatever the server serves under NAME (vLLM, TGI, SGLang,
 * llama.cpp's server, {@code harness serve}); the device option has no meaning here.
 */
public final class OpenAiBackend implements ModelBackend {
    /** The backend's name. */
    public static final String NAME = "openai";

    /** Needed by ServiceLoader. */
    public OpenAiBackend() {
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
        return "Any OpenAI-compatible completions server (vLLM, TGI, SGLang, harness serve): scores with echo and "
                + "logprobs, generates greedily";
    }

    @Override
    public List<OptionKey<?>> declaredOptions() {
        return ClientOptions.KEYS;
    }

    /**
     * Checks the options and, once and without retrying, that the server serves the model: a server that answers
     * with a model list without it is an error naming what it serves; one that does not answer yet is not (its
     * requests will retry, and fail their tasks if it never does).
     */
    @Override
    public LanguageModel load(ModelRequest request) throws IOException {
        ClientOptions options = ClientOptions.parse(request.options());
        String key = System.getenv(options.apiKeyEnv());
        CompletionsClient client = new CompletionsClient(options, key, System.err);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("base url", options.baseUrl().toString());
        details.put("api key", key == null || key.isEmpty() ? "none ($" + options.apiKeyEnv() + " not set)"
                : "from $" + options.apiKeyEnv());
        details.put("concurrency", Integer.toString(options.concurrency()));
        details.put("timeout", options.timeout().toString());
        details.put("max retries", Integer.toString(options.maxRetries()));
        ModelList models = null;
        try {
            models = client.models();
        } catch (IOException e) {
            details.put("model list", "unverified: " + e.getMessage());
        }
        if (models != null) {
            ModelList served = models;
            ModelCard card = served.data().stream().filter(m -> m.id().equals(request.model())).findFirst()
                    .orElseThrow(() -> new IOException(options.endpoint("models") + " does not serve '"
                            + request.model() + "'; it serves " + served.data().stream().map(ModelCard::id)
                            .toList()));
            details.put("served by", card.ownedBy());
            if (card.maxModelLen() > 0) {
                details.put("max model len", Integer.toString(card.maxModelLen()));
            }
        }
        details.put("scoring", options.scoring() ? "echo with logprobs, max_tokens " + options.echoMaxTokens()
                : "off (option tasks by generation)");
        return new OpenAiModel(new ModelInfo(request.model(), NAME, request.device(), 0, details), client, options);
    }
}
