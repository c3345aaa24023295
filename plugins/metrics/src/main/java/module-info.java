/**
 * imlbench's metric plugins: rank-classification accuracy (plain, per character, per token), Super-NaturalInstructions
 * exact match and ROUGE-L as its official evaluation computes them, BIG-Bench Hard exact match and token F1. Each
 * defines a per-sample score in [0, 1]; see {@code docs/metrics.md}.
 */
module org.imlbench.metrics {
    requires org.imlbench.api;

    provides org.imlbench.api.Metric with
            org.imlbench.metrics.Accuracy,
            org.imlbench.metrics.AccuracyPerChar,
            org.imlbench.metrics.AccuracyPerToken,
            org.imlbench.metrics.ExactMatch,
            org.imlbench.metrics.RougeLMetric,
            org.imlbench.metrics.BbhExactMatch,
            org.imlbench.metrics.TokenF1Metric;
}
