package org.sttbench.audio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures decode time per file (first call in this JVM, then the median of warm calls). Not a test:
 * the numbers go into docs/audio.md. Run from the project folder:
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.sttbench.audio.DecodeBenchmark [ROUNDS] [FILES...]
 * </pre>
 * Without files it decodes every audio file in test_audio/.
 */
public final class DecodeBenchmark {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            files.add(Path.of(args[i]));
        }
        if (files.isEmpty()) {
            try (Stream<Path> s = Files.list(Path.of("test_audio"))) {
                s.filter(p -> !p.toString().endsWith(".txt") && !p.toString().endsWith(".sh")
                                && !p.toString().endsWith(".md"))
                        .sorted().forEach(files::add);
            }
        }
        AudioDecoder decoder = new AudioDecoder();
        System.out.printf(Locale.ROOT, "%-24s %-5s %9s %9s %10s %10s%n", "file", "fmt", "KB", "audio_s", "first_ms", "warm_ms");
        for (Path f : files) {
            DecodedAudio first = decoder.decode(f);
            double[] warm = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                warm[r] = decoder.decode(f).decodeMs();
            }
            Arrays.sort(warm);
            System.out.printf(Locale.ROOT, "%-24s %-5s %9d %9.3f %10.1f %10.1f%n", f.getFileName(), first.format(),
                    Files.size(f) / 1024, first.durationS(), first.decodeMs(), rounds == 0 ? Double.NaN : warm[rounds / 2]);
        }
    }
}
