package org.sttbench.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.sttbench.Json;

/**
 * The durable record of accepted inputs and the runs made of them. An accepted file lies in
 * {@code inbox/.processing/} until every run that uses it has ended; a batch's runs are written to
 * {@code .processing/journal/<batch>.json} before the first is queued, and each run's progress (its run
 * folder, finished, failed) is written as it happens, atomically. When the last run of a batch has ended
 * its inputs move to {@code .done/} (or to {@code .error/} with a reason, when every run that used
 * them failed) and the entry is deleted. What is left at start-up is what a killed process did not
 * finish: {@link RunRecovery} reads it.
 */
public final class RunJournal {
    public static final String PROCESSING = ".processing";
    static final String JOURNAL = "journal";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final AtomicLong COUNTER = new AtomicLong();

    /** A run's state: queued until it has a run folder, started, then finished or failed. */
    public enum State { QUEUED, STARTED, FINISHED, FAILED;
        boolean ended() {
            return this == FINISHED || this == FAILED;
        }
    }

    /**
     * What a run is made of: a dropped plan, the default audio plan, the stability-only plan, or the plan
     * of a schedule (its {@code plan} is then the plan file's absolute path, and the batch has no inputs).
     */
    public enum Source { PLAN, DEFAULT_AUDIO, STABILITY, SCHEDULE }

    /**
     * @param name   as dropped
     * @param stored its name under .processing/ (and later .done/ or .error/)
     * @param kind   plan, audio or junit
     */
    public record Input(String name, String stored, InboxItem.Kind kind) {
    }

    /**
     * @param plan     the stored name of the plan input, for {@link Source#PLAN}
     * @param audio    stored names of the dropped audio it uses
     * @param tests    stored names of the JUnit reports attached to it
     * @param runId    its run folder, once started
     * @param attempts how many times it was started again after an interruption
     * @param reason   why it failed
     */
    public record Run(Source source, String plan, List<String> audio, List<String> tests, State state, String runId,
                      int attempts, String reason) {
        Run with(State newState, String newRunId, int newAttempts, String newReason) {
            return new Run(source, plan, audio, tests, newState, newRunId, newAttempts, newReason);
        }
    }

    public record Entry(String batch, Instant created, List<Input> inputs, List<Run> runs) {
        boolean ended() {
            return runs.stream().allMatch(r -> r.state().ended());
        }
    }

    private final Settings settings;
    private final InboxFiles files;
    private final PrintStream console;

    public RunJournal(Settings settings, PrintStream console) {
        this.settings = settings;
        this.files = new InboxFiles(settings);
        this.console = console;
    }

    public Path processingDir() {
        return settings.inbox().resolve(PROCESSING);
    }

    Path journalDir() {
        return processingDir().resolve(JOURNAL);
    }

    /** Writes a new batch's entry; the runs may be queued once this returns. */
    public synchronized Entry open(List<Input> inputs, List<Run> runs) {
        String batch = STAMP.format(LocalDateTime.now()) + "-" + COUNTER.incrementAndGet();
        Entry entry = new Entry(batch, Instant.now(), List.copyOf(inputs), List.copyOf(runs));
        save(entry);
        settleIfEnded(entry);
        return entry;
    }

    /** A ticket for run {@code index} of the batch. */
    public RunTicket ticket(String batch, int index) {
        return new Ticket(batch, index);
    }

    /** Entries still on disk, oldest first. */
    public List<Entry> entries() {
        Path dir = journalDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                entries.add(Json.json().readValue(file.toFile(), Entry.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run journal in " + dir + ": " + e.getMessage(), e);
        }
        return entries;
    }

    /** Batches whose runs have not all ended: {@code run --once} is not done while there is one. */
    public int unfinished() {
        Path dir = journalDir();
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> list = Files.list(dir)) {
            return (int) list.filter(p -> p.getFileName().toString().endsWith(".json")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Changes run {@code index} of a batch and, when that was its last open run, settles the batch. */
    synchronized void update(String batch, int index, UnaryOperator<Run> change) {
        Entry entry = read(batch);
        if (entry == null) {
            return; // settled already: every run had ended
        }
        List<Run> runs = new ArrayList<>(entry.runs());
        Run changed = change.apply(runs.get(index));
        runs.set(index, changed);
        Entry updated = new Entry(entry.batch(), entry.created(), entry.inputs(), runs);
        save(updated);
        settleIfEnded(updated);
    }

    /** The entry, or null once its batch is settled. */
    Entry read(String batch) {
        if (!Files.exists(journalDir().resolve(batch + ".json"))) {
            return null;
        }
        try {
            return Json.json().readValue(journalDir().resolve(batch + ".json").toFile(), Entry.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run journal entry " + batch + ": " + e.getMessage(), e);
        }
    }

    /** Written to a temporary file, forced to disk, then renamed over the entry: a crash leaves the old or the new. */
    private void save(Entry entry) {
        try {
            Files.createDirectories(journalDir());
            Path target = journalDir().resolve(entry.batch() + ".json");
            Path temp = journalDir().resolve("." + entry.batch() + ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(Json.json().writeValueAsBytes(entry)));
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run journal in " + journalDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Once every run of the batch has ended: each input goes to .done/, or to .error/ with the reasons
     * when every run that used it failed; then the entry goes. Safe to repeat after a crash half-way.
     */
    synchronized void settleIfEnded(Entry entry) {
        if (!entry.ended()) {
            return;
        }
        try {
            for (Input input : entry.inputs()) {
                List<Run> users = entry.runs().stream().filter(r -> uses(r, input.stored())).toList();
                List<String> reasons = users.stream().filter(r -> r.state() == State.FAILED).map(Run::reason).distinct().toList();
                boolean failed = !users.isEmpty() && users.stream().allMatch(r -> r.state() == State.FAILED);
                Path from = processingDir().resolve(input.stored());
                if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // moved before a crash
                }
                if (failed) {
                    files.writeReason(input.stored(), input.name(), reasons);
                    moveInto(from, settings.errorDir());
                } else {
                    moveInto(from, settings.doneDir());
                }
            }
            Files.deleteIfExists(journalDir().resolve(entry.batch() + ".json"));
        } catch (IOException e) {
            console.println("could not move the inputs of batch " + entry.batch() + " out of " + processingDir() + ": "
                    + e.getMessage() + "; they stay there and are settled at the next start");
        }
    }

    private static boolean uses(Run run, String stored) {
        return stored.equals(run.plan()) || run.audio().contains(stored) || run.tests().contains(stored);
    }

    private static void moveInto(Path file, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.move(file, dir.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    private final class Ticket implements RunTicket {
        private final String batch;
        private final int index;

        Ticket(String batch, int index) {
            this.batch = batch;
            this.index = index;
        }

        @Override
        public String runId() {
            Entry entry = read(batch);
            return entry == null ? null : entry.runs().get(index).runId();
        }

        @Override
        public void started(String runId) {
            update(batch, index, r -> r.state().ended() ? r : r.with(State.STARTED, runId, r.attempts(), null));
        }

        @Override
        public void finished() {
            update(batch, index, r -> r.state().ended() ? r : r.with(State.FINISHED, r.runId(), r.attempts(), null));
        }

        @Override
        public void failed(String reason) {
            update(batch, index, r -> r.state().ended() ? r : r.with(State.FAILED, r.runId(), r.attempts(), reason));
        }
    }
}
