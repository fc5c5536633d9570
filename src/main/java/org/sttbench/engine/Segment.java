package org.sttbench.engine;

/** One piece of transcript with its place in the clip. */
public record Segment(long startMs, long endMs, String text) {
}
