package org.imlbench.templates.split;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The split spec both template providers suggest ({@code templates-split.json}): T0's held-out clusters, fully held
 * out. Categories come from tags, groups or folders as often as from clusters, so a loaded category is also held out
 * when every one of its tasks reads a dataset of a held-out cluster. Collects the tasks as they are read.
 */
public final class DefaultSplit {
    private final Clusters clusters = Clusters.shipped();
    private final Set<String> heldOutClusters;
    private final ObjectNode spec;
    private final Map<String, Boolean> categoryAllHeldOut = new LinkedHashMap<>();

    /** Reads the shipped spec. */
    public DefaultSplit() {
        try (InputStream in = DefaultSplit.class.getResourceAsStream("templates-split.json")) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("resource missing: templates-split.json"));
            }
            spec = (ObjectNode) new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        heldOutClusters = new HashSet<>();
        spec.get("heldOutCategories").forEach(n -> heldOutClusters.add(n.asText()));
    }

    /** @return the cluster table */
    public Clusters clusters() {
        return clusters;
    }

    /**
     * Notes one loaded task.
     *
     * @param category its category
     * @param datasetPath its dataset
     * @param datasetName the dataset's configuration, or null
     */
    public void add(String category, String datasetPath, String datasetName) {
        Optional<String> cluster = clusters.of(datasetPath, datasetName);
        boolean heldOut = heldOutClusters.contains(category) || cluster.map(heldOutClusters::contains).orElse(false);
        categoryAllHeldOut.merge(category, heldOut, Boolean::logicalAnd);
    }

    /** @return the spec as JSON: the held-out categories among those loaded */
    public String json() {
        Set<String> heldOut = new LinkedHashSet<>();
        categoryAllHeldOut.forEach((category, all) -> {
            if (all) {
                heldOut.add(category);
            }
        });
        ObjectNode out = spec.deepCopy();
        ArrayNode categories = out.putArray("heldOutCategories");
        heldOut.forEach(categories::add);
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
