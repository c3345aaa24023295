package org.imlbench.hf.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hub on 127.0.0.1 serving {@code /{repo}/resolve/{revision}/{file}} like huggingface.co: small files directly with
 * a git ETag, weights (.safetensors/.bin) as LFS files redirected to {@code /cdn/{sha256}} with X-Linked-Etag and
 * X-Linked-Size, 404 with X-Error-Code otherwise. It logs every request and can cut or corrupt a body.
 */
final class FakeHub implements AutoCloseable {
    /** One request as the server saw it. */
    record Request(String method, String path, String range, String authorization) {
    }

    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final int MAX_REQUESTS = 200;

    private final HttpServer server;
    private final String repo;
    private final Map<String, byte[]> files;
    private final Map<String, String> fileBySha = new HashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> truncations = new HashMap<>();
    private final Map<String, Integer> truncateAt = new HashMap<>();
    private volatile String corrupted;
    private volatile boolean stalls;
    private volatile String requiredToken;

    FakeHub(String repo, Map<String, byte[]> files) throws IOException {
        this.repo = repo;
        this.files = new LinkedHashMap<>(files);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            fileBySha.put(sha256(e.getValue()), e.getKey());
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * The next {@code times} GETs of a file's content send only {@code bytes} bytes of the body.
     *
     * @param stall keep the promised Content-Length and stop sending (a stalled connection); else end a chunked
     *              body early (a proxy that hangs up cleanly)
     */
    synchronized void truncate(String file, int bytes, int times, boolean stall) {
        truncations.put(file, times);
        truncateAt.put(file, bytes);
        stalls = stall;
    }

    void corrupt(String file) {
        corrupted = file;
    }

    void requireToken(String token) {
        requiredToken = token;
    }

    static boolean isLfs(String file) {
        return file.endsWith(".safetensors") || file.endsWith(".bin");
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            requests.add(new Request(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("Range"),
                    ex.getRequestHeaders().getFirst("Authorization")));
            if (requests.size() > MAX_REQUESTS) {
                ex.sendResponseHeaders(500, -1);
                return;
            }
            if (path.startsWith("/cdn/")) {
                String file = fileBySha.get(path.substring(5));
                if (file == null) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                sendContent(ex, file);
                return;
            }
            String prefix = "/" + repo + "/resolve/";
            if (!path.startsWith(prefix)) {
                ex.getResponseHeaders().set("X-Error-Code", "RepositoryNotFound");
                ex.sendResponseHeaders(404, -1);
                return;
            }
            if (requiredToken != null
                    && !("Bearer " + requiredToken).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.sendResponseHeaders(401, -1);
                return;
            }
            String rest = path.substring(prefix.length());
            String revision = rest.substring(0, rest.indexOf('/'));
            String file = rest.substring(rest.indexOf('/') + 1);
            if (!revision.equals("main") && !revision.equals(COMMIT)) {
                ex.getResponseHeaders().set("X-Error-Code", "RevisionNotFound");
                ex.sendResponseHeaders(404, -1);
                return;
            }
            ex.getResponseHeaders().set("X-Repo-Commit", COMMIT);
            byte[] content = files.get(file);
            if (content == null) {
                ex.getResponseHeaders().set("X-Error-Code", "EntryNotFound");
                ex.sendResponseHeaders(404, -1);
                return;
            }
            if (isLfs(file)) {
                String sha = sha256(content);
                ex.getResponseHeaders().set("X-Linked-Etag", "\"" + sha + "\"");
                ex.getResponseHeaders().set("X-Linked-Size", Integer.toString(content.length));
                ex.getResponseHeaders().set("Location", endpoint() + "/cdn/" + sha);
                ex.sendResponseHeaders(302, -1);
                return;
            }
            // a git blob id, as the hub sends for small files
            ex.getResponseHeaders().set("ETag", "\"" + sha256(content).substring(0, 40) + "\"");
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(200, -1);
                return;
            }
            sendContent(ex, file);
        }
    }

    private void sendContent(HttpExchange ex, String file) throws IOException {
        byte[] content = files.get(file).clone();
        if (file.equals(corrupted)) {
            content[content.length / 2] ^= 0x5a;
        }
        int start = 0;
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            start = Integer.parseInt(range.substring(6, range.length() - 1));
            if (start >= content.length) {
                ex.sendResponseHeaders(416, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Range",
                    "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
        }
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(200, -1);
            return;
        }
        int length = content.length - start;
        int cut = cutAt(file);
        if (cut >= 0 && cut < length) {
            ex.sendResponseHeaders(start > 0 ? 206 : 200, stalls ? length : 0);
            OutputStream out = ex.getResponseBody();
            out.write(content, start, cut);
            out.flush();
            try {
                out.close();
            } catch (IOException expected) {
                // a fixed-length body left short: "insufficient bytes written", the point of the exercise
            }
            return;
        }
        ex.sendResponseHeaders(start > 0 ? 206 : 200, length);
        ex.getResponseBody().write(content, start, length);
    }

    private synchronized int cutAt(String file) {
        Integer left = truncations.get(file);
        if (left == null || left == 0) {
            return -1;
        }
        truncations.put(file, left - 1);
        return truncateAt.get(file);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
