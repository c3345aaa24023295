package org.imlbench.harness.cli;

import com.beust.jcommander.Parameter;
import java.util.ArrayList;
import java.util.List;

/** The options given before the subcommand. */
final class GlobalOptions {
    @Parameter(names = "--plugins", description = "A directory of drop-in plugin jars (and folders of jars); "
            + "repeatable. IMLBENCH_PLUGINS adds more, separated like PATH.")
    List<String> pluginDirs = new ArrayList<>();

    @Parameter(names = "--strict", description = "Fail (exit 1) when any plugin cannot be loaded.")
    boolean strict;

    @Parameter(names = "--verbose", description = "Print stack traces for failures.")
    boolean verbose;

    @Parameter(names = {"--help", "-h"}, help = true, description = "Show this help.")
    boolean help;
}
