package org.imlbench.torchrun;

import java.util.Optional;
import org.imlbench.api.DeviceSelection;
import org.imlbench.api.UsageException;

/**
 * The {@code --device} as the trainer's processes see it: {@code cpu} hides every GPU (the trainer then takes its
 * CPU/gloo engine), {@code gpu} leaves the visible GPUs as they are, {@code gpu:0,1} makes exactly these visible.
 *
 * @param selection the {@code --device}, parsed once for every backend ({@link DeviceSelection})
 */
public record TorchDevice(DeviceSelection selection) {
    /** torchrun's {@code --nproc_per_node} value for one rank per visible GPU. */
    public static final String ALL_GPUS = "gpu";

    /**
     * @param text {@code cpu}, {@code gpu}, {@code gpu:0} or {@code gpu:0,1}
     * @return the device
     * @throws UsageException when the text is none of these ({@link DeviceSelection#parse})
     */
    public static TorchDevice parse(String text) {
        return new TorchDevice(DeviceSelection.parse(text));
    }

    /** @return whether the ranks train on GPUs */
    public boolean gpu() {
        return selection.gpu();
    }

    /** @return the default ranks per node: 1 on the CPU, one per listed GPU, or torchrun's {@code gpu} */
    public String defaultRanks() {
        if (!gpu()) {
            return "1";
        }
        return selection.indices().isEmpty() ? ALL_GPUS : String.valueOf(selection.indices().size());
    }

    /** @return the {@code CUDA_VISIBLE_DEVICES} the ranks get, or empty to leave it as it is */
    public Optional<String> visibleDevices() {
        if (!gpu()) {
            return Optional.of("");
        }
        if (selection.indices().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(",", selection.indices().stream().map(String::valueOf).toList()));
    }
}
