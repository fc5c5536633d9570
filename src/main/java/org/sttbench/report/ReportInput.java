package org.sttbench.report;

import org.sttbench.results.RunResult;

/**
 * What a report is made from: the results document, typed views of it, and the strategy derived from it
 * with the report options (prices, thresholds).
 *
 * @param strategy null when the run has no single-request latency to plan from
 */
public record ReportInput(RunData data, ScalingStrategy strategy, ReportOptions options) {

    public static ReportInput of(RunResult run, ReportOptions options) {
        RunData data = new RunData(run);
        return new ReportInput(data, StrategyAnalyzer.analyze(data, options).orElse(null), options);
    }

    public RunResult run() {
        return data.run();
    }
}
