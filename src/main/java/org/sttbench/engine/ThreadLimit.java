package org.sttbench.engine;

import org.sttbench.BadInputException;

/**
 * How many whisper.cpp threads a command line may ask for. A count far beyond the CPUs only slows a
 * transcription down, and a huge one makes whisper.cpp fail to create its threads and abort the JVM;
 * so the command line takes at most {@value #PER_CPU} per CPU (at least {@value #FLOOR}, and never
 * more than plans allow, {@value #CEILING}).
 */
public final class ThreadLimit {
    public static final int PER_CPU = 4;
    static final int FLOOR = 8;
    public static final int CEILING = 256;

    private ThreadLimit() {
    }

    public static int max() {
        return Math.min(CEILING, Math.max(FLOOR, PER_CPU * Runtime.getRuntime().availableProcessors()));
    }

    /** @param threads the option's value, null when not given */
    public static void check(Integer threads, String option) {
        if (threads == null) {
            return;
        }
        if (threads < 1) {
            throw new BadInputException(option + " must be at least 1, was " + threads);
        }
        int max = max();
        if (threads > max) {
            throw new BadInputException(option + " " + threads + " is more than this machine can use: at most " + max
                    + " (" + PER_CPU + " per CPU, " + Runtime.getRuntime().availableProcessors() + " CPU(s) here)");
        }
    }
}
