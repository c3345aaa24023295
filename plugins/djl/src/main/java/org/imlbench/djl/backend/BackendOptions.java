package org.imlbench.djl.backend;

import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.imlbench.api.OptionKey;
import org.imlbench.api.Options;
import org.imlbench.api.UsageException;

/**
 * The {@code djl} backend's options ({@code --backend-option key=value}), declared as {@link #KEYS}.
 *
 * @param batchSize units per forward pass ({@code batch-size}, default 8)
 * @param threads intra-op threads ({@code threads}, default: the available processors)
 * @param dtype {@code dtype}: float32 (default), or float16 on a GPU
 * @param seed {@code seed} of the embedded model (default 0)
 * @param decodeThreads intra-op threads for one-token generation steps ({@code decode-threads}); 0 ({@code auto}, the
 *                      default) times one thread against {@code threads} as generation runs and uses the faster
 */
public record BackendOptions(int batchSize, int threads, DataType dtype, long seed, int decodeThreads) {
    /** {@code batch-size}. */
    public static final OptionKey<Integer> BATCH_SIZE = OptionKey.integer("batch-size",
            "scoring/generation units per forward pass", 8, 1);
    /** {@code threads}. */
    public static final OptionKey<Integer> THREADS = OptionKey.integer("threads",
            "intra-op threads (default: the available processors)", Runtime.getRuntime().availableProcessors(), 1);
    /** {@code dtype}. */
    public static final OptionKey<String> DTYPE = OptionKey.choice("dtype",
            "compute type: float32, or float16 on a GPU (bf16 checkpoints are widened to float32)", "float32",
            "float32", "fp32", "float16", "fp16", "half");
    /** {@code seed}. */
    public static final OptionKey<Long> SEED = OptionKey.longInteger("seed",
            "initialisation seed of the embedded model", 0L);
    /** {@code decode-threads}. */
    public static final OptionKey<String> DECODE_THREADS = OptionKey.text("decode-threads",
            "threads for one-token generation steps: a number, or auto (time 1 against threads)", "auto");
    /** Every option of the backend. */
    public static final List<OptionKey<?>> KEYS = List.of(BATCH_SIZE, THREADS, DTYPE, SEED, DECODE_THREADS);

    /**
     * @param options the options given
     * @return them parsed
     * @throws org.imlbench.api.UsageException naming the option when one is malformed
     */
    public static BackendOptions parse(Options options) {
        DataType dtype = switch (options.get(DTYPE)) {
            case "float16", "fp16", "half" -> DataType.FLOAT16;
            default -> DataType.FLOAT32;
        };
        return new BackendOptions(options.get(BATCH_SIZE), options.get(THREADS), dtype, options.get(SEED),
                decodeThreads(options.get(DECODE_THREADS)));
    }

    /** {@code auto} is 0; anything else must be a count of at least 1. */
    private static int decodeThreads(String text) {
        String value = text.strip();
        if ("auto".equalsIgnoreCase(value)) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("option decode-threads='" + text + "': expected auto or an integer >= 1");
    }
}
