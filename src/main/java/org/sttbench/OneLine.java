package org.sttbench;

/**
 * Reasons shown to the user fit on one line (console, {@code .error} reason file, results, report), while
 * exception messages from libraries often span several. Every place that shortens one uses this.
 */
public final class OneLine {
    private OneLine() {
    }

    /** The first non-blank line of the exception's message, or its class name when it has none. */
    public static String of(Throwable t) {
        String message = t.getMessage();
        return firstLine(message, t.getClass().getSimpleName());
    }

    /** The first non-blank line of the innermost cause: the library's own words, not a wrapper's. */
    public static String ofRootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return of(root);
    }

    /** The first non-blank line, stripped; {@code fallback} when there is none. */
    public static String firstLine(String text, String fallback) {
        if (text != null) {
            for (String line : text.split("\\R")) {
                if (!line.isBlank()) {
                    return line.strip();
                }
            }
        }
        return fallback;
    }

    /** All lines joined by single spaces, for messages whose detail is on the later lines. */
    public static String joined(String text, String fallback) {
        return text == null ? fallback : text.replaceAll("\\s+", " ").trim();
    }
}
