/**
 * The data path of instruction tuning, one implementation for every tuning backend: training examples encoded as
 * {@code BOS + source} and {@code target + EOS}, drawn by seeded examples-proportional mixing with a per-task cap,
 * packed into windows with one segment per example, laid out as batches with target-only loss positions, the
 * learning-rate schedule, and the loss curve every tuner writes ({@code loss.png}, {@code loss.csv}). The {@code djl}
 * tuner trains on these windows in the JVM; the {@code torchrun} backend writes the same windows to files for PyTorch.
 * Both therefore see exactly the same data.
 */
module org.imlbench.tuningdata {
    requires transitive org.imlbench.api;
    requires transitive org.imlbench.hf;
    requires org.knowm.xchart;
    requires java.desktop;

    exports org.imlbench.tuningdata;
}
