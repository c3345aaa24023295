package org.imlbench.torchrun;

import java.util.List;
import java.util.Optional;
import org.imlbench.api.OptionKey;
import org.imlbench.api.Options;
import org.imlbench.api.TuningConfig;
import org.imlbench.api.UsageException;

/**
 * The {@code torchrun} backend's options ({@code --backend-option key=value}), declared as {@link #KEYS}, parsed and
 * checked against each other, the device and the recipe before anything is written.
 *
 * @param nprocPerNode ranks per node as torchrun takes it: a count, or {@code gpu} (every visible GPU)
 * @param nnodes nodes in the job
 * @param nodeRank this node's index (multi-node local launches)
 * @param rdzvEndpoint {@code HOST:PORT} where the nodes meet, when given
 * @param python the Python interpreter to run
 * @param pythonGiven whether {@code python} was given (else the default may fall back to the system's Python)
 * @param launcher where the ranks run
 * @param precision {@code float32}, {@code bfloat16} or {@code float16}
 * @param activationCheckpointing recompute each decoder layer's activations in the backward pass
 * @param threads intra-op threads per rank ({@code OMP_NUM_THREADS})
 * @param seed initialisation seed of the embedded model
 * @param shardSteps optimizer steps per data shard
 * @param device the parsed {@code --device}
 */
public record TorchrunOptions(String nprocPerNode, int nnodes, int nodeRank, Optional<String> rdzvEndpoint,
                              String python, boolean pythonGiven, Launcher launcher, String precision,
                              boolean activationCheckpointing, int threads, long seed, int shardSteps,
                              TorchDevice device) {
    /** Where the ranks run. */
    public enum Launcher {
        /** {@code python -m torch.distributed.run} on this node. */
        LOCAL,
        /** An {@code sbatch} script for the user to submit. */
        SLURM
    }

    /** {@code nproc-per-node}. */
    public static final OptionKey<Integer> NPROC_PER_NODE = OptionKey.integer("nproc-per-node",
            "ranks per node (default: 1 on the CPU, one per GPU of --device gpu:0,1, every visible GPU for gpu)",
            null, 1);
    /** {@code nnodes}. */
    public static final OptionKey<Integer> NNODES = OptionKey.integer("nnodes", "nodes in the job", 1, 1);
    /** {@code node-rank}. */
    public static final OptionKey<Integer> NODE_RANK = OptionKey.integer("node-rank",
            "this node's index, 0 to nnodes-1 (launcher=local on several nodes)", 0, 0);
    /** {@code rdzv-endpoint}. */
    public static final OptionKey<String> RDZV_ENDPOINT = OptionKey.text("rdzv-endpoint",
            "HOST:PORT where the nodes meet: node 0 and a free port; required for nnodes > 1 with launcher=local "
                    + "(Slurm: the job's first node, port 29500)", null);
    /** {@code python}. */
    public static final OptionKey<String> PYTHON = OptionKey.text("python",
            "the Python interpreter with torch >= 1.13 and numpy (python3; when it lacks torch, /usr/bin/python3 if "
                    + "that has it)", "python3");
    /** {@code launcher}. */
    public static final OptionKey<String> LAUNCHER = OptionKey.choice("launcher",
            "local: torchrun on this node; slurm: write an sbatch script to submit, and wait for its result",
            "local", "local", "slurm");
    /** {@code precision}. */
    public static final OptionKey<String> PRECISION = OptionKey.choice("precision",
            "compute type: float32, or bfloat16/float16 on GPUs (float32 master weights and optimizer state)",
            "float32", "float32", "bfloat16", "float16");
    /** {@code activation-checkpointing}. */
    public static final OptionKey<Boolean> ACTIVATION_CHECKPOINTING = OptionKey.flag("activation-checkpointing",
            "recompute each decoder layer's activations in the backward pass (less memory, ~1/3 more compute)",
            false);
    /** {@code threads}. */
    public static final OptionKey<Integer> THREADS = OptionKey.integer("threads",
            "intra-op threads per rank, OMP_NUM_THREADS (default: the available processors / nproc-per-node)", null,
            1);
    /** {@code seed}. */
    public static final OptionKey<Long> SEED = OptionKey.longInteger("seed",
            "initialisation seed of the embedded model (the djl backend's, so both use one model)", 0L);
    /** {@code shard-steps}. */
    public static final OptionKey<Integer> SHARD_STEPS = OptionKey.integer("shard-steps",
            "optimizer steps per data shard file", 256, 1);
    /** Every option of the backend. */
    public static final List<OptionKey<?>> KEYS = List.of(NPROC_PER_NODE, NNODES, NODE_RANK, RDZV_ENDPOINT, PYTHON,
            LAUNCHER, PRECISION, ACTIVATION_CHECKPOINTING, THREADS, SEED, SHARD_STEPS);

    /**
     * @param options the options given
     * @param deviceText the {@code --device}
     * @param processors the available processors, for the default thread count
     * @return the options, checked against each other
     * @throws UsageException naming the option when one is malformed or they contradict each other
     */
    public static TorchrunOptions parse(Options options, String deviceText, int processors) {
        TorchDevice device = TorchDevice.parse(deviceText);
        Optional<Integer> nproc = NPROC_PER_NODE.optional(options);
        String ranks = nproc.map(String::valueOf).orElseGet(device::defaultRanks);
        int nnodes = options.get(NNODES);
        int nodeRank = options.get(NODE_RANK);
        if (nodeRank >= nnodes) {
            throw new UsageException("option node-rank=" + nodeRank + ": expected 0 to nnodes-1 = " + (nnodes - 1));
        }
        Optional<String> endpoint = RDZV_ENDPOINT.optional(options).map(String::strip);
        endpoint.ifPresent(TorchrunOptions::checkEndpoint);
        Launcher launcher = options.get(LAUNCHER).equals("slurm") ? Launcher.SLURM : Launcher.LOCAL;
        if (launcher == Launcher.LOCAL && nnodes > 1 && endpoint.isEmpty()) {
            throw new UsageException("option nnodes=" + nnodes + " with launcher=local needs rdzv-endpoint=HOST:PORT "
                    + "(a port on node 0 that every node reaches); or use launcher=slurm");
        }
        String precision = options.get(PRECISION);
        if (!precision.equals("float32") && !device.gpu()) {
            throw new UsageException("option precision=" + precision + " needs --device gpu (the CPU engine "
                    + "trains in float32)");
        }
        int localRanks = ranks.equals(TorchDevice.ALL_GPUS) ? 1 : Integer.parseInt(ranks);
        int threads = THREADS.optional(options).orElse(Math.max(1, processors / localRanks));
        return new TorchrunOptions(ranks, nnodes, nodeRank, endpoint, options.get(PYTHON).strip(),
                PYTHON.optional(options).isPresent(), launcher, precision, options.get(ACTIVATION_CHECKPOINTING),
                threads, options.get(SEED), options.get(SHARD_STEPS), device);
    }

    private static void checkEndpoint(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        boolean ok = colon > 0 && colon < endpoint.length() - 1;
        if (ok) {
            try {
                int port = Integer.parseInt(endpoint.substring(colon + 1));
                ok = port > 0 && port < 65536;
            } catch (NumberFormatException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw new UsageException("option rdzv-endpoint='" + endpoint + "': expected HOST:PORT");
        }
    }

    /** @return ranks in the whole job, when the count per node is known here */
    public Optional<Integer> worldSize() {
        return nprocPerNode.equals(TorchDevice.ALL_GPUS) ? Optional.empty()
                : Optional.of(nnodes * Integer.parseInt(nprocPerNode));
    }

    /**
     * Refuses a recipe whose batch does not split evenly into ranks and micro-batches (the trainer would refuse it
     * after start-up; this says so before any file is written).
     *
     * @param config the recipe
     * @throws UsageException when the batch does not split
     */
    public void checkSplits(TuningConfig config) {
        worldSize().ifPresent(world -> {
            if (config.batchSize() % (world * config.gradientAccumulation()) != 0) {
                throw new UsageException("--batch-size " + config.batchSize() + " does not split into " + world
                        + " ranks (nnodes x nproc-per-node) x " + config.gradientAccumulation()
                        + " micro-batches (--grad-accumulation)");
            }
        });
    }
}
