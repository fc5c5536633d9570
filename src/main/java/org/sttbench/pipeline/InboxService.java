package org.sttbench.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttbench.BadInputException;
import org.sttbench.HaltPoint;
import org.sttbench.audio.AudioDecoder;
import org.sttbench.audio.SpeechPresence;
import org.sttbench.plan.InvalidPlanException;
import org.sttbench.plan.Plan;
import org.sttbench.plan.PlanLoader;
import org.sttbench.results.StabilitySummary;

/**
 * Checks each dropped file on its own (a plan against the schema and its models and audio, a clip by
 * decoding it) and turns a batch of accepted files into runs: each plan runs, with the batch's audio
 * when it names none; audio dropped without a plan runs the default audio plan.
 */
public final class InboxService {
    private static final Logger LOG = LoggerFactory.getLogger(InboxService.class);
    public static final String STAMPED = "sttbenchStamped";
    /** tests slower than this are listed as slow in the stability answer */
    public static final double SLOW_TEST_SECONDS = 5.0;

    private final Settings settings;
    private final InboxFiles files;
    private final PlanLoader plans;
    private final RunJournal journal;
    private final InboxClassifier classifier;
    private final PlanPreparer preparer;
    private final AudioDecoder decoder;
    private final RunOutcomes outcomes;
    private final PrintStream console;
    private final AtomicInteger pending = new AtomicInteger();

    public InboxService(Settings settings, PlanPreparer preparer, AudioDecoder decoder, RunOutcomes outcomes,
                        PrintStream console, RunJournal journal, InboxClassifier.Limits limits) {
        this.settings = settings;
        this.files = new InboxFiles(settings);
        this.journal = journal;
        this.classifier = new InboxClassifier(settings, limits);
        this.plans = new PlanLoader(limits.maxPlanBytes());
        this.preparer = preparer;
        this.decoder = decoder;
        this.outcomes = outcomes;
        this.console = console;
    }

    /** The name the file will have under .processing/, .done/ or .error/. */
    public String stamp(@Header("CamelFileName") String fileName) {
        return files.stampedName(fileName);
    }

    /** The kind of input (PLAN, AUDIO, JUNIT, UNKNOWN), or a rejection when the file cannot be taken at all. */
    public String classify(@Header("CamelFilePath") String path, @Header("CamelFileName") String name) {
        return classifier.classify(Path.of(path), name).name();
    }

    public InboxItem acceptPlan(@Header("CamelFilePath") String path, @Header("CamelFileName") String name,
                                @ExchangeProperty(STAMPED) String stamped) {
        Path file = Path.of(path);
        Plan plan = plans.load(file);
        // models, globs, CPU counts: everything but the audio that may still arrive with it
        preparer.check(plan, file);
        return accepted(new InboxItem(InboxItem.Kind.PLAN, name, journal.processingDir().resolve(stamped), plan),
                "accepted plan " + name);
    }

    public InboxItem acceptAudio(@Header("CamelFilePath") String path, @Header("CamelFileName") String name,
                                 @ExchangeProperty(STAMPED) String stamped) {
        var clip = decoder.decode(Path.of(path));
        if (settings.requireSpeech()) {
            SpeechPresence.Result speech = SpeechPresence.analyze(clip.samples());
            if (!speech.speechLike()) {
                throw new BadInputException(name + ": " + speech.reason()
                        + "; to benchmark it anyway set sttbench.inbox.require-speech=false");
            }
        }
        return accepted(new InboxItem(InboxItem.Kind.AUDIO, name, journal.processingDir().resolve(stamped), null),
                String.format("accepted audio %s (%.1f s)", name, clip.durationS()));
    }

    /** A JUnit XML report (TEST-*.xml) of the service's own test suite: parsed now, summarised with its batch. */
    public InboxItem acceptTestReport(@Header("CamelFilePath") String path, @Header("CamelFileName") String name,
                                      @ExchangeProperty(STAMPED) String stamped) {
        StabilitySummary.read(List.of(Path.of(path)), SLOW_TEST_SECONDS);
        return accepted(new InboxItem(InboxItem.Kind.JUNIT, name, journal.processingDir().resolve(stamped), null),
                "accepted test report " + name);
    }

    private InboxItem accepted(InboxItem item, String message) {
        // killed here, the file is still in the inbox (it moves when its exchange completes): read again at start
        HaltPoint.reach("accepting");
        pending.incrementAndGet();
        console.println(message);
        return item;
    }

    /** Files of a kind sttbench does not take are rejected, not left lying in the inbox. */
    public void unsupported(@Header("CamelFileName") String name) {
        throw new BadInputException("unsupported file type: " + name + "; the inbox takes audio (wav, mp3, flac, ogg,"
                + " opus, m4a), run plans (*.plan.yaml, *.plan.json) and JUnit XML reports (TEST-*.xml)");
    }

    /** Writes the reason file beside the rejected input and tells the console, in one line. */
    public void reject(@Header("CamelFileName") String name, @ExchangeProperty(STAMPED) String stamped,
                       @ExchangeProperty("CamelExceptionCaught") Exception error) throws IOException {
        List<String> problems = error instanceof InvalidPlanException invalid ? invalid.problems()
                : List.of(error.getMessage() == null ? error.toString() : error.getMessage());
        String stampedName = stamped == null ? files.stampedName(name) : stamped;
        Path reason = files.writeReason(stampedName, name, problems);
        outcomes.rejected(name);
        String first = error instanceof BadInputException ? error.getMessage() : "failed: " + error;
        console.println("rejected " + name + ": " + first + " (see " + settings.inbox().relativize(reason) + ")");
        LOG.debug("rejected {}", name, error);
    }

    /** Accepted files not yet handed to a run: {@code run --once} waits for none. */
    public int pending() {
        return pending.get();
    }

    /**
     * One batch of accepted files becomes zero or more runs, written to the run journal before any is
     * queued. A plan that cannot run for want of audio is recorded as a failed run, so its file goes to
     * .error/ with the reason once the batch settles.
     */
    public List<RunRequest> toRuns(List<InboxItem> batch) throws IOException, InterruptedException {
        pending.addAndGet(-batch.size());
        // killed here (the batch window), the files lie in .processing/ with no journal entry: taken again at start
        HaltPoint.reach("batch-window");
        awaitMoved(batch);
        List<InboxItem> audioItems = batch.stream().filter(i -> i.kind() == InboxItem.Kind.AUDIO).toList();
        List<InboxItem> planItems = batch.stream().filter(i -> i.kind() == InboxItem.Kind.PLAN).toList();
        List<InboxItem> testItems = batch.stream().filter(i -> i.kind() == InboxItem.Kind.JUNIT).toList();
        List<String> audio = storedNames(audioItems);
        List<String> tests = storedNames(testItems);
        List<RunJournal.Run> planned = new ArrayList<>();
        List<RunRequest> requests = new ArrayList<>();
        for (InboxItem item : planItems) {
            String stored = item.stored().getFileName().toString();
            if (item.plan().audio() == null && audio.isEmpty()) {
                outcomes.rejected(item.name());
                console.println("rejected " + item.name() + ": no audio named and none dropped with it");
                planned.add(new RunJournal.Run(RunJournal.Source.PLAN, stored, List.of(), List.of(), RunJournal.State.FAILED,
                        null, 0, "no audio: the plan names none (audio: [...]) and none was dropped with it"));
                requests.add(null);
                continue;
            }
            planned.add(queued(RunJournal.Source.PLAN, stored, item.plan().audio() == null ? audio : List.of(), tests));
            requests.add(new RunRequest(item.plan(), item.stored(), paths(audioItems), item, paths(testItems)));
        }
        boolean audioUsed = planItems.stream().anyMatch(i -> i.plan().audio() == null);
        if (!audioUsed && !audio.isEmpty()) {
            // audio dropped alone, or beside plans that name their own: it still gets measured
            planned.add(queued(RunJournal.Source.DEFAULT_AUDIO, null, audio, tests));
            requests.add(new RunRequest(preparer.defaultAudioPlan(), null, paths(audioItems), null, paths(testItems)));
        }
        if (requests.stream().allMatch(Objects::isNull) && !tests.isEmpty()) {
            // test reports alone: a run with no measurements that answers "is it stable?"
            planned.add(queued(RunJournal.Source.STABILITY, null, List.of(), tests));
            requests.add(new RunRequest(PlanPreparer.stabilityPlan(), null, List.of(), null, paths(testItems)));
        }
        List<RunJournal.Input> inputs = batch.stream()
                .map(i -> new RunJournal.Input(i.name(), i.stored().getFileName().toString(), i.kind())).toList();
        RunJournal.Entry entry = journal.open(inputs, planned);
        List<RunRequest> runs = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i) != null) {
                runs.add(requests.get(i).withTicket(journal.ticket(entry.batch(), i)));
            }
        }
        return runs;
    }

    private static RunJournal.Run queued(RunJournal.Source source, String plan, List<String> audio, List<String> tests) {
        return new RunJournal.Run(source, plan, audio, tests, RunJournal.State.QUEUED, null, 0, null);
    }

    private static List<String> storedNames(List<InboxItem> items) {
        return items.stream().map(i -> i.stored().getFileName().toString()).toList();
    }

    private static List<Path> paths(List<InboxItem> items) {
        return items.stream().map(InboxItem::stored).toList();
    }

    /**
     * The file consumer moves each input to .processing/ when its own exchange completes, which may be just
     * after the batch closes; the journal must not name a file that is not there yet.
     */
    private static void awaitMoved(List<InboxItem> batch) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (InboxItem item : batch) {
            while (!Files.exists(item.stored(), LinkOption.NOFOLLOW_LINKS)
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
    }
}
