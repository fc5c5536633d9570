package org.sttbench.workers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.sttbench.load.ApiDialect;
import org.sttbench.load.LoadSpec;
import org.sttbench.plan.Plan;

/**
 * How sttbench talks to the service under test: the plan's {@code api:} block made into the load
 * generator's {@link ApiDialect}, so the suites and {@code sttbench load} send the very same requests.
 * Header values stay templates here; the load client fills them from the environment on the wire only.
 */
public final class ServiceClients {
    private final ApiDialect dialect;
    private final Duration timeout;

    public ServiceClients(ApiDialect dialect, Duration timeout) {
        this.dialect = dialect;
        this.timeout = timeout;
    }

    /** The plan's dialect for the plan's language ("auto" sends none: the service detects it). */
    public static ApiDialect dialect(Plan.Api api, String language) {
        String kind = api == null || api.dialect() == null ? ApiDialect.OPENAI : api.dialect();
        String lang = language == null || language.equals("auto") ? null : language;
        ApiDialect base = switch (kind) {
            case ApiDialect.WHISPERCPP -> ApiDialect.whispercpp(lang, null);
            case ApiDialect.CUSTOM -> ApiDialect.custom(api.path(), api.fileField());
            default -> ApiDialect.openai(null, lang, null);
        };
        if (api != null && api.path() != null && !kind.equals(ApiDialect.CUSTOM)) {
            base = new ApiDialect(base.name(), api.path(), base.fileField(), base.fields(), base.headers());
        }
        if (api != null && api.fileField() != null && !kind.equals(ApiDialect.CUSTOM)) {
            base = new ApiDialect(base.name(), base.path(), api.fileField(), base.fields(), base.headers());
        }
        return base.withFields(api == null || api.fields() == null ? Map.of() : api.fields())
                .withHeaders(api == null || api.headers() == null ? Map.of() : api.headers());
    }

    public ApiDialect dialect() {
        return dialect;
    }

    /**
     * Fails with the load generator's one-line BadInputException when a header or field names an unset
     * environment variable; the message names the variable, never a value.
     */
    public void checkEnvironment(Function<String, String> env) {
        dialect.resolvedHeaders(env);
        dialect.resolvedFields(env);
    }

    public LoadSpec spec(List<String> urls, Path clip) {
        return LoadSpec.of(urls, clip).withApi(dialect).withTimeout(timeout);
    }

    /**
     * Why no request succeeded, in one line: every answer a 404 or 400 means the dialect does not match
     * the service (the path tried is named); anything else lists the causes.
     */
    public String explainFailures(Map<String, Long> byCause, int requests, long successes) {
        long notFound = byCause.getOrDefault("http_404", 0L) + byCause.getOrDefault("http_405", 0L);
        long badRequest = byCause.getOrDefault("http_400", 0L) + byCause.getOrDefault("http_422", 0L);
        long total = byCause.values().stream().mapToLong(Long::longValue).sum();
        if (successes == 0 && total > 0 && notFound + badRequest == total) {
            return "every request got " + (notFound > 0 ? "404 (no such path)" : "400 (request not understood)")
                    + " at POST " + dialect.path() + ": the api dialect (" + dialect.name()
                    + ") does not match the service; set service.api";
        }
        if (successes == 0) {
            return "no transcription succeeded (" + requests + " request(s): " + ServiceUnitRunner.causes(byCause) + ")";
        }
        return total + " of " + requests + " requests failed after " + successes + " succeeded ("
                + ServiceUnitRunner.causes(byCause) + "): the service stopped answering or crashed mid-sweep";
    }
}
