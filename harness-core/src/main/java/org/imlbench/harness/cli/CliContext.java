package org.imlbench.harness.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.imlbench.harness.plugins.PluginRegistry;

/**
 * What every command gets from {@link Main}.
 *
 * @param plugins the discovered plugins (drop-ins included)
 * @param out standard output, for results
 * @param err standard error, for progress and problems
 * @param verbose whether {@code --verbose} was given
 * @param workDir the directory relative paths are resolved against
 */
public record CliContext(PluginRegistry plugins, PrintStream out, PrintStream err, boolean verbose, Path workDir) {
}
