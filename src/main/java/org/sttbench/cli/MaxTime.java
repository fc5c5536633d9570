package org.sttbench.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sttbench.BadInputException;

/** The time bound of {@code run --once}: ISO-8601 (PT6H) or a number with s, m or h (90m). */
final class MaxTime {
    static final String PROPERTY = "sttbench.once.max-time";
    static final String DEFAULT = "PT6H";
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([smh])");

    private MaxTime() {
    }

    /** --max-time takes the same forms as the property. */
    static final class Converter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parse(value, "--max-time");
        }
    }

    static Duration parse(String text, String setting) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        Duration d = null;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } else {
            try {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        if (d == null || d.isNegative() || d.isZero()) {
            throw new BadInputException("invalid " + setting + " '" + text + "': give a positive duration such as PT6H,"
                    + " 90m, 2h or 45s");
        }
        return d;
    }
}
