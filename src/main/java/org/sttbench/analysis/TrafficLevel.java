package org.sttbench.analysis;

/** A named traffic level to size for, such as low, medium, high or peak. */
public record TrafficLevel(String name, double rps) {
}
