package org.imlbench.rundir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.imlbench.api.UsageException;
import org.imlbench.files.AtomicFiles;

/**
 * Joins the run directories of the shards of one evaluation ({@code --shard K/N}) into the run directory an unsharded
 * evaluation would have written: every task's samples in their original order (each line carries its
 * {@link SampleRecord#position}), one completion marker per task, and the shards' shared run.json without the shard.
 * Summaries computed from the result equal the unsharded run's, bootstrap intervals included, because the bootstrap
 * depends only on the seed and each task's samples in order.
 *
 * <p>It refuses shards of different configurations, a shard given twice, a missing shard, and a shard that did not
 * finish a task, naming which.
 */
public final class ShardMerger {
    private final ObjectMapper json;

    /** @param json the mapper for every file of the run (the harness's, so merged files read like unsharded ones) */
    public ShardMerger(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Merges shard run directories.
     *
     * @param shardDirs the run directories of every shard, in any order
     * @param out the merged run directory; must not exist or be empty
     * @return how many tasks were merged
     * @throws UsageException when the directories are not the complete, matching shards of one run
     * @throws IOException when a file cannot be read or written, or breaks the run-directory contract
     */
    public int merge(List<Path> shardDirs, Path out) throws IOException {
        if (shardDirs.isEmpty()) {
            throw new UsageException("give the run directories of every shard");
        }
        if (Files.exists(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new UsageException(out + ": already exists and is not empty; choose a new --out");
                }
            }
        }
        List<ShardRun> shards = readShards(shardDirs);
        RunDirectory merged = new RunDirectory(out, json);
        Files.createDirectories(out);
        int tasks = 0;
        for (Map.Entry<String, List<ShardTask>> entry : tasksByKey(shards).entrySet()) {
            mergeTask(merged, entry.getValue());
            tasks++;
        }
        AtomicFiles.writeString(merged.layout().runJson(), json.writeValueAsString(mergedManifest(shards, out)));
        return tasks;
    }

    private record ShardRun(Path dir, Shard shard, ObjectNode manifest) {
    }

    private record ShardTask(ShardRun shard, Split split, Role role, String task) {
    }

    private List<ShardRun> readShards(List<Path> dirs) throws IOException {
        List<ShardRun> shards = new ArrayList<>();
        for (Path dir : dirs) {
            Path runJson = new RunLayout(dir).runJson();
            if (!Files.isRegularFile(runJson)) {
                throw new UsageException(dir + " is not a run directory: it has no run.json");
            }
            JsonNode manifest = json.readTree(runJson.toFile());
            JsonNode shard = manifest.path("config").path("shard");
            if (!manifest.isObject() || !shard.isObject()) {
                throw new UsageException(dir + " is not a shard: its run.json has no config.shard (run it with "
                        + "--shard K/N)");
            }
            shards.add(new ShardRun(dir, new Shard(shard.path("index").asInt(), shard.path("count").asInt()),
                    (ObjectNode) manifest));
        }
        shards.sort(Comparator.comparingInt(s -> s.shard().index()));
        ShardRun first = shards.get(0);
        JsonNode config = withoutShard(first.manifest().get("config"));
        for (ShardRun shard : shards) {
            if (shard.shard().count() != first.shard().count()) {
                throw new UsageException(shard.dir() + " is shard " + shard.shard() + " but " + first.dir() + " is "
                        + first.shard() + ": shards of different splittings");
            }
            JsonNode other = withoutShard(shard.manifest().get("config"));
            if (!other.equals(config)) {
                throw new UsageException(shard.dir() + " was run with another configuration than " + first.dir()
                        + " (differs in " + differingFields(config, other) + ")");
            }
        }
        for (int i = 1; i < shards.size(); i++) {
            if (shards.get(i).shard().index() == shards.get(i - 1).shard().index()) {
                throw new UsageException("shard " + shards.get(i).shard() + " is given twice: "
                        + shards.get(i - 1).dir() + " and " + shards.get(i).dir());
            }
        }
        List<String> missing = new ArrayList<>();
        for (int k = 1; k <= first.shard().count(); k++) {
            int index = k;
            if (shards.stream().noneMatch(s -> s.shard().index() == index)) {
                missing.add(k + "/" + first.shard().count());
            }
        }
        if (!missing.isEmpty()) {
            throw new UsageException("shard" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + (missing.size() > 1 ? " are" : " is") + " missing: give every shard's run directory");
        }
        return shards;
    }

    private static JsonNode withoutShard(JsonNode config) {
        ObjectNode copy = config.deepCopy();
        copy.remove("shard");
        return copy;
    }

    private static String differingFields(JsonNode a, JsonNode b) {
        TreeSet<String> names = new TreeSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names.stream().filter(n -> !a.path(n).equals(b.path(n))).toList());
    }

    /** Every (split, role, task) any shard finished, keyed in a fixed order. */
    private static Map<String, List<ShardTask>> tasksByKey(List<ShardRun> shards) throws IOException {
        Map<String, List<ShardTask>> byKey = new TreeMap<>();
        for (ShardRun shard : shards) {
            RunLayout layout = new RunLayout(shard.dir());
            if (!Files.isDirectory(layout.tasksDir())) {
                continue;
            }
            try (Stream<Path> files = Files.walk(layout.tasksDir())) {
                for (Path done : files.filter(f -> f.toString().endsWith(".done")).sorted().toList()) {
                    Path relative = layout.tasksDir().relativize(done);
                    if (relative.getNameCount() != 3) {
                        throw new RunDirectoryException(done, 0, "not at tasks/<split>/<role>/<task>.done");
                    }
                    Split split = Split.fromId(relative.getName(0).toString());
                    Role role = Role.fromId(relative.getName(1).toString());
                    String file = relative.getName(2).toString();
                    String stem = file.substring(0, file.length() - ".done".length());
                    byKey.computeIfAbsent(split.id() + "/" + role.id() + "/" + stem, k -> new ArrayList<>())
                            .add(new ShardTask(shard, split, role, stem));
                }
            }
        }
        return byKey;
    }

    private void mergeTask(RunDirectory merged, List<ShardTask> parts) throws IOException {
        List<SampleRecord> samples = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        String taskId = null;
        for (ShardTask part : parts) {
            RunLayout layout = new RunLayout(part.shard().dir());
            Path doneFile = layout.tasksDir().resolve(part.split().id()).resolve(part.role().id())
                    .resolve(part.task() + ".done");
            TaskOutcome outcome = json.readValue(doneFile.toFile(), TaskOutcome.class);
            taskId = outcome.task();
            Optional<TaskOutcome> verified = new RunDirectory(part.shard().dir(), json)
                    .finished(part.split(), part.role(), outcome.task());
            if (verified.isEmpty()) {
                throw new IOException(layout.samplesFile(part.split(), part.role(), outcome.task()) + ": does not "
                        + "match its completion marker; resume shard " + part.shard().shard() + " to redo the task");
            }
            if (outcome.failed()) {
                errors.add("shard " + part.shard().shard() + ": " + outcome.error());
                continue;
            }
            samples.addAll(readSamples(layout.samplesFile(part.split(), part.role(), outcome.task())));
        }
        samples.sort(Comparator.comparingInt(SampleRecord::position));
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i).position() == samples.get(i - 1).position()) {
                throw new UsageException("instance " + samples.get(i).instance() + " of task " + taskId
                        + " was evaluated by two shards: the shards overlap");
            }
        }
        int missing = (int) samples.stream().filter(SampleRecord::missing).count();
        String error = errors.isEmpty() ? null : String.join("; ", errors);
        ShardTask first = parts.get(0);
        merged.writeTask(first.split(), first.role(), TaskOutcome.of(taskId, error == null ? samples.size() : 0,
                error == null ? missing : 0, error), error == null ? samples : List.of());
    }

    private List<SampleRecord> readSamples(Path file) throws IOException {
        List<SampleRecord> out = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(json.readValue(line, SampleRecord.class));
                }
            }
        }
        return out;
    }

    /** The first shard's run.json without its shard, with the merged run's id and where it came from. */
    private static ObjectNode mergedManifest(List<ShardRun> shards, Path out) {
        ObjectNode manifest = shards.get(0).manifest().deepCopy();
        ((ObjectNode) manifest.get("config")).remove("shard");
        manifest.put("id", out.toAbsolutePath().normalize().getFileName().toString());
        ArrayNode from = manifest.putArray("merged_from");
        shards.forEach(s -> from.add(s.dir().toAbsolutePath().normalize().toString()));
        return manifest;
    }
}
