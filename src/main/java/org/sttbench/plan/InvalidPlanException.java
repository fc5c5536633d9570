package org.sttbench.plan;

import java.util.List;
import org.sttbench.BadInputException;

/** A plan that cannot run, with every problem found (not just the first). */
public class InvalidPlanException extends BadInputException {
    private final List<String> problems;

    public InvalidPlanException(String source, List<String> problems) {
        super("invalid plan " + source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
