package org.imlbench.hf.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Locale;
import java.util.Optional;

/**
 * The element types a checkpoint file can store, with their safetensors names and sizes, and the exact widening of
 * the floating ones to float32.
 */
public enum StoredType {
    /** IEEE single precision. */
    F32(4, true),
    /** IEEE half precision. */
    F16(2, true),
    /** bfloat16: the upper 16 bits of a float32, so widening is exact. */
    BF16(2, true),
    /** IEEE double precision (narrowed to float32 with rounding). */
    F64(8, true),
    /** 64-bit signed integer. */
    I64(8, false),
    /** 32-bit signed integer. */
    I32(4, false),
    /** 16-bit signed integer. */
    I16(2, false),
    /** 8-bit signed integer. */
    I8(1, false),
    /** 8-bit unsigned integer. */
    U8(1, false),
    /** Boolean, one byte each. */
    BOOL(1, false);

    private final int byteSize;
    private final boolean floating;

    StoredType(int byteSize, boolean floating) {
        this.byteSize = byteSize;
        this.floating = floating;
    }

    /** @return bytes per element */
    public int byteSize() {
        return byteSize;
    }

    /** @return whether values can be read as float32 */
    public boolean floating() {
        return floating;
    }

    /**
     * @param safetensorsName a safetensors dtype such as "BF16"
     * @return the type, if known
     */
    public static Optional<StoredType> ofSafetensors(String safetensorsName) {
        try {
            return Optional.of(valueOf(safetensorsName.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Widens {@code count} little-endian elements of this type from {@code source} (at its position) into
     * {@code target} (at its position); both positions advance.
     *
     * @param source stored bytes
     * @param target float32 destination
     * @param count elements to convert
     */
    public void widen(ByteBuffer source, FloatBuffer target, int count) {
        ByteBuffer in = source.order(ByteOrder.LITTLE_ENDIAN);
        switch (this) {
            case F32 -> {
                FloatBuffer floats = in.asFloatBuffer();
                floats.limit(count);
                target.put(floats);
                in.position(in.position() + count * 4);
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    target.put(Float.intBitsToFloat((in.getShort() & 0xffff) << 16));
                }
            }
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    target.put(halfToFloat(in.getShort()));
                }
            }
            case F64 -> {
                for (int i = 0; i < count; i++) {
                    target.put((float) in.getDouble());
                }
            }
            default -> throw new UnsupportedOperationException(this + " cannot be widened to float32");
        }
    }

    /**
     * Exact IEEE half to float conversion (Java 17 has no {@code Float.float16ToFloat}).
     *
     * @param half the 16 bits
     * @return the same value as a float
     */
    static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            // infinity or NaN: keep the payload
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            if (mantissa == 0) {
                return Float.intBitsToFloat(sign);
            }
            // subnormal half: value = mantissa * 2^-24, exactly representable as a normal float
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
