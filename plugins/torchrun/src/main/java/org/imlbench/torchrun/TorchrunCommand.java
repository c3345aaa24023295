package org.imlbench.torchrun;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code torchrun} command line that starts the trainer's ranks on one node, the same for a local launch and for
 * every node of a Slurm job. Flags are spelled with underscores, which every torch from 1.13 on accepts (the hyphenated
 * spellings arrived in 2.0). {@code --redirects 1 --tee 1 --log_dir} are always given: torch 1.13's launcher cannot
 * parse its own default {@code --redirects 0} on Python 3.11 and later; this way each rank's stdout is also kept in a
 * file, and stderr, where a failing rank writes its one error line, stays shared.
 *
 * @param python the interpreter
 * @param nprocPerNode ranks per node (a count or {@code gpu})
 * @param rendezvous how the nodes find each other
 * @param logDir torchrun's own log directory
 * @param trainer the trainer script
 * @param data the data directory
 * @param resume whether the trainer continues from its newest state
 */
record TorchrunCommand(String python, String nprocPerNode, Rendezvous rendezvous, String logDir, String trainer,
                       String data, boolean resume) {
    /**
     * How the ranks of several nodes meet.
     */
    sealed interface Rendezvous {
        /** @return the launcher flags */
        List<String> flags();
    }

    /** One node: torchrun's {@code --standalone} (a c10d store on a free local port). */
    record Standalone() implements Rendezvous {
        @Override
        public List<String> flags() {
            return List.of("--standalone");
        }
    }

    /**
     * Several nodes started by hand: node {@code nodeRank} of {@code nnodes}, all meeting at node 0's address
     * (torchrun's static rendezvous), so node 0 holds rank 0, which writes the progress and the checkpoint.
     *
     * @param nnodes nodes in the job
     * @param nodeRank this node's index
     * @param endpoint {@code HOST:PORT} of node 0
     */
    record Static(int nnodes, int nodeRank, String endpoint) implements Rendezvous {
        @Override
        public List<String> flags() {
            int colon = endpoint.lastIndexOf(':');
            return List.of("--nnodes", String.valueOf(nnodes), "--node_rank", String.valueOf(nodeRank),
                    "--master_addr", endpoint.substring(0, colon), "--master_port", endpoint.substring(colon + 1));
        }
    }

    /**
     * Several nodes of a batch job meeting at a c10d rendezvous, which orders them itself.
     *
     * @param nnodes nodes in the job
     * @param endpoint {@code HOST:PORT} (may be a shell expression in a script)
     * @param id the rendezvous id every node of the job shares
     */
    record C10d(int nnodes, String endpoint, String id) implements Rendezvous {
        @Override
        public List<String> flags() {
            return List.of("--nnodes", String.valueOf(nnodes), "--rdzv_backend", "c10d", "--rdzv_endpoint", endpoint,
                    "--rdzv_id", id);
        }
    }

    /**
     * @return the arguments, the interpreter first; one rank on one node runs the trainer without the launcher (world
     *         size 1 needs no rendezvous, and the launcher would cost another start of torch)
     */
    List<String> arguments() {
        if (rendezvous instanceof Standalone && nprocPerNode.equals("1")) {
            List<String> out = new ArrayList<>(List.of(python, trainer, "--data", data));
            if (resume) {
                out.add("--resume");
            }
            return out;
        }
        List<String> out = new ArrayList<>(List.of(python, "-m", "torch.distributed.run"));
        out.addAll(rendezvous.flags());
        out.addAll(List.of("--nproc_per_node", nprocPerNode, "--max_restarts", "0", "--monitor_interval", "1",
                "--redirects", "1", "--tee", "1", "--log_dir", logDir, trainer, "--data", data));
        if (resume) {
            out.add("--resume");
        }
        return out;
    }
}
