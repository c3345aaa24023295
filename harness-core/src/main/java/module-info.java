/**
 * The imlbench harness: discovers plugins (built-in modules and drop-in jars, each drop-in in its own
 * {@link java.lang.ModuleLayer}), loads tasks, cuts splits, evaluates and tunes models, and writes reports. Entry
 * point: {@code org.imlbench.harness.cli.Main}.
 *
 * <p>The module is open because JCommander and Jackson fill and read command and report fields reflectively.
 */
open module org.imlbench.harness {
    requires transitive org.imlbench.api;
    requires org.imlbench.files;
    requires org.imlbench.hf;
    requires org.imlbench.rundir;
    requires org.imlbench.reports;
    requires org.imlbench.serve;
    requires jcommander;
    requires com.fasterxml.jackson.databind;
    requires me.tongfei.progressbar;
    requires java.net.http;

    uses org.imlbench.api.TaskCategoryProvider;
    uses org.imlbench.api.PromptFormat;
    uses org.imlbench.api.ModelBackend;
    uses org.imlbench.api.Metric;

    exports org.imlbench.harness.plugins;
    exports org.imlbench.harness.cli;
}
