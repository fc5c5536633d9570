package org.sttbench.exec;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a child process (a benchmark worker, a served replica) stop when the sttbench process that
 * started it is gone, killed with SIGKILL included, which runs no shutdown hook and so cannot stop its
 * children itself. The parent puts its pid into {@value #ENV}; the child checks twice a second that
 * the process is still alive and halts when it is not (halt, not exit: a native whisper call in progress
 * would hold up an orderly exit).
 */
public final class ParentWatch {
    public static final String ENV = "STTBENCH_PARENT_PID";
    static final long PERIOD_MS = 500;

    private ParentWatch() {
    }

    /** What a parent adds to a child's environment. */
    public static void mark(Map<String, String> childEnvironment) {
        childEnvironment.put(ENV, Long.toString(ProcessHandle.current().pid()));
    }

    /** Starts watching when this process was started by sttbench; does nothing otherwise. */
    public static void startFromEnvironment() {
        String value = System.getenv(ENV);
        if (value == null || value.isBlank()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(pid);
        if (parent.isEmpty() || pid == ProcessHandle.current().pid()) {
            return;
        }
        // the start instant tells the parent from a later process that reuses its pid
        Optional<Instant> born = parent.get().info().startInstant();
        Thread watcher = new Thread(() -> {
            while (true) {
                Optional<ProcessHandle> now = ProcessHandle.of(pid);
                boolean alive = now.isPresent() && now.get().isAlive()
                        && (born.isEmpty() || born.equals(now.get().info().startInstant()));
                if (!alive) {
                    System.err.println("sttbench: the process that started this one (pid " + pid + ") is gone; stopping");
                    Runtime.getRuntime().halt(143);
                }
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "sttbench-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
