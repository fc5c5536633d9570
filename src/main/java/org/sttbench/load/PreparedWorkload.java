package org.sttbench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A workload ready to send: every clip's multipart body encoded once (so the generator spends nothing per
 * request on it), its duration where known, and a seeded weighted sampler.
 */
public final class PreparedWorkload {
    /** Clip-length buckets results are split by: upper bounds in seconds. */
    private static final double[] BUCKET_EDGES = {5, 15, 30, 60};
    public static final String UNKNOWN_BUCKET = "unknown";

    /**
     * @param index     position in the workload
     * @param durationS audio seconds, null when unknown
     * @param bucket    the clip-length bucket, e.g. {@code 5-15s}
     */
    public record Clip(int index, String name, Path path, double weight, Double durationS, String bucket,
                       AudioPayload payload) {
    }

    private final List<Clip> clips;
    private final double[] cumulative;

    private PreparedWorkload(List<Clip> clips) {
        this.clips = List.copyOf(clips);
        this.cumulative = new double[clips.size()];
        double sum = 0;
        for (int i = 0; i < clips.size(); i++) {
            sum += clips.get(i).weight();
            cumulative[i] = sum;
        }
    }

    /** Encodes every clip with the spec's dialect; env resolves {@code ${VAR}} in form fields. */
    public static PreparedWorkload of(LoadSpec spec, Function<String, String> env, DurationProbe probe) {
        Map<String, String> fields = spec.api().resolvedFields(env);
        List<Workload.Clip> in = spec.workload().clips();
        List<Clip> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            Workload.Clip c = in.get(i);
            Double d = in.size() == 1 && spec.audioDurationS() != null ? spec.audioDurationS() : null;
            if (d == null && probe != null) {
                OptionalDouble probed = probe.durationSeconds(c.path());
                d = probed.isPresent() ? probed.getAsDouble() : null;
            }
            out.add(new Clip(i, c.path().getFileName().toString(), c.path(), c.weight(), d, bucketOf(d),
                    AudioPayload.of(c.path(), spec.api().fileField(), fields)));
        }
        return new PreparedWorkload(out);
    }

    public static String bucketOf(Double seconds) {
        if (seconds == null) {
            return UNKNOWN_BUCKET;
        }
        double lower = 0;
        for (double edge : BUCKET_EDGES) {
            if (seconds < edge) {
                return fmt(lower) + "-" + fmt(edge) + "s";
            }
            lower = edge;
        }
        return fmt(lower) + "s+";
    }

    private static String fmt(double v) {
        return String.valueOf((long) v);
    }

    public List<Clip> clips() {
        return clips;
    }

    public Clip clip(int index) {
        return clips.get(index);
    }

    /** One weighted draw. */
    public int sample(SplittableRandom random) {
        if (clips.size() == 1) {
            return 0;
        }
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length; i++) {
            if (x < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    /** n draws from a generator seeded with seed: the clip of request 0..n-1. */
    public int[] sequence(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = sample(random);
        }
        return out;
    }

    /** True when every clip's duration is known. */
    public boolean durationsKnown() {
        return clips.stream().allMatch(c -> c.durationS() != null);
    }
}
