package org.imlbench.harness.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.imlbench.api.UsageException;
import org.imlbench.harness.data.DataDownload;
import org.imlbench.harness.data.DataSet;
import org.imlbench.harness.data.Origins;
import org.imlbench.harness.run.ConsoleProgress;
import org.imlbench.hf.hub.DownloadListener;
import org.imlbench.hf.hub.HubResolver;
import org.imlbench.hf.hub.ResumableDownload;

/**
 * {@code harness data get NAME --out DIR}: downloads a public data set that a task source offers
 * ({@link org.imlbench.api.TaskCategoryProvider#dataSets()}) at its pinned commit, checks every file against the
 * repository's listing, resumes an interrupted download and prints the {@code --tasks} argument that reads it.
 * {@code harness data list} shows the data sets.
 */
@Parameters(commandNames = DataCommand.NAME, commandDescription = "Download task data: 'data get NAME --out DIR' "
        + "fetches the files at a pinned commit from GitHub (or --from a mirror), checks each one, resumes an "
        + "interrupted download and prints the --tasks argument to use; 'data list' shows the data sets the task "
        + "sources offer.")
public final class DataCommand implements CliCommand {
    static final String NAME = "data";

    @Parameter(description = "get NAME | list")
    private List<String> arguments = new ArrayList<>();
    @Parameter(names = "--out", description = "The folder to fill (created; files already there and correct are kept)")
    private String out;
    @Parameter(names = "--from", description = "A mirror: an http(s) URL serving a folder that 'data get' filled (its "
            + "imlbench-data.json and files). Default: GitHub")
    private String from;
    @Parameter(names = "--quiet", description = "No progress bar")
    private boolean quiet;
    @Parameter(names = "--github-api", hidden = true, description = "GitHub's REST API (for tests)")
    private String githubApi;
    @Parameter(names = "--github-raw", hidden = true, description = "GitHub's raw file host (for tests)")
    private String githubRaw;

    /** Creates the command; JCommander fills its options. */
    public DataCommand() {
        // fields are set by JCommander
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int run(CliContext context) throws Exception {
        if (arguments.equals(List.of("list"))) {
            List<List<String>> rows = new ArrayList<>();
            DataSet.catalog(context.plugins()).values().forEach(set -> rows.add(List.of(set.name(), set.repository(),
                    set.commit().substring(0, 12), String.join(" ", set.files()), set.description())));
            context.out().print(new TextTable(List.of("NAME", "REPOSITORY", "COMMIT", "FILES", "WHAT"), rows).render());
            return Main.OK;
        }
        if (arguments.size() != 2 || !arguments.get(0).equals("get")) {
            throw new UsageException("expected 'data get NAME --out DIR' or 'data list', got 'data "
                    + String.join(" ", arguments) + "'");
        }
        DataSet set = DataSet.named(context.plugins(), arguments.get(1));
        if (out == null) {
            throw new UsageException("data get needs --out DIR");
        }
        if (from != null && !from.toLowerCase(Locale.ROOT).matches("https?://.+")) {
            throw new UsageException("--from must be an http:// or https:// URL, got '" + from + "'");
        }
        Path dir = context.workDir().resolve(out).normalize();
        ResumableDownload downloads = new ResumableDownload(ResumableDownload.defaultHttpClient(),
                DownloadListener.NONE, HubResolver.DEFAULT_STALL_TIMEOUT, ResumableDownload.Headers.NONE);
        DataDownload.Outcome outcome = new DataDownload(downloads, new ConsoleProgress(context.err(), !quiet))
                .get(set, Origins.of(from, githubApi, githubRaw), dir);
        context.out().printf("%s: %d files (%.1f MB) of %s at %s in %s: %d downloaded, %d already there, all checked%n",
                set.name(), outcome.manifest().files().size(), outcome.manifest().bytes() / 1e6, set.repository(),
                set.commit(), dir, outcome.downloaded(), outcome.present());
        context.out().println("use: --tasks " + set.tasksArgument(dir));
        if (set.note() != null) {
            context.out().println("note: " + set.note());
        }
        return Main.OK;
    }
}
