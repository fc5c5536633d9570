package org.sttbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The plan's service-level checks as a JUnit XML file ({@code slo-junit.xml}), so a CI server that
 * already shows test results shows a missed SLO the same way: one test case per threshold.
 */
public final class SloReport {
    public static final String FILE = "slo-junit.xml";

    private SloReport() {
    }

    /** Writes the file when the run has SLA checks; returns where. */
    public static Optional<Path> write(RunResult run, Path dir) throws IOException {
        JsonNode checks = run.analysis() == null ? null : run.analysis().path("sla").path("checks");
        if (checks == null || !checks.isArray() || checks.isEmpty()) {
            return Optional.empty();
        }
        int failures = 0;
        StringBuilder cases = new StringBuilder();
        for (JsonNode check : checks) {
            String name = check.path("name").asText();
            double threshold = check.path("threshold").asDouble();
            double measured = check.path("measured").asDouble();
            cases.append("  <testcase classname=\"sttbench.sla.").append(xml(run.planName())).append("\" name=\"")
                    .append(xml(name)).append("\" time=\"0\">\n");
            if (!check.path("passed").asBoolean()) {
                failures++;
                cases.append("    <failure message=\"").append(xml(String.format("%s: measured %.3f, threshold %.3f",
                        name, measured, threshold))).append("\" type=\"SloMissed\"/>\n");
            }
            cases.append("  </testcase>\n");
        }
        String doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuite name=\"sttbench SLO " + xml(run.planName()) + "\" tests=\"" + checks.size()
                + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"0\" timestamp=\""
                + xml(String.valueOf(run.timestamp())) + "\">\n" + cases + "</testsuite>\n";
        Path file = dir.resolve(FILE);
        AtomicFiles.writeString(file, doc);
        return Optional.of(file);
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
