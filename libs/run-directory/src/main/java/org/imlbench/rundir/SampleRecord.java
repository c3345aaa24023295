package org.imlbench.rundir;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One line of a per-sample JSONL file ({@code samples/<split>/<role>/<task>.jsonl}); the field names are the
 * run-directory contract that the reports module reads.
 *
 * @param task the task id
 * @param instance the instance id
 * @param category the task's category
 * @param source the task's benchmark
 * @param split the split name
 * @param role the model's role ({@code base}, {@code tuned} or {@code model})
 * @param prompt the rendered source text
 * @param target the rendered target text
 * @param references the instance's references
 * @param options the answer options as scored (the prompt format's continuations, e.g. with a leading space), empty
 *                for generation tasks
 * @param optionLoglikelihoods each option's summed log-likelihood, or empty
 * @param optionTokenCounts each option's token count, or empty
 * @param prediction the generated text, or the option chosen by plain rank classification
 * @param missing true when the backend had no prediction (then {@code metrics} is empty)
 * @param metrics per-sample metric values in [0, 1]
 * @param position the instance's position among the task's evaluated instances; shards of a run evaluate parts of a
 *                 task and {@link ShardMerger} restores this order, on which the bootstrap's resampling depends
 */
public record SampleRecord(String task, String instance, String category, String source, Split split, Role role,
                           String prompt, String target, List<String> references, List<String> options,
                           @JsonProperty("option_loglikelihoods") List<Double> optionLoglikelihoods,
                           @JsonProperty("option_token_counts") List<Integer> optionTokenCounts,
                           String prediction, boolean missing, Map<String, Double> metrics, int position) {
}
