package org.imlbench.hf.hub;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads that survive a bad connection: a file goes to a partial file that a later attempt (or a later run)
 * extends with a Range request, redirects are followed here (so that headers such as a token go only where they
 * belong), a dropped or stalled transfer is retried, and the result is checked against the size the server
 * announced. The hub client downloads checkpoints with it, and {@code harness data get} task data.
 */
public final class ResumableDownload {
    /** Adds headers to a request, knowing its URL (e.g. a token for one host only). */
    @FunctionalInterface
    public interface Headers {
        /** Adds nothing. */
        Headers NONE = (url, request) -> { };

        /**
         * @param url where the request goes
         * @param request the request being built
         */
        void add(URI url, HttpRequest.Builder request);
    }

    static final int MAX_REDIRECTS = 10;
    private static final int MAX_ATTEMPTS = 3;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    /** Until the headers of a download arrive (metadata requests of the hub set a shorter one of their own). */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final DownloadListener listener;
    private final Duration stallTimeout;
    private final Headers headers;

    /**
     * @param http a client that does not follow redirects itself ({@link #defaultHttpClient()})
     * @param listener download progress
     * @param stallTimeout how long a transfer may receive nothing before it is retried
     * @param headers adds headers to each request
     */
    public ResumableDownload(HttpClient http, DownloadListener listener, Duration stallTimeout, Headers headers) {
        this.http = http;
        this.listener = listener;
        this.stallTimeout = stallTimeout;
        this.headers = headers;
    }

    /** @return a client for downloads: no automatic redirects (they are followed here) */
    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Downloads {@code url} into {@code incomplete}, resuming what is already there, and checks its size. A file of
     * the wrong size is deleted; a transfer that fails after retries keeps what arrived for the next attempt.
     *
     * @param url the file's URL
     * @param name the file's name, for progress and messages
     * @param incomplete the partial file to create or extend
     * @param expectedSize the size the file must have, or -1 when unknown (then the server's announced size is used)
     * @return the downloaded size
     * @throws IOException when the download fails after retries, the server refuses it, or the size is wrong
     */
    public long fetch(URI url, String name, Path incomplete, long expectedSize) throws IOException {
        Files.createDirectories(incomplete.toAbsolutePath().getParent());
        if (expectedSize == 0 && !Files.exists(incomplete)) {
            // an empty file (a package's __init__.py): nothing to transfer, but it must exist
            Files.createFile(incomplete);
        }
        long expected = expectedSize;
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
                expected = transfer(url, name, incomplete, have, expected);
                last = null;
                break;
            } catch (RetryableException e) {
                last = e.cause;
            }
        }
        if (last != null) {
            throw new IOException("download of " + name + " from " + url + " failed after " + MAX_ATTEMPTS
                    + " attempts (" + last.getMessage() + "); the partial file " + incomplete
                    + " is kept and resumed next time", last);
        }
        long size = Files.size(incomplete);
        if (expected >= 0 && size != expected) {
            Files.deleteIfExists(incomplete);
            throw new IOException("integrity check failed for " + name + ": downloaded " + size
                    + " bytes, the server announced " + expected);
        }
        return size;
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
    private long transfer(URI url, String name, Path incomplete, long have, long expected)
            throws IOException, RetryableException {
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
            IOException e = new IOException("GET " + url + " failed with HTTP " + status);
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
                listener.progress(name, done, total);
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

    /**
     * Sends one request with this download's headers; one without a timeout of its own gets
     * {@link #REQUEST_TIMEOUT}.
     *
     * @param request the request
     * @param url where it goes
     * @param handler reads the body
     * @param <T> the body's type
     * @return the response
     * @throws IOException when the request fails
     */
    <T> HttpResponse<T> send(HttpRequest.Builder request, URI url, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        request.header("User-Agent", "imlbench");
        if (request.copy().build().timeout().isEmpty()) {
            request.timeout(REQUEST_TIMEOUT);
        }
        headers.add(url, request);
        try {
            return http.send(request.build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while requesting " + url);
        }
    }

    /**
     * @param status an HTTP status
     * @return whether it is a redirect
     */
    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * @param a a URL
     * @param b another
     * @return whether they name the same host and port
     */
    static boolean sameHost(URI a, URI b) {
        return Objects.equals(lower(a.getHost()), lower(b.getHost())) && port(a) == port(b);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
