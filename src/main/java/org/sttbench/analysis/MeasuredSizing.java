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
        double modelLoad = targetRps / plan.pods();
        String why = "The model plans from one request's service time (" + Checks.fmt(queueing.serviceMs())
                + " ms alone, so " + Checks.fmt(round(modelRps)) + " req/s per pod at 100% busy) and an M/M/c wait;"
                + " the search measured " + Checks.fmt(round(sustainableRpsPerPod)) + " req/s per pod within the SLA. ";
        if (plan.pods() == pods) {
            why += "Both give " + pods + " pod(s).";
        } else if (plan.pods() < pods) {
            why += "The model's " + plan.pods() + " pod(s) would each take " + Checks.fmt(round(modelLoad))
                    + " req/s, more than the measured " + Checks.fmt(round(sustainableRpsPerPod * utilization))
                    + " req/s at the same utilization target: under load a request is slower than alone (requests"
                    + " compete for the pod's cores and memory bandwidth) or the SLA binds before the pod is busy, and"
                    + " the model sees neither. The measured " + pods + " pod(s) rest on what was observed.";
        } else {
            why += "The model's " + plan.pods() + " pod(s) would each take only " + Checks.fmt(round(modelLoad))
                    + " req/s, where the pod was measured to hold " + Checks.fmt(round(sustainableRpsPerPod))
                    + ": the model is pessimistic here (service times vary less than its exponential wait assumes, or"
                    + " the pod overlaps requests), so the measured " + pods + " pod(s) suffice.";
        }
        return new MeasuredSizing(targetRps, slaP95Ms, utilization, sustainableRpsPerPod, pods, plan.pods(), round(modelRps),
                round(plan.predictedP95Ms()), plan.method(), why);
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
