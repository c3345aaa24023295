package org.imlbench.hf.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.imlbench.files.IoErrors;

/**
 * Reads and writes Hugging Face {@code config.json} files of OPT models ({@code OPTConfig}).
 *
 * <p>The architecture fields without a safe default are required; the others take {@code OPTConfig}'s defaults.
 */
public final class OptConfigs {
    /** The file name Hugging Face uses for a model's configuration. */
    public static final String FILE_NAME = "config.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OptConfigs() {
    }

    /**
     * Parses a config.json.
     *
     * @param configJson the file
     * @return the configuration
     * @throws IOException when the file is missing or malformed, or lacks a required field; the message names the
     *                     file and the field
     */
    public static OptConfig read(Path configJson) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(configJson.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(configJson + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (FileNotFoundException | NoSuchFileException e) {
            throw new IOException(configJson + ": no such file (a Hugging Face checkpoint needs config.json)", e);
        } catch (IOException e) {
            // e.g. bytes that are no Unicode text at all (Jackson's CharConversionException)
            throw IoErrors.naming(configJson, "not valid JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(configJson + ": expected a JSON object");
        }
        return new Reader(configJson, root).config();
    }

    /**
     * Writes a config.json as {@code OPTForCausalLM.save_pretrained} would: model_type "opt", architectures
     * ["OPTForCausalLM"] and every {@code OPTConfig} field.
     *
     * @param config the configuration
     * @param configJson the file to write
     * @throws IOException when it cannot be written
     */
    public static void write(OptConfig config, Path configJson) throws IOException {
        Files.writeString(configJson, toJson(config));
    }

    /**
     * @param config a configuration
     * @return its config.json text
     */
    public static String toJson(OptConfig config) {
        ObjectNode o = JSON.createObjectNode();
        o.putArray("architectures").add("OPTForCausalLM");
        o.put("model_type", "opt");
        o.put("activation_function", config.activation());
        o.put("attention_dropout", config.attentionDropout());
        o.put("dropout", config.dropout());
        o.put("bos_token_id", config.bosTokenId());
        o.put("eos_token_id", config.eosTokenId());
        o.put("pad_token_id", config.padTokenId());
        o.put("do_layer_norm_before", config.doLayerNormBefore());
        o.put("enable_bias", config.enableBias());
        o.put("layer_norm_elementwise_affine", config.layerNormElementwiseAffine());
        o.put("hidden_size", config.hiddenSize());
        o.put("ffn_dim", config.ffnDim());
        o.put("num_hidden_layers", config.numLayers());
        o.put("num_attention_heads", config.numHeads());
        o.put("word_embed_proj_dim", config.wordEmbedProjDim());
        o.put("max_position_embeddings", config.maxPositions());
        o.put("vocab_size", config.vocabSize());
        o.put("init_std", 0.02);
        o.put("layerdrop", 0.0);
        o.put("torch_dtype", config.torchDtype());
        o.put("use_cache", true);
        o.put("prefix", "</s>");
        try {
            return JSON.writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    /** Field access with errors that name the file and the field. */
    private record Reader(Path file, JsonNode root) {
        OptConfig config() throws IOException {
            JsonNode modelType = root.get("model_type");
            if (modelType != null && !"opt".equals(modelType.asText())) {
                throw new IOException(file + ": model_type is '" + modelType.asText() + "', expected 'opt'");
            }
            int hidden = requiredInt("hidden_size");
            int heads = requiredInt("num_attention_heads");
            OptConfig config = new OptConfig(
                    requiredInt("vocab_size"),
                    hidden,
                    requiredInt("num_hidden_layers"),
                    heads,
                    requiredInt("ffn_dim"),
                    requiredInt("max_position_embeddings"),
                    optionalInt("word_embed_proj_dim", hidden),
                    optionalBoolean("do_layer_norm_before", true),
                    optionalText("activation_function", "relu"),
                    optionalDouble("dropout", 0.1),
                    optionalDouble("attention_dropout", 0.0),
                    optionalBoolean("enable_bias", true),
                    optionalBoolean("layer_norm_elementwise_affine", true),
                    optionalInt("pad_token_id", 1),
                    optionalInt("bos_token_id", 2),
                    optionalInt("eos_token_id", 2),
                    optionalText("torch_dtype", "float32"));
            if (hidden % heads != 0) {
                throw new IOException(file + ": hidden_size " + hidden + " is not a multiple of num_attention_heads "
                        + heads);
            }
            if (config.wordEmbedProjDim() <= 0) {
                throw new IOException(file + ": field 'word_embed_proj_dim' must be a positive integer, found "
                        + config.wordEmbedProjDim());
            }
            probability("dropout", config.dropout());
            probability("attention_dropout", config.attentionDropout());
            // an id outside the embedding table would fail deep inside an engine; name it here instead
            tokenId("pad_token_id", config.padTokenId(), config.vocabSize());
            tokenId("bos_token_id", config.bosTokenId(), config.vocabSize());
            tokenId("eos_token_id", config.eosTokenId(), config.vocabSize());
            return config;
        }

        private void probability(String field, double value) throws IOException {
            if (!(value >= 0 && value < 1)) {
                throw new IOException(file + ": field '" + field + "' must be in [0, 1), found " + value);
            }
        }

        private void tokenId(String field, int id, int vocabSize) throws IOException {
            if (id < 0 || id >= vocabSize) {
                throw new IOException(file + ": " + field + " " + id + " lies outside the vocabulary (vocab_size "
                        + vocabSize + ")");
            }
        }

        private int requiredInt(String field) throws IOException {
            JsonNode n = root.get(field);
            if (n == null || n.isNull()) {
                throw new IOException(file + ": required field '" + field + "' is missing");
            }
            return positiveInt(field, n);
        }

        private int optionalInt(String field, int fallback) throws IOException {
            JsonNode n = root.get(field);
            if (n == null || n.isNull()) {
                return fallback;
            }
            if (!n.canConvertToInt() || !n.isIntegralNumber()) {
                throw new IOException(file + ": field '" + field + "' must be an integer, found " + n);
            }
            return n.intValue();
        }

        private int positiveInt(String field, JsonNode n) throws IOException {
            if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() <= 0) {
                throw new IOException(file + ": field '" + field + "' must be a positive integer, found " + n);
            }
            return n.intValue();
        }

        private boolean optionalBoolean(String field, boolean fallback) throws IOException {
            JsonNode n = root.get(field);
            if (n == null || n.isNull()) {
                return fallback;
            }
            if (!n.isBoolean()) {
                throw new IOException(file + ": field '" + field + "' must be true or false, found " + n);
            }
            return n.booleanValue();
        }

        private double optionalDouble(String field, double fallback) throws IOException {
            JsonNode n = root.get(field);
            if (n == null || n.isNull()) {
                return fallback;
            }
            if (!n.isNumber()) {
                throw new IOException(file + ": field '" + field + "' must be a number, found " + n);
            }
            return n.doubleValue();
        }

        private String optionalText(String field, String fallback) throws IOException {
            JsonNode n = root.get(field);
            if (n == null || n.isNull()) {
                return fallback;
            }
            if (!n.isTextual()) {
                throw new IOException(file + ": field '" + field + "' must be a string, found " + n);
            }
            return n.textValue();
        }
    }
}
