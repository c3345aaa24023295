package org.imlbench.torchrun;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code sbatch} script of {@code launcher=slurm}: one Slurm task per node, each running the same torchrun command
 * ({@link TorchrunCommand}), the nodes meeting at a c10d rendezvous on the job's first node (or the
 * {@code rdzv-endpoint} given). The script resumes from the newest state in the output directory, so resubmitting a
 * failed or pre-empted job continues it, and it records its exit status in {@link #EXIT_STATUS}, which the waiting
 * harness reads.
 *
 * @param options the backend's options
 * @param python the interpreter on the compute nodes
 * @param output the output directory (on a file system every node shares)
 * @param trainer the trainer script
 * @param data the data directory
 */
record SlurmScript(TorchrunOptions options, String python, Path output, Path trainer, Path data) {
    /** The script's file name in the output directory. */
    static final String FILE_NAME = "torchrun.sbatch";
    /** The file the job writes its exit status to when it ends. */
    static final String EXIT_STATUS = "slurm-exit-status";
    /** The rendezvous port on the first node when no endpoint is given. */
    static final int DEFAULT_PORT = 29500;

    /** @return the script's text */
    String render() {
        String endpoint = options.rdzvEndpoint().orElse("${head_node}:" + DEFAULT_PORT);
        TorchrunCommand command = new TorchrunCommand(python, options.nprocPerNode(),
                new TorchrunCommand.C10d(options.nnodes(), endpoint, "imlbench-${SLURM_JOB_ID}"),
                output.resolve("logs").resolve("torchrun").toString(), trainer.toString(), data.toString(), true);
        Path status = output.resolve(EXIT_STATUS);
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("# imlbench torchrun tuning job: ").append(options.nnodes()).append(" node(s) x ")
                .append(options.nprocPerNode()).append(" rank(s), one Slurm task per node.\n");
        s.append("# Submit with:  sbatch ").append(quote(output.resolve(FILE_NAME).toString())).append('\n');
        s.append("# (partition, account and time limit go on the sbatch command line, e.g. sbatch -p gpu -t 12:00:00 "
                + "...)\n");
        s.append("# The output directory must be on a file system that every node shares.\n");
        s.append("#SBATCH --job-name=imlbench-tune\n");
        s.append("#SBATCH --nodes=").append(options.nnodes()).append('\n');
        s.append("#SBATCH --ntasks-per-node=1\n");
        if (options.device().gpu() && !options.nprocPerNode().equals(TorchDevice.ALL_GPUS)) {
            s.append("#SBATCH --gpus-per-node=").append(options.nprocPerNode()).append('\n');
        }
        if (!options.device().gpu()) {
            s.append("#SBATCH --cpus-per-task=").append(cpusPerTask()).append('\n');
        }
        s.append("#SBATCH --output=").append(output.resolve("logs").resolve("slurm-%j.out")).append('\n');
        s.append("set -uo pipefail\n\n");
        s.append("export OMP_NUM_THREADS=").append(options.threads()).append('\n');
        options.device().visibleDevices().filter(v -> v.isEmpty())
                .ifPresent(v -> s.append("export CUDA_VISIBLE_DEVICES=\n"));
        s.append("export TORCH_CPP_LOG_LEVEL=${TORCH_CPP_LOG_LEVEL:-ERROR}\n");
        if (options.rdzvEndpoint().isEmpty()) {
            s.append("head_node=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head -n 1)\n");
        }
        s.append("rm -f ").append(quote(status.toString())).append('\n');
        s.append("srun --ntasks-per-node=1 --kill-on-bad-exit=1 \\\n    ");
        s.append(command.arguments().stream().map(SlurmScript::shellWord).collect(Collectors.joining(" ")));
        s.append('\n');
        s.append("status=$?\n");
        s.append("echo \"$status\" > ").append(quote(status + ".tmp")).append(" && mv ")
                .append(quote(status + ".tmp")).append(' ').append(quote(status.toString())).append('\n');
        s.append("exit \"$status\"\n");
        return s.toString();
    }

    /** Every rank of a node runs {@code threads} intra-op threads. */
    private int cpusPerTask() {
        return Integer.parseInt(options.nprocPerNode()) * options.threads();
    }

    /** How to submit it, in one line. */
    String submitHint() {
        return "sbatch " + quote(output.resolve(FILE_NAME).toString());
    }

    /**
     * A word of the command as the shell must see it: plain words as they are, words holding the script's own
     * variables in double quotes (so that they expand), anything else in single quotes.
     */
    static String shellWord(String word) {
        if (word.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return word;
        }
        if (word.contains("${") && !word.matches(".*[\"`\\\\].*")) {
            return "\"" + word + "\"";
        }
        return quote(word);
    }

    static String quote(String text) {
        if (text.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return text;
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** @return the lines of the script that start the ranks, for tests and messages */
    List<String> commandLines() {
        return render().lines().filter(l -> l.contains("torch.distributed.run")).toList();
    }
}
