package org.sttbench.exec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Which sttbench instance made a container: a label whose value is derived from the inbox's path, set
 * once by {@code run} before anything is started. Containers outlive a killed orchestrator; the next
 * {@code run} on the same inbox removes the ones with its own label, and never touches containers of
 * other inboxes, other tools or other users of the engine. Without an inbox (bench, demo) no label is set.
 */
public final class InstanceLabel {
    public static final String KEY = "org.sttbench.instance";
    private static volatile String value;

    private InstanceLabel() {
    }

    /** The label value for an inbox: {@code i-} and 16 hex digits of the SHA-256 of its absolute path. */
    public static String of(Path inbox) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(inbox.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return "i-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    public static void set(String label) {
        value = label;
    }

    /** This process's label, once {@code run} has set it. */
    public static Optional<String> current() {
        return Optional.ofNullable(value);
    }

    /** Adds the label when this process has an instance. */
    public static void addTo(Map<String, String> labels) {
        String v = value;
        if (v != null) {
            labels.put(KEY, v);
        }
    }
}
