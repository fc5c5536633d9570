package org.sttbench.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * A plan's {@code parallel}: how many units may run at once. A count, or {@code auto} for as many as
 * there are nodes the units may use; {@code false} (the old reserved form) is one at a time and
 * {@code true} is auto. Only the kubernetes executor runs units side by side, each on a node of its own.
 *
 * @param count the units at once; null when auto
 */
public record Parallel(Integer count) {
    public static final Parallel SERIAL = new Parallel(1);
    public static final Parallel AUTO = new Parallel(null);

    public Parallel {
        if (count != null && count < 1) {
            throw new IllegalArgumentException("parallel must be a whole number of at least 1, or auto; was " + count);
        }
    }

    public boolean auto() {
        return count == null;
    }

    /** More than one unit at a time was asked for (auto counts, whatever the nodes turn out to be). */
    public boolean requested() {
        return auto() || count > 1;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Parallel of(JsonNode value) {
        if (value == null || value.isNull() || value.isBoolean() && !value.booleanValue()) {
            return SERIAL;
        }
        if (value.isBoolean() || value.isTextual() && "auto".equals(value.asText().toLowerCase(Locale.ROOT))) {
            return AUTO;
        }
        if (value.isIntegralNumber()) {
            return new Parallel(value.intValue());
        }
        throw new IllegalArgumentException("parallel must be a whole number of at least 1, or auto; was " + value);
    }

    @JsonValue
    public Object json() {
        return auto() ? "auto" : count;
    }

    @Override
    public String toString() {
        return String.valueOf(json());
    }
}
