package org.sttbench.capacity;

/** How one search step went, judged in this order: the first that applies wins. */
public enum Verdict {
    /** nothing answered: every request was refused or timed out without a response */
    DOWN("down"),
    /** every request that went out failed */
    ALL_ERRORS("all_errors"),
    /** arrivals were dropped because the in-flight cap was reached: the server fell far behind */
    DROPPED("dropped"),
    /** the generator sent too many requests late: its own limit, not the server's */
    GENERATOR_LIMIT("generator_limit"),
    /** more requests failed than the error budget allows */
    ERRORS("errors"),
    /** the steady p95 is above the SLA */
    SLA_MISSED("sla_missed"),
    /** latency rose window after window: the queue grows, the SLA would break given time */
    SATURATED("saturated"),
    MET("met");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
