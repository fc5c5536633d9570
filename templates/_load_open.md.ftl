<#assign o = load.open>
Requests sent to `${load.target!"the service"}` on a schedule (open model, ${o.arrival} arrivals, seed ${o.seed?c}): one stage per offered rate, each ${n2(o.stages[0].planned_duration_s)} s.
Latency counts from each request's **intended** send time, so a queue in front of the service shows; a request is good when ${o.good_rule}.

| offered (req/s) | scheduled | sent | dropped | late | throughput (req/s) | goodput (req/s) | good share | p50 (ms) | p95 | p99 | service p95 | errors |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|
<#list o.stages as s>
| ${rate(s.rate)}<#if s.rate == open_load.judged_rate> (judged)</#if> | ${s.scheduled} | ${s.sent} | ${s.dropped} | ${s.late} | ${f2(s.throughput_rps)} | ${f2(s.goodput_rps)} | ${pct(s.good_share)} | ${ms(s.latency.p50_ms)} | ${ms(s.latency.p95_ms)} | ${ms(s.latency.p99_ms)} | ${ms(s.service_latency.p95_ms)} | <#if s.errors_by_cause?? && s.errors_by_cause?has_content><#list s.errors_by_cause as cause, count>${cause}: ${count}<#sep>, </#sep></#list><#else>none</#if><#if s.ended_early??> (ended early: ${s.ended_early})</#if> |
</#list>

<#if run.plan.sla?? && run.plan.sla.p95_latency_ms??>
- **SLA p95 ${ms(run.plan.sla.p95_latency_ms)} ms** holds up to <#if open_load.highest_within_sla??>${rate(open_load.highest_within_sla)} req/s offered<#else>none of the offered rates</#if>.
</#if>
- **Judged at ${rate(open_load.judged_rate)} req/s** (${open_load.judged_because}): the SLA checks (in the performance report and slo-junit.xml) read that stage.
<#if open_load.generator_limited?has_content>
- **Generator limit** at <#list open_load.generator_limited as r>${rate(r)}<#sep>, </#sep></#list> req/s: over 20% of the arrivals were sent late, so those stages measure sttbench, not the service. Lower the rate or run the generator on a bigger machine.
</#if>

<#if charts.load_percentiles??>
![${charts.load_percentiles.title}](${charts.load_percentiles.file})

![${charts.load_rps.title}](${charts.load_rps.file})
</#if>

## How to read this

- Below saturation, throughput follows the offered rate and p95 stays flat. Past it, requests queue and
  p95 climbs with every second of the stage; goodput falling below throughput is latency turning bad.
- p95 counts from the intended send time, the service p95 from the actual send: a gap between them is
  time the request waited in sttbench (sent late, the in-flight limit reached), which a closed-loop tool
  would not show.
- A stage is only as long as its plan; the windows in `results.json` show whether it was steady.
- See [the capacity search](capacity.md) for the highest rate that holds the SLA, found by bisection.

