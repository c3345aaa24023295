package org.imlbench.reports.allure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.imlbench.files.AtomicFiles;
import org.imlbench.rundir.ModelRef;
import org.imlbench.rundir.RunInfo;

/**
 * The report-wide files of an Allure results directory: {@code environment.properties} (models, devices, seed,
 * versions, git commit), {@code executor.json} (who ran it: GitHub Actions or a local run) and
 * {@code categories.json} (failed = "Regression", broken = "Evaluation error").
 */
final class EnvironmentFiles {
    private final ObjectMapper mapper = new ObjectMapper().enable(
            SerializationFeature.INDENT_OUTPUT);

    void write(Path results, RunInfo run, String split, Map<String, String> env) throws IOException {
        AtomicFiles.writeString(results.resolve("environment.properties"), properties(run, split));
        AtomicFiles.write(results.resolve("executor.json"), mapper.writeValueAsBytes(executor(run, split, env)));
        AtomicFiles.write(results.resolve("categories.json"), mapper.writeValueAsBytes(categories()));
    }

    static String properties(RunInfo run, String split) {
        Map<String, String> entries = new TreeMap<>();
        entries.put("run.id", run.id());
        entries.put("run.command", run.command().id());
        entries.put("run.created", run.created());
        entries.put("split", split);
        entries.put("prompt.format", run.format());
        entries.put("prompt.shots", String.valueOf(run.shots()));
        entries.put("seed", String.valueOf(run.seed()));
        entries.put("devices", run.devices());
        entries.put("git.commit", run.gitCommit() == null ? "unknown" : run.gitCommit());
        entries.put("tasks", String.join(", ", run.tasks()));
        for (Map.Entry<String, ModelRef> model : run.models().entrySet()) {
            String prefix = "model." + model.getKey();
            ModelRef ref = model.getValue();
            entries.put(prefix, ref.name());
            entries.put(prefix + ".backend", ref.backend());
            entries.put(prefix + ".device", ref.device());
            entries.put(prefix + ".parameters", String.valueOf(ref.parameters()));
            ref.details().forEach((k, v) -> entries.put(prefix + "." + k, v));
        }
        run.versions().forEach((k, v) -> entries.put("version." + k, v));
        StringBuilder text = new StringBuilder();
        entries.forEach((k, v) -> {
            if (v != null) {
                text.append(escape(k, true)).append('=').append(escape(v, false)).append('\n');
            }
        });
        return text.toString();
    }

    /** java.util.Properties escaping, without its timestamp comment (so the file is reproducible). */
    private static String escape(String text, boolean key) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '=', ':', '#', '!' -> out.append('\\').append(c);
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private ObjectNode executor(RunInfo run, String split, Map<String, String> env) {
        ObjectNode executor = mapper.createObjectNode();
        executor.put("reportName", "imlbench · " + split);
        if ("true".equals(env.get("GITHUB_ACTIONS"))) {
            String server = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com");
            String repository = env.getOrDefault("GITHUB_REPOSITORY", "");
            executor.put("name", "GitHub Actions").put("type", "github")
                    .put("buildName", env.getOrDefault("GITHUB_WORKFLOW", "benchmark") + " #"
                            + env.getOrDefault("GITHUB_RUN_NUMBER", "?") + " (run " + run.id() + ")")
                    .put("buildUrl", server + "/" + repository + "/actions/runs" + "/" + env.getOrDefault(
                            "GITHUB_RUN_ID", ""));
            String number = env.get("GITHUB_RUN_NUMBER");
            if (number != null && number.matches("\\d+")) {
                executor.put("buildOrder", Long.parseLong(number));
            }
        } else {
            executor.put("name", "imlbench").put("type", "local").put("buildName", "run " + run.id());
        }
        return executor;
    }

    private ArrayNode categories() {
        ArrayNode categories = mapper.createArrayNode();
        categories.addObject().put("name", "Regression").put("description",
                "The tuned model is significantly worse than the base model on the task's headline metric "
                        + "(the 95% interval of tuned − base lies below 0)").putArray("matchedStatuses").add("failed");
        categories.addObject().put("name", "Evaluation error").put("description",
                "A model's evaluation of the task failed").putArray("matchedStatuses").add("broken");
        categories.addObject().put("name", "No predictions").put("description",
                "Every prediction was missing (replayed outputs)").putArray("matchedStatuses").add("skipped");
        return categories;
    }
}
