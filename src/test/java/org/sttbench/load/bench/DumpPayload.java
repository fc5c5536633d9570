package org.sttbench.load.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.sttbench.load.AudioPayload;

/** Benchmark helper: writes the exact multipart body and its Content-Type that sttbench load would send. */
public final class DumpPayload {
    private DumpPayload() {
    }

    public static void main(String[] args) throws Exception {
        AudioPayload p = AudioPayload.of(Path.of(args[0]), null, null, null);
        Files.write(Path.of(args[1]), p.body());
        Files.writeString(Path.of(args[1] + ".type"), p.contentType());
    }
}
