package org.sttbench.analysis;

import java.util.Collection;

/** Argument checks shared by the analyses, so every one rejects bad numbers with the same wording. */
public final class Checks {
    private Checks() {
    }

    public static double finite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number, got " + value);
        }
        return value;
    }

    public static double positive(double value, String what) {
        finite(value, what);
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be > 0, got " + value);
        }
        return value;
    }

    public static double nonNegative(double value, String what) {
        finite(value, what);
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be >= 0, got " + value);
        }
        return value;
    }

    public static double fraction(double value, String what) {
        finite(value, what);
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException(what + " must be within [0, 1], got " + value);
        }
        return value;
    }

    public static double openFraction(double value, String what) {
        finite(value, what);
        if (value <= 0 || value > 1) {
            throw new IllegalArgumentException(what + " must be within (0, 1], got " + value);
        }
        return value;
    }

    public static <T extends Collection<?>> T notEmpty(T items, String what) {
        if (items == null || items.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty: at least one is needed");
        }
        return items;
    }

    /** A number for rule and reason texts: whole numbers without decimals, others with up to 3 decimals. */
    public static String fmt(double value) {
        return Numbers.plain(value, 3);
    }
}
