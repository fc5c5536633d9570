package org.sttbench.exec.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.bench.UnitResult;
import org.sttbench.bench.WorkUnit;
import org.sttbench.exec.DockerTestSupport;
import org.sttbench.exec.ExecutorUnavailableException;
import org.sttbench.models.ModelInfo;

@Tag("docker")
class DockerExecutorTest {
    private static DockerExecutor executor;
    private static final List<String> progress = new ArrayList<>();

    @BeforeAll
    static void image() {
        String image = DockerTestSupport.workerImage();
        executor = new DockerExecutor(DockerSettings.defaults(() -> image), line -> {
            synchronized (progress) {
                progress.add(line);
            }
        });
    }

    @AfterAll
    static void close() {
        executor.close();
    }

    @Test
    void readyWhenTheEngineAnswersAndTheImageExists() {
        executor.checkReady();
        assertThat(executor.maxCpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void oneCpuLimitHoldsForTwoThreads() {
        WorkUnit unit = DockerTestSupport.unit("docker-test-1cpu", DockerTestSupport.model("micro"), 1.0, 2, 6, 300);

        UnitResult result = executor.execute(unit);

        assertThat(result.status()).as(result.error()).isEqualTo(UnitResult.OK);
        assertThat(result.executor()).isEqualTo("docker");
        // the original unit comes back, with host paths, not the container's
        assertThat(result.unit()).isEqualTo(unit);
        assertThat(result.environment().container()).isEqualTo("docker");
        assertThat(result.environment().cpuLimit()).isEqualTo(1.0);
        assertThat(result.threads()).isEqualTo(2);
        // the limit is a ceiling: CPU time over wall time never above it (15 % for measurement), and the
        // cgroup's throttling counters were read; how close it comes depends on how busy the host is
        assertThat(result.usage().cpuPerWall()).isGreaterThan(0).isLessThanOrEqualTo(1.15);
        assertThat(result.usage().throttledRatio()).isNotNull().isBetween(0.0, 1.0);
        assertThat(result.threadDerivation()).contains("docker NanoCPUs 1000000000");
        // the clip's reference transcript was mounted beside it, so the worker could score it
        assertThat(result.measurements().get(0).wer()).isNotNull();
        assertThat(progress).anyMatch(line -> line.contains("iteration"));
        assertNoContainersLeft("docker-test-1cpu");
    }

    @Test
    void halfCpuLimitHolds() {
        WorkUnit unit = DockerTestSupport.unit("docker-test-halfcpu", DockerTestSupport.model("micro"), 0.5, 1, 4, 300);

        UnitResult result = executor.execute(unit);

        assertThat(result.status()).as(result.error()).isEqualTo(UnitResult.OK);
        assertThat(result.environment().cpuLimit()).isEqualTo(0.5);
        assertThat(result.usage().cpuPerWall()).isGreaterThan(0).isLessThanOrEqualTo(0.575);
        assertThat(result.usage().throttledRatio()).isNotNull().isBetween(0.0, 1.0);
    }

    @Test
    void aCorruptModelFailsTheUnitWithTheWorkersReason(@TempDir Path dir) throws Exception {
        Path garbage = dir.resolve("garbage.bin");
        Files.write(garbage, new byte[4096]);
        ModelInfo model = new ModelInfo("garbage", garbage, 4096, "x", false);

        UnitResult result = executor.execute(DockerTestSupport.unit("docker-test-corrupt", model, 1.0, 1, 1, 120));

        assertThat(result.status()).isEqualTo(UnitResult.FAILED);
        assertThat(result.executor()).isEqualTo("docker");
        assertThat(result.error()).contains("corrupt or unsupported model");
        // the unit comes back with the host path the user gave, not the container path the worker saw
        assertThat(result.unit().model().path()).isEqualTo(garbage);
        assertNoContainersLeft("docker-test-corrupt");
    }

    @Test
    void aUnitThatOutlivesItsTimeoutIsKilled() {
        WorkUnit unit = DockerTestSupport.unit("docker-test-timeout", DockerTestSupport.model("micro"), 1.0, 1, 50, 2);

        UnitResult result = executor.execute(unit);

        assertThat(result.status()).isEqualTo(UnitResult.FAILED);
        assertThat(result.error()).isEqualTo("timed out after 2 s (container killed)");
        assertNoContainersLeft("docker-test-timeout");
    }

    @Test
    void aWorkerKilledForMemoryIsReportedSo() {
        String image = DockerTestSupport.workerImage();
        DockerExecutor small = new DockerExecutor(
                DockerSettings.defaults(() -> image).withMemoryBytes(96L * 1024 * 1024), line -> { });
        try {
            UnitResult result = small.execute(
                    DockerTestSupport.unit("docker-test-oom", DockerTestSupport.model("tiny"), 1.0, 1, 1, 120));

            assertThat(result.status()).isEqualTo(UnitResult.FAILED);
            assertThat(result.error()).satisfiesAnyOf(
                    e -> assertThat(e).startsWith("killed: out of memory (container limit 96 MiB"),
                    e -> assertThat(e).contains("OutOfMemoryError"));
        } finally {
            small.close();
        }
    }

    @Test
    void aMissingImageIsNamedWithTheCommandThatBuildsIt() {
        DockerExecutor missing = new DockerExecutor(DockerSettings.defaults(() -> "sttbench-worker:no-such-tag"), l -> { });
        try {
            assertThatThrownBy(missing::checkReady)
                    .isInstanceOf(ExecutorUnavailableException.class)
                    .hasMessage("worker image sttbench-worker:no-such-tag not found; build it with: ./sttbench image build");
            UnitResult result = missing.execute(
                    DockerTestSupport.unit("docker-test-noimage", DockerTestSupport.model("micro"), 1.0, 1, 1, 60));
            assertThat(result.status()).isEqualTo(UnitResult.FAILED);
            assertThat(result.error()).contains("not found; build it with: ./sttbench image build");
        } finally {
            missing.close();
        }
    }

    @Test
    void anEngineThatDoesNotAnswerGivesOneLine(@TempDir Path dir) {
        String host = "unix://" + dir.resolve("no-engine.sock");
        DockerExecutor nowhere = new DockerExecutor(DockerSettings.defaults(() -> "x:y").withHost(host), l -> { });
        try {
            assertThatThrownBy(nowhere::checkReady)
                    .isInstanceOf(ExecutorUnavailableException.class)
                    .hasMessageStartingWith("Docker engine not reachable at " + host + ": ")
                    .hasMessageEndingWith("; start it or set sttbench.docker.host")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        } finally {
            nowhere.close();
        }
    }

    private static void assertNoContainersLeft(String runId) {
        List<Container> left = DockerTestSupport.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerExecutor.RUN_LABEL, runId)).exec();
        assertThat(left).isEmpty();
    }
}
