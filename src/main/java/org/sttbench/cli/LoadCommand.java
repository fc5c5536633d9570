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
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.sttbench.BadInputException;
import org.sttbench.Json;
import org.sttbench.load.ApiDialect;
import org.sttbench.load.ArrivalProcess;
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
import org.sttbench.load.OpenStageRunner;
import org.sttbench.load.RateStage;
import org.sttbench.load.RawDataWriter;
import org.sttbench.load.RequestLog;
import org.sttbench.load.Slo;
import org.sttbench.load.StopRule;
import org.sttbench.load.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Option(names = "--audio", required = true, split = ",", paramLabel = "FILE[:W]",
            description = {"Audio clip(s) requests upload, comma separated or repeated; a folder means every audio "
                    + "file in it. With several clips each request samples one by weight W (default 1), seeded."})
    List<String> audio;

    @Option(names = "--arrival", defaultValue = "constant", paramLabel = "P",
            description = "Open model: constant, poisson or gamma (with --burstiness). Default ${DEFAULT-VALUE}.")
    String arrival;

    @Option(names = "--burstiness", paramLabel = "B",
            description = "Open model, gamma arrivals: 1 = Poisson, < 1 burstier, > 1 more regular.")
    Double burstiness;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seeds the arrival schedule and the clip choice. Default ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--slo-ms", paramLabel = "MS",
            description = "A request is good (goodput) when it succeeds within this latency.")
    Double sloMs;

    @Option(names = "--slo-ms-per-audio-s", paramLabel = "MS",
            description = "A request is good when it succeeds within this many ms per second of its clip.")
    Double sloMsPerAudioS;

    @Option(names = "--requests-log", paramLabel = "FILE",
            description = "Write one JSON line per request (intended, send and end time, status, clip).")
    Path requestsLog;

    @Option(names = "--histogram-log", paramLabel = "FILE",
            description = "Write an HdrHistogram interval log, one latency histogram per level or stage.")
    Path histogramLog;

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

    @Mixin
    ApiOptions apiOptions = new ApiOptions();

    @Option(names = "--response-format", defaultValue = "json", paramLabel = "F",
            description = "json, text or verbose_json (verbose_json reports the audio duration). Default ${DEFAULT-VALUE}.")
    String responseFormat;

    @Option(names = "--audio-duration", paramLabel = "S",
            description = "Audio duration in seconds when it cannot be read from the file (WAV is read).")
    Double audioDuration;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the LoadReport JSON here.")
    Path jsonOut;

    /** Where ${VAR} in --header and --field values is looked up; tests replace it. */
    Function<String, String> env = System::getenv;

    @Override
    public Integer call() {
        PrintWriter out = spec == null ? new PrintWriter(System.out, true) : spec.commandLine().getOut();
        try {
            LoadSpec loadSpec = validate();
            boolean open = rate != null || ramp != null;
            if (open) {
                arrivalProcess();
            }
            LoadReport report;
            try (RequestLog log = requestsLog == null && histogramLog == null ? RequestLog.NONE
                    : new RawDataWriter(requestsLog, histogramLog)) {
                report = open ? runOpen(loadSpec, out, log) : runClosed(loadSpec, out, log);
            }
            if (requestsLog != null) {
                out.println("wrote " + requestsLog);
            }
            if (histogramLog != null) {
                out.println("wrote " + histogramLog);
            }
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
        ApiDialect dialect = apiOptions.dialect(env, responseFormat);
        LoadTargets.parse(targets, dialect.path());
        Workload workload = Workload.parse(audio);
        if (audioDuration != null && workload.clips().size() > 1) {
            throw new BadInputException("--audio-duration applies to a single clip; with several clips each "
                    + "clip's length is read from the file");
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
        for (Path p : new Path[]{jsonOut, requestsLog, histogramLog}) {
            if (p != null && Files.exists(p)) {
                throw new BadInputException(p + " already exists: choose a new file (results are never overwritten)");
            }
        }
        return new LoadSpec(targets, workload, dialect, Duration.ofMillis(timeoutMs), audioDuration, seed);
    }

    private Slo slo() {
        return new Slo(sloMs, sloMsPerAudioS);
    }

    private ArrivalProcess arrivalProcess() {
        String a = arrival.trim().toLowerCase(Locale.ROOT);
        if (a.equals(ArrivalProcess.GAMMA)) {
            return ArrivalProcess.gamma(burstiness == null ? 1 : burstiness);
        }
        if (burstiness != null) {
            throw new BadInputException("--burstiness goes with --arrival gamma");
        }
        return ArrivalProcess.parse(a);
    }

    private LoadReport runClosed(LoadSpec loadSpec, PrintWriter out, RequestLog log) {
        ClosedLoadConfig config = new ClosedLoadConfig(loadSpec, concurrency, requests, warmup, slaP95Ms,
                ClosedLoadConfig.DEFAULT_MAX_ERROR_RATE, slo(), log);
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
        LoadTables.printClosed(out, report);
        return report;
    }

    private LoadReport runOpen(LoadSpec loadSpec, PrintWriter out, RequestLog log) {
        List<RateStage> stages = new ArrayList<>(RateStage.parseRamp(ramp));
        if (rate != null) {
            stages.add(new RateStage(rate, duration));
        }
        OpenLoadConfig config = new OpenLoadConfig(loadSpec, stages, new OpenStageRunner.Options(arrivalProcess(),
                maxInFlight, OpenLoadConfig.DEFAULT_LATE_MS, slo(), StopRule.NEVER, log));
        out.printf("open model: %s, " + config.options().arrival().label() + " arrivals, stages %s, max in-flight %d%n",
                String.join(", ", loadSpec.endpoints().asStrings()),
                stages.stream().map(s -> LoadTables.fmt(s.rate()) + "/s x " + LoadTables.fmt(s.durationS()) + "s")
                        .collect(Collectors.joining(", ")), maxInFlight);
        out.flush();
        LoadListener progress = new LoadListener() {
            @Override
            public void stageStarted(RateStage s) {
                out.printf(Locale.ROOT, "  stage %s req/s for %s s ...%n", LoadTables.fmt(s.rate()), LoadTables.fmt(s.durationS()));
                out.flush();
            }
        };
        Instant start = Instant.now();
        OpenLoadResult result = new OpenLoadRun(config, DurationProbe.javaSound(), progress).withEnvironment(env).run();
        LoadReport report = LoadReport.open(loadSpec, start, Instant.now(), result);
        LoadTables.printOpen(out, result);
        return report;
    }
}
