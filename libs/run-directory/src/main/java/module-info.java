/**
 * The run directory {@code runs/<id>/}, written by the harness and read by the reports, defined once: where every
 * file goes ({@link org.imlbench.rundir.RunLayout}), the splits, roles and run modes as types, the per-sample and
 * completion records, the crash-safe writer with its resume checks ({@link org.imlbench.rundir.RunDirectory}) and the
 * validating reader ({@link org.imlbench.rundir.RunReader}).
 */
module org.imlbench.rundir {
    requires transitive org.imlbench.api;
    requires transitive org.imlbench.files;
    requires transitive com.fasterxml.jackson.databind;

    exports org.imlbench.rundir;

    opens org.imlbench.rundir to com.fasterxml.jackson.databind;
}
