package org.sttbench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.BadInputException;
import org.sttbench.results.StabilitySummary.Summary;

class StabilitySummaryTest {
    @TempDir
    Path dir;

    private static final String SUREFIRE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="org.example.EngineTest" tests="6" failures="1" errors="1" skipped="1" time="9.5">
              <properties><property name="java.version" value="17"/></properties>
              <testcase name="loads" classname="org.example.EngineTest" time="0.25"/>
              <testcase name="transcribes" classname="org.example.EngineTest" time="6.5"/>
              <testcase name="retries" classname="org.example.EngineTest" time="1.0">
                <flakyFailure message="expected 1 but was 2" type="java.lang.AssertionError">
                  <stackTrace>at org.example.EngineTest.retries</stackTrace>
                </flakyFailure>
              </testcase>
              <testcase name="breaks" classname="org.example.EngineTest" time="0.5">
                <failure message="expected: &lt;3&gt; but was: &lt;4&gt;&#10;second line" type="java.lang.AssertionError">trace</failure>
                <rerunFailure message="expected: &lt;3&gt; but was: &lt;5&gt;" type="java.lang.AssertionError"/>
              </testcase>
              <testcase name="crashes" classname="org.example.EngineTest" time="1,250.0">
                <error type="java.lang.IllegalStateException">

                  java.lang.IllegalStateException: model missing
                  at somewhere
                </error>
              </testcase>
              <testcase name="ignored" classname="org.example.EngineTest" time="0">
                <skipped message="needs docker"/>
              </testcase>
            </testsuite>
            """;

    private static final String PYTEST = """
            <?xml version="1.0" encoding="utf-8"?>
            <testsuites><testsuite name="pytest" errors="0" failures="0" skipped="0" tests="2" time="0.3">
              <testcase classname="tests.test_api" name="test_health" time="0.1"/>
              <testcase classname="tests.test_api" name="test_transcribe" time="0.2"/>
            </testsuite></testsuites>
            """;

    @Test
    void summarisesSurefireAndPytestReports() throws Exception {
        Files.writeString(dir.resolve("TEST-org.example.EngineTest.xml"), SUREFIRE);
        Files.writeString(dir.resolve("TEST-pytest.xml"), PYTEST);
        Files.writeString(dir.resolve("notes.xml"), "<not-a-report/>"); // outside the TEST-*.xml pattern
        Summary s = StabilitySummary.read(dir, StabilitySummary.DEFAULT_SLOW_SECONDS);
        // 6 + 2 test cases; passed: loads, transcribes, retries (flaky), test_health, test_transcribe = 5
        assertThat(s.files()).isEqualTo(2);
        assertThat(s.tests()).isEqualTo(8);
        assertThat(s.passed()).isEqualTo(5);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.errors()).isEqualTo(1);
        assertThat(s.skipped()).isEqualTo(1);
        assertThat(s.flaky()).isEqualTo(1);
        // pass rate over the 7 that ran: 5 / 7
        assertThat(s.passRate()).isCloseTo(5.0 / 7, within(1e-12));
        // 0.25 + 6.5 + 1 + 0.5 + 1250 + 0 + 0.1 + 0.2 = 1258.55
        assertThat(s.totalSeconds()).isCloseTo(1258.55, within(1e-9));
        assertThat(s.flakyTests()).containsExactly("org.example.EngineTest.retries");
        assertThat(s.slowTests()).extracting(StabilitySummary.SlowTest::test)
                .containsExactly("org.example.EngineTest.crashes", "org.example.EngineTest.transcribes");
        assertThat(s.failures()).containsExactly(
                new StabilitySummary.Failure("org.example.EngineTest.breaks", "FAILURE", "expected: <3> but was: <4>",
                        "TEST-org.example.EngineTest.xml"),
                new StabilitySummary.Failure("org.example.EngineTest.crashes", "ERROR",
                        "java.lang.IllegalStateException: model missing", "TEST-org.example.EngineTest.xml"));
    }

    @Test
    void slowThresholdIsConfigurable() throws Exception {
        Path file = Files.writeString(dir.resolve("TEST-a.xml"), SUREFIRE);
        assertThat(StabilitySummary.read(file, 0.4).slowTests()).hasSize(4); // 1250, 6.5, 1.0, 0.5
    }

    @Test
    void malformedXmlNamesTheFile() throws Exception {
        Path bad = Files.writeString(dir.resolve("TEST-broken.xml"), "<testsuite><testcase name='x'>");
        assertThatThrownBy(() -> StabilitySummary.read(dir, 5)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("malformed XML")
                .hasMessageNotContaining("\n");
    }

    @Test
    void refusesExternalEntities() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        Path xxe = Files.writeString(dir.resolve("TEST-xxe.xml"), """
                <?xml version="1.0"?>
                <!DOCTYPE testsuite [<!ENTITY leak SYSTEM "%s">]>
                <testsuite><testcase name="t"><failure message="&leak;"/></testcase></testsuite>
                """.formatted(secret.toUri()));
        assertThatThrownBy(() -> StabilitySummary.read(List.of(xxe), 5)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("TEST-xxe.xml").hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void rejectsNonReportsAndMissingInput() throws Exception {
        Path other = Files.writeString(dir.resolve("TEST-other.xml"), "<project/>");
        assertThatThrownBy(() -> StabilitySummary.read(other, 5)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a JUnit XML report");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThatThrownBy(() -> StabilitySummary.read(empty, 5)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no TEST-*.xml");
        assertThatThrownBy(() -> StabilitySummary.read(dir.resolve("nope"), 5)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> StabilitySummary.read(List.of(), 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allSkippedHasNoPassRate() throws Exception {
        Path f = Files.writeString(dir.resolve("TEST-s.xml"),
                "<testsuite><testcase name='a'><skipped/></testcase></testsuite>");
        Summary s = StabilitySummary.read(f, 5);
        assertThat(s.tests()).isEqualTo(1);
        assertThat(s.passRate()).isNull();
    }
}
