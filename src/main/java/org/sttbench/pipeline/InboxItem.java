package org.sttbench.pipeline;

import java.nio.file.Path;
import org.sttbench.plan.Plan;

/**
 * A dropped file that passed its own checks, waiting for the rest of its batch.
 *
 * @param kind     plan, audio, or a JUnit XML test report
 * @param name     the name it was dropped as
 * @param stored   where it lies now ({@code .done/<stamp>-<name>})
 * @param plan     the parsed plan, for plans
 */
public record InboxItem(Kind kind, String name, Path stored, Plan plan) {
    public enum Kind { PLAN, AUDIO, JUNIT }
}
