package org.imlbench.djl.model;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.imlbench.api.UsageException;

/**
 * Parses the harness's device strings: {@code cpu}, {@code gpu} (GPU 0), {@code gpu:0}, {@code gpu:0,1} (one model
 * replica per listed GPU, requests split across them).
 */
public final class DeviceSpec {
    private DeviceSpec() {
    }

    /**
     * @param spec the device string
     * @return the devices, at least one
     * @throws UsageException when the string is malformed
     */
    public static List<Device> parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("cpu")) {
            return List.of(Device.cpu());
        }
        if (s.equals("gpu") || s.equals("cuda")) {
            return List.of(Device.gpu(0));
        }
        String prefix = s.startsWith("gpu:") ? "gpu:" : s.startsWith("cuda:") ? "cuda:" : null;
        if (prefix == null) {
            throw new UsageException("unknown device '" + spec + "': use cpu, gpu, gpu:0 or gpu:0,1");
        }
        List<Device> devices = new ArrayList<>();
        for (String part : s.substring(prefix.length()).split(",")) {
            try {
                int id = Integer.parseInt(part.trim());
                if (id < 0) {
                    throw new NumberFormatException();
                }
                Device d = Device.gpu(id);
                if (devices.contains(d)) {
                    throw new UsageException("device '" + spec + "' lists gpu " + id + " twice");
                }
                devices.add(d);
            } catch (NumberFormatException e) {
                throw new UsageException("bad GPU number '" + part + "' in device '" + spec + "'");
            }
        }
        return List.copyOf(devices);
    }

    /**
     * Checks that the engine can use a device.
     *
     * @param device a parsed device
     * @throws UsageException naming the device when it is a GPU the engine does not see
     */
    public static void requireAvailable(Device device) {
        if (device.isGpu()) {
            int gpus = DjlEngine.start(0).getGpuCount();
            if (device.getDeviceId() >= gpus) {
                throw new UsageException("device " + device + " is not available: the PyTorch engine sees "
                        + gpus + " GPU(s); see docs/gpu.md for CUDA natives");
            }
        }
    }
}
