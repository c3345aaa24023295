package org.imlbench.harness.splits;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.imlbench.api.SourceSplitRole;
import org.imlbench.api.Task;
import org.imlbench.rundir.Split;

/**
 * How to cut tasks into a training set and the three evaluation {@link Split}s: a small JSON document that users copy
 * and edit ({@code --split FILE}). Every field is optional in the file; missing ones take the defaults of
 * {@link #defaults()}.
 *
 * <pre>{@code
 * {
 *   "description": "what this split is for",
 *   "heldOutCategories": ["Textual Entailment"],       // fully held out
 *   "heldOutTasks": ["csv/capitals"],                  // held out from seen categories (partially supervised)
 *   "excludedTasks": [],                               // neither tuned nor evaluated
 *   "evalInstancesPerTunedTask": 50,                   // kept out of training for the fully-supervised split
 *   "trainCapPerTask": 1000,                           // EPS cap on training instances per task (0: no cap)
 *   "evalCapPerTask": 100,                             // evaluated instances per held-out task (0: all)
 *   "evalCapPerSource": {"bbh": 0},                    // evalCapPerTask for tasks of one source (Task.source)
 *   "heldOutSelection": "first",                       // the first N in source order, or "random"
 *   "useSourceSplitRoles": true                        // honour the sources' own held-out/excluded lists
 * }
 * }</pre>
 *
 * @param description free text shown by {@code harness tasks}
 * @param heldOutCategories categories whose tasks are never tuned on (the fully held-out split)
 * @param heldOutTasks task ids held out of tuning although their categories are tuned on (partially supervised);
 *                     a listed task whose category has no tuned task is evaluated as fully held out
 * @param excludedTasks task ids dropped entirely
 * @param evalInstancesPerTunedTask how many instances of each tuned task are kept for the fully-supervised split;
 *                                  never more than half of a task's instances
 * @param trainCapPerTask the most training instances of one task, drawn at random with the seed (examples-
 *                        proportional mixing with a cap, "EPS"); 0 for no cap
 * @param evalCapPerTask the most evaluated instances of one held-out task; 0 for all
 * @param evalCapPerSource {@code evalCapPerTask} for the tasks of one source ({@link Task#source()}), overriding it;
 *                         {@link #merge} fills it so that each task source keeps the cap of its own spec
 * @param heldOutSelection which instances of a held-out task are evaluated when there are more than the cap
 * @param useSourceSplitRoles whether the roles task sources give their tasks ({@link SourceSplitRole}, e.g. from
 *                            split lists shipped with the data) are honoured: held-out tasks are held out (partially
 *                            supervised, or fully held out when their category is), excluded tasks dropped
 */
@JsonPropertyOrder({"description", "heldOutCategories", "heldOutTasks", "excludedTasks", "evalInstancesPerTunedTask",
        "trainCapPerTask", "evalCapPerTask", "evalCapPerSource", "heldOutSelection", "useSourceSplitRoles"})
public record SplitSpec(String description, List<String> heldOutCategories, List<String> heldOutTasks,
                        List<String> excludedTasks, int evalInstancesPerTunedTask, int trainCapPerTask,
                        int evalCapPerTask, Map<String, Integer> evalCapPerSource, Selection heldOutSelection,
                        boolean useSourceSplitRoles) {
    /** Default number of fully-supervised evaluation instances per tuned task. */
    public static final int DEFAULT_EVAL_INSTANCES_PER_TUNED_TASK = 50;
    /** Default evaluation cap per held-out task: 100 instances (a task source's own spec may say otherwise). */
    public static final int DEFAULT_EVAL_CAP = 100;
    /** Default EPS cap. */
    public static final int DEFAULT_TRAIN_CAP = 1000;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** Which instances of a held-out task are evaluated when it has more than {@code evalCapPerTask}. */
    public enum Selection {
        /** The first ones, in source order (as official evaluations of a data set usually take them). */
        FIRST,
        /** A sample drawn with the seed. */
        RANDOM;

        @JsonValue
        String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        static Selection parse(String value) {
            for (Selection s : values()) {
                if (s.json().equals(value)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("heldOutSelection must be \"first\" or \"random\": " + value);
        }
    }

    /** Copies the lists, fills in defaults for missing values and checks the ranges. */
    public SplitSpec {
        description = description == null ? "" : description;
        heldOutCategories = List.copyOf(heldOutCategories == null ? List.of() : heldOutCategories);
        heldOutTasks = List.copyOf(heldOutTasks == null ? List.of() : heldOutTasks);
        excludedTasks = List.copyOf(excludedTasks == null ? List.of() : excludedTasks);
        heldOutSelection = heldOutSelection == null ? Selection.FIRST : heldOutSelection;
        evalCapPerSource = Collections.unmodifiableMap(new TreeMap<>(
                evalCapPerSource == null ? Map.of() : evalCapPerSource));
        if (evalInstancesPerTunedTask < 0 || trainCapPerTask < 0 || evalCapPerTask < 0
                || evalCapPerSource.values().stream().anyMatch(v -> v == null || v < 0)) {
            throw new IllegalArgumentException("evalInstancesPerTunedTask, trainCapPerTask and evalCapPerTask must be "
                    + ">= 0");
        }
    }

    /**
     * A spec without per-source caps.
     *
     * @param description free text
     * @param heldOutCategories fully held-out categories
     * @param heldOutTasks partially supervised task ids
     * @param excludedTasks dropped task ids
     * @param evalInstancesPerTunedTask fully-supervised instances per tuned task
     * @param trainCapPerTask EPS cap, 0 for none
     * @param evalCapPerTask held-out evaluation cap, 0 for none
     * @param heldOutSelection first or random
     * @param useSourceSplitRoles whether the sources' own split roles are honoured
     */
    public SplitSpec(String description, List<String> heldOutCategories, List<String> heldOutTasks,
                     List<String> excludedTasks, int evalInstancesPerTunedTask, int trainCapPerTask,
                     int evalCapPerTask, Selection heldOutSelection, boolean useSourceSplitRoles) {
        this(description, heldOutCategories, heldOutTasks, excludedTasks, evalInstancesPerTunedTask, trainCapPerTask,
                evalCapPerTask, Map.of(), heldOutSelection, useSourceSplitRoles);
    }

    /**
     * @param source the benchmark of a held-out task ({@link Task#source()})
     * @return the most instances of it to evaluate, 0 for all
     */
    public int evalCap(String source) {
        return evalCapPerSource.getOrDefault(source, evalCapPerTask);
    }

    /**
     * This spec with its {@code evalCapPerTask} pinned for tasks of the given sources (unless already set), so that a
     * merge with other specs keeps it for them.
     *
     * @param sources task sources ({@link Task#source()}) this spec was suggested for
     * @return the spec
     */
    public SplitSpec pinEvalCap(Collection<String> sources) {
        Map<String, Integer> caps = new TreeMap<>(evalCapPerSource);
        sources.forEach(source -> caps.putIfAbsent(source, evalCapPerTask));
        return new SplitSpec(description, heldOutCategories, heldOutTasks, excludedTasks, evalInstancesPerTunedTask,
                trainCapPerTask, evalCapPerTask, caps, heldOutSelection, useSourceSplitRoles);
    }

    /**
     * This spec turned into one that tunes nothing and evaluates every task as fully held out (for
     * {@code harness eval}), keeping its exclusions, evaluation caps and selection.
     *
     * @param categories every category of the loaded tasks
     * @return the spec
     */
    public SplitSpec forEvaluationOnly(Collection<String> categories) {
        return new SplitSpec("evaluation only: " + (description.isBlank() ? "every task" : description),
                List.copyOf(new LinkedHashSet<>(categories)), List.of(), excludedTasks, 0, 0, evalCapPerTask,
                evalCapPerSource, heldOutSelection, false);
    }

    /**
     * Jackson's entry point: absent numbers take their defaults rather than 0.
     */
    @JsonCreator
    static SplitSpec fromJson(@JsonProperty("description") String description,
                              @JsonProperty("heldOutCategories") List<String> heldOutCategories,
                              @JsonProperty("heldOutTasks") List<String> heldOutTasks,
                              @JsonProperty("excludedTasks") List<String> excludedTasks,
                              @JsonProperty("evalInstancesPerTunedTask") Integer evalInstancesPerTunedTask,
                              @JsonProperty("trainCapPerTask") Integer trainCapPerTask,
                              @JsonProperty("evalCapPerTask") Integer evalCapPerTask,
                              @JsonProperty("evalCapPerSource") Map<String, Integer> evalCapPerSource,
                              @JsonProperty("heldOutSelection") Selection heldOutSelection,
                              @JsonProperty("useSourceSplitRoles") Boolean useSourceSplitRoles) {
        return new SplitSpec(description, heldOutCategories, heldOutTasks, excludedTasks,
                Objects.requireNonNullElse(evalInstancesPerTunedTask, DEFAULT_EVAL_INSTANCES_PER_TUNED_TASK),
                Objects.requireNonNullElse(trainCapPerTask, DEFAULT_TRAIN_CAP),
                Objects.requireNonNullElse(evalCapPerTask, DEFAULT_EVAL_CAP), evalCapPerSource,
                heldOutSelection, Objects.requireNonNullElse(useSourceSplitRoles, false));
    }

    /**
     * The spec used when neither {@code --split} nor any task source gives one: nothing held out, every task
     * tuned on with {@value #DEFAULT_EVAL_INSTANCES_PER_TUNED_TASK} instances kept for evaluation.
     *
     * @return the default spec
     */
    public static SplitSpec defaults() {
        return new SplitSpec("default: every task tuned, " + DEFAULT_EVAL_INSTANCES_PER_TUNED_TASK
                + " instances of each kept for evaluation", List.of(), List.of(), List.of(),
                DEFAULT_EVAL_INSTANCES_PER_TUNED_TASK, DEFAULT_TRAIN_CAP, DEFAULT_EVAL_CAP, Selection.FIRST, false);
    }

    /**
     * Parses a spec.
     *
     * @param json the JSON text
     * @param origin where it comes from, for messages (a file name or a task source)
     * @return the spec
     * @throws SplitSpecException naming the origin, line and problem
     */
    public static SplitSpec parse(String json, String origin) throws SplitSpecException {
        try {
            SplitSpec spec = MAPPER.readValue(json, SplitSpec.class);
            if (spec == null) {
                throw new SplitSpecException(origin + ": empty split spec");
            }
            return spec;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String what = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            if (e instanceof UnrecognizedPropertyException unknown) {
                Set<String> known = new TreeSet<>();
                unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
                what = "unknown key \"" + unknown.getPropertyName() + "\" (known: " + String.join(", ", known) + ")";
            }
            throw new SplitSpecException(origin + ": " + where + what, e);
        }
    }

    /**
     * Reads a spec file.
     *
     * @param file the file
     * @return the spec
     * @throws SplitSpecException when it cannot be read or parsed
     */
    public static SplitSpec read(Path file) throws SplitSpecException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new SplitSpecException(file + ": cannot read split spec: " + e, e);
        }
    }

    /**
     * Combines the specs of several task sources (loaded together): held-out and excluded lists and per-source caps
     * are united (the first spec wins on a conflict); the other numbers and the selection come from the first spec;
     * the sources' split roles are honoured when any spec asks for it. Pin each spec's cap to its sources first
     * ({@link #pinEvalCap}) to keep it.
     *
     * @param specs at least one spec, in {@code --tasks} order
     * @return the combined spec
     */
    public static SplitSpec merge(List<SplitSpec> specs) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no split spec to merge");
        }
        if (specs.size() == 1) {
            return specs.get(0);
        }
        SplitSpec first = specs.get(0);
        List<String> descriptions = new ArrayList<>();
        LinkedHashSet<String> categories = new LinkedHashSet<>();
        LinkedHashSet<String> tasks = new LinkedHashSet<>();
        LinkedHashSet<String> excluded = new LinkedHashSet<>();
        boolean roles = false;
        Map<String, Integer> caps = new TreeMap<>();
        for (SplitSpec s : specs) {
            s.evalCapPerSource().forEach(caps::putIfAbsent);
            if (!s.description().isBlank()) {
                descriptions.add(s.description());
            }
            categories.addAll(s.heldOutCategories());
            tasks.addAll(s.heldOutTasks());
            excluded.addAll(s.excludedTasks());
            roles |= s.useSourceSplitRoles();
        }
        return new SplitSpec(String.join(" + ", descriptions), List.copyOf(categories), List.copyOf(tasks),
                List.copyOf(excluded), first.evalInstancesPerTunedTask(), first.trainCapPerTask(),
                first.evalCapPerTask(), caps, first.heldOutSelection(), roles);
    }

    /** @return the spec as indented JSON, in the file format */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a split spec", e);
        }
    }
}
