/** An example third-party metric plugin: does the answer start with the reference's first word? */
module org.example.firstword {
    requires org.imlbench.api;

    provides org.imlbench.api.Metric with org.example.firstword.FirstWordMetric;
}
