package org.imlbench.torchrun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TorchrunCommandTest {
    @Test
    void oneRankRunsTheTrainerWithoutTheLauncher() {
        assertEquals(List.of("python3", "/o/trainer.py", "--data", "/o/data", "--resume"),
                new TorchrunCommand("python3", "1", new TorchrunCommand.Standalone(), "/o/logs/torchrun",
                        "/o/trainer.py", "/o/data", true).arguments());
    }

    @Test
    void ranksOfOneNodeMeetOnAFreeLocalPort() {
        assertEquals(List.of("/usr/bin/python3", "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
                "--max_restarts", "0", "--monitor_interval", "1", "--redirects", "1", "--tee", "1", "--log_dir",
                "/o/logs/torchrun", "/o/trainer.py", "--data", "/o/data"),
                new TorchrunCommand("/usr/bin/python3", "2", new TorchrunCommand.Standalone(), "/o/logs/torchrun",
                        "/o/trainer.py", "/o/data", false).arguments());
    }

    @Test
    void nodesStartedByHandMeetAtNodeZero() {
        List<String> arguments = new TorchrunCommand("python3", "gpu", new TorchrunCommand.Static(4, 3,
                "node0.cluster:29500"), "/o/logs/torchrun", "/o/trainer.py", "/o/data", true).arguments();
        assertEquals(List.of("python3", "-m", "torch.distributed.run", "--nnodes", "4", "--node_rank", "3",
                "--master_addr", "node0.cluster", "--master_port", "29500", "--nproc_per_node", "gpu"),
                arguments.subList(0, 13));
        assertEquals(List.of("/o/trainer.py", "--data", "/o/data", "--resume"), arguments.subList(23, 27));
    }
}
