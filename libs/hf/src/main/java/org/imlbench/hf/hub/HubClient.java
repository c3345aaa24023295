package org.imlbench.hf.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * HTTP access to a hub's {@code {endpoint}/{repo}/resolve/{revision}/{file}} URLs: file metadata (a HEAD request, as
 * huggingface_hub makes) and downloads ({@link ResumableDownload}: redirects, resumed {@code .incomplete} files,
 * size checks) checked for (LFS files) sha256.
 */
final class HubClient {
    private final HubEnvironment env;
    private final ResumableDownload downloads;

    /**
     * @param env hub settings
     * @param http a client that does not follow redirects itself
     * @param listener download progress
     * @param stallTimeout how long a download may receive nothing before it is retried
     */
    HubClient(HubEnvironment env, HttpClient http, DownloadListener listener, Duration stallTimeout) {
        this.env = env;
        // the token is for the hub only, never for the content store a download is redirected to
        this.downloads = new ResumableDownload(http, listener, stallTimeout, (url, request) -> {
            if (env.token().isPresent() && ResumableDownload.sameHost(url, env.endpoint())) {
                request.header("Authorization", "Bearer " + env.token().get());
            }
        });
    }

    /** @return a client for the hub: no automatic redirects (they are followed here, dropping the token off-hub) */
    static HttpClient defaultHttpClient() {
        return ResumableDownload.defaultHttpClient();
    }

    /**
     * @param repo the repository and revision
     * @param file a file name
     * @return the resolve URL
     */
    URI resolveUrl(RepoId repo, String file) {
        StringBuilder path = new StringBuilder();
        for (String segment : file.split("/")) {
            path.append('/').append(encode(segment));
        }
        return URI.create(env.endpoint() + "/" + repo.repo() + "/resolve/" + encode(repo.revision()) + path);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Asks the hub about a file, following only same-host redirects (a renamed repository) and stopping at the
     * redirect to the content store, whose headers already carry the LFS metadata.
     *
     * @param repo the repository and revision
     * @param file a file name
     * @return the metadata, or empty when the repository has no such file
     * @throws IOException when the repository or revision does not exist, access is refused, or the hub fails
     */
    Optional<FileMetadata> head(RepoId repo, String file) throws IOException {
        URI url = resolveUrl(repo, file);
        HttpResponse<Void> response = null;
        for (int hop = 0; hop <= ResumableDownload.MAX_REDIRECTS; hop++) {
            try {
                response = downloads.send(HttpRequest.newBuilder(url).method("HEAD",
                        HttpRequest.BodyPublishers.noBody()).timeout(env.metadataTimeout()), url,
                        HttpResponse.BodyHandlers.discarding());
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                throw new HubUnreachableException(repo, env, e);
            }
            Optional<String> location = response.headers().firstValue("Location");
            if (ResumableDownload.isRedirect(response.statusCode()) && location.isPresent()
                    && ResumableDownload.sameHost(url, url.resolve(location.get()))
                    && !response.headers().firstValue("X-Linked-Etag").isPresent()) {
                url = url.resolve(location.get());
                continue;
            }
            break;
        }
        int status = Objects.requireNonNull(response).statusCode();
        HttpHeaders h = response.headers();
        if (status == 404) {
            String code = h.firstValue("X-Error-Code").orElse("");
            if (code.equals("RepositoryNotFound") || code.equals("RevisionNotFound")) {
                throw new IOException(repo + ": " + (code.equals("RepositoryNotFound") ? "repository" : "revision")
                        + " not found at " + env.endpoint() + accessHint());
            }
            return Optional.empty();
        }
        if (status == 401 || status == 403) {
            throw new IOException(repo + ": access to " + file + " refused (HTTP " + status + ")" + accessHint());
        }
        if (status >= 400) {
            throw new IOException(repo + ": HEAD " + url + " failed with HTTP " + status);
        }
        URI answered = url;
        String commit = h.firstValue("X-Repo-Commit").orElseThrow(() -> new IOException(repo + ": " + answered
                + " sent no X-Repo-Commit header; is HF_ENDPOINT a Hugging Face hub?"));
        String etag = normaliseEtag(h.firstValue("X-Linked-Etag").or(() -> h.firstValue("ETag")).orElseThrow(
                () -> new IOException(repo + ": " + answered + " sent no ETag for " + file)));
        if (!HubCache.checkName(commit) || !HubCache.checkName(etag)) {
            throw new IOException(repo + ": the hub sent an unusable commit '" + commit + "' or etag '" + etag + "'");
        }
        OptionalLong size = h.firstValue("X-Linked-Size").map(s -> OptionalLong.of(Long.parseLong(s.trim())))
                .orElse(OptionalLong.empty());
        return Optional.of(new FileMetadata(commit, etag, size));
    }

    private String accessHint() {
        return env.token().isPresent() ? " (HF_TOKEN was sent)"
                : " (for a private or gated repository set HF_TOKEN)";
    }

    /**
     * Downloads a file into {@code incomplete}, resuming what is already there, then checks its size and, when the
     * etag is a sha256, its digest. A failed check deletes the partial file.
     *
     * @param repo the repository at the file's commit
     * @param file the file name
     * @param meta the metadata {@link #head} returned
     * @param incomplete the partial file to create or extend
     * @throws IOException when the download fails after retries or the content fails the checks
     */
    void download(RepoId repo, String file, FileMetadata meta, Path incomplete) throws IOException {
        downloads.fetch(resolveUrl(repo, file), file, incomplete, meta.size().orElse(-1));
        verify(repo, file, meta, incomplete);
    }

    private void verify(RepoId repo, String file, FileMetadata meta, Path incomplete) throws IOException {
        if (meta.etagIsSha256()) {
            String actual = sha256(incomplete);
            if (!actual.equals(meta.etag())) {
                Files.deleteIfExists(incomplete);
                throw new IOException(repo + ": integrity check failed for " + file + ": sha256 of the download is "
                        + actual + ", the hub's etag is " + meta.etag());
            }
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String normaliseEtag(String etag) {
        String e = etag.trim();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return e;
    }
}
