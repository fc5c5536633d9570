package org.sttbench.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainConfigurationProperties;
import org.sttbench.BadInputException;
import org.sttbench.plan.Plan;
import org.sttbench.plan.PlanLoader;

/**
 * Starts the Camel pipeline: routes from {@code <home>/routes/*.camel.yaml}, beans from
 * {@link PipelineBeans}, settings from application.properties plus the command line's overrides.
 */
public final class PipelineApp implements AutoCloseable {
    static final String INBOX_ROUTES_FILE = "inbox.camel.yaml";
    /**
     * Set to "true" in the overrides by {@code run} without --once: only then are schedules installed and the
     * health and metrics endpoints served, so bench, demo and once runs bind no port.
     */
    public static final String SERVICE = "sttbench.service";

    private final Main main;

    private PipelineApp(Main main) {
        this.main = main;
    }

    /**
     * @param home      the installation folder (routes/, templates/, plans/)
     * @param overrides settings that win over application.properties, e.g. sttbench.inbox
     * @param watchInbox start the inbox routes
     */
    public static PipelineApp start(Path home, Map<String, String> overrides, boolean watchInbox) throws Exception {
        return start(home, overrides, watchInbox, System.out);
    }

    /** As {@link #start(Path, Map, boolean)}, with messages for the user going to {@code console}. */
    public static PipelineApp start(Path home, Map<String, String> overrides, boolean watchInbox, PrintStream console)
            throws Exception {
        Main main = new Main();
        main.bind(PipelineBeans.CONSOLE, console);
        configure(main.configure(), home);
        main.addOverrideProperty("sttbench.home", home.toAbsolutePath().toString());
        overrides.forEach(main::addOverrideProperty);
        if (!Boolean.parseBoolean(overrides.get(SERVICE))) {
            main.addOverrideProperty("camel.management.enabled", "false");
        }
        if (!watchInbox) {
            // bench runs only the plan it is given: the inbox routes are not even loaded
            main.configure().withRoutesExcludePattern("**/" + INBOX_ROUTES_FILE);
        }
        try {
            main.start();
        } catch (Exception e) {
            // a bad setting or a busy inbox found while starting is bad input: say it in one line, exit 2
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BadInputException bad) {
                    stopQuietly(main);
                    throw bad;
                }
            }
            stopQuietly(main);
            throw e;
        }
        return new PipelineApp(main);
    }

    /** The beans and routes of the pipeline; route tests configure their Camel Main with this too. */
    public static void configure(MainConfigurationProperties configuration, Path home) {
        configuration.addConfiguration(PipelineBeans.class);
        // the inbox's start (lock, recovery) before the schedules: recovered runs queue ahead of the first firing
        configuration.addConfiguration(InboxConfiguration.class);
        configuration.addConfiguration(OpsConfiguration.class);
        configuration.withRoutesIncludePattern("file:" + home.resolve("routes").toAbsolutePath() + "/*.camel.yaml");
        // nothing on the classpath is scanned for routes: the YAML files are the routes
        configuration.withBasePackageScanEnabled(false);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public RunOutcomes outcomes() {
        return context().getRegistry().lookupByNameAndType("outcomes", RunOutcomes.class);
    }

    public Settings settings() {
        return context().getRegistry().lookupByNameAndType("settings", Settings.class);
    }

    /** Loads and checks a plan file; throws a one-line BadInputException when it cannot run. */
    public Plan checkPlan(Path planFile) {
        Plan plan = new PlanLoader().load(planFile);
        PlanPreparer preparer = context().getRegistry().lookupByNameAndType("preparer", PlanPreparer.class);
        preparer.check(plan, planFile.toAbsolutePath());
        return plan;
    }

    /** Runs one plan file through the run route and waits for it. */
    public void runPlan(Path planFile) {
        Plan plan = checkPlan(planFile);
        try (ProducerTemplate producer = context().createProducerTemplate()) {
            producer.requestBody("seda:runs?waitForTaskToComplete=Always&timeout=0",
                    new RunRequest(plan, planFile.toAbsolutePath(), List.of(), null, List.of()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until every file in the inbox has been taken, every batch has run and nothing is in flight,
     * or until the time bound passes.
     *
     * @return true when the inbox was processed, false on timeout
     */
    public boolean awaitInboxProcessed(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        InboxService inbox = context().getRegistry().lookupByNameAndType("inbox", InboxService.class);
        RunJournal journal = context().getRegistry().lookupByNameAndType("journal", RunJournal.class);
        int quietChecks = 0;
        while (System.nanoTime() < deadline) {
            // a batch in the run journal has runs queued or under way, including runs started again at start-up
            boolean idle = !hasWaitingFiles(settings().inbox()) && inbox.pending() == 0
                    && context().getInflightRepository().size() == 0 && journal.unfinished() == 0;
            quietChecks = idle ? quietChecks + 1 : 0;
            // idle twice in a row, a poll apart: a file that appeared between checks has been seen
            if (quietChecks >= 3) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    static boolean hasWaitingFiles(Path inbox) {
        if (!Files.isDirectory(inbox)) {
            return false;
        }
        try (Stream<Path> files = Files.list(inbox)) {
            return files.anyMatch(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith("."));
        } catch (IOException e) {
            return false;
        }
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM). */
    public void awaitShutdown() throws InterruptedException {
        Object lock = new Object();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (lock) {
                lock.notifyAll();
            }
        }));
        synchronized (lock) {
            lock.wait();
        }
    }

    @Override
    public void close() {
        stopQuietly(main);
    }

    private static void stopQuietly(Main main) {
        try {
            main.stop();
        } catch (Exception e) {
            // stopping is best effort: the process is about to exit
        }
    }
}
