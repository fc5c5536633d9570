package org.sttbench.report;

import java.util.ArrayList;
import java.util.List;
import org.sttbench.bench.Measurement;
import org.sttbench.bench.Suite;
import org.sttbench.bench.UnitResult;
import org.sttbench.results.RunResult;

/** Every report sttbench renders, and the charts each one draws. */
public final class ReportCatalog {
    private ReportCatalog() {
    }

    public static List<ReportKind> all() {
        return List.of(audio());
    }

    static List<Measurement> measurements(RunResult run, Suite... suites) {
        List<Suite> wanted = List.of(suites);
        return run.units().stream().filter(UnitResult::ok).filter(u -> wanted.contains(u.unit().suite()))
                .flatMap(u -> u.measurements().stream()).toList();
    }

    static ReportKind audio() {
        return new ReportKind("audio", "Audio benchmark",
                run -> !measurements(run, Suite.AUDIO, Suite.LATENCY).isEmpty() || run.units().isEmpty(),
                run -> {
                    List<Chart> charts = new ArrayList<>();
                    List<Measurement> audio = measurements(run, Suite.AUDIO);
                    if (!audio.isEmpty()) {
                        double[] duration = audio.stream().mapToDouble(m -> m.audio().durationS()).toArray();
                        double[] rtf = audio.stream().mapToDouble(Measurement::rtf).toArray();
                        double[] processing = audio.stream().mapToDouble(m -> m.avgLatencyMs() / 1000).toArray();
                        charts.add(Charts.xy("rtf-vs-duration", "Real-time factor by clip length", "audio duration (s)",
                                "RTF (processing / audio)", List.of(new Charts.Series("RTF", duration, rtf, false))));
                        charts.add(Charts.xy("processing-vs-duration", "Processing time by clip length",
                                "audio duration (s)", "processing time (s)",
                                List.of(new Charts.Series("measured", duration, processing, false))));
                    }
                    List<Measurement> latency = measurements(run, Suite.LATENCY);
                    double[] samples = latency.stream().filter(m -> m.samplesMs() != null)
                            .flatMapToDouble(m -> java.util.Arrays.stream(m.samplesMs())).toArray();
                    if (samples.length > 0) {
                        charts.add(Charts.histogram("latency-distribution", "Latency distribution (latency suite)",
                                "latency (ms)", samples, 12));
                    }
                    return charts;
                });
    }
}
