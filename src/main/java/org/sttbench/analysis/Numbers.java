package org.sttbench.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers as rules, reasons, labels and reports print them. */
public final class Numbers {
    private Numbers() {
    }

    /** Whole numbers without decimals, others rounded half-up to at most {@code decimals}, no trailing zeros. */
    public static String plain(double value, int decimals) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
