package org.imlbench.torchrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.ModelBackend;
import org.imlbench.api.ModelRequest;
import org.imlbench.api.OptionKey;
import org.imlbench.api.UsageException;
import org.junit.jupiter.api.Test;

/**
 * The backend as a plugin. The testkit's {@code ModelBackendContract} does not apply: every one of its checks but the
 * plugin's well-formedness loads a model, and this backend only tunes; the refusal is checked here instead.
 */
class TorchrunBackendTest {
    @Test
    void isFoundByServiceLoaderAndWellFormed() {
        ModelBackend backend = ServiceLoader.load(ModelBackend.class).stream().map(ServiceLoader.Provider::get)
                .filter(b -> b.name().equals("torchrun")).findFirst().orElseThrow();
        assertEquals(ImlbenchApi.LEVEL, backend.apiLevel());
        assertTrue(backend.canTune());
        assertTrue(backend.description().contains("tunes only"), backend.description());
        Set<String> keys = new HashSet<>();
        for (OptionKey<?> key : backend.declaredOptions()) {
            assertTrue(keys.add(key.key()), "declared twice: " + key.key());
        }
    }

    @Test
    void loadRefusesInOneLineNamingTheBackendToEvaluateWith() {
        UsageException e = assertThrows(UsageException.class, () -> new TorchrunBackend().load(
                ModelRequest.of("facebook/opt-125m", "cpu", Map.of())));
        assertEquals("backend torchrun only tunes and cannot evaluate facebook/opt-125m; evaluate with --backend djl "
                + "(harness run --backend djl --tune-backend torchrun)", e.getMessage());
    }
}
