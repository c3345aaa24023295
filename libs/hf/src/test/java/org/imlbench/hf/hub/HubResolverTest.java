package org.imlbench.hf.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.imlbench.hf.checkpoint.Checkpoint;
import org.imlbench.hf.checkpoint.CheckpointWriter;
import org.imlbench.hf.checkpoint.Checkpoints;
import org.imlbench.hf.checkpoint.OptConfig;
import org.imlbench.hf.checkpoint.TensorData;
import org.imlbench.hf.tokenizer.ByteTokenizer;
import org.imlbench.hf.tokenizer.Tokenizers;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hub resolution against a hub served on 127.0.0.1, into a temporary Hugging Face cache. */
class HubResolverTest {
    private static final String REPO = "org/tiny";

    @TempDir
    Path tmp;
    private Map<String, byte[]> files;
    private Path cache;

    @BeforeEach
    void writeModel() throws IOException {
        OptConfig config = new OptConfig(260, 8, 1, 2, 16, 8, 8, true, "relu", 0.1, 0.0, true, true, 1, 2, 2,
                "float32");
        List<TensorData> tensors = new ArrayList<>();
        Random random = new Random(3);
        for (Object[] t : new Object[][] {{"decoder.embed_tokens.weight", new long[] {260, 8}},
                {"decoder.embed_positions.weight", new long[] {10, 8}}, {"decoder.final_layer_norm.weight",
                new long[] {8}}}) {
            long[] shape = (long[]) t[1];
            FloatBuffer b = FloatBuffer.allocate((int) (shape[0] * (shape.length > 1 ? shape[1] : 1)));
            while (b.hasRemaining()) {
                b.put(random.nextFloat());
            }
            tensors.add(new TensorData((String) t[0], shape, "F32", b.flip()));
        }
        Path model = tmp.resolve("model");
        new CheckpointWriter(config).withTextFile(ByteTokenizer.FILE_NAME, ByteTokenizer.FILE_CONTENT)
                .write(model, tensors);
        files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(model)) {
            for (Path p : list.toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        cache = tmp.resolve("cache");
    }

    private HubResolver resolver(FakeHub hub, String... extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("HF_HUB_CACHE", cache.toString());
        env.put("HF_ENDPOINT", hub.endpoint().toString());
        for (int i = 0; i < extraEnv.length; i += 2) {
            env.put(extraEnv[i], extraEnv[i + 1]);
        }
        return new HubResolver(HubEnvironment.from(env, tmp.resolve("home")), HubResolver.defaultHttpClient(),
                DownloadListener.NONE, Duration.ofSeconds(2));
    }

    private Path snapshot() {
        return cache.resolve("models--org--tiny").resolve("snapshots").resolve(FakeHub.COMMIT);
    }

    @Test
    void downloadsIntoTheCacheLayoutThenReusesItWithoutRequests() throws Exception {
        try (FakeHub hub = new FakeHub(REPO, files)) {
            Path dir = resolver(hub).locate(REPO);
            assertEquals(snapshot(), dir);
            Path repoDir = cache.resolve("models--org--tiny");
            assertEquals(FakeHub.COMMIT, Files.readString(repoDir.resolve("refs/main")));
            Path weights = dir.resolve("model.safetensors");
            assertTrue(Files.isSymbolicLink(weights));
            assertEquals(Path.of("../../blobs/" + FakeHub.sha256(files.get("model.safetensors"))),
                    Files.readSymbolicLink(weights));
            assertTrue(Files.exists(repoDir.resolve(".no_exist").resolve(FakeHub.COMMIT).resolve("tokenizer.json")));
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                assertArrayEquals(e.getValue(), Files.readAllBytes(dir.resolve(e.getKey())), e.getKey());
            }
            try (Checkpoint ckpt = Checkpoints.open(dir)) {
                assertEquals(3, ckpt.tensorNames().size());
            }
            assertTrue(Tokenizers.load(dir) instanceof ByteTokenizer);
            int first = hub.requests().size();
            assertTrue(first > 0 && first < 30, "requests: " + first);

            assertEquals(dir, resolver(hub).locate(REPO));
            assertEquals(dir, resolver(hub).locate(REPO + "@" + FakeHub.COMMIT));
            assertEquals(first, hub.requests().size(), "a cached model costs no request");
            assertEquals(dir, resolver(hub, "HF_HUB_OFFLINE", "1").locate(REPO));
        }
    }

    @Test
    void resumesAfterABodyThatEndsEarly() throws Exception {
        try (FakeHub hub = new FakeHub(REPO, files)) {
            hub.truncate("model.safetensors", 700, 2, false);
            Path dir = resolver(hub).locate(REPO);
            assertArrayEquals(files.get("model.safetensors"), Files.readAllBytes(dir.resolve("model.safetensors")));
            List<String> ranges = hub.requests().stream().filter(r -> r.path().startsWith("/cdn/")
                    && r.method().equals("GET")).map(r -> String.valueOf(r.range())).toList();
            assertEquals(List.of("null", "bytes=700-", "bytes=1400-"), ranges);
        }
    }

    @Test
    void resumesAfterAStalledResponse() throws Exception {
        try (FakeHub hub = new FakeHub(REPO, files)) {
            hub.truncate("model.safetensors", 1000, 1, true);
            Path dir = resolver(hub).locate(REPO);
            assertArrayEquals(files.get("model.safetensors"), Files.readAllBytes(dir.resolve("model.safetensors")));
            List<String> ranges = hub.requests().stream().filter(r -> r.path().startsWith("/cdn/")
                    && r.method().equals("GET")).map(r -> String.valueOf(r.range())).toList();
            assertEquals(List.of("null", "bytes=1000-"), ranges);
        }
    }

    @Test
    void resumesAnIncompleteFileLeftByAnEarlierProcess() throws Exception {
        byte[] weights = files.get("model.safetensors");
        String sha = FakeHub.sha256(weights);
        Path blobs = cache.resolve("models--org--tiny").resolve("blobs");
        Files.createDirectories(blobs);
        Files.write(blobs.resolve(sha + ".incomplete"), Arrays.copyOf(weights, 500));
        try (FakeHub hub = new FakeHub(REPO, files)) {
            Path dir = resolver(hub).locate(REPO);
            assertArrayEquals(weights, Files.readAllBytes(dir.resolve("model.safetensors")));
            assertTrue(hub.requests().stream().anyMatch(r -> "bytes=500-".equals(r.range())));
            assertFalse(Files.exists(blobs.resolve(sha + ".incomplete")));
        }
    }

    @Test
    void aCorruptedBodyFailsTheIntegrityCheck() throws Exception {
        try (FakeHub hub = new FakeHub(REPO, files)) {
            hub.corrupt("model.safetensors");
            IOException e = assertThrows(IOException.class, () -> resolver(hub).locate(REPO));
            assertTrue(e.getMessage().contains("integrity check failed for model.safetensors: sha256"),
                    e.getMessage());
            String sha = FakeHub.sha256(files.get("model.safetensors"));
            Path blobs = cache.resolve("models--org--tiny").resolve("blobs");
            assertFalse(Files.exists(blobs.resolve(sha)));
            assertFalse(Files.exists(blobs.resolve(sha + ".incomplete")));
            assertFalse(Files.exists(snapshot().resolve("model.safetensors")));
        }
    }

    @Test
    void offlineModeNeverUsesTheNetworkAndNamesWhatIsMissing() throws Exception {
        try (FakeHub hub = new FakeHub(REPO, files)) {
            IOException notCached = assertThrows(IOException.class,
                    () -> resolver(hub, "HF_HUB_OFFLINE", "1").locate(REPO));
            assertTrue(notCached.getMessage().contains("HF_HUB_OFFLINE=1 and the model is not in the cache"),
                    notCached.getMessage());
            assertEquals(0, hub.requests().size());

            resolver(hub).locate(REPO);
            Files.delete(snapshot().resolve("model.safetensors"));
            int before = hub.requests().size();
            IOException noWeights = assertThrows(IOException.class,
                    () -> resolver(hub, "HF_HUB_OFFLINE", "true").locate(REPO));
            assertTrue(noWeights.getMessage().contains("lacks weights"), noWeights.getMessage());
            assertEquals(before, hub.requests().size());
        }
    }

    @Test
    void sendsTheTokenAndExplainsRefusals() throws Exception {
        try (FakeHub hub = new FakeHub(REPO, files)) {
            hub.requireToken("hf_secret");
            IOException refused = assertThrows(IOException.class, () -> resolver(hub).locate(REPO));
            assertTrue(refused.getMessage().contains("HTTP 401") && refused.getMessage().contains("set HF_TOKEN"),
                    refused.getMessage());
            resolver(hub, "HF_TOKEN", "hf_secret").locate(REPO);
            assertTrue(hub.requests().stream().filter(r -> r.path().contains("/resolve/"))
                    .skip(1).allMatch(r -> "Bearer hf_secret".equals(r.authorization())));
        }
    }

    @Test
    void unknownRepositoriesAndRevisionsAreErrors() throws Exception {
        try (FakeHub hub = new FakeHub(REPO, files)) {
            IOException repo = assertThrows(IOException.class, () -> resolver(hub).locate("org/other"));
            assertTrue(repo.getMessage().contains("repository not found"), repo.getMessage());
            IOException rev = assertThrows(IOException.class, () -> resolver(hub).locate(REPO + "@v9"));
            assertTrue(rev.getMessage().contains("revision not found"), rev.getMessage());
            IOException neither = assertThrows(IOException.class, () -> resolver(hub).locate("no-such-dir"));
            assertTrue(neither.getMessage().contains("neither a checkpoint directory nor a hub id"));
            assertEquals(tmp, resolver(hub).locate(tmp.toString()));
        }
    }

    @Test
    void downloadsShardsAnIndexNames() throws Exception {
        Path source = SharedData.optFixtures().resolve("opt-tiny-bf16-sharded");
        Map<String, byte[]> sharded = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(source)) {
            for (Path p : list.toList()) {
                sharded.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        try (FakeHub hub = new FakeHub(REPO, sharded)) {
            Path dir = resolver(hub).locate(REPO);
            assertTrue(Files.exists(dir.resolve("model-00002-of-00002.safetensors")));
            assertFalse(Files.exists(dir.resolve("model.safetensors")));
            try (Checkpoint a = Checkpoints.open(dir); Checkpoint b = Checkpoints.open(source)) {
                assertEquals(b.tensorNames(), a.tensorNames());
            }
            assertEquals(50265, Tokenizers.load(dir).vocabSize());
        }
    }

    @Test
    void environmentFollowsHuggingFaceHubPrecedence() {
        Path home = Path.of("/home/u");
        assertEquals(Path.of("/c"), HubEnvironment.from(Map.of("HF_HUB_CACHE", "/c", "HF_HOME", "/h"), home)
                .cacheDir());
        assertEquals(Path.of("/h/hub"), HubEnvironment.from(Map.of("HF_HOME", "/h"), home).cacheDir());
        HubEnvironment defaults = HubEnvironment.from(Map.of(), home);
        assertEquals(Path.of("/home/u/.cache/huggingface/hub"), defaults.cacheDir());
        assertEquals("https://huggingface.co", defaults.endpoint().toString());
        assertFalse(defaults.offline());
        assertTrue(HubEnvironment.from(Map.of("HF_HUB_OFFLINE", "1"), home).offline());
        assertFalse(HubEnvironment.from(Map.of("HF_HUB_OFFLINE", "0"), home).offline());
        HubEnvironment withToken = HubEnvironment.from(Map.of("HF_TOKEN", "hf_x"), home);
        assertEquals("hf_x", withToken.token().orElseThrow());
        assertFalse(withToken.toString().contains("hf_x"));
        assertTrue(RepoId.looksLikeRepoId("facebook/opt-125m@main"));
        assertFalse(RepoId.looksLikeRepoId("../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> RepoId.parse("a/../b"));
    }
}
