package org.sttbench.models;

/** IEEE 754 binary16 encoding (Java 17 has no Float.floatToFloat16). Round to nearest, ties to even. */
final class Float16 {
    private static final float MIN_NORMAL = 6.103515625e-05f; // 2^-14
    private static final float OVERFLOW = 65520f;             // the smallest value that rounds to infinity

    private Float16() {
    }

    static short fromFloat(float f) {
        if (Float.isNaN(f)) {
            return (short) 0x7e00;
        }
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        float abs = Math.abs(f);
        if (abs >= OVERFLOW) {
            return (short) (sign | 0x7c00);
        }
        if (abs < MIN_NORMAL) {
            // subnormal halves are integer multiples of 2^-24; a result of 1024 is the smallest normal
            return (short) (sign | Math.round(abs * 16777216f));
        }
        int exponent = ((bits >>> 23) & 0xff) - 127 + 15;
        int mantissa = bits & 0x7fffff;
        int half = (exponent << 10) | (mantissa >>> 13);
        int dropped = mantissa & 0x1fff;
        if (dropped > 0x1000 || (dropped == 0x1000 && (half & 1) == 1)) {
            half++; // a carry into the exponent is the correct rounding
        }
        return (short) (sign | half);
    }

    static float toFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0) {
            float value = mantissa / 16777216f;
            return sign == 0 ? value : -value;
        }
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }
}
