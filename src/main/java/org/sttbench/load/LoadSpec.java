package org.sttbench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What every request of a run looks like, in closed and open model alike.
 *
 * @param targets        base URLs or full endpoint URLs, used round-robin
 * @param workload       the clips requests upload and their weights
 * @param api            how to talk to the service (path, form fields, headers)
 * @param timeout        per request, connect included
 * @param audioDurationS the clip's duration when the caller knows it (single-clip runs), else null
 * @param seed           seeds clip sampling and random arrivals, so a run can be repeated exactly
 */
public record LoadSpec(List<String> targets, Workload workload, ApiDialect api, Duration timeout,
                       Double audioDurationS, long seed) {
    public static final String DEFAULT_MODEL = "whisper-1";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final long DEFAULT_SEED = 42;

    public LoadSpec {
        targets = List.copyOf(targets);
        api = api == null ? ApiDialect.openai(null, null, null) : api;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    public static LoadSpec of(List<String> targets, Path audio) {
        return new LoadSpec(targets, Workload.single(audio), null, null, null, DEFAULT_SEED);
    }

    public LoadSpec withTimeout(Duration t) {
        return new LoadSpec(targets, workload, api, t, audioDurationS, seed);
    }

    public LoadSpec withAudioDuration(Double seconds) {
        return new LoadSpec(targets, workload, api, timeout, seconds, seed);
    }

    public LoadSpec withApi(ApiDialect dialect) {
        return new LoadSpec(targets, workload, dialect, timeout, audioDurationS, seed);
    }

    public LoadSpec withWorkload(Workload w) {
        return new LoadSpec(targets, w, api, timeout, audioDurationS, seed);
    }

    public LoadSpec withSeed(long s) {
        return new LoadSpec(targets, workload, api, timeout, audioDurationS, s);
    }

    /** The first clip (single-clip runs: the clip). */
    public Path audio() {
        return workload.first();
    }

    /** The endpoints with the dialect's path filled in. */
    public LoadTargets endpoints() {
        return LoadTargets.parse(targets, api.path());
    }

    /**
     * A client for this spec: bodies encoded, {@code ${VAR}} in headers and fields filled from the process
     * environment. Bad targets, audio or unset variables throw BadInputException before anything is sent.
     */
    public TranscriptionClient newClient(DurationProbe probe) {
        return newClient(System::getenv, probe);
    }

    public TranscriptionClient newClient(Function<String, String> env, DurationProbe probe) {
        LoadTargets endpoints = endpoints();
        Map<String, String> headers = api.resolvedHeaders(env);
        return new TranscriptionClient(endpoints, PreparedWorkload.of(this, env, probe), headers, timeout);
    }
}
