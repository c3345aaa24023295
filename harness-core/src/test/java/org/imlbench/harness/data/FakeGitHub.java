package org.imlbench.harness.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GitHub on 127.0.0.1 for one repository at one commit: {@code /api/repos/OWNER/NAME/git/trees/SHA} lists a folder
 * as GitHub's REST API does (the commit's id lists the root; sub-folders have ids of their own), with
 * {@code ?recursive=1} its whole subtree (cut short with {@code "truncated": true} for the folders named by
 * {@link #truncate}, as GitHub does past 100,000 entries), and
 * {@code /raw/OWNER/NAME/COMMIT/PATH} serves a file, honouring {@code Range: bytes=N-}. {@code /mirror/PATH} serves
 * any other files given to it (a mirror of a data folder). It logs requests, and can cut a file's transfers short or
 * serve it corrupted.
 */
final class FakeGitHub implements AutoCloseable {
    /** One request as the server saw it. */
    record Request(String path, String query, String range) {
    }

    private final HttpServer server;
    private final String repository;
    private final String commit;
    private final Map<String, byte[]> files;
    private final Map<String, byte[]> mirror = new ConcurrentHashMap<>();
    private final Map<String, String> treeIds = new TreeMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> cuts = new ConcurrentHashMap<>();
    private final Map<String, Integer> cutAt = new ConcurrentHashMap<>();
    private volatile String corrupted;
    private final Set<String> truncated = ConcurrentHashMap.newKeySet();

    FakeGitHub(String repository, String commit, Map<String, byte[]> files) throws IOException {
        this.repository = repository;
        this.commit = commit;
        this.files = new TreeMap<>(files);
        treeIds.put("", commit);
        for (String path : this.files.keySet()) {
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                treeIds.putIfAbsent(path.substring(0, slash), sha1(("tree " + path.substring(0, slash))
                        .getBytes(StandardCharsets.UTF_8)));
            }
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Cuts the next {@code times} transfers of a file after {@code bytes} bytes. */
    void cut(String path, int bytes, int times) {
        cutAt.put(path, bytes);
        cuts.put(path, new AtomicInteger(times));
    }

    /** Serves a file with one byte changed (same size) from now on. */
    void corrupt(String path) {
        corrupted = path;
    }

    /** Answers a recursive listing of these folders (repository paths) with part of it and {@code truncated}. */
    void truncate(String... folders) {
        truncated.addAll(List.of(folders));
    }

    /** Serves these files under {@code /mirror/}. */
    void mirror(Map<String, byte[]> content) {
        mirror.putAll(content);
    }

    /** The git blob id of some bytes, as a GitHub listing gives it. */
    static String blobId(byte[] content) {
        byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + content.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(content, 0, all, header.length, content.length);
        return sha1(all);
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
        String range = exchange.getRequestHeaders().getFirst("Range");
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(new Request(path, query, range));
        String trees = "/api/repos/" + repository + "/git/trees/";
        String raw = "/raw/" + repository + "/" + commit + "/";
        try (exchange) {
            if (path.startsWith(trees)) {
                listing(exchange, path.substring(trees.length()), "recursive=1".equals(query));
            } else if (path.startsWith(raw) && files.containsKey(path.substring(raw.length()))) {
                String file = path.substring(raw.length());
                byte[] content = files.get(file).clone();
                if (file.equals(corrupted)) {
                    content[content.length / 2] ^= 0x01;
                }
                send(exchange, file, content, range);
            } else if (path.startsWith("/mirror/") && mirror.containsKey(path.substring("/mirror/".length()))) {
                send(exchange, path, mirror.get(path.substring("/mirror/".length())), range);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void listing(HttpExchange exchange, String id, boolean recursive) throws IOException {
        String folder = treeIds.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        if (folder == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        String prefix = folder.isEmpty() ? "" : folder + "/";
        Map<String, Map<String, Object>> entries = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (!file.getKey().startsWith(prefix)) {
                continue;
            }
            String rest = file.getKey().substring(prefix.length());
            // the sub-folders on the way to the file: the first only, or all of them in a recursive listing
            for (int slash = rest.indexOf('/'); slash > 0; slash = recursive ? rest.indexOf('/', slash + 1) : -1) {
                String sub = rest.substring(0, slash);
                entries.put(sub, entry(sub, "040000", "tree", treeIds.get(prefix + sub), null));
            }
            if (recursive || rest.indexOf('/') < 0) {
                entries.put(rest, entry(rest, "100644", "blob", blobId(file.getValue()), file.getValue().length));
            }
        }
        List<Map<String, Object>> tree = List.copyOf(entries.values());
        boolean cut = recursive && truncated.contains(folder);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("sha", id);
        document.put("tree", cut ? tree.subList(0, tree.size() / 2) : tree);
        document.put("truncated", cut);
        byte[] body = new ObjectMapper().writeValueAsBytes(document);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private static Map<String, Object> entry(String path, String mode, String type, String sha, Integer size) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("path", path);
        entry.put("mode", mode);
        entry.put("type", type);
        entry.put("sha", sha);
        if (size != null) {
            entry.put("size", size);
        }
        return entry;
    }

    private void send(HttpExchange exchange, String key, byte[] content, String range) throws IOException {
        int from = 0;
        if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/"
                    + content.length);
            exchange.sendResponseHeaders(206, content.length - from);
        } else {
            exchange.sendResponseHeaders(200, content.length);
        }
        OutputStream body = exchange.getResponseBody();
        AtomicInteger cutsLeft = cuts.get(key);
        if (cutsLeft != null && cutsLeft.getAndDecrement() > 0) {
            // a connection that drops: part of the body, then nothing
            int end = Math.min(content.length, from + cutAt.get(key));
            body.write(content, from, end - from);
            body.flush();
            throw new IOException("cut short on purpose");
        }
        body.write(content, from, content.length - from);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
