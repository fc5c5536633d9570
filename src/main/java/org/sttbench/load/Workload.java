package org.sttbench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.sttbench.BadInputException;

/**
 * The clips a run uploads and how often each: every request samples one clip by weight from a seeded
 * random sequence, so a traffic mix is reproducible.
 *
 * @param clips at least one, every weight finite and above zero
 */
public record Workload(List<Clip> clips) {

    /** One clip of the mix; weights are relative (2 is sent twice as often as 1). */
    public record Clip(Path path, double weight) {
        public Clip {
            if (!(weight > 0) || !Double.isFinite(weight)) {
                throw new BadInputException("weight of clip " + path + " is " + weight
                        + ": weights must be above zero");
            }
        }
    }

    public Workload {
        clips = List.copyOf(clips);
        if (clips.isEmpty()) {
            throw new BadInputException("no audio clip given (pass --audio FILE or a folder of clips)");
        }
    }

    public static Workload single(Path audio) {
        return new Workload(List.of(new Clip(audio, 1)));
    }

    /**
     * Parses {@code PATH[:WEIGHT]} entries. A file must exist and be readable; a folder stands for every
     * readable audio file directly in it (weight applies to each), and must hold at least one.
     */
    public static Workload parse(List<String> entries) {
        List<Clip> clips = new ArrayList<>();
        for (String entry : entries == null ? List.<String>of() : entries) {
            String spec = entry.trim();
            double weight = 1;
            int colon = spec.lastIndexOf(':');
            if (colon > 0 && !Files.exists(Path.of(spec))) {
                String w = spec.substring(colon + 1).trim();
                try {
                    weight = Double.parseDouble(w);
                } catch (NumberFormatException e) {
                    throw new BadInputException("bad clip weight '" + w + "' in '" + spec
                            + "': expected PATH[:WEIGHT], e.g. short.wav:3");
                }
                spec = spec.substring(0, colon);
            }
            Path path = Path.of(spec);
            if (Files.isDirectory(path)) {
                List<Path> found = audioFilesIn(path);
                if (found.isEmpty()) {
                    throw new BadInputException("no readable audio clip in folder " + path);
                }
                for (Path p : found) {
                    clips.add(new Clip(p, weight));
                }
            } else {
                if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                    throw new BadInputException("audio file not found or not readable: " + path
                            + " (pass --audio FILE)");
                }
                clips.add(new Clip(path, weight));
            }
        }
        return new Workload(clips);
    }

    private static List<Path> audioFilesIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && Files.isReadable(p))
                    .filter(p -> !AudioPayload.contentTypeOf(p.getFileName().toString())
                            .equals("application/octet-stream"))
                    .filter(p -> sizeOf(p) > 0)
                    .sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("cannot list clip folder " + dir + ": " + e.getMessage());
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The first clip: what single-clip callers and reports name. */
    public Path first() {
        return clips.get(0).path();
    }
}
