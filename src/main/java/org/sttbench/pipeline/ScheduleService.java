package org.sttbench.pipeline;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttbench.BadInputException;
import org.sttbench.OneLine;
import org.sttbench.plan.Plan;
import org.sttbench.plan.PlanLoader;

/**
 * What a schedule does when it fires: load and check its plan, and hand the run to the pipeline unless
 * its previous run is still queued or running (then the firing is skipped and said so, never queued a
 * second time). A plan that cannot run is reported in one line and the schedule stays: the next firing
 * tries again, so a fixed plan file is picked up without a restart. Fire times nobody was there to fire
 * (sttbench was down, or Quartz could not fire in time) are reported as missed.
 */
public final class ScheduleService {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleService.class);
    /** The header carrying the schedule's name from its Quartz route to {@link #fire}. */
    public static final String HEADER = "sttbenchSchedule";

    /** What a schedule has done since start; exported as metrics. */
    public static final class Stats {
        final AtomicLong fired = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        final AtomicLong missed = new AtomicLong();
        final AtomicLong errors = new AtomicLong();

        public long fired() {
            return fired.get();
        }

        /** firings dropped because the previous run was still queued or running */
        public long skipped() {
            return skipped.get();
        }

        /** fire times that passed without a firing: downtime or Quartz misfires */
        public long missed() {
            return missed.get();
        }

        /** firings whose plan could not run */
        public long errors() {
            return errors.get();
        }
    }

    private final Settings settings;
    private final PlanPreparer preparer;
    private final ScheduleState state;
    private final PrintStream console;
    private final Clock clock;
    private final PlanLoader loader = new PlanLoader();
    private final Map<String, Schedule> schedules = new ConcurrentHashMap<>();
    private final Map<String, Stats> stats = new ConcurrentHashMap<>();
    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();
    private final RunJournal journal;

    public ScheduleService(Settings settings, PlanPreparer preparer, ScheduleState state, PrintStream console,
                           Clock clock, Collection<Schedule> schedules) {
        this(settings, preparer, state, console, clock, schedules, null);
    }

    /** @param journal where each scheduled run is recorded before it is queued, so a kill cannot lose it; null: not recorded */
    public ScheduleService(Settings settings, PlanPreparer preparer, ScheduleState state, PrintStream console,
                           Clock clock, Collection<Schedule> schedules, RunJournal journal) {
        this.journal = journal;
        this.settings = settings;
        this.preparer = preparer;
        this.state = state;
        this.console = console;
        this.clock = clock;
        use(schedules);
    }

    /** Sets the schedules; the pipeline does so once at start, when every setting is known. */
    public void use(Collection<Schedule> list) {
        schedules.clear();
        for (Schedule s : list) {
            schedules.put(s.name(), s);
            stats.putIfAbsent(s.name(), new Stats());
        }
    }

    public List<Schedule> schedules() {
        return schedules.values().stream().sorted(Comparator.comparing(Schedule::name)).toList();
    }

    public Stats stats(String name) {
        return stats.get(name);
    }

    public boolean inProgress(String name) {
        return inProgress.contains(name);
    }

    /**
     * The Quartz route's step: the run to queue, or null when the firing is skipped or its plan cannot run.
     * The run's completion (success or failure) is tied to the exchange, which seda hands over to the run.
     */
    public RunRequest fire(@Header(HEADER) String name, Exchange exchange) {
        RunRequest request = prepare(name);
        if (request != null) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    finished(name);
                }
            });
        }
        return request;
    }

    /** Marks the schedule's run in progress and returns it; null when skipped or when the plan cannot run. */
    public RunRequest prepare(String name) {
        Schedule schedule = schedules.get(name);
        if (schedule == null) {
            LOG.error("schedule {} fired but is not configured", name);
            return null;
        }
        Stats counts = stats.get(name);
        state.handled(schedule, clock.instant());
        if (!inProgress.add(name)) {
            counts.skipped.incrementAndGet();
            say(false, "schedule " + name + ": skipped: previous " + name + " run still in progress");
            return null;
        }
        try {
            Path file = schedule.planFile(settings.plans());
            if (!file.toFile().isFile()) {
                throw new BadInputException("plan file not found: " + file + "; put it in the plans folder or fix "
                        + ScheduleConfig.PREFIX + name + ".plan");
            }
            Plan plan = loader.load(file);
            if (plan.audio() == null) {
                throw new BadInputException(file.getFileName() + " names no audio; a scheduled run needs audio: [...]"
                        + " in the plan (nothing is dropped with it)");
            }
            preparer.check(plan, file);
            counts.fired.incrementAndGet();
            console.println("schedule " + name + ": queued plan " + file.getFileName());
            LOG.info("schedule {}: queued plan {}", name, file);
            RunRequest request = new RunRequest(plan, file, List.of(), null, List.of());
            if (journal != null) {
                // like an inbox run: the next start runs it again or records it as interrupted
                RunJournal.Entry entry = journal.open(List.of(), List.of(new RunJournal.Run(RunJournal.Source.SCHEDULE,
                        file.toAbsolutePath().toString(), List.of(), List.of(), RunJournal.State.QUEUED, null, 0, null)));
                request = request.withTicket(journal.ticket(entry.batch(), 0));
            }
            return request;
        } catch (RuntimeException e) {
            inProgress.remove(name);
            counts.errors.incrementAndGet();
            String reason = e instanceof BadInputException ? e.getMessage() : "failed: " + e;
            say(true, "schedule " + name + ": plan " + schedule.plan() + " cannot run: " + OneLine.joined(reason, ""));
            LOG.debug("schedule {} failed", name, e);
            return null;
        }
    }

    /** The schedule's run is over (finished, failed or dropped): the next firing may start one. */
    public void finished(String name) {
        inProgress.remove(name);
    }

    /**
     * At start: reports fire times that passed while sttbench was not running, and says whether the
     * schedule wants one catch-up run for them.
     */
    public boolean checkMissedSinceLastStart(String name) {
        Schedule schedule = schedules.get(name);
        Instant now = clock.instant();
        boolean catchUp = false;
        var since = state.handledUntil(schedule);
        if (since.isPresent()) {
            MissedRuns missed = MissedRuns.between(schedule, since.get(), now);
            if (missed.any()) {
                stats.get(name).missed.addAndGet(missed.count());
                String when = missed.count() == 1 ? "due " + missed.first()
                        : "due from " + missed.first() + " to " + missed.last();
                catchUp = schedule.catchUp();
                say(false, "schedule " + name + ": missed " + missed.count() + " run(s) while sttbench was not running ("
                        + when + ")" + (catchUp ? "; catching up with one run now" : "; set "
                        + ScheduleConfig.PREFIX + name + ".catch-up = true to run once on start instead"));
            }
        }
        state.handled(schedule, now);
        return catchUp;
    }

    /** Quartz could not fire in time (the JVM was suspended, or overloaded): the run is skipped, and said so. */
    public void misfired(String name, Instant due) {
        Stats counts = stats.get(name);
        if (counts == null) {
            return;
        }
        counts.missed.incrementAndGet();
        say(false, "schedule " + name + ": missed the run due at " + due
                + " (Quartz misfire: sttbench was suspended or too busy to fire it); waiting for the next fire time");
    }

    /** At stop: everything up to now has been handled, so the next start reports only what it missed. */
    public void stopped() {
        Instant now = clock.instant();
        schedules.values().forEach(s -> state.handled(s, now));
    }

    private void say(boolean error, String line) {
        if (error) {
            LOG.error(line);
        } else {
            LOG.warn(line);
        }
        console.println(line);
    }

}
