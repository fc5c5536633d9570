package org.sttbench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sttbench.BadInputException;

/**
 * What a dropped file is, from its name alone: the one list of the kinds the inbox takes and the names
 * that mark them. Also what can be refused before a byte is parsed: an empty file, a plan or report
 * larger than its limit, a symbolic link that leads out of the folders sttbench may read.
 */
public final class InboxClassifier {
    /** The kinds of input, each with the name endings (lower case) that mark it. */
    public enum Kind {
        PLAN(List.of(".plan.yaml", ".plan.yml", ".plan.json")),
        AUDIO(List.of(".wav", ".mp3", ".flac", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".mp4")),
        /** JUnit XML reports as Maven and Gradle name them: TEST-*.xml */
        JUNIT(List.of(".xml")),
        UNKNOWN(List.of());

        private final List<String> endings;

        Kind(List<String> endings) {
            this.endings = endings;
        }

        boolean matches(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (this == JUNIT && !name.startsWith("TEST-")) {
                return false;
            }
            return endings.stream().anyMatch(lower::endsWith);
        }
    }

    /**
     * @param maxPlanBytes     plans larger than this are refused unread
     * @param maxTestReportBytes JUnit XML reports larger than this are refused unread
     */
    public record Limits(long maxPlanBytes, long maxTestReportBytes) {
        public static final Limits DEFAULT = new Limits(2L << 20, 16L << 20);
    }

    private final Settings settings;
    private final Limits limits;

    public InboxClassifier(Settings settings, Limits limits) {
        this.settings = settings;
        this.limits = limits;
    }

    public static Kind kindOf(String name) {
        for (Kind kind : Kind.values()) {
            if (kind.matches(name)) {
                return kind;
            }
        }
        return Kind.UNKNOWN;
    }

    /** The file's kind, or a BadInputException naming why it cannot be taken at all. */
    public Kind classify(Path file, String name) {
        Kind kind = kindOf(name);
        if (Files.isSymbolicLink(file)) {
            checkLinkTarget(file, name);
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot read its size (" + e.getMessage() + ")", e);
        }
        if (size == 0) {
            throw new BadInputException(name + " is empty (0 bytes)");
        }
        long limit = kind == Kind.PLAN ? limits.maxPlanBytes() : kind == Kind.JUNIT ? limits.maxTestReportBytes() : -1;
        if (limit >= 0 && size > limit) {
            String key = kind == Kind.PLAN ? "sttbench.inbox.max-plan-bytes" : "sttbench.inbox.max-test-report-bytes";
            throw new BadInputException(name + " is " + size + " bytes; a " + (kind == Kind.PLAN ? "plan" : "test report")
                    + " may have at most " + limit + " (" + key + ")");
        }
        return kind;
    }

    /** A link in the inbox may point into the inbox, the installation or the audio roots, nowhere else. */
    private void checkLinkTarget(Path link, String name) {
        Path target;
        try {
            target = link.toRealPath();
        } catch (IOException e) {
            throw new BadInputException(name + " is a symbolic link to nothing that can be read (" + e.getMessage() + ")", e);
        }
        List<Path> allowed = new ArrayList<>();
        allowed.add(settings.inbox());
        allowed.add(settings.home());
        allowed.addAll(settings.audioRoots());
        for (Path root : allowed) {
            try {
                if (target.startsWith(root.toRealPath()) && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
            } catch (IOException e) {
                // a root that does not exist holds nothing
            }
        }
        throw new BadInputException(name + " is a symbolic link to " + target + ", outside the allowed folders "
                + allowed + " (sttbench.audio.roots adds folders)");
    }
}
