package org.sttbench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Names and moves inbox files. Every processed file is kept: good ones under {@code .done/}, rejected
 * ones under {@code .error/} with a {@code .error} reason file beside them. Names carry a timestamp and a
 * counter so a file dropped twice under the same name never replaces the earlier one.
 */
public final class InboxFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final AtomicLong COUNTER = new AtomicLong();
    public static final String REASON_SUFFIX = ".error";

    private final Settings settings;

    public InboxFiles(Settings settings) {
        this.settings = settings;
    }

    /** A unique name for a file as it leaves the inbox, e.g. {@code 20261123-010203-7-nightly.plan.yaml}. */
    public String stampedName(String fileName) {
        return STAMP.format(LocalDateTime.now()) + "-" + COUNTER.incrementAndGet() + "-" + fileName;
    }

    /** The name a file was dropped as, from its stamped name; the stamped name itself when it has no stamp. */
    public static String originalName(String stampedName) {
        String name = stampedName.replaceFirst("^\\d{8}-\\d{6}-\\d+-", "");
        return name.isEmpty() ? stampedName : name;
    }

    /** Writes the reason file for a file the consumer is about to move to {@code .error/}. */
    public Path writeReason(String stampedName, String originalName, List<String> problems) throws IOException {
        Files.createDirectories(settings.errorDir());
        StringBuilder text = new StringBuilder();
        text.append(originalName).append(" was rejected:\n");
        for (String problem : problems) {
            text.append("- ").append(problem.replace("\n", " ")).append('\n');
        }
        Path reason = settings.errorDir().resolve(stampedName + REASON_SUFFIX);
        Files.writeString(reason, text.toString());
        return reason;
    }
}
