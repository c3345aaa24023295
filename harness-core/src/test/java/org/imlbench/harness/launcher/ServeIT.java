package org.imlbench.harness.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.imlbench.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code harness serve} and the {@code openai} backend as users run them, each in its own JVM: {@code eval
 * --backend openai} against {@code serve --model opt-tiny} gives every option the log-likelihood that {@code eval
 * --backend djl} gives it (within 1e-4), the same token counts and the same predictions; SIGTERM stops the server.
 */
class ServeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URL = Pattern.compile("at (http://\\S+)");

    @TempDir
    Path tmp;

    @Test
    void evalThroughServeMatchesTheBackendDirectlyAndSigtermStopsTheServer() throws Exception {
        Launcher launcher = Launcher.locate();
        String model = SharedData.fixtures("opt/opt-tiny").toString();
        Path serveErr = tmp.resolve("serve.err");
        Process serve = launcher.spawn(serveErr, "serve", "--model", model, "--served-model-name", "opt-tiny",
                "--port", "0");
        try {
            String url = awaitUrl(serve, serveErr);
            Launcher.Result viaServer = launcher.run(600, Map.of(), "eval", "--backend", "openai", "--model",
                    "opt-tiny", "--backend-option", "base-url=" + url, "--limit", "5", "--out",
                    tmp.resolve("openai").toString(), "--no-html", "--quiet");
            assertEquals(0, viaServer.exitCode(), viaServer.toString());
            Launcher.Result direct = launcher.run(600, Map.of(), "eval", "--model", model, "--limit", "5", "--out",
                    tmp.resolve("djl").toString(), "--no-html", "--quiet");
            assertEquals(0, direct.exitCode(), direct.toString());
            compare(samples(tmp.resolve("djl")), samples(tmp.resolve("openai")));
        } finally {
            serve.destroy(); // SIGTERM
        }
        assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "the server stops within 60 s of SIGTERM");
        assertEquals(143, serve.exitValue(), "terminated by SIGTERM, after its shutdown hook");
        assertTrue(Files.readString(serveErr).contains("imlbench serve: stopped"), Files.readString(serveErr));
    }

    private static String awaitUrl(Process serve, Path err) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = URL.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("harness serve printed no URL; stderr:\n" + Files.readString(err));
    }

    private static Map<String, List<JsonNode>> samples(Path runs) throws IOException {
        Map<String, List<JsonNode>> byTask = new TreeMap<>();
        try (Stream<Path> files = Files.walk(runs)) {
            // <run id>/samples/<split>/<role>/<task>.jsonl (the Allure results hold .jsonl attachments too)
            for (Path file : files.filter(p -> runs.relativize(p).getNameCount() == 5
                    && runs.relativize(p).getName(1).toString().equals("samples")).toList()) {
                List<JsonNode> lines = new ArrayList<>();
                for (String line : Files.readAllLines(file)) {
                    lines.add(JSON.readTree(line));
                }
                byTask.put(file.getFileName().toString(), lines);
            }
        }
        return byTask;
    }

    private static void compare(Map<String, List<JsonNode>> expected, Map<String, List<JsonNode>> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        assertTrue(expected.size() >= 20, "every synthetic task: " + expected.keySet());
        int options = 0;
        for (String task : expected.keySet()) {
            List<JsonNode> e = expected.get(task);
            List<JsonNode> a = actual.get(task);
            assertEquals(e.size(), a.size(), task);
            for (int i = 0; i < e.size(); i++) {
                String where = task + " line " + (i + 1);
                assertEquals(e.get(i).get("instance"), a.get(i).get("instance"), where);
                assertEquals(e.get(i).get("prediction"), a.get(i).get("prediction"), where);
                assertEquals(e.get(i).get("option_token_counts"), a.get(i).get("option_token_counts"), where);
                JsonNode el = e.get(i).get("option_loglikelihoods");
                JsonNode al = a.get(i).get("option_loglikelihoods");
                assertEquals(el.size(), al.size(), where);
                for (int k = 0; k < el.size(); k++) {
                    assertEquals(el.get(k).asDouble(), al.get(k).asDouble(), 1e-4, where + " option " + k);
                    options++;
                }
            }
        }
        assertTrue(options > 0, "option tasks were scored");
    }
}
