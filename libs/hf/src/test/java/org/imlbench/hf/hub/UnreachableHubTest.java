package org.imlbench.hf.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub that cannot be reached (no network, a wrong HF_ENDPOINT) gives one message naming the model, the endpoint and
 * its origin, why, that the name is no local directory either, and what to do.
 */
class UnreachableHubTest {
    @TempDir
    Path tmp;

    private HubResolver resolver(String endpoint, String... more) {
        Map<String, String> env = new HashMap<>(Map.of("HF_HUB_CACHE", tmp.resolve("cache").toString(),
                "HF_ENDPOINT", endpoint));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return new HubResolver(HubEnvironment.from(env, tmp));
    }

    private static void assertExplains(String message, String endpoint) {
        for (String part : new String[] {"org/tiny: cannot reach the Hugging Face hub at " + endpoint
                + " (HF_ENDPOINT)", "'org/tiny' is not a local directory either (no directory ", "HF_HUB_OFFLINE=1",
                "set HF_ENDPOINT to a hub or mirror you can reach", "or pass a local checkpoint directory"}) {
            assertTrue(message.contains(part), "'" + part + "' missing from: " + message);
        }
    }

    @Test
    void anEndpointThatRefusesConnections() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + port;
        IOException e = assertThrows(IOException.class, () -> resolver(endpoint).locate("org/tiny"));
        assertExplains(e.getMessage(), endpoint);
        assertTrue(e.getMessage().contains("the connection was refused"), e.getMessage());
    }

    @Test
    void anEndpointThatNeverAnswers() throws IOException {
        // the kernel accepts connections into the backlog; nobody ever reads the request
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String endpoint = "http://127.0.0.1:" + silent.getLocalPort();
            IOException e = assertThrows(IOException.class,
                    () -> resolver(endpoint, "HF_HUB_ETAG_TIMEOUT", "0.5").locate("org/tiny"));
            assertExplains(e.getMessage(), endpoint);
            assertTrue(e.getMessage().contains("no answer within 0.5 s (HF_HUB_ETAG_TIMEOUT)"), e.getMessage());
        }
    }

    @Test
    void aHostThatDoesNotResolve() {
        String endpoint = "http://no-such-host.invalid";
        IOException e = assertThrows(IOException.class, () -> resolver(endpoint).locate("org/tiny"));
        assertExplains(e.getMessage(), endpoint);
        assertTrue(e.getMessage().contains("its host name does not resolve"), e.getMessage());
    }

    @Test
    void theDefaultEndpointIsNamedAsTheDefault() {
        HubEnvironment env = HubEnvironment.from(Map.of(), tmp);
        assertEquals("https://huggingface.co (the default; HF_ENDPOINT is not set)", env.describeEndpoint());
        assertEquals(Duration.ofSeconds(5), env.metadataTimeout());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> HubEnvironment.from(Map.of("HF_HUB_ETAG_TIMEOUT", "soon"), tmp));
        assertTrue(bad.getMessage().contains("HF_HUB_ETAG_TIMEOUT"), bad.getMessage());
    }

    @Test
    void aPathThatIsNoIdNamesTheDirectoryLookedFor() {
        IOException e = assertThrows(IOException.class, () -> resolver("http://127.0.0.1:1")
                .locate("../models/opt-tny"));
        assertTrue(e.getMessage().contains("neither a checkpoint directory nor a hub id"), e.getMessage());
        assertTrue(e.getMessage().contains("no directory " + Path.of("../models/opt-tny").toAbsolutePath().normalize()),
                e.getMessage());
    }
}
