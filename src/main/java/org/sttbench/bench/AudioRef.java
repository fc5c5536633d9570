package org.sttbench.bench;

/** The clip a measurement was made on. */
public record AudioRef(String name, String format, double durationS) {
}
