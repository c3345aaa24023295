package org.imlbench.hf.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.imlbench.files.IoErrors;

/**
 * A sharded checkpoint's index ({@code model.safetensors.index.json} or {@code pytorch_model.bin.index.json}):
 * {@code weight_map} from stored tensor name to shard file name.
 *
 * @param file the index file
 * @param weightMap stored tensor name to shard file name, in file order
 */
public record ShardIndex(Path file, Map<String, String> weightMap) {
    /** @return the shard file names, each once, in order of first appearance */
    public Set<String> shardNames() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(weightMap.values()));
    }

    /**
     * Parses an index file and checks that every shard it names exists next to it.
     *
     * @param file the index
     * @return the index
     * @throws IOException when the index is malformed or a shard is missing; the message names both
     */
    public static ShardIndex read(Path file) throws IOException {
        ShardIndex index = parse(file);
        Path dir = file.toAbsolutePath().getParent();
        for (String shard : index.shardNames()) {
            if (!Files.isRegularFile(dir.resolve(shard))) {
                throw new IOException(file + ": shard '" + shard + "' is missing (expected " + dir.resolve(shard)
                        + ")");
            }
        }
        return index;
    }

    /**
     * Parses an index file without looking for its shards (e.g. before downloading them).
     *
     * @param file the index
     * @return the index
     * @throws IOException when the index is malformed; the message names it
     */
    public static ShardIndex parse(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw IoErrors.naming(file, "not valid JSON", e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject()) {
            throw new IOException(file + ": required field 'weight_map' is missing or not an object");
        }
        Map<String, String> weightMap = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            String shard = e.getValue().asText();
            if (!e.getValue().isTextual() || shard.isEmpty() || shard.contains("/") || shard.contains("\\")
                    || shard.equals("..")) {
                throw new IOException(file + ": weight_map entry '" + e.getKey() + "' names an invalid shard "
                        + e.getValue());
            }
            weightMap.put(e.getKey(), shard);
        }
        return new ShardIndex(file, Collections.unmodifiableMap(weightMap));
    }
}
