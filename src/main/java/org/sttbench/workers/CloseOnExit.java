package org.sttbench.workers;

/**
 * Runs a fleet's close when the JVM exits (Ctrl-C, SIGTERM) while the fleet is up, so replicas are
 * removed even when a run is interrupted; disarmed once the fleet has closed normally.
 */
final class CloseOnExit {
    private final String name;
    private final Runnable close;
    private Thread hook;

    CloseOnExit(String name, Runnable close) {
        this.name = name;
        this.close = close;
    }

    synchronized void arm() {
        if (hook == null) {
            hook = new Thread(close, name);
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    synchronized void disarm() {
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs close itself
            }
            hook = null;
        }
    }
}
