package org.imlbench.djl.model;

import ai.djl.Device;
import java.util.List;
import org.imlbench.api.DeviceSelection;
import org.imlbench.api.UsageException;

/**
 * The DJL devices of a {@code --device} ({@link DeviceSelection}): {@code cpu}; {@code gpu} is GPU 0; {@code gpu:0,1}
 * is one model replica per listed GPU, requests split across them.
 */
public final class DeviceSpec {
    private DeviceSpec() {
    }

    /**
     * @param selection the parsed device
     * @return the devices, at least one
     */
    public static List<Device> devices(DeviceSelection selection) {
        if (!selection.gpu()) {
            return List.of(Device.cpu());
        }
        if (selection.indices().isEmpty()) {
            return List.of(Device.gpu(0));
        }
        return selection.indices().stream().map(Device::gpu).toList();
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
