package org.imlbench.templates.split;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The task cluster of a dataset, from the table shipped with this module ({@code clusters.tsv}: T0's clusters and
 * OPT-IML Bench's categories for well-known Hugging Face datasets).
 */
public final class Clusters {
    private final Map<String, String> byDataset;

    private Clusters(Map<String, String> byDataset) {
        this.byDataset = byDataset;
    }

    /** @return the shipped table */
    public static Clusters shipped() {
        try (InputStream in = Clusters.class.getResourceAsStream("clusters.tsv")) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("resource missing: clusters.tsv"));
            }
            Map<String, String> table = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                if (parts.length != 2) {
                    throw new IllegalStateException("clusters.tsv: malformed line: " + line);
                }
                table.put(parts[0].strip().toLowerCase(Locale.ROOT), parts[1].strip());
            }
            return new Clusters(table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param path a dataset path such as {@code facebook/xnli}
     * @param name its configuration, or null
     * @return the cluster, looked up as {@code path/name}, {@code path}, then without the organisation
     */
    public Optional<String> of(String path, String name) {
        String full = path.toLowerCase(Locale.ROOT);
        String base = full.contains("/") ? full.substring(full.lastIndexOf('/') + 1) : full;
        String config = name == null ? null : name.toLowerCase(Locale.ROOT);
        for (String key : new String[] {config == null ? null : full + "/" + config, full,
                config == null ? null : base + "/" + config, base}) {
            if (key != null && byDataset.containsKey(key)) {
                return Optional.of(byDataset.get(key));
            }
        }
        return Optional.empty();
    }
}
