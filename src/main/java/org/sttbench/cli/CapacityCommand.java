package org.sttbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.sttbench.BadInputException;
import org.sttbench.Json;
import org.sttbench.capacity.CapacityJson;
import org.sttbench.capacity.CapacityResult;
import org.sttbench.capacity.CapacitySearch;
import org.sttbench.capacity.OpenLoadProbe;
import org.sttbench.capacity.SearchSettings;
import org.sttbench.capacity.StepMeasurement;
import org.sttbench.load.ApiDialect;
import org.sttbench.load.LoadSpec;
import org.sttbench.load.LoadTargets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sttbench capacity}: the highest arrival rate a target sustains within a p95 SLA. */
@Command(name = "capacity", mixinStandardHelpOptions = true,
        description = {"Find the highest request rate a transcription endpoint sustains within a p95 latency SLA.",
                "Brackets then bisects the arrival rate; each step is an open-model stage run until its windows "
                        + "agree; stops within --budget. Exit 0 found, 1 target down or failing, 2 bad input, "
                        + "3 no rate met the SLA."})
public final class CapacityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--target", required = true, split = ",", paramLabel = "URL",
            description = "Base URL(s) of the service, comma separated; requests go round-robin.")
    List<String> targets;

    @Option(names = "--audio", required = true, paramLabel = "FILE", description = "Audio clip every request uploads.")
    Path audio;

    @Option(names = "--sla-p95-ms", required = true, paramLabel = "MS",
            description = "A rate meets the SLA when its steady p95 (from intended send time) is within this.")
    double slaP95Ms;

    @Option(names = "--max-error-rate", paramLabel = "E",
            description = "Share of failed requests a rate may have (default 0.01).")
    Double maxErrorRate;

    @Option(names = "--budget", defaultValue = "5m", paramLabel = "T",
            description = "The search stops within this (90s, 5m, PT10M). Default ${DEFAULT-VALUE}.")
    String budget;

    @Option(names = "--start-rate", defaultValue = "1", paramLabel = "R",
            description = "First rate tried, req/s. Default ${DEFAULT-VALUE}.")
    double startRate;

    @Option(names = "--max-rate", defaultValue = "10000", paramLabel = "R",
            description = "Never offer more than this, req/s. Default ${DEFAULT-VALUE}.")
    double maxRate;

    @Option(names = "--precision", defaultValue = "0.05", paramLabel = "P",
            description = "Stop bisecting when the failing rate is within this fraction of the passing one.")
    double precision;

    @Option(names = "--max-in-flight", defaultValue = "256", paramLabel = "N",
            description = "Outstanding requests before arrivals are dropped. Default ${DEFAULT-VALUE}.")
    int maxInFlight;

    @Option(names = "--timeout-ms", defaultValue = "60000", paramLabel = "T", description = "Per-request timeout.")
    long timeoutMs;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the result (analysis.capacity shape) here.")
    Path jsonOut;

    @Mixin
    ApiOptions apiOptions = new ApiOptions();

    /** Where ${VAR} in --header and --field values is looked up; tests replace it. */
    Function<String, String> env = System::getenv;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ApiDialect dialect = apiOptions.dialect(env);
        LoadTargets endpoints = LoadTargets.parse(targets, dialect.path());
        if (audio == null || !Files.isRegularFile(audio)) {
            throw new BadInputException("audio file not found: " + audio + " (pass --audio FILE)");
        }
        if (timeoutMs < 1 || maxInFlight < 1) {
            throw new BadInputException("--timeout-ms and --max-in-flight must be >= 1");
        }
        Duration limit = MaxTime.parse(budget, "--budget");
        SearchSettings settings = new SearchSettings(slaP95Ms,
                maxErrorRate == null ? SearchSettings.DEFAULT_MAX_ERROR_RATE : maxErrorRate, limit, startRate, maxRate,
                precision, SearchSettings.DEFAULT_MAX_LATE_SHARE);
        LoadSpec load = LoadSpec.of(targets, audio).withApi(dialect).withTimeout(Duration.ofMillis(timeoutMs));
        out.printf("capacity: %s, SLA p95 <= %s ms, error rate <= %s, budget %s s%n",
                String.join(", ", endpoints.asStrings()), slaP95Ms, settings.maxErrorRate(), limit.toSeconds());
        out.flush();
        CapacityResult result;
        try (OpenLoadProbe probe = new OpenLoadProbe(load, slaP95Ms, OpenLoadProbe.Windows.DEFAULT, maxInFlight)) {
            result = new CapacitySearch(probe, settings, line -> {
                out.println(line);
                out.flush();
            }).run();
        }
        printCurve(out, result);
        if (jsonOut != null) {
            if (jsonOut.toAbsolutePath().getParent() != null) {
                Files.createDirectories(jsonOut.toAbsolutePath().getParent());
            }
            Json.json().writeValue(jsonOut.toFile(), CapacityJson.of(endpoints.asStrings(),
                    audio.getFileName().toString(), result));
            out.println("wrote " + jsonOut);
        }
        out.flush();
        return switch (result.outcome()) {
            case CapacityResult.TARGET_DOWN, CapacityResult.ALL_ERRORS -> {
                spec.commandLine().getErr().println("capacity: " + result.message());
                yield ExitCode.FAILED;
            }
            case CapacityResult.NONE_MET -> ExitCode.SLO_FAILED;
            default -> ExitCode.OK;
        };
    }

    private static void printCurve(PrintWriter out, CapacityResult r) {
        out.println();
        out.printf("%10s %9s %9s %9s %10s %7s %8s  %s%n", "rate", "p50 ms", "p95 ms", "p99 ms", "goodput", "errors",
                "dropped", "verdict");
        for (CapacityResult.Step s : r.curve()) {
            StepMeasurement m = s.measurement();
            out.printf("%10.3f %9.1f %9.1f %9.1f %10.3f %7d %8d  %s%n", m.rate(), m.p50Ms(), m.p95Ms(), m.p99Ms(),
                    m.goodputRps(), m.errors(), m.dropped(), s.verdict());
        }
        out.println();
        out.println(r.message());
        if (r.sustainableRps() != null) {
            out.printf("sustainable rate: %.3f req/s%s%n", r.sustainableRps(),
                    r.kneeRps() == null ? "" : String.format(", knee at %.3f req/s", r.kneeRps()));
        }
    }
}
