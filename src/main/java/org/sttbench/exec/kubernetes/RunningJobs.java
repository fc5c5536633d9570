package org.sttbench.exec.kubernetes;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Jobs an executor has created and not yet deleted. While there are any, a JVM shutdown hook (Ctrl-C,
 * the SIGTERM a CronJob's deadline sends) deletes them, so a cancelled run leaves no Job measuring on.
 */
final class RunningJobs implements AutoCloseable {
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final Runnable cancel;
    private Thread hook;

    RunningJobs(Runnable cancel) {
        this.cancel = cancel;
    }

    /** Recorded before the create request goes out: a Job whose answer never came back is still deleted. */
    void started(String jobName) {
        names.add(jobName);
        synchronized (this) {
            if (hook == null) {
                hook = new Thread(cancel, "sttbench-delete-jobs");
                Runtime.getRuntime().addShutdownHook(hook);
            }
        }
    }

    void finished(String jobName) {
        names.remove(jobName);
    }

    List<String> running() {
        return List.copyOf(names);
    }

    @Override
    public synchronized void close() {
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook deletes the Jobs itself
            }
            hook = null;
        }
    }
}
