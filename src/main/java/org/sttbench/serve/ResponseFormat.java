package org.sttbench.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/** The response_format values of the OpenAI transcription API and how each renders a transcription. */
public enum ResponseFormat {
    JSON("application/json"), TEXT("text/plain; charset=utf-8"), VERBOSE_JSON("application/json"),
    SRT("application/x-subrip; charset=utf-8"), VTT("text/vtt; charset=utf-8");

    private final String contentType;

    ResponseFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** Null for a value the API does not know. */
    public static ResponseFormat parse(String value) {
        if (value == null || value.isBlank()) {
            return JSON;
        }
        for (ResponseFormat f : values()) {
            if (f.name().equalsIgnoreCase(value.trim())) {
                return f;
            }
        }
        return null;
    }

    public String render(ServedTranscription t) {
        return switch (this) {
            case JSON -> {
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                o.put("text", t.text());
                yield o.toString();
            }
            case TEXT -> t.text();
            case VERBOSE_JSON -> verbose(t);
            case SRT -> cues(t.segments(), true);
            case VTT -> "WEBVTT\n\n" + cues(t.segments(), false);
        };
    }

    private static String verbose(ServedTranscription t) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("task", "transcribe");
        o.put("language", t.language());
        o.put("duration", Math.round(t.durationS() * 1000) / 1000.0);
        o.put("text", t.text());
        ArrayNode segments = o.putArray("segments");
        int id = 0;
        long clipMs = Math.round(t.durationS() * 1000);
        for (ServedTranscription.Segment s : t.segments()) {
            ObjectNode seg = segments.addObject();
            // whisper.cpp run without timestamp tokens can report offsets outside the clip; clients expect them within
            long start = clamp(s.startMs(), 0, clipMs);
            long end = clamp(s.endMs(), start, clipMs);
            seg.put("id", id++);
            seg.put("start", start / 1000.0);
            seg.put("end", end / 1000.0);
            seg.put("text", s.text());
        }
        return o.toString();
    }

    private static long clamp(long v, long lo, long hi) {
        return hi <= lo ? lo : Math.max(lo, Math.min(hi, v));
    }

    private static String cues(List<ServedTranscription.Segment> segments, boolean srt) {
        StringBuilder b = new StringBuilder();
        int id = 1;
        for (ServedTranscription.Segment s : segments) {
            if (srt) {
                b.append(id++).append('\n');
            }
            b.append(time(s.startMs(), srt)).append(" --> ").append(time(s.endMs(), srt)).append('\n')
                    .append(s.text().strip()).append("\n\n");
        }
        return b.toString();
    }

    private static String time(long ms, boolean srt) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d%s%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
                srt ? "," : ".", ms % 1000);
    }
}
