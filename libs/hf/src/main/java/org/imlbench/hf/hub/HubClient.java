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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP access to a hub's {@code {endpoint}/{repo}/resolve/{revision}/{file}} URLs: file metadata (a HEAD request, as
 * huggingface_hub makes) and downloads that follow redirects, resume {@code .incomplete} files with a Range request,
 * and are checked for size and (for LFS files) sha256.
 */
final class HubClient {
    private static final int MAX_REDIRECTS = 10;
    private static final int MAX_ATTEMPTS = 3;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    /** Until the headers of a download arrive (metadata requests use {@link HubEnvironment#metadataTimeout()}). */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HubEnvironment env;
    private final HttpClient http;
    private final DownloadListener listener;
    private final Duration stallTimeout;

    /**
     * @param env hub settings
     * @param http a client that does not follow redirects itself
     * @param listener download progress
     * @param stallTimeout how long a download may receive nothing before it is retried
     */
    HubClient(HubEnvironment env, HttpClient http, DownloadListener listener, Duration stallTimeout) {
        this.env = env;
        this.http = http;
        this.listener = listener;
        this.stallTimeout = stallTimeout;
    }

    /** @return a client for the hub: no automatic redirects (they are followed here, dropping the token off-hub) */
    static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
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
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            try {
                response = send(HttpRequest.newBuilder(url).method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .timeout(env.metadataTimeout()), url, HttpResponse.BodyHandlers.discarding());
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                throw new HubUnreachableException(repo, env, e);
            }
            Optional<String> location = response.headers().firstValue("Location");
            if (isRedirect(response.statusCode()) && location.isPresent() && sameHost(url, url.resolve(location.get()))
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
        Files.createDirectories(incomplete.getParent());
        long expected = meta.size().orElse(-1);
        IOException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            long have = Files.exists(incomplete) ? Files.size(incomplete) : 0;
            if (expected >= 0 && have == expected) {
                last = null;
                break;
            }
            if (expected >= 0 && have > expected) {
                Files.delete(incomplete);
                have = 0;
            }
            try {
                expected = transfer(repo, file, incomplete, have, expected);
                last = null;
                break;
            } catch (RetryableException e) {
                last = e.cause;
            }
        }
        if (last != null) {
            throw new IOException(repo + ": download of " + file + " failed after " + MAX_ATTEMPTS + " attempts ("
                    + last.getMessage() + "); the partial file " + incomplete + " is kept and resumed next time",
                    last);
        }
        verify(repo, file, meta, incomplete, expected);
    }

    /** An error worth another attempt (a dropped connection, a server error). */
    private static final class RetryableException extends Exception {
        private static final long serialVersionUID = 1L;
        private final IOException cause;

        RetryableException(IOException cause) {
            super(cause);
            this.cause = cause;
        }
    }

    /** @return the total size, as now known */
    private long transfer(RepoId repo, String file, Path incomplete, long have, long expected)
            throws IOException, RetryableException {
        URI url = resolveUrl(repo, file);
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
        try {
            response = getFollowingRedirects(url, have);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw new RetryableException(e);
        }
        int status = response.statusCode();
        long offset;
        long total = expected;
        if (status == 206) {
            Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
            if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                discard(response);
                Files.deleteIfExists(incomplete);
                throw new RetryableException(new IOException("the server resumed at the wrong offset"));
            }
            offset = have;
            if (total < 0 && !m.group(3).equals("*")) {
                total = Long.parseLong(m.group(3));
            }
        } else if (status == 200) {
            offset = 0;
            if (total < 0) {
                total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            }
        } else if (status == 416) {
            discard(response);
            Files.deleteIfExists(incomplete);
            throw new RetryableException(new IOException("the server refused the resume range"));
        } else {
            discard(response);
            IOException e = new IOException(repo + ": GET " + url + " failed with HTTP " + status);
            if (status >= 500) {
                throw new RetryableException(e);
            }
            throw e;
        }
        StandardOpenOption mode = offset > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        long done = offset;
        try (StallGuardedBody body = new StallGuardedBody(response.body(), stallTimeout);
             FileChannel out = FileChannel.open(incomplete, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     mode)) {
            List<ByteBuffer> chunk;
            while ((chunk = body.next()) != null) {
                for (ByteBuffer b : chunk) {
                    while (b.hasRemaining()) {
                        done += out.write(b);
                    }
                }
                listener.progress(file, done, total);
            }
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            // what arrived is on disk; the next attempt asks for the rest
            throw new RetryableException(e);
        }
        if (total >= 0 && done < total) {
            // the body ended early without an error (e.g. a proxy closed a chunked stream): resume it
            throw new RetryableException(new IOException("the body ended after " + done + " of " + total
                    + " bytes"));
        }
        return total;
    }

    private HttpResponse<Flow.Publisher<List<ByteBuffer>>> getFollowingRedirects(URI start, long offset)
            throws IOException {
        URI url = start;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).GET();
            if (offset > 0) {
                request.header("Range", "bytes=" + offset + "-");
            }
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(request, url,
                    HttpResponse.BodyHandlers.ofPublisher());
            Optional<String> location = response.headers().firstValue("Location");
            if (!isRedirect(response.statusCode()) || location.isEmpty()) {
                return response;
            }
            discard(response);
            url = url.resolve(location.get());
        }
        throw new IOException("more than " + MAX_REDIRECTS + " redirects from " + start);
    }

    private void discard(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
        new StallGuardedBody(response.body(), stallTimeout).close();
    }

    /** Sends a request; one without a timeout of its own gets {@link #REQUEST_TIMEOUT}. */
    private <T> HttpResponse<T> send(HttpRequest.Builder request, URI url, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        request.header("User-Agent", "imlbench");
        if (request.copy().build().timeout().isEmpty()) {
            request.timeout(REQUEST_TIMEOUT);
        }
        if (env.token().isPresent() && sameHost(url, env.endpoint())) {
            // the token is for the hub only, never for the content store a download is redirected to
            request.header("Authorization", "Bearer " + env.token().get());
        }
        try {
            return http.send(request.build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while requesting " + url);
        }
    }

    private void verify(RepoId repo, String file, FileMetadata meta, Path incomplete, long expected)
            throws IOException {
        long size = Files.size(incomplete);
        if (expected >= 0 && size != expected) {
            Files.deleteIfExists(incomplete);
            throw new IOException(repo + ": integrity check failed for " + file + ": downloaded " + size
                    + " bytes, the hub announced " + expected);
        }
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

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameHost(URI a, URI b) {
        return Objects.equals(lower(a.getHost()), lower(b.getHost())) && port(a) == port(b);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
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
