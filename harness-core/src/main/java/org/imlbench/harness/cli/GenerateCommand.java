package org.imlbench.harness.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.imlbench.api.GenerateRequest;
import org.imlbench.api.GenerateResult;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.ProgressListener;
import org.imlbench.api.UsageException;

/** {@code harness generate}: greedy continuation of one prompt. */
@Parameters(commandNames = GenerateCommand.NAME, commandDescription = "Greedily continue a prompt; prints the "
        + "continuation and its token ids.")
public final class GenerateCommand implements CliCommand {
    static final String NAME = "generate";

    @ParametersDelegate
    private final ModelSelection selection = new ModelSelection();
    @Parameter(names = "--prompt", required = true, description = "The text to continue")
    private String prompt;
    @Parameter(names = "--max-new-tokens", description = "The most tokens to generate. Default: 256")
    private int maxNewTokens = GenerateRequest.DEFAULT_MAX_NEW_TOKENS;
    @Parameter(names = "--stop", description = "Stop at this text (cut off); repeatable")
    private List<String> stops = new ArrayList<>();
    @Parameter(names = "--json", description = "Print JSON instead of text")
    private boolean json;

    /** Creates the command; JCommander fills its options. */
    public GenerateCommand() {
        // fields are set by JCommander
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int run(CliContext ctx) throws Exception {
        UsageException.requireAtLeast("--max-new-tokens", maxNewTokens, 1);
        try (LanguageModel model = selection.load(ctx)) {
            GenerateResult result = model.generate(List.of(new GenerateRequest("cli", "0", prompt, maxNewTokens,
                    stops)), ProgressListener.NONE).get(0);
            if (!(result instanceof GenerateResult.Generated generated)) {
                ctx.err().println("no generation: " + ((GenerateResult.Missing) result).reason());
                return Main.FAILURE;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", model.info().name());
            model.tokens().ifPresent(tokens -> out.put("prompt_ids", tokens.encode(prompt)));
            out.put("continuation", generated.text());
            out.put("continuation_ids", generated.tokenIds());
            out.put("stop_reason", generated.stopReason().name().toLowerCase(Locale.ROOT));
            if (json) {
                ctx.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(out));
            } else {
                ctx.out().println(generated.text());
                ctx.out().println("continuation ids: " + generated.tokenIds() + " (" + out.get("stop_reason") + ")");
            }
        }
        return Main.OK;
    }
}
