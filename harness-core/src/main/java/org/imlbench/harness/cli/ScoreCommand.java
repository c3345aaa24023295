package org.imlbench.harness.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imlbench.api.ContinuationScore;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.ProgressListener;
import org.imlbench.api.ScoreRequest;
import org.imlbench.api.TokenSplit;

/** {@code harness score}: the log-likelihood of one continuation after one context. */
@Parameters(commandNames = ScoreCommand.NAME, commandDescription = "Score a continuation after a context: summed "
        + "log-probability, token ids of both, and whether it is the greedy continuation.")
public final class ScoreCommand implements CliCommand {
    static final String NAME = "score";

    @ParametersDelegate
    private final ModelSelection selection = new ModelSelection();
    @Parameter(names = "--context", required = true, description = "The conditioning text")
    private String context;
    @Parameter(names = "--continuation", required = true, description = "The text to score after the context")
    private String continuation;
    @Parameter(names = "--json", description = "Print JSON instead of text")
    private boolean json;

    /** Creates the command; JCommander fills its options. */
    public ScoreCommand() {
        // fields are set by JCommander
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int run(CliContext ctx) throws Exception {
        try (LanguageModel model = selection.load(ctx)) {
            ContinuationScore score = model.score(List.of(new ScoreRequest("cli", "0", context,
                    List.of(continuation))), ProgressListener.NONE).get(0).scores().get(0);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", model.info().name());
            out.put("log_likelihood", score.logLikelihood());
            out.put("token_count", score.tokenCount());
            out.put("is_greedy", score.greedy());
            // token ids only where the backend exposes its tokens (a remote server does not)
            if (model.tokens().isPresent()) {
                TokenSplit split = model.tokens().get().split(context, continuation);
                out.put("context_ids", split.context());
                out.put("continuation_ids", split.continuation());
            }
            if (json) {
                ctx.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(out));
            } else {
                out.forEach((k, v) -> ctx.out().println(k + ": " + v));
            }
        }
        return Main.OK;
    }
}
