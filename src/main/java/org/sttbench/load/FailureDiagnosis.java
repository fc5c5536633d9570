package org.sttbench.load;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one line that says why every request of a run failed, naming the endpoint tried (never a header).
 * A wrong dialect shows as every request answered 404, 405 or 400: the service is there but does not
 * take this request at this path.
 */
public final class FailureDiagnosis {
    private static final Set<String> MISMATCH = Set.of("http_400", "http_404", "http_405", "http_422");

    private FailureDiagnosis() {
    }

    /** @param errors failed requests by cause, over the whole run, when no request succeeded */
    public static String everyRequestFailed(Map<String, Long> errors, List<String> endpoints, String api) {
        String where = String.join(", ", endpoints);
        long total = errors.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "no request was sent to " + where;
        }
        if (errors.keySet().stream().allMatch(MISMATCH::contains)) {
            return "every request to " + where + " was answered " + causes(errors)
                    + ": the service there does not take the '" + api + "' request at that path"
                    + " (check --api, --path and the target URL)";
        }
        if (errors.keySet().equals(Set.of(RequestOutcome.CONNECTION_REFUSED))) {
            return "nothing answers at " + where + " (connection refused, " + total
                    + " requests): is the service running and the port right?";
        }
        if (errors.keySet().equals(Set.of(RequestOutcome.TIMEOUT))) {
            return "every request to " + where + " timed out (" + total + " requests): raise --timeout-ms or"
                    + " check that the service is not stuck";
        }
        return "every request to " + where + " failed: " + causes(errors);
    }

    private static String causes(Map<String, Long> errors) {
        return errors.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
