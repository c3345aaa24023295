package org.imlbench.hf.hub;

import java.io.Closeable;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imlbench.hf.checkpoint.CheckpointWriter;
import org.imlbench.hf.checkpoint.Checkpoints;
import org.imlbench.hf.checkpoint.OptConfigs;
import org.imlbench.hf.checkpoint.ShardIndex;
import org.imlbench.hf.tokenizer.ByteTokenizer;
import org.imlbench.hf.tokenizer.Tokenizers;

/**
 * Resolves hub ids such as {@code facebook/opt-125m} or {@code facebook/opt-125m@<revision>} to a local snapshot
 * directory in the Hugging Face cache, downloading what is missing.
 *
 * <p>Files fetched: {@code config.json}; the first of {@link Checkpoints#WEIGHT_FILES} the repository has (with the
 * shards an index names); the tokenizer files present ({@link CheckpointWriter#TOKENIZER_FILES}). A file already in
 * the snapshot, or recorded as absent under {@code .no_exist}, costs no request, so resolving a cached model again
 * uses no network. With {@code HF_HUB_OFFLINE=1} nothing is requested and what is missing is named.
 */
public final class HubResolver {
    /** How long a download may receive nothing before it is retried. */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(60);

    private final HubEnvironment env;
    private final HubClient client;

    /**
     * @param env hub settings
     * @param http the HTTP client; it must not follow redirects itself ({@link #defaultHttpClient()})
     * @param listener download progress
     */
    public HubResolver(HubEnvironment env, HttpClient http, DownloadListener listener) {
        this(env, http, listener, DEFAULT_STALL_TIMEOUT);
    }

    /**
     * @param env hub settings
     * @param http the HTTP client; it must not follow redirects itself ({@link #defaultHttpClient()})
     * @param listener download progress
     * @param stallTimeout how long a download may receive nothing before it is retried with a resume
     */
    public HubResolver(HubEnvironment env, HttpClient http, DownloadListener listener, Duration stallTimeout) {
        this.env = env;
        this.client = new HubClient(env, http, listener, stallTimeout);
    }

    /** @param env hub settings */
    public HubResolver(HubEnvironment env) {
        this(env, defaultHttpClient(), DownloadListener.NONE);
    }

    /** @return an HTTP client suited to the hub (redirects are followed by the resolver, which drops the token) */
    public static HttpClient defaultHttpClient() {
        return HubClient.defaultHttpClient();
    }

    /**
     * @param model a checkpoint directory or a hub id
     * @return the directory, or the hub id's snapshot
     * @throws IOException when model is neither, or resolving fails
     */
    public Path locate(String model) throws IOException {
        Path dir = null;
        try {
            dir = Path.of(model);
            if (Files.isDirectory(dir)) {
                return dir;
            }
        } catch (InvalidPathException e) {
            // not a path; maybe an id
        }
        String notLocal = dir == null ? "" : "'" + model + "' is not a local directory either (no directory "
                + dir.toAbsolutePath().normalize() + "). ";
        if (!RepoId.looksLikeRepoId(model)) {
            throw new IOException("'" + model + "' is neither a checkpoint directory nor a hub id "
                    + "(owner/name[@revision])" + (dir == null ? "" : ": no directory " + dir.toAbsolutePath()
                    .normalize()));
        }
        try {
            return resolve(RepoId.parse(model));
        } catch (HubUnreachableException e) {
            // a mistyped relative path looks like an id too: say both what was tried and what can be done
            throw new IOException(model + ": cannot reach the Hugging Face hub at " + env.describeEndpoint() + ": "
                    + e.reason() + ". " + notLocal + HubUnreachableException.remedies(env, true) + ".", e);
        }
    }

    /**
     * @param id the repository and revision
     * @return the snapshot directory holding config, weights and tokenizer
     * @throws IOException when a required file is missing (offline: not cached) or a download fails
     */
    public Path resolve(RepoId id) throws IOException {
        return new Session(id).resolve();
    }

    /** One resolution: knows the commit once the hub or the cache told it. */
    private final class Session {
        private final RepoId id;
        private final HubCache cache;
        private String commit;

        Session(RepoId id) throws IOException {
            this.id = id;
            this.cache = new HubCache(env.cacheDir(), id.repo());
            this.commit = id.revisionIsCommit() ? id.revision() : cache.commitOf(id.revision()).orElse(null);
            if (commit == null && env.offline()) {
                throw new IOException(id + ": HF_HUB_OFFLINE=1 and the model is not in the cache (no "
                        + cache.refFile(id.revision()) + ")");
            }
        }

        Path resolve() throws IOException {
            fetch(OptConfigs.FILE_NAME).orElseThrow(() -> missing(OptConfigs.FILE_NAME));
            resolveWeights();
            List<String> present = new ArrayList<>();
            for (String name : CheckpointWriter.TOKENIZER_FILES) {
                fetch(name).ifPresent(p -> present.add(name));
            }
            boolean usable = present.contains(ByteTokenizer.FILE_NAME) || present.contains(Tokenizers.TOKENIZER_JSON)
                    || (present.contains(Tokenizers.VOCAB_JSON) && present.contains(Tokenizers.MERGES_TXT));
            if (!usable) {
                throw missing(Tokenizers.TOKENIZER_JSON + " or " + Tokenizers.VOCAB_JSON + " + "
                        + Tokenizers.MERGES_TXT);
            }
            return cache.snapshotDir(commit);
        }

        private void resolveWeights() throws IOException {
            for (String name : Checkpoints.WEIGHT_FILES) {
                Optional<Path> file = fetch(name);
                if (file.isEmpty()) {
                    continue;
                }
                if (name.endsWith(".index.json")) {
                    for (String shard : ShardIndex.parse(file.get()).shardNames()) {
                        fetch(shard).orElseThrow(() -> missing(shard + " (a shard " + name + " names)"));
                    }
                }
                return;
            }
            throw missing("weights (any of " + String.join(", ", Checkpoints.WEIGHT_FILES) + ")");
        }

        private IOException missing(String what) {
            if (env.offline()) {
                return new IOException(id + ": HF_HUB_OFFLINE=1 and the cached snapshot "
                        + cache.snapshotDir(commit) + " lacks " + what);
            }
            return new IOException(id + ": the repository has no " + what + " at " + env.endpoint());
        }

        /** @return the file in the snapshot, fetched if needed; empty when the repository does not have it */
        private Optional<Path> fetch(String file) throws IOException {
            if (commit != null) {
                Path local = cache.snapshotFile(commit, file);
                if (Files.isRegularFile(local)) {
                    return Optional.of(local);
                }
                if (cache.knownMissing(commit, file)) {
                    return Optional.empty();
                }
            }
            if (env.offline()) {
                return Optional.empty();
            }
            RepoId at = commit == null ? id : new RepoId(id.repo(), commit);
            Optional<FileMetadata> meta = client.head(at, file);
            if (meta.isEmpty()) {
                if (commit != null) {
                    cache.markMissing(commit, file);
                }
                return Optional.empty();
            }
            if (commit == null) {
                commit = meta.get().commit();
                if (!id.revisionIsCommit()) {
                    cache.writeRef(id.revision(), commit);
                }
                Path local = cache.snapshotFile(commit, file);
                if (Files.isRegularFile(local)) {
                    return Optional.of(local);
                }
            }
            String etag = meta.get().etag();
            if (!Files.isRegularFile(cache.blob(etag))) {
                Closeable lock = cache.lockBlob(env.cacheDir(), etag);
                try {
                    // another process may have finished it while this one waited for the lock
                    if (!Files.isRegularFile(cache.blob(etag))) {
                        Path incomplete = cache.incomplete(etag);
                        client.download(new RepoId(id.repo(), commit), file, meta.get(), incomplete);
                        cache.completeBlob(incomplete, etag);
                    }
                } finally {
                    lock.close();
                }
            }
            return Optional.of(cache.link(commit, file, etag));
        }
    }
}
