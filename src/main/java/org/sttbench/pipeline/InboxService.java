package org.sttbench.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.sttbench.BadInputException;
import org.sttbench.audio.AudioDecoder;
import org.sttbench.audio.SpeechPresence;
import org.sttbench.plan.InvalidPlanException;
import org.sttbench.plan.Plan;
import org.sttbench.plan.PlanLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private final PlanLoader plans = new PlanLoader();
    private final PlanPreparer preparer;
    private final AudioDecoder decoder;
    private final RunOutcomes outcomes;
    private final java.io.PrintStream console;
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();

    public InboxService(Settings settings, PlanPreparer preparer, AudioDecoder decoder, RunOutcomes outcomes,
                        java.io.PrintStream console) {
        this.settings = settings;
        this.files = new InboxFiles(settings);
        this.preparer = preparer;
        this.decoder = decoder;
        this.outcomes = outcomes;
        this.console = console;
    }

    /** The name the file will have under .done/ or .error/. */
    public String stamp(@Header("CamelFileName") String fileName) {
        return files.stampedName(fileName);
    }

    public InboxItem acceptPlan(@Header("CamelFilePath") String path, @Header("CamelFileName") String name,
                                @ExchangeProperty(STAMPED) String stamped) {
        Path file = Path.of(path);
        Plan plan = plans.load(file);
        // models, globs, CPU counts: everything but the audio that may still arrive with it
        preparer.check(plan, file);
        pending.incrementAndGet();
        console.println("accepted plan " + name);
        return new InboxItem(InboxItem.Kind.PLAN, name, settings.doneDir().resolve(stamped), plan);
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
        pending.incrementAndGet();
        console.printf("accepted audio %s (%.1f s)%n", name, clip.durationS());
        return new InboxItem(InboxItem.Kind.AUDIO, name, settings.doneDir().resolve(stamped), null);
    }

    /** A JUnit XML report (TEST-*.xml) of the service's own test suite: parsed now, summarised with its batch. */
    public InboxItem acceptTestReport(@Header("CamelFilePath") String path, @Header("CamelFileName") String name,
                                      @ExchangeProperty(STAMPED) String stamped) {
        StabilitySummary.read(List.of(Path.of(path)), SLOW_TEST_SECONDS);
        pending.incrementAndGet();
        console.println("accepted test report " + name);
        return new InboxItem(InboxItem.Kind.JUNIT, name, settings.doneDir().resolve(stamped), null);
    }

    /** Files of a kind sttbench does not take are rejected, not left lying in the inbox. */
    public void unsupported(@Header("CamelFileName") String name) {
        throw new BadInputException("unsupported file type: " + name + "; the inbox takes audio (wav, mp3, flac, ogg,"
                + " opus, m4a) and run plans (*.plan.yaml, *.plan.json)");
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

    /** One batch of accepted files becomes zero or more runs. */
    public List<RunRequest> toRuns(List<InboxItem> batch) throws IOException {
        pending.addAndGet(-batch.size());
        List<Path> audio = batch.stream().filter(i -> i.kind() == InboxItem.Kind.AUDIO).map(InboxItem::stored).toList();
        List<InboxItem> planItems = batch.stream().filter(i -> i.kind() == InboxItem.Kind.PLAN).toList();
        List<Path> tests = batch.stream().filter(i -> i.kind() == InboxItem.Kind.JUNIT).map(InboxItem::stored).toList();
        List<RunRequest> runs = new ArrayList<>();
        for (InboxItem item : planItems) {
            if (item.plan().audio() == null && audio.isEmpty()) {
                files.rejectStored(item, List.of("no audio: the plan names none (audio: [...]) and none was dropped with it"));
                outcomes.rejected(item.name());
                console.println("rejected " + item.name() + ": no audio named and none dropped with it");
                continue;
            }
            runs.add(new RunRequest(item.plan(), item.stored(), audio, item, tests));
        }
        boolean audioUsed = planItems.stream().anyMatch(i -> i.plan().audio() == null);
        if (!audioUsed && !audio.isEmpty()) {
            // audio dropped alone, or beside plans that name their own: it still gets measured
            runs.add(new RunRequest(preparer.defaultAudioPlan(), null, audio, null, tests));
        }
        if (runs.isEmpty() && !tests.isEmpty()) {
            // test reports alone: a run with no measurements that answers "is it stable?"
            runs.add(new RunRequest(PlanPreparer.stabilityPlan(), null, List.of(), null, tests));
        }
        return runs;
    }
}
