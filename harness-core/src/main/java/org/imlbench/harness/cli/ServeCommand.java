package org.imlbench.harness.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.util.concurrent.CountDownLatch;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.UsageException;
import org.imlbench.serve.CompletionServer;
import org.imlbench.serve.ServeSettings;

/**
 * {@code harness serve}: a model of any backend behind the OpenAI-compatible {@code /v1/models} and
 * {@code /v1/completions}, until SIGTERM or Ctrl-C, which let in-flight requests finish before the model is closed.
 */
@Parameters(commandNames = ServeCommand.NAME, commandDescription = "Serve a model over OpenAI-compatible "
        + "/v1/models and /v1/completions (echo, logprobs, max_tokens, stop; greedy); prints the URL when ready.")
public final class ServeCommand implements CliCommand {
    static final String NAME = "serve";

    @ParametersDelegate
    private final ModelSelection selection = new ModelSelection();
    @Parameter(names = "--host", description = "Address to bind; the server has no authentication, so keep it on "
            + "loopback unless a proxy in front authenticates. Default: 127.0.0.1")
    private String host = "127.0.0.1";
    @Parameter(names = "--port", description = "Port; 0 picks a free one. Default: 8000")
    private int port = 8000;
    @Parameter(names = "--served-model-name", description = "The name clients put in 'model'. Default: --model as "
            + "given")
    private String servedName;
    @Parameter(names = "--max-batch", description = "Most prompts handed to the backend in one call. Default: 64")
    private int maxBatch = 64;
    @Parameter(names = "--max-queued", description = "Most prompts waiting or running; more get HTTP 503 with "
            + "Retry-After. Default: 4096")
    private int maxQueued = 4096;
    @Parameter(names = "--http-threads", description = "Threads answering HTTP requests (at least the number of "
            + "concurrent clients). Default: 128")
    private int httpThreads = 128;
    @Parameter(names = "--max-body-mb", description = "Largest request body in MiB; larger ones get HTTP 413. "
            + "Default: 16")
    private int maxBodyMb = 16;
    @Parameter(names = "--max-prompts", description = "Most prompts per request. Default: 256")
    private int maxPrompts = 256;
    @Parameter(names = "--max-tokens", description = "Largest max_tokens accepted. Default: 4096")
    private int maxTokens = 4096;

    /** Creates the command; JCommander fills its options. */
    public ServeCommand() {
        // fields are set by JCommander
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int run(CliContext context) throws Exception {
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be 0-65535, got " + port);
        }
        UsageException.requireAtLeast("--max-batch", maxBatch, 1);
        UsageException.requireAtLeast("--max-queued", maxQueued, 1);
        UsageException.requireAtLeast("--http-threads", httpThreads, 1);
        UsageException.requireAtLeast("--max-body-mb", maxBodyMb, 1);
        UsageException.requireAtLeast("--max-prompts", maxPrompts, 1);
        UsageException.requireAtLeast("--max-tokens", maxTokens, 1);
        String name = servedName == null ? selection.requireModel() : servedName;
        ServeSettings settings = new ServeSettings(host, port, name, maxBatch, maxQueued, httpThreads,
                (long) maxBodyMb << 20, maxPrompts, maxTokens);
        LanguageModel model = selection.load(context);
        CompletionServer server;
        try {
            server = CompletionServer.start(model, settings);
        } catch (Exception e) {
            model.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.err().println("imlbench serve: stopping (in-flight requests may finish)");
            server.close();
            model.close();
            context.err().println("imlbench serve: stopped");
            stopped.countDown();
        }, "imlbench-serve-shutdown"));
        context.out().println("imlbench serve: '" + name + "' (" + model.info().backend() + ", "
                + model.info().device() + ") at " + server.baseUrl());
        context.out().flush();
        stopped.await();
        return Main.OK;
    }
}
