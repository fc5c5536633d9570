package org.sttbench.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * What the capacity and verify suites (and the traffic block they share with load) need from the rest of
 * the plan, which the schema cannot say.
 */
final class CapacityChecks {
    private CapacityChecks() {
    }

    static List<String> problems(Plan plan) {
        List<String> problems = new ArrayList<>();
        Plan.Suites s = plan.suites();
        Plan.Sla sla = plan.sla();
        if (s.capacity() != null && (sla == null || sla.p95LatencyMs() == null)) {
            problems.add("the capacity suite searches for the highest rate within sla.p95_latency_ms: add it to sla");
        }
        if (s.verify() != null) {
            if (s.capacity() == null) {
                problems.add("the verify suite checks a sizing from measured capacity: add the capacity suite");
            }
            if (sla == null || sla.targetRps() == null) {
                problems.add("the verify suite drives sla.target_rps: add it to sla");
            }
        }
        Plan.Capacity c = s.capacity();
        if (c != null && c.startRate() != null && c.maxRate() != null && c.startRate() > c.maxRate()) {
            problems.add("capacity.start_rate " + c.startRate() + " is above capacity.max_rate " + c.maxRate());
        }
        Plan.Traffic t = plan.traffic();
        if (t != null && s.load() == null && s.capacity() == null && s.verify() == null) {
            problems.add("traffic: applies to the load, capacity and verify suites, and the plan has none of them");
        }
        if (t != null && t.burstiness() != null && !"gamma".equals(t.arrival())) {
            problems.add("traffic.burstiness applies to arrival: gamma only (arrival is "
                    + (t.arrival() == null ? "constant" : t.arrival()) + ")");
        }
        return problems;
    }
}
