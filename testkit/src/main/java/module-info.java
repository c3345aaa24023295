/**
 * imlbench's kit for plugin authors: contract tests for each service interface and helpers to drive a plugin the
 * way the harness does. Use it with test scope.
 */
module org.imlbench.testkit {
    requires transitive org.imlbench.api;
    requires transitive org.junit.jupiter.api;
    requires org.opentest4j;
    requires jdk.management;

    exports org.imlbench.testkit;
}
