package org.sttbench.load;

import java.util.ArrayList;
import java.util.List;
import org.sttbench.BadInputException;

/** A constant arrival rate held for a while; an open-model run is a list of them, run in order. */
public record RateStage(double rate, double durationS) {
    public RateStage {
        if (!(rate > 0) || rate > 100_000 || !(durationS > 0) || durationS > 86_400) {
            throw new BadInputException("bad rate stage " + rate + " req/s for " + durationS
                    + " s: need 0 < rate <= 100000 and 0 < duration <= 86400");
        }
    }

    public long requests() {
        return Math.max(1, Math.round(rate * durationS));
    }

    /** Parses {@code R1:S1,R2:S2} (rate in req/s, duration in seconds). */
    public static List<RateStage> parseRamp(String ramp) {
        List<RateStage> stages = new ArrayList<>();
        if (ramp == null || ramp.isBlank()) {
            return stages;
        }
        for (String part : ramp.split(",")) {
            String[] rs = part.trim().split(":");
            if (rs.length != 2) {
                throw new BadInputException("bad --ramp stage '" + part + "': expected RATE:SECONDS, e.g. 5:10,10:10");
            }
            try {
                stages.add(new RateStage(Double.parseDouble(rs[0].trim()), Double.parseDouble(rs[1].trim())));
            } catch (NumberFormatException e) {
                throw new BadInputException("bad --ramp stage '" + part + "': expected numbers RATE:SECONDS");
            }
        }
        return stages;
    }
}
