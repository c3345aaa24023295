package org.imlbench.hf.checkpoint;

import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The allow-list of a {@code torch.save}d state_dict, as {@code torch.load(weights_only=True)} has it: an
 * {@code OrderedDict} of tensors rebuilt from typed storages. Anything else is refused.
 */
final class TorchStateDictPolicy implements RestrictedUnpickler.Policy {
    /** A storage a persistent id names: {@code data/<key>} in the archive. */
    record Storage(String key, StoredType type, long elementCount) {
    }

    /** A tensor view of a storage. */
    record Tensor(Storage storage, long offset, long[] shape, long[] stride) {
    }

    private static final Map<String, StoredType> STORAGE_TYPES = Map.of(
            "FloatStorage", StoredType.F32, "HalfStorage", StoredType.F16, "BFloat16Storage", StoredType.BF16,
            "DoubleStorage", StoredType.F64, "LongStorage", StoredType.I64, "IntStorage", StoredType.I32,
            "ShortStorage", StoredType.I16, "CharStorage", StoredType.I8, "ByteStorage", StoredType.U8,
            "BoolStorage", StoredType.BOOL);
    private static final Set<String> CALLABLES = Set.of("collections.OrderedDict", "torch._utils._rebuild_tensor_v2",
            "torch._utils._rebuild_parameter");

    private final String source;

    /** @param source the file, for error messages */
    TorchStateDictPolicy(String source) {
        this.source = source;
    }

    @Override
    public void check(RestrictedUnpickler.Global global) throws IOException {
        boolean storage = global.module().equals("torch") && STORAGE_TYPES.containsKey(global.name());
        if (!storage && !CALLABLES.contains(global.toString())) {
            throw new IOException(source + ": refused pickle global '" + global
                    + "' (only state_dict contents are allowed)");
        }
    }

    @Override
    public Object call(RestrictedUnpickler.Global callable, List<Object> args) throws IOException {
        switch (callable.toString()) {
            case "collections.OrderedDict" -> {
                if (!args.isEmpty()) {
                    throw new IOException(source + ": OrderedDict called with arguments");
                }
                return new LinkedHashMap<Object, Object>();
            }
            case "torch._utils._rebuild_parameter" -> {
                if (args.size() < 1 || !(args.get(0) instanceof Tensor)) {
                    throw new IOException(source + ": _rebuild_parameter without a tensor");
                }
                return args.get(0);
            }
            case "torch._utils._rebuild_tensor_v2" -> {
                return rebuildTensor(args);
            }
            default -> throw new IOException(source + ": refused call of '" + callable
                    + "' (only state_dict contents are allowed)");
        }
    }

    private Tensor rebuildTensor(List<Object> args) throws IOException {
        // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
        if (args.size() < 4 || !(args.get(0) instanceof Storage storage) || !(args.get(1) instanceof Long offset)
                || offset < 0) {
            throw new IOException(source + ": _rebuild_tensor_v2 with unexpected arguments");
        }
        long[] shape = longs(args.get(2), "size");
        long[] stride = longs(args.get(3), "stride");
        if (shape.length != stride.length) {
            throw new IOException(source + ": tensor size and stride have different ranks");
        }
        return new Tensor(storage, offset, shape, stride);
    }

    private long[] longs(Object value, String what) throws IOException {
        if (!(value instanceof List<?> list)) {
            throw new IOException(source + ": tensor " + what + " is not a tuple");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long l) || l < 0) {
                throw new IOException(source + ": tensor " + what + " holds " + RestrictedUnpickler.describe(
                        list.get(i)) + ", not a size");
            }
            out[i] = l;
        }
        return out;
    }

    @Override
    public Object persistentLoad(Object pid) throws IOException {
        // ('storage', torch.<Type>Storage, key, location, numel)
        if (!(pid instanceof List<?> t) || t.size() != 5 || !"storage".equals(t.get(0))
                || !(t.get(1) instanceof RestrictedUnpickler.Global type) || !(t.get(2) instanceof String key)
                || !(t.get(4) instanceof Long || t.get(4) instanceof BigInteger)) {
            throw new IOException(source + ": unsupported persistent id (" + RestrictedUnpickler.describe(pid)
                    + ")");
        }
        StoredType stored = STORAGE_TYPES.get(type.name());
        if (stored == null || !type.module().equals("torch")) {
            throw new IOException(source + ": unsupported storage type '" + type + "'");
        }
        if (!(t.get(4) instanceof Long numel) || numel < 0) {
            throw new IOException(source + ": storage '" + key + "' has an invalid size "
                    + RestrictedUnpickler.describe(t.get(4)));
        }
        if (!key.matches("[A-Za-z0-9_]+")) {
            throw new IOException(source + ": storage key '" + key + "' is not a plain name");
        }
        return new Storage(key, stored, numel);
    }
}
