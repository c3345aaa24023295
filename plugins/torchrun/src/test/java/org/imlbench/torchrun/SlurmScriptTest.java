package org.imlbench.torchrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.imlbench.api.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmScriptTest {
    @TempDir
    Path temp;

    private static SlurmScript script(Map<String, String> options, String device, Path out) {
        return new SlurmScript(TorchrunOptions.parse(Options.of(options), device, 64), "/opt/venv/bin/python", out,
                out.resolve("trainer.py"), out.resolve("data"));
    }

    @Test
    void fourNodesOfEightGpusMeetOnTheFirstNodeAndResume() {
        Path out = Path.of("/shared/runs/r1/tuning");
        String text = script(Map.of("nnodes", "4", "nproc-per-node", "8", "launcher", "slurm",
                "precision", "bfloat16"), "gpu", out).render();
        List<String> lines = text.lines().toList();
        assertEquals("#!/bin/bash", lines.get(0));
        for (String directive : List.of("#SBATCH --nodes=4", "#SBATCH --ntasks-per-node=1",
                "#SBATCH --gpus-per-node=8", "#SBATCH --output=/shared/runs/r1/tuning/logs/slurm-%j.out")) {
            assertTrue(lines.contains(directive), directive + " in\n" + text);
        }
        assertTrue(lines.contains("head_node=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head -n 1)"), text);
        assertTrue(lines.contains("export OMP_NUM_THREADS=8"), "64 processors / 8 ranks:\n" + text);
        assertTrue(lines.contains("srun --ntasks-per-node=1 --kill-on-bad-exit=1 \\"), text);
        String command = lines.get(lines.indexOf("srun --ntasks-per-node=1 --kill-on-bad-exit=1 \\") + 1).strip();
        assertEquals("/opt/venv/bin/python -m torch.distributed.run --nnodes 4 --rdzv_backend c10d "
                + "--rdzv_endpoint \"${head_node}:29500\" --rdzv_id \"imlbench-${SLURM_JOB_ID}\" --nproc_per_node 8 "
                + "--max_restarts 0 --monitor_interval 1 --redirects 1 --tee 1 "
                + "--log_dir /shared/runs/r1/tuning/logs/torchrun /shared/runs/r1/tuning/trainer.py "
                + "--data /shared/runs/r1/tuning/data --resume", command);
        assertTrue(text.endsWith("status=$?\necho \"$status\" > /shared/runs/r1/tuning/slurm-exit-status.tmp && mv "
                + "/shared/runs/r1/tuning/slurm-exit-status.tmp /shared/runs/r1/tuning/slurm-exit-status\n"
                + "exit \"$status\"\n"), text);
        assertEquals("sbatch /shared/runs/r1/tuning/torchrun.sbatch",
                script(Map.of(), "gpu", out).submitHint());
    }

    @Test
    void cpuJobsAskForCoresAndHideGpusAndAGivenEndpointIsUsed() {
        String text = script(Map.of("nnodes", "2", "nproc-per-node", "2", "threads", "3", "launcher", "slurm",
                "rdzv-endpoint", "login1:31000"), "cpu", Path.of("/scratch/it's here")).render();
        assertTrue(text.contains("#SBATCH --cpus-per-task=6\n"), text);
        assertTrue(text.contains("export CUDA_VISIBLE_DEVICES=\n"), text);
        assertTrue(!text.contains("head_node"), text);
        assertTrue(text.contains("--rdzv_endpoint login1:31000 "), text);
        assertTrue(text.contains("'/scratch/it'\\''s here/trainer.py'"), "paths are quoted for the shell:\n" + text);
    }

    @Test
    void theScriptIsValidBash() throws IOException, InterruptedException {
        Path file = temp.resolve("torchrun.sbatch");
        Files.writeString(file, script(Map.of("nnodes", "4", "nproc-per-node", "8", "launcher", "slurm"), "gpu",
                temp.resolve("a b")).render());
        Process bash = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
        String said = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.waitFor(), said);
    }
}
