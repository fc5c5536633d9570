package org.sttbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.sttbench.BadInputException;
import org.sttbench.Json;
import org.sttbench.load.ApiDialect;
import org.sttbench.load.ClosedLoadConfig;
import org.sttbench.load.ClosedLoadResult;
import org.sttbench.load.ClosedLoadRun;
import org.sttbench.load.DurationProbe;
import org.sttbench.load.LevelResult;
import org.sttbench.load.LoadListener;
import org.sttbench.load.LoadReport;
import org.sttbench.load.LoadSpec;
import org.sttbench.load.LoadTargets;
import org.sttbench.load.OpenLoadConfig;
import org.sttbench.load.OpenLoadResult;
import org.sttbench.load.OpenLoadRun;
import org.sttbench.load.RateStage;
import org.sttbench.load.StageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sttbench load}: load-tests an OpenAI-compatible transcription endpoint. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Load-test a transcription endpoint (OpenAI-compatible, whisper.cpp's server or your own).",
                "Closed model (default): a sweep over concurrency levels, exactly C requests in flight.",
                "Open model (--rate/--duration): a fixed arrival rate, latency measured from each request's "
                        + "intended send time."})
public final class LoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--target", required = true, split = ",", paramLabel = "URL",
            description = "Base URL(s) of the service, comma separated; requests go round-robin.")
    List<String> targets;

    @Option(names = "--audio", required = true, paramLabel = "FILE", description = "Audio clip every request uploads.")
    Path audio;

    @Option(names = "--concurrency", split = ",", paramLabel = "C",
            description = "Closed model: concurrency levels (default 1,2,4,8,16,32,64).")
    List<Integer> concurrency;

    @Option(names = "--requests", defaultValue = "20", paramLabel = "N",
            description = "Closed model: measured requests per level in total (at least C). Default ${DEFAULT-VALUE}.")
    int requests;

    @Option(names = "--warmup", defaultValue = "2", paramLabel = "N",
            description = "Closed model: uncounted requests per level before measuring. Default ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--sla-p95-ms", paramLabel = "MS",
            description = "Closed model: the optimal concurrency is the highest-rps level with p95 within this.")
    Double slaP95Ms;

    @Option(names = "--rate", paramLabel = "R", description = "Open model: arrivals per second.")
    Double rate;

    @Option(names = "--duration", paramLabel = "S", description = "Open model: seconds at --rate.")
    Double duration;

    @Option(names = "--ramp", paramLabel = "R1:S1,R2:S2",
            description = "Open model: rate stages run before --rate/--duration, e.g. 2:10,5:10.")
    String ramp;

    @Option(names = "--max-in-flight", defaultValue = "256", paramLabel = "N",
            description = "Open model: outstanding requests before arrivals are dropped. Default ${DEFAULT-VALUE}.")
    int maxInFlight;

    @Option(names = "--timeout-ms", defaultValue = "60000", paramLabel = "T",
            description = "Per-request timeout in ms. Default ${DEFAULT-VALUE}.")
    long timeoutMs;

    @Option(names = "--language", paramLabel = "L", description = "Form field language (default: server detects).")
    String language;

    @Option(names = "--model", paramLabel = "M",
            description = "Form field model (openai: default " + LoadSpec.DEFAULT_MODEL + ").")
    String model;

    @Option(names = "--api", defaultValue = "openai", paramLabel = "API",
            description = "How to talk to the service: openai (POST /v1/audio/transcriptions), whispercpp "
                    + "(POST /inference) or custom (give --path). Default ${DEFAULT-VALUE}.")
    String api;

    @Option(names = "--path", paramLabel = "P",
            description = "Request path appended to base URLs (overrides the dialect's; required for custom).")
    String path;

    @Option(names = "--file-field", paramLabel = "NAME", description = "Name of the audio form part (default file).")
    String fileField;

    @Option(names = "--field", paramLabel = "K=V",
            description = "Extra form field, repeatable; a value may name an environment variable as ${VAR}.")
    List<String> fields;

    @Option(names = "--header", paramLabel = "'K: V'",
            description = "Extra request header, repeatable; a value may name an environment variable as ${VAR} "
                    + "(e.g. 'Authorization: Bearer ${OPENAI_API_KEY}'). Header values never appear in output.")
    List<String> headers;

    @Option(names = "--response-format", defaultValue = "json", paramLabel = "F",
            description = "json, text or verbose_json (verbose_json reports the audio duration). Default ${DEFAULT-VALUE}.")
    String responseFormat;

    @Option(names = "--audio-duration", paramLabel = "S",
            description = "Audio duration in seconds when it cannot be read from the file (WAV is read).")
    Double audioDuration;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the LoadReport JSON here.")
    Path jsonOut;

    /** Where ${VAR} in --header and --field values is looked up; tests replace it. */
    java.util.function.Function<String, String> env = System::getenv;

    @Override
    public Integer call() {
        PrintWriter out = spec == null ? new PrintWriter(System.out, true) : spec.commandLine().getOut();
        try {
            LoadSpec loadSpec = validate();
            LoadReport report = (rate != null || ramp != null) ? runOpen(loadSpec, out) : runClosed(loadSpec, out);
            if (jsonOut != null) {
                if (jsonOut.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(jsonOut.toAbsolutePath().getParent());
                }
                Json.json().writeValue(jsonOut.toFile(), report);
                out.println("wrote " + jsonOut);
            }
            out.flush();
            if (!report.anySuccess()) {
                throw new CommandFailedException(report.failureLine());
            }
            return ExitCode.OK;
        } catch (IOException e) {
            throw new CommandFailedException("cannot write " + jsonOut + ": " + e.getMessage(), e);
        }
    }

    private LoadSpec validate() {
        ApiDialect dialect = ApiDialect.parse(api, path, fileField, fields, headers, model, language,
                responseFormat);
        LoadTargets.parse(targets, dialect.path());
        // an unset ${VAR} is bad input before anything is sent
        dialect.resolvedHeaders(env);
        dialect.resolvedFields(env);
        if (audio == null || !Files.isRegularFile(audio)) {
            throw new BadInputException("audio file not found: " + audio + " (pass --audio FILE)");
        }
        if (timeoutMs < 1) {
            throw new BadInputException("--timeout-ms must be >= 1");
        }
        if ((rate == null) != (duration == null)) {
            throw new BadInputException("--rate and --duration go together (e.g. --rate 5 --duration 30)");
        }
        if (requests < 1 || warmup < 0 || maxInFlight < 1) {
            throw new BadInputException("--requests and --max-in-flight must be >= 1, --warmup >= 0");
        }
        if (concurrency != null && concurrency.stream().anyMatch(c -> c == null || c < 1 || c > 10_000)) {
            throw new BadInputException("--concurrency levels must be between 1 and 10000: " + concurrency);
        }
        if (!List.of("json", "text", "verbose_json").contains(responseFormat)) {
            throw new BadInputException("--response-format must be json, text or verbose_json");
        }
        return LoadSpec.of(targets, audio).withApi(dialect).withTimeout(Duration.ofMillis(timeoutMs))
                .withAudioDuration(audioDuration);
    }

    private LoadReport runClosed(LoadSpec loadSpec, PrintWriter out) {
        ClosedLoadConfig config = new ClosedLoadConfig(loadSpec, concurrency, requests, warmup, slaP95Ms,
                ClosedLoadConfig.DEFAULT_MAX_ERROR_RATE);
        out.printf("closed model: %s, levels %s, %d requests per level (+%d warm-up)%n",
                String.join(", ", loadSpec.endpoints().asStrings()), config.concurrency(),
                requests, warmup);
        out.flush();
        LoadListener progress = new LoadListener() {
            @Override
            public void levelDone(LevelResult l) {
                out.printf(Locale.ROOT, "  c=%-4d %4d/%-4d ok  %8.2f rps  p50 %9.1f ms  p95 %9.1f ms%s%n",
                        l.concurrency(), l.successes(), l.requests(), l.rps(), l.p50Ms(), l.p95Ms(),
                        l.errors() == 0 ? "" : "  errors " + l.errorsByCause());
                out.flush();
            }
        };
        Instant start = Instant.now();
        ClosedLoadResult result = new ClosedLoadRun(config, DurationProbe.javaSound(), progress).withEnvironment(env).run();
        LoadReport report = LoadReport.closed(loadSpec, start, Instant.now(), result);
        printClosed(out, report);
        return report;
    }

    private LoadReport runOpen(LoadSpec loadSpec, PrintWriter out) {
        List<RateStage> stages = new ArrayList<>(RateStage.parseRamp(ramp));
        if (rate != null) {
            stages.add(new RateStage(rate, duration));
        }
        OpenLoadConfig config = new OpenLoadConfig(loadSpec, stages, maxInFlight, OpenLoadConfig.DEFAULT_LATE_MS);
        out.printf("open model: %s, stages %s, max in-flight %d%n",
                String.join(", ", loadSpec.endpoints().asStrings()),
                stages.stream().map(s -> fmt(s.rate()) + "/s x " + fmt(s.durationS()) + "s")
                        .collect(Collectors.joining(", ")), maxInFlight);
        out.flush();
        LoadListener progress = new LoadListener() {
            @Override
            public void stageStarted(RateStage s) {
                out.printf(Locale.ROOT, "  stage %s req/s for %s s ...%n", fmt(s.rate()), fmt(s.durationS()));
                out.flush();
            }
        };
        Instant start = Instant.now();
        OpenLoadResult result = new OpenLoadRun(config, DurationProbe.javaSound(), progress).withEnvironment(env).run();
        LoadReport report = LoadReport.open(loadSpec, start, Instant.now(), result);
        printOpen(out, result);
        return report;
    }

    static void printClosed(PrintWriter out, LoadReport report) {
        ClosedLoadResult r = report.closed();
        out.println();
        out.printf("%6s %6s %6s %9s %9s %9s %9s %9s %9s %8s %8s  %s%n", "conc", "reqs", "ok", "rps", "p50_ms",
                "p95_ms", "p99_ms", "avg_ms", "max_ms", "succ%", "rtf", "errors");
        for (LevelResult l : r.levels()) {
            out.printf(Locale.ROOT, "%6d %6d %6d %9.2f %9.1f %9.1f %9.1f %9.1f %9.1f %8.1f %8s  %s%n",
                    l.concurrency(), l.requests(), l.successes(), l.rps(), l.p50Ms(), l.p95Ms(), l.p99Ms(),
                    l.avgMs(), l.maxMs(), l.successRate() * 100, l.rtf() == null ? "-" : fmt(l.rtf()),
                    errors(l.errorsByCause()));
        }
        out.println();
        out.printf(Locale.ROOT, "max rps: %.2f (concurrency %s)%n", r.maxRps(), r.maxRpsConcurrency());
        out.printf("optimal concurrency: %s (%s)%n", r.optimalConcurrency() == null ? "none" : r.optimalConcurrency(),
                r.optimalRule());
        if (report.audioDurationS() != null) {
            out.printf(Locale.ROOT, "audio duration: %.2f s%n", report.audioDurationS());
        }
        if (r.stoppedReason() != null) {
            out.println("sweep stopped: " + r.stoppedReason());
        }
    }

    static void printOpen(PrintWriter out, OpenLoadResult r) {
        out.println();
        out.printf("%9s %7s %7s %7s %6s %6s %9s %9s %9s %9s %9s %9s  %s%n", "rate", "sched", "sent", "ok", "late",
                "drop", "achieved", "p50_ms", "p95_ms", "p99_ms", "max_ms", "svc_p99", "errors");
        for (StageResult s : r.stages()) {
            printStage(out, fmt(s.rate()), s);
        }
        if (r.stages().size() > 1) {
            printStage(out, "total", r.total());
        }
        out.println("latency is measured from each request's intended send time; svc_p99 from its actual send.");
        if (r.total().dropped() > 0) {
            out.println("WARNING: requests were dropped (max in-flight reached): the service cannot sustain this rate.");
        }
    }

    private static void printStage(PrintWriter out, String label, StageResult s) {
        out.printf(Locale.ROOT, "%9s %7d %7d %7d %6d %6d %9.2f %9.1f %9.1f %9.1f %9.1f %9.1f  %s%n", label,
                s.scheduled(), s.sent(), s.successes(), s.late(), s.dropped(), s.achievedRate(), s.latency().p50Ms(),
                s.latency().p95Ms(), s.latency().p99Ms(), s.latency().maxMs(), s.serviceLatency().p99Ms(),
                errors(s.errorsByCause()));
    }

    private static String errors(Map<String, Long> byCause) {
        return byCause.isEmpty() ? "-" : byCause.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
