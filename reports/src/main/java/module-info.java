/**
 * Reports for imlbench runs: {@code summary.json}/{@code summary.md} with bootstrap confidence intervals and paired
 * tuned − base deltas, Allure results per split, and the HTML report site generated with Allure commandline.
 */
module org.imlbench.reports {
    requires transitive org.imlbench.api;
    requires transitive org.imlbench.rundir;
    requires com.fasterxml.jackson.databind;
    requires io.qameta.allure.commons;
    requires io.qameta.allure.model;
    requires org.knowm.xchart;
    requires java.desktop;

    exports org.imlbench.reports;
    // Jackson binds the summary records (summary.json is read back by the report site and by tests)
    opens org.imlbench.reports to com.fasterxml.jackson.databind;
}
