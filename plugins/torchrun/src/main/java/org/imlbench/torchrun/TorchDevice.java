package org.imlbench.torchrun;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.imlbench.api.UsageException;

/**
 * The {@code --device} as the trainer's processes see it: {@code cpu} hides every GPU (the trainer then takes its
 * CPU/gloo engine), {@code gpu} leaves the visible GPUs as they are, {@code gpu:0,1} makes exactly these visible.
 *
 * @param gpu whether the ranks train on GPUs
 * @param indices the GPUs listed, empty for every visible one
 */
public record TorchDevice(boolean gpu, List<Integer> indices) {
    /** torchrun's {@code --nproc_per_node} value for one rank per visible GPU. */
    public static final String ALL_GPUS = "gpu";

    /** Copies the list. */
    public TorchDevice {
        indices = List.copyOf(indices);
    }

    /**
     * @param text {@code cpu}, {@code gpu}, {@code gpu:0} or {@code gpu:0,1}
     * @return the device
     * @throws UsageException when the text is none of these
     */
    public static TorchDevice parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("cpu")) {
            return new TorchDevice(false, List.of());
        }
        if (t.equals("gpu") || t.equals("cuda")) {
            return new TorchDevice(true, List.of());
        }
        int colon = t.indexOf(':');
        if (colon > 0 && List.of("gpu", "cuda").contains(t.substring(0, colon))) {
            List<Integer> out = new ArrayList<>();
            for (String part : t.substring(colon + 1).split(",")) {
                try {
                    int index = Integer.parseInt(part.strip());
                    if (index < 0 || out.contains(index)) {
                        throw new NumberFormatException();
                    }
                    out.add(index);
                } catch (NumberFormatException e) {
                    throw new UsageException("--device '" + text + "': expected cpu, gpu, gpu:0 or gpu:0,1");
                }
            }
            return new TorchDevice(true, out);
        }
        throw new UsageException("--device '" + text + "': expected cpu, gpu, gpu:0 or gpu:0,1");
    }

    /** @return the default ranks per node: 1 on the CPU, one per listed GPU, or torchrun's {@code gpu} */
    public String defaultRanks() {
        if (!gpu) {
            return "1";
        }
        return indices.isEmpty() ? ALL_GPUS : String.valueOf(indices.size());
    }

    /** @return the {@code CUDA_VISIBLE_DEVICES} the ranks get, or empty to leave it as it is */
    public Optional<String> visibleDevices() {
        if (!gpu) {
            return Optional.of("");
        }
        if (indices.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(",", indices.stream().map(String::valueOf).toList()));
    }
}
