package org.imlbench.harness.run;

import static org.imlbench.harness.run.RunOptions.pick;

import com.beust.jcommander.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.imlbench.api.GenerateRequest;
import org.imlbench.rundir.Shard;

/**
 * The options of the commands that evaluate a model ({@code harness run}, {@code harness eval}): how much, with which
 * metrics, which part. {@code harness tune} evaluates nothing and does not take them, so that they are neither listed
 * in its help nor accepted and ignored. Every field is null unless given, as in {@link RunOptions}.
 */
public final class EvaluationOptions {
    @Parameter(names = "--limit", description = "Evaluate at most N instances per task")
    Integer limit;
    @Parameter(names = "--max-new-tokens", description = "Generation limit. Default: 256 (16 for the embedded model)")
    Integer maxNewTokens;
    @Parameter(names = "--metrics", description = "Comma-separated metrics to report. Default: all that apply")
    List<String> metrics;
    @Parameter(names = "--headline-metric", description = "The metric that categories and splits aggregate and "
            + "verdicts judge (every reported metric is shown either way). Default: per task, bbh_exact_match, "
            + "accuracy or rouge_l")
    String headlineMetric;
    @Parameter(names = "--shard", description = "Evaluate part K of N of the instances (K/N, e.g. 2/3), balanced by "
            + "prompt length; join the shards' run directories with harness merge. run needs --tuned")
    String shard;
    @Parameter(names = "--allow-overlap", description = "Accept splits in which an evaluation input equals a "
            + "training input")
    Boolean allowOverlap;

    /** @return options of which none was given: every value comes from the base configuration or the default */
    public static EvaluationOptions none() {
        return new EvaluationOptions();
    }

    /**
     * Sets the evaluation values: typed, else from {@code base}, else the default.
     *
     * @param builder the configuration being resolved
     * @param base a configuration read from a file, or null
     * @param embedded whether the model is the embedded one (its generation limit is smaller)
     * @return the builder
     */
    RunConfig.Builder apply(RunConfig.Builder builder, RunConfig base, boolean embedded) {
        return builder
                .limit(pick(limit, base == null ? null : base.limit(), null))
                .maxNewTokens(pick(maxNewTokens, base == null ? null : base.maxNewTokens(),
                        embedded ? RunOptions.EMBEDDED_MAX_NEW_TOKENS : GenerateRequest.DEFAULT_MAX_NEW_TOKENS))
                .metrics(pick(metrics == null ? null : splitCommas(metrics), base == null ? null : base.metrics(),
                        List.of()))
                .headlineMetric(pick(headlineMetric, base == null ? null : base.headlineMetric(), null))
                .allowOverlap(pick(allowOverlap, base == null ? null : base.allowOverlap(), false))
                .shard(shard != null ? Shard.parse(shard) : base == null ? null : base.shard());
    }

    private static List<String> splitCommas(List<String> values) {
        List<String> names = new ArrayList<>();
        for (String value : values) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
        }
        return names;
    }
}
