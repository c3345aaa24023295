/**
 * The {@code torchrun} model backend: instruction tuning on PyTorch's own distributed engine. The JVM prepares the
 * exact data the {@code djl} tuner trains on (the shared {@code org.imlbench.tuningdata} path) as numpy shards and a
 * {@code request.json}, writes the shipped trainer next to them, and runs it with {@code torchrun} on this node (gloo
 * on CPUs, NCCL and FSDP on GPUs) or as a Slurm job. It tunes only: evaluation stays with a backend that loads models.
 */
module org.imlbench.torchrun {
    requires org.imlbench.api;
    requires org.imlbench.hf;
    requires org.imlbench.tuningdata;
    requires com.fasterxml.jackson.databind;

    provides org.imlbench.api.ModelBackend with org.imlbench.torchrun.TorchrunBackend;
}
