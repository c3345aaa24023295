package org.imlbench.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The devices a user chose with {@code --device}: {@code cpu}, {@code gpu} (every visible GPU, or the first, as the
 * backend decides), {@code gpu:0} or {@code gpu:0,1} ({@code cuda} is taken for {@code gpu}). Every command reads the
 * same syntax, so it is parsed here, once, and checked when a {@link ModelRequest} is made: a misspelt device stops a
 * command before it writes anything. Backends map the selection onto their own engine's devices.
 *
 * @param gpu whether GPUs were chosen
 * @param indices the GPUs listed, in order, each once; empty for {@code cpu} and for a bare {@code gpu}
 */
public record DeviceSelection(boolean gpu, List<Integer> indices) {
    private static final String EXPECTED = "expected cpu, gpu, gpu:0 or gpu:0,1";

    /** Copies the list; the CPU lists no GPUs. */
    public DeviceSelection {
        indices = List.copyOf(indices);
        if (!gpu && !indices.isEmpty()) {
            throw new IllegalArgumentException("the CPU lists no GPUs: " + indices);
        }
    }

    /**
     * @param text the {@code --device} as given
     * @return the selection
     * @throws UsageException naming the device when it is none of the accepted forms or lists a GPU twice
     */
    public static DeviceSelection parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("cpu")) {
            return new DeviceSelection(false, List.of());
        }
        if (t.equals("gpu") || t.equals("cuda")) {
            return new DeviceSelection(true, List.of());
        }
        int colon = t.indexOf(':');
        if (colon < 0 || !List.of("gpu", "cuda").contains(t.substring(0, colon))) {
            throw new UsageException("--device '" + text + "': " + EXPECTED);
        }
        List<Integer> indices = new ArrayList<>();
        for (String part : t.substring(colon + 1).split(",", -1)) {
            int index;
            try {
                index = Integer.parseInt(part.strip());
            } catch (NumberFormatException e) {
                throw new UsageException("--device '" + text + "': '" + part.strip() + "' is no GPU number; "
                        + EXPECTED);
            }
            if (index < 0 || indices.contains(index)) {
                throw new UsageException("--device '" + text + "': " + (index < 0 ? "negative GPU number "
                        : "GPU listed twice: ") + index + "; " + EXPECTED);
            }
            indices.add(index);
        }
        return new DeviceSelection(true, indices);
    }

    @Override
    public String toString() {
        if (!gpu) {
            return "cpu";
        }
        return indices.isEmpty() ? "gpu"
                : "gpu:" + indices.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
