package org.sttbench.analysis;

/**
 * Pods for a target rate from a measured sustainable rate per pod, next to the queueing-model (Erlang C)
 * estimate from the service time, and why the two differ.
 *
 * @param sustainableRpsPerPod the highest rate one pod held within the SLA (a capacity search)
 * @param pods                 ceil(target / (sustainable x utilization)), at least 1
 * @param queueingPods         the M/M/c plan's pods (null without a service time to plan from)
 * @param queueingRpsPerPod    slots x 1000 / service ms: the model's capacity of one pod at 100% busy
 * @param queueingP95Ms        the model's predicted p95 at its pod count
 * @param explanation          one paragraph: which is larger and the likely reason
 */
public record MeasuredSizing(double targetRps, double slaP95Ms, double utilization, double sustainableRpsPerPod,
                             int pods, Integer queueingPods, Double queueingRpsPerPod, Double queueingP95Ms,
                             String queueingMethod, String explanation) {

    /** @param queueing the service-time input for the Erlang C plan, null when there is none */
    public static MeasuredSizing of(double targetRps, double slaP95Ms, double utilization, double sustainableRpsPerPod,
                                    SizingInput queueing) {
        Checks.positive(sustainableRpsPerPod, "sustainable rps per pod");
        int pods = CapacityMath.podsFromMeasuredCapacity(targetRps, sustainableRpsPerPod, utilization);
        if (queueing == null) {
            return new MeasuredSizing(targetRps, slaP95Ms, utilization, sustainableRpsPerPod, pods, null, null, null,
                    null, "no service time was measured, so there is no queueing-model estimate to compare with");
        }
        SizingPlan plan = Sizing.plan(queueing);
        double modelRps = queueing.rpsPerPod();
        double ratio = sustainableRpsPerPod / modelRps;
        String why;
        if (plan.pods() == pods) {
            why = "both give " + pods + " pod(s)";
        } else {
            why = "measured capacity gives " + pods + " pod(s), the queueing model " + plan.pods();
        }
        why += ". The model plans from one request's service time (" + Checks.fmt(queueing.serviceMs()) + " ms, so "
                + Checks.fmt(round(modelRps)) + " req/s per pod at 100% busy) with an M/M/c wait; the search measured "
                + Checks.fmt(round(sustainableRpsPerPod)) + " req/s within the SLA (" + Checks.fmt(Math.round(ratio * 100))
                + "% of the model's figure). ";
        if (ratio > 1.05) {
            why += "A pod does more under load than one request alone suggests: it overlaps requests (several slots or"
                    + " spare cores) or its service time varies less than the model's exponential assumption.";
        } else if (ratio < 0.95 * utilization) {
            why += "Under load each request is slower than alone (requests compete for the pod's cores and memory"
                    + " bandwidth), or the SLA binds well before the pod is fully busy; the model does not see either.";
        } else {
            why += "The difference is the headroom: the model keeps its own utilization and wait margins, the measured"
                    + " figure already includes the queueing the SLA allows.";
        }
        return new MeasuredSizing(targetRps, slaP95Ms, utilization, sustainableRpsPerPod, pods, plan.pods(), round(modelRps),
                round(plan.predictedP95Ms()), plan.method(), why);
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
