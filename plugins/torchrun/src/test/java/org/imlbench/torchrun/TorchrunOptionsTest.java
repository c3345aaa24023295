package org.imlbench.torchrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imlbench.api.Options;
import org.imlbench.api.TuningConfig;
import org.imlbench.api.UsageException;
import org.junit.jupiter.api.Test;

class TorchrunOptionsTest {
    private static TorchrunOptions parse(Map<String, String> options, String device) {
        return TorchrunOptions.parse(Options.of(options), device, 8);
    }

    private static String refusal(Map<String, String> options, String device) {
        return assertThrows(UsageException.class, () -> parse(options, device)).getMessage();
    }

    @Test
    void defaultsFollowTheDevice() {
        TorchrunOptions cpu = parse(Map.of(), "cpu");
        assertEquals("1", cpu.nprocPerNode());
        assertEquals(8, cpu.threads(), "one rank gets every processor");
        assertEquals(Optional.of(""), cpu.device().visibleDevices(), "the CPU engine hides GPUs");
        assertEquals("python3", cpu.python());
        assertFalse(cpu.pythonGiven());
        assertEquals(TorchrunOptions.Launcher.LOCAL, cpu.launcher());
        assertEquals(Optional.of(1), cpu.worldSize());

        TorchrunOptions two = parse(Map.of("nproc-per-node", "2"), "cpu");
        assertEquals(4, two.threads(), "ranks share the processors");

        TorchrunOptions listed = parse(Map.of(), "gpu:2,3");
        assertEquals("2", listed.nprocPerNode());
        assertEquals(Optional.of("2,3"), listed.device().visibleDevices());

        TorchrunOptions all = parse(Map.of("precision", "bfloat16", "nnodes", "2", "rdzv-endpoint", "node0:29500"),
                "gpu");
        assertEquals(TorchDevice.ALL_GPUS, all.nprocPerNode());
        assertEquals(Optional.empty(), all.device().visibleDevices());
        assertEquals(Optional.empty(), all.worldSize(), "torchrun counts the GPUs");
        assertEquals("bfloat16", all.precision());
    }

    @Test
    void contradictionsAreUsageErrorsNamingTheOption() {
        assertEquals("option nproc-per-node='two': expected integer >= 1",
                refusal(Map.of("nproc-per-node", "two"), "cpu"));
        assertEquals("option node-rank=2: expected 0 to nnodes-1 = 1",
                refusal(Map.of("nnodes", "2", "node-rank", "2", "rdzv-endpoint", "h:1"), "cpu"));
        assertTrue(refusal(Map.of("nnodes", "2"), "cpu").contains("needs rdzv-endpoint=HOST:PORT"));
        assertEquals("option rdzv-endpoint='node0': expected HOST:PORT",
                refusal(Map.of("nnodes", "2", "rdzv-endpoint", "node0"), "cpu"));
        assertTrue(refusal(Map.of("precision", "float16"), "cpu").contains("needs --device gpu"));
        assertTrue(refusal(Map.of("launcher", "mpi"), "cpu").contains("expected one of local, slurm"));
        assertEquals("--device 'tpu': expected cpu, gpu, gpu:0 or gpu:0,1", refusal(Map.of(), "tpu"));
        assertEquals("--device 'gpu:0,0': GPU listed twice: 0; expected cpu, gpu, gpu:0 or gpu:0,1",
                refusal(Map.of(), "gpu:0,0"));
        // Slurm finds the rendezvous on the job's first node by itself
        assertEquals(4, parse(Map.of("nnodes", "4", "launcher", "slurm"), "cpu").nnodes());
    }

    @Test
    void theBatchMustSplitIntoRanksAndMicroBatches() {
        TorchrunOptions three = parse(Map.of("nproc-per-node", "3"), "cpu");
        TuningConfig config = TuningConfig.optImlBuilder().batchSize(8).gradientAccumulation(2).build();
        assertEquals("--batch-size 8 does not split into 3 ranks (nnodes x nproc-per-node) x 2 micro-batches "
                + "(--grad-accumulation)", assertThrows(UsageException.class, () -> three.checkSplits(config))
                .getMessage());
        parse(Map.of("nproc-per-node", "2", "nnodes", "2", "rdzv-endpoint", "h:1"), "cpu")
                .checkSplits(config.toBuilder().gradientAccumulation(2).batchSize(16).build());
    }

    @Test
    void everyOptionReadIsDeclared() {
        List<String> keys = TorchrunOptions.KEYS.stream().map(k -> k.key()).toList();
        assertEquals(List.of("nproc-per-node", "nnodes", "node-rank", "rdzv-endpoint", "python", "launcher",
                "precision", "activation-checkpointing", "threads", "seed", "shard-steps"), keys);
    }
}
