package org.sttbench.pipeline;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.LoggerFactory;

/**
 * Remembers, per schedule, the instant up to which its fire times were handled (fired, skipped or
 * reported missed) and the cron they were computed from, so a restart can tell which runs were missed
 * while sttbench was down. A changed cron starts afresh rather than reporting times the old one had.
 */
public final class ScheduleState {
    /** its name in {@code <inbox>/.state/} */
    public static final String FILE = "schedules.properties";
    private final Path file;
    private final Properties values = new Properties();

    public ScheduleState(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // an unreadable state file only costs the missed-run report of this start
                values.clear();
            }
        }
    }

    /** The instant handled up to, if recorded for this cron. */
    public synchronized Optional<Instant> handledUntil(Schedule schedule) {
        String cron = values.getProperty(schedule.name() + ".cron");
        String until = values.getProperty(schedule.name() + ".handled-until");
        if (until == null || !schedule.cron().equals(cron)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(until));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public synchronized void handled(Schedule schedule, Instant until) {
        values.setProperty(schedule.name() + ".cron", schedule.cron());
        values.setProperty(schedule.name() + ".handled-until", until.toString());
        save();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp)) {
                values.store(out, "sttbench schedules: fire times handled up to (written by sttbench run)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // not fatal: the next start may then miss reporting a missed run
            LoggerFactory.getLogger(ScheduleState.class).warn("cannot write {}: {}", file, e.getMessage());
        }
    }
}
