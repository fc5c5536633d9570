package org.sttbench.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * whisper.cpp's own {@code whisper-server} and {@code whisper-bench}, built by bench/whisper-cpp.sh (never
 * committed). Found through the system property {@code sttbench.whisper-cpp.bin} or the environment variable
 * STTBENCH_WHISPER_CPP_BIN (the folder the script prints), else the script's cache folder. Tests skip without
 * them on a developer machine and fail in CI, where .ci/run builds them and sets STTBENCH_REQUIRE_WHISPER_CPP.
 */
public final class WhisperCpp {
    private WhisperCpp() {
    }

    public static Path server() {
        return binary("whisper-server");
    }

    public static Path bench() {
        return binary("whisper-bench");
    }

    private static Path binary(String name) {
        Path found = candidates(name);
        if (System.getenv("STTBENCH_REQUIRE_WHISPER_CPP") != null && found == null) {
            throw new IllegalStateException("STTBENCH_REQUIRE_WHISPER_CPP is set but " + name
                    + " was not found: run bench/whisper-cpp.sh and set STTBENCH_WHISPER_CPP_BIN to the folder it prints");
        }
        assumeTrue(found != null, name + " not built: run bench/whisper-cpp.sh to run this test");
        return found;
    }

    private static Path candidates(String name) {
        String configured = System.getProperty("sttbench.whisper-cpp.bin", System.getenv("STTBENCH_WHISPER_CPP_BIN"));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured).resolve(name);
            return Files.isExecutable(p) ? p : null;
        }
        String cache = System.getenv("XDG_CACHE_HOME") != null ? System.getenv("XDG_CACHE_HOME")
                : System.getProperty("user.home") + "/.cache";
        Path p = Path.of(cache, "sttbench", "whisper.cpp-1.9.1", "bin", name);
        return Files.isExecutable(p) ? p : null;
    }
}
