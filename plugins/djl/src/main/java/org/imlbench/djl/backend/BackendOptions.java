package org.imlbench.djl.backend;

import ai.djl.ndarray.types.DataType;

import java.util.Map;
import java.util.Set;

/**
 * The {@code djl} backend's options ({@code --backend-option key=value}).
 *
 * @param batchSize units per forward pass ({@code batch-size}, default 8)
 * @param threads intra-op threads ({@code threads}, default: the available processors)
 * @param dtype {@code dtype}: float32 (default), or float16 on a GPU
 * @param seed {@code seed} of the embedded model (default 0)
 * @param decodeThreads intra-op threads for one-token generation steps ({@code decode-threads}); 0 ({@code auto}, the
 *                      default) times one thread against {@code threads} as generation runs and uses the faster
 */
public record BackendOptions(int batchSize, int threads, DataType dtype, long seed, int decodeThreads) {
    /** The option names this backend understands. */
    public static final Set<String> NAMES = Set.of("batch-size", "threads", "dtype", "seed", "decode-threads");

    /**
     * @param options the raw options
     * @return them parsed
     * @throws IllegalArgumentException naming the option when one is unknown or malformed
     */
    public static BackendOptions parse(Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!NAMES.contains(key)) {
                throw new IllegalArgumentException("unknown djl backend option '" + key + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(NAMES)) + ")");
            }
        }
        int batch = positive(options, "batch-size", 8);
        int threads = positive(options, "threads", Runtime.getRuntime().availableProcessors());
        String dtypeName = options.getOrDefault("dtype", "float32").toLowerCase(java.util.Locale.ROOT);
        DataType dtype = switch (dtypeName) {
            case "float32", "fp32" -> DataType.FLOAT32;
            case "float16", "fp16", "half" -> DataType.FLOAT16;
            default -> throw new IllegalArgumentException("dtype '" + dtypeName + "' is not supported: use float32, "
                    + "or float16 on a GPU (bf16 checkpoints are widened to float32)");
        };
        long seed;
        try {
            seed = Long.parseLong(options.getOrDefault("seed", "0"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option seed must be an integer: " + options.get("seed"));
        }
        int decodeThreads = "auto".equals(options.getOrDefault("decode-threads", "auto")) ? 0
                : positive(options, "decode-threads", 0);
        return new BackendOptions(batch, threads, dtype, seed, decodeThreads);
    }

    private static int positive(Map<String, String> options, String key, int fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " must be a positive integer: " + v);
        }
    }
}
