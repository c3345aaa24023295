package org.imlbench.torchrun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailureLineTest {
    @Test
    void aKilledRankIsNamedFromTheLaunchersReportNotByThePeerThatLostIt() throws IOException {
        // torch 1.13's output after kill -9 of rank 1: rank 0 loses contact first, and the launcher's "root cause"
        // names rank 0, whose failure was only the consequence
        String stderr;
        try (InputStream in = FailureLineTest.class.getResourceAsStream("killed-rank.stderr")) {
            stderr = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(Optional.of("trainer error (rank 1): killed by signal 9 (SIGKILL), e.g. kill -9 or the kernel's "
                + "out-of-memory killer"), FailureLine.of(stderr));
    }

    @Test
    void aRanksOwnErrorWinsOverLostContactsPrintedBeforeIt() {
        String stderr = """
                trainer error (rank 0): lost contact with another rank in all_reduce (the rank that failed reports \
                its own error): Connection closed by peer
                trainer error (rank 1): shard-00000 step 2 row 3 position 0: input id 60000 is outside the vocabulary
                ERROR:torch.distributed.elastic.multiprocessing.api:failed (exitcode: 1) local_rank: 0
                """;
        assertEquals(Optional.of("trainer error (rank 1): shard-00000 step 2 row 3 position 0: input id 60000 is "
                + "outside the vocabulary"), FailureLine.of(stderr));
    }

    @Test
    void lostContactAloneIsStillALine() {
        assertEquals(Optional.of("trainer error (rank 3): lost contact with another rank in barrier"),
                FailureLine.of("noise\ntrainer error (rank 3): lost contact with another rank in barrier\n"));
    }

    @Test
    void withoutTrainerLinesTheLastExceptionLineIsTaken() {
        String stderr = """
                Traceback (most recent call last):
                  File "<frozen runpy>", line 198, in _run_module_as_main
                ModuleNotFoundError: No module named 'torch'
                """;
        assertEquals(Optional.of("ModuleNotFoundError: No module named 'torch'"), FailureLine.of(stderr));
        assertEquals(Optional.empty(), FailureLine.of("Killed\n"));
    }
}
