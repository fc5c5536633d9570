package org.sttbench.engine;

/**
 * The whisper.cpp thread count in use and why, so a result can be checked against the CPU limit.
 *
 * @param threads    threads per transcription
 * @param cpuLimit   effective CPU limit seen when the engine loaded
 * @param derivation e.g. "explicit --threads 2" or "cgroup v1 quota 100000/100000 us = 1.00 CPU -> 1 thread"
 */
public record ThreadChoice(int threads, double cpuLimit, String derivation) {
}
