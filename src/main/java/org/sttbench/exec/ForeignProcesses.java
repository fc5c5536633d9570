package org.sttbench.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Ties a foreign service process (one sttbench did not write, such as whisper.cpp's server, so it cannot
 * run {@link ParentWatch}) to the sttbench process that starts it.
 *
 * <p>The command runs under a small {@code sh} wrapper. A background part of the wrapper reads the
 * standard input that sttbench holds open and never writes; the kernel closes it when sttbench dies,
 * however it dies, and the reader then stops the service's process group (SIGTERM, SIGKILL a few seconds
 * later). A pipe, unlike polling a pid, cannot be fooled by pid reuse. The service runs with
 * {@code setsid} in a group of its own, so its children go with it, and it keeps the wrapper's pid (exec
 * all the way), so CPU figures taken from that pid stay the service's.
 *
 * <p>If the wrapper itself is killed, the service carries {@value #ENV} with the instance label in its
 * environment; the next start on the same inbox finds such processes and stops them ({@link #stopLeftovers}).
 */
public final class ForeignProcesses {
    public static final String ENV = "STTBENCH_INSTANCE";
    static final int GRACE_SECONDS = 3;

    private static final String SCRIPT = "exec 3<&0; "
            // explicit redirection: an asynchronous list in a non-interactive shell would otherwise read /dev/null
            + "( cat >/dev/null; kill -TERM -$$ 2>/dev/null || kill -TERM $$ 2>/dev/null; i=0; "
            // the watcher ends as soon as the service has, and kills it after the grace period if it has not
            + "while kill -0 $$ 2>/dev/null && [ $i -lt " + GRACE_SECONDS * 10 + " ]; do sleep 0.1; i=$((i+1)); done; "
            + "kill -KILL -$$ 2>/dev/null || kill -KILL $$ 2>/dev/null ) <&3 >/dev/null 2>&1 & "
            + "exec 3<&-; "
            + "if command -v setsid >/dev/null 2>&1; then exec setsid \"$@\" </dev/null; else exec \"$@\" </dev/null; fi";

    private ForeignProcesses() {
    }

    /**
     * The command wrapped so that it dies with this process; the caller must leave the child's standard
     * input a pipe ({@link ProcessBuilder}'s default) and may close it to stop the service.
     */
    public static List<String> wrap(List<String> command, Map<String, String> childEnvironment) {
        InstanceLabel.current().ifPresent(label -> childEnvironment.put(ENV, label));
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c", SCRIPT, "sttbench-service"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Stops the processes of this user that carry {@code instance} in {@value #ENV} and started before
     * {@code before}: services a killed earlier sttbench on the same inbox left running. Called while the
     * inbox lock is held, so no live sttbench owns them.
     *
     * @return a short description of each process stopped
     */
    public static List<String> stopLeftovers(String instance, Instant before) {
        byte[] marker = ("\0" + ENV + "=" + instance + "\0").getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).filter(pid -> pid != self)
                    .forEach(pid -> {
                        Optional<ProcessHandle> h = ProcessHandle.of(pid);
                        if (h.isPresent() && carries(pid, marker)
                                && h.get().info().startInstant().map(s -> s.isBefore(before)).orElse(false)) {
                            found.add(h.get());
                        }
                    });
        } catch (IOException | RuntimeException e) {
            return List.of();                            // no /proc (not Linux): nothing can be found this way
        }
        List<String> stopped = new ArrayList<>();
        for (ProcessHandle h : found) {
            String what = h.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("process")
                    + " (pid " + h.pid() + ")";
            h.destroy();
            try {
                h.onExit().get(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
            stopped.add(what);
        }
        return stopped;
    }

    private static boolean carries(long pid, byte[] marker) {
        byte[] env;
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            env = new byte[raw.length + 2];              // leading and trailing NUL: the first and last entries match too
            System.arraycopy(raw, 0, env, 1, raw.length);
        } catch (IOException | RuntimeException e) {
            return false;                                // another user's process, or gone meanwhile
        }
        outer:
        for (int i = 0; i + marker.length <= env.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (env[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
