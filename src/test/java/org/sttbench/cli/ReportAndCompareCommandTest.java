package org.sttbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.Json;
import org.sttbench.report.FixtureAccess;
import picocli.CommandLine;

class ReportAndCompareCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void rendersEveryApplicableReportAndNeverOverwrites() throws Exception {
        Path outbox = tmp.resolve("outbox");
        String fixture = FixtureAccess.file("nightly-docker").toString();
        assertThat(run("report", fixture, "--outbox", outbox.toString())).as(err.toString()).isZero();
        Path runDir = outbox.resolve("20261120-020000-nightly");
        for (String name : new String[] {"audio", "cpu-scaling", "threads", "load", "workers", "scaling-strategy", "performance-report"}) {
            assertThat(runDir.resolve(name + ".md")).exists();
            assertThat(runDir.resolve(name + ".html")).exists();
        }
        assertThat(runDir.resolve("k8s/deployment.yaml")).exists();
        assertThat(runDir.resolve("results.json")).exists();
        assertThat(runDir.resolve("charts/cpu-latency-tiny.svg")).exists();
        String first = Files.readString(runDir.resolve("performance-report.md"));

        assertThat(run("report", runDir.resolve("results.json").toString(), "--outbox", outbox.toString())).isZero();
        try (Stream<Path> entries = Files.list(runDir)) {
            Path again = entries.filter(p -> p.getFileName().toString().startsWith("reports-")).findFirst().orElseThrow();
            assertThat(again.resolve("performance-report.md")).exists();
        }
        assertThat(Files.readString(runDir.resolve("performance-report.md"))).isEqualTo(first);
    }

    @Test
    void severalFilesAreEachRenderedAndCompared() throws Exception {
        Path outbox = tmp.resolve("outbox");
        assertThat(run("report", FixtureAccess.file("nightly-docker").toString(), FixtureAccess.file("arm-small").toString(),
                "--outbox", outbox.toString())).as(err.toString()).isZero();
        assertThat(outbox.resolve("20261120-020000-nightly/performance-report.html")).exists();
        assertThat(outbox.resolve("20261121-140500-arm-small/performance-report.html")).exists();
        try (Stream<Path> files = Files.list(outbox.resolve("comparisons"))) {
            assertThat(files.toList()).singleElement().satisfies(p -> assertThat(p.toString()).endsWith(".json"));
        }
        assertThat(out.toString()).contains("geometric mean ratio");
    }

    @Test
    void badInputExitsTwoWithOneLine() throws Exception {
        Path notJson = Files.writeString(tmp.resolve("broken.json"), "{ this is not json");
        Path wrongVersion = Files.writeString(tmp.resolve("v9.json"), "{\"schema_version\": 9, \"run_id\": \"x\", \"units\": []}");
        Path other = Files.writeString(tmp.resolve("other.json"), "[1, 2]");
        for (Path bad : new Path[] {tmp.resolve("missing.json"), notJson, wrongVersion, other}) {
            err.getBuffer().setLength(0);
            assertThat(run("report", bad.toString(), "--outbox", tmp.resolve("o").toString())).isEqualTo(2);
            assertThat(err.toString().strip()).doesNotContain("\n").contains(bad.getFileName().toString());
        }
        assertThat(run("compare", wrongVersion.toString(), FixtureAccess.file("arm-small").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("schema_version 9 is not supported");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void compareWithItselfIsRatioOne() throws Exception {
        Path json = tmp.resolve("cmp.json");
        String a = FixtureAccess.file("nightly-docker").toString();
        assertThat(run("compare", a, a, "--json", json.toString())).as(err.toString()).isZero();
        JsonNode doc = Json.json().readTree(json.toFile());
        assertThat(doc.path("comparison").path("geometric_mean").asDouble()).isEqualTo(1.0);
        assertThat(doc.path("comparison").path("ratios")).hasSize(4);
        for (JsonNode r : doc.path("comparison").path("ratios")) {
            assertThat(r.path("ratio").asDouble()).isEqualTo(1.0);
        }
        assertThat(out.toString()).contains("same speed");
    }

    @Test
    void compareTwoMachinesSavesNextToTheOther() throws Exception {
        Path other = Files.copy(FixtureAccess.file("arm-small"), tmp.resolve("results.json"));
        assertThat(run("compare", FixtureAccess.file("nightly-docker").toString(), other.toString())).as(err.toString()).isZero();
        Path saved = tmp.resolve("compare-20261120-020000-nightly.json");
        assertThat(saved).exists();
        JsonNode doc = Json.json().readTree(saved.toFile());
        JsonNode ratios = doc.path("comparison").path("ratios");
        assertThat(ratios).hasSize(2); // tiny @ 1 and 2 CPUs are on both sides
        double at1 = ratios.get(0).path("other_ms").asDouble() / ratios.get(0).path("baseline_ms").asDouble();
        assertThat(ratios.get(0).path("ratio").asDouble()).isEqualTo(at1);
        assertThat(ratios.get(0).path("ratio").asDouble()).isGreaterThan(1.2); // the ARM node is slower
        assertThat(doc.path("comparison").path("missing_in_other")).hasSize(2); // 4 and 8 CPUs
        assertThat(out.toString()).contains("the other machine is").contains("slower");
        // a second comparison does not replace the first
        assertThat(run("compare", FixtureAccess.file("nightly-docker").toString(), other.toString())).isZero();
        assertThat(tmp.resolve("compare-20261120-020000-nightly-2.json")).exists();
    }
}
