package org.sttbench.exec;

/**
 * How many units of a run an executor runs at once, and, when that is fewer than the plan asked for,
 * why (one line for the console and the run's notes).
 *
 * @param units at least 1
 * @param note  null when the plan got what it asked for
 */
public record RunWidth(int units, String note) {
    public static final RunWidth SERIAL = new RunWidth(1, null);

    public RunWidth {
        if (units < 1) {
            throw new IllegalArgumentException("a run needs at least one unit at a time, was " + units);
        }
    }

    public boolean parallel() {
        return units > 1;
    }
}
