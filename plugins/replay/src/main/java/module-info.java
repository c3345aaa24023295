/**
 * The {@code replay} model backend: scores recorded outputs of any external model, read from a JSONL file of
 * {@code {"task": …, "instance": …, "prediction": …}} lines and matched to requests by task and instance id.
 */
module org.imlbench.replay {
    requires org.imlbench.api;
    requires com.fasterxml.jackson.databind;

    provides org.imlbench.api.ModelBackend with org.imlbench.replay.ReplayBackend;
}
