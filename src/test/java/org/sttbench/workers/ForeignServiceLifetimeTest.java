package org.sttbench.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.exec.ForeignProcesses;
import org.sttbench.exec.InstanceLabel;

/** A foreign service started by the local fleet does not outlive the sttbench process that started it. */
class ForeignServiceLifetimeTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    /** Runs in a child JVM: starts one replica of the given command and waits to be killed. */
    public static void main(String[] args) throws Exception {
        InstanceLabel.set(args[1]);
        ServiceDefinition service = new ServiceDefinition("stand-in", null, args[0], List.of(), Map.of(), 8080,
                "/models", null, 200, Duration.ofSeconds(30), null, null, false);
        LocalWorkerFleet fleet = new LocalWorkerFleet(Path.of(args[0]), 1.0, Duration.ofSeconds(30), service, 1,
                url -> true);
        fleet.start(1);
        System.out.println("started");
        Thread.sleep(Long.MAX_VALUE);
    }

    @Test
    void serviceStopsWhenItsParentIsKilled() throws Exception {
        Path pids = tmp.resolve("pids");
        Path script = tmp.resolve("stand-in-service.sh");
        // a service that ignores its parent and has a child of its own, like a server with helpers
        Files.writeString(script, "#!/bin/sh\nsleep 600 &\necho \"$$ $!\" > '" + pids + ".tmp' && mv '" + pids + ".tmp' '"
                + pids + "'\nwait\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ForeignServiceLifetimeTest.class.getName(),
                script.toString(), "i-test-" + UUID.randomUUID())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (!Files.exists(pids) && System.nanoTime() < deadline && jvm.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(pids).as(Files.readString(tmp.resolve("child.log"))).exists();
            List<Long> started = Arrays.stream(Files.readString(pids).trim().split(" ")).map(Long::parseLong).toList();
            assertThat(started).hasSize(2).allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

            jvm.destroyForcibly();                       // SIGKILL: no shutdown hook runs
            assertThat(jvm.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();

            for (long pid : started) {
                assertThat(gone(pid)).as("pid %d still running %d s after its sttbench was killed", pid, BOUND.toSeconds())
                        .isTrue();
            }
        } finally {
            jvm.destroyForcibly();
        }
    }

    @Test
    void nextStartStopsLeftoversOfItsOwnInstanceOnly() throws Exception {
        String mine = "i-test-" + UUID.randomUUID();
        Process leftover = sleeper(mine);
        Process other = sleeper("i-test-" + UUID.randomUUID());
        try {
            List<String> stopped = ForeignProcesses.stopLeftovers(mine, Instant.now().plusSeconds(1));
            assertThat(stopped).singleElement().asString().contains("pid " + leftover.pid());
            assertThat(gone(leftover.pid())).isTrue();
            assertThat(other.isAlive()).isTrue();
            // started after the lock was taken: this process's own, left alone
            Process own = sleeper(mine);
            try {
                assertThat(ForeignProcesses.stopLeftovers(mine, Instant.now().minusSeconds(60))).isEmpty();
                assertThat(own.isAlive()).isTrue();
            } finally {
                own.destroyForcibly();
            }
        } finally {
            leftover.destroyForcibly();
            other.destroyForcibly();
        }
    }

    private static Process sleeper(String instance) throws Exception {
        ProcessBuilder b = new ProcessBuilder("sleep", "600");
        b.environment().put(ForeignProcesses.ENV, instance);
        return b.start();
    }

    private static boolean gone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
