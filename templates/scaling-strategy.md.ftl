<#include "_header.md.ftl">
<#assign s = strategy>
<#assign pod = s.pod>
# Scaling strategy: ${run.plan_name}

<@runHeaderMd/>

How to run `${s.model}` from these measurements: the pod shape, scale up (more CPU per pod) or scale out
(more pods), how many pods the service level needs, and what it costs. The reasoning behind every rule is in
[the scaling strategy guide](${docs}/scaling-strategy.md).

## Recommendation

<#if s.decision??>
**${decisionText(s.decision.recommendation)}**<#if s.decision.smaller_pods> — with smaller pods</#if><#if s.decision.raise_memory && s.decision.recommendation != "RAISE_MEMORY"> — and raise the memory limit</#if>.

<#list s.decision.reasons as reason>
- ${reason}
</#list>
<#else>
No decision: the plan sets no `sla.p95_latency_ms`. Add an `sla` block (p95_latency_ms, target_rps) to the plan and re-render.
</#if>
<#assign meeting = s.shapes?filter(x -> x.sla_met!false)>
<#if meeting?has_content>
<#assign fastest = meeting?sort_by("p95_ms")?first>
<#assign cheapest = meeting?sort_by("monthly_cost")?first>
<#assign chosen = meeting?filter(x -> x.recommended)>

Ways to serve ${n2(s.sizing.target_rps)} RPS within the SLA, from the measured shapes:

- **fastest single request (scale up):** ${fastest.pods} pods × ${cpus(fastest.cpus)} CPUs, p95 ${ms(fastest.p95_ms)} ms per request, ${money(fastest.monthly_cost)} ${s.prices.currency} a month
<#if chosen?has_content>
- **recommended pod:** ${chosen?first.pods} pods × ${cpus(chosen?first.cpus)} CPUs, p95 ${ms(chosen?first.p95_ms)} ms per request, ${money(chosen?first.monthly_cost)} ${s.prices.currency} a month
</#if>
- **cheapest (scale out):** ${cheapest.pods} pods × ${cpus(cheapest.cpus)} CPUs, p95 ${ms(cheapest.p95_ms)} ms per request, ${money(cheapest.monthly_cost)} ${s.prices.currency} a month
</#if>

## The pod

| setting | value | how it was derived |
|---|---:|---|
| CPU request = limit | ${cpus(pod.cpus)} | ${pod.cpus_source} |
| whisper.cpp threads | ${pod.threads} | ${pod.threads_source} |
| memory request = limit | ${pod.memory_mb?string("0")} MiB | ${pod.memory_source} |
| service time (mean) | ${ms(pod.service_ms)} ms | ${pod.service_source} |
| service time (p95) | ${ms(pod.service_p95_ms)} ms | same measurement |
| real-time factor | ${f3(pod.rtf)} | same measurement |
| capacity | ${f2(pod.rps_per_pod)} RPS | 1000 / mean service time, one request at a time |

<#if s.shapes?has_content>
## Scale up or scale out

Every measured CPU count as a pod shape<#if s.sizing??>, sized for ${n2(s.sizing.target_rps)} RPS within a p95 of ${ms(s.sizing.sla_p95_ms)} ms</#if>.
Bigger pods answer each request faster (scale up); smaller pods are cheaper per core when cores scale poorly (scale out).

| CPUs per pod | mean latency (ms) | p95 (ms) | efficiency | memory (MiB) | pods | total CPUs | predicted p95 (ms) | SLA met | monthly cost (${s.prices.currency}) |
|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|
<#list s.shapes as x>
| ${cpus(x.cpus)}<#if x.recommended> (recommended)</#if> | ${ms(x.latency_ms)} | ${ms(x.p95_ms)} | <#if x.efficiency??>${pct(x.efficiency)}<#else>-</#if> | ${x.memory_mb?string("0")} | <#if x.pods??>${x.pods}<#else>-</#if> | <#if x.total_cpus??>${cpus(x.total_cpus)}<#else>-</#if> | <#if x.predicted_p95_ms??>${ms(x.predicted_p95_ms)}<#else>-</#if> | <#if x.sla_met??>${yesno(x.sla_met)}<#else>-</#if> | <#if x.monthly_cost??>${money(x.monthly_cost)}<#else>-</#if> |
</#list>

<#if charts.strategy_shapes??>
![${charts.strategy_shapes.title}](${charts.strategy_shapes.file})

</#if>
</#if>
<#if s.sizing??>
<#assign z = s.sizing>
## Sizing for ${n2(z.target_rps)} RPS at p95 ≤ ${ms(z.sla_p95_ms)} ms

| figure | value | formula |
|---|---:|---|
| capacity per pod | ${f2(z.rps_per_pod)} RPS | slots × 1000 / service ms |
| offered load | ${f2(z.offered_load)} Erlangs | target RPS × service s |
| pods for throughput | ${z.pods_by_throughput} | ceil(${n2(z.target_rps)} / (${f2(z.rps_per_pod)} × ${n2(s.utilization_target)})) |
| pods for the SLA | <#if z.pods_by_sla??>${z.pods_by_sla}<#else>cannot be met</#if> | fewest pods whose predicted p95 ≤ SLA (Erlang C) |
| **pods** | **${z.pods}** | the larger of the two |
| total CPUs / memory | ${cpus(z.total_cpus)} CPUs / ${z.total_memory_mb?string("0")} MiB | pods × pod |
| expected utilization | ${pct(z.expected_utilization)} | offered load / pods |
| probability of waiting | ${pct(z.probability_of_waiting)} | Erlang C |
| predicted p95 | ${ms(z.predicted_p95_ms)} ms (<#if z.sla_met>meets<#else>**misses**</#if> the SLA) | ${z.method} |

<#list z.notes as note>
- Note: ${note}
</#list>
</#if>
<#if s.traffic?has_content>
## By traffic level

The cheapest measured shape that meets the SLA at each level<#if s.costs?has_content> (by monthly cost)</#if>.

| level | RPS | requests / day | pods | CPUs per pod | total CPUs | predicted p95 (ms) | utilization | SLA met | monthly cost (${s.prices.currency}) |
|---|---:|---:|---:|---:|---:|---:|---:|---|---:|
<#list s.traffic as t>
| ${t.level} | ${n2(t.rps)} | ${(t.rps * 86400)?string("0")} | ${t.pods} | ${cpus(t.cpus_per_pod)} | ${cpus(t.total_cpus)} | ${ms(t.predicted_p95_ms)} | ${pct(t.expected_utilization)} | ${yesno(t.sla_met)} | <#if t.monthly_cost??>${money(t.monthly_cost)}<#else>-</#if> |
</#list>
</#if>
<#if s.costs?has_content>

## Cost

Prices: ${s.prices.per_core_hour} ${s.prices.currency} per core-hour, ${s.prices.per_gib_hour} ${s.prices.currency} per GiB-hour,
${n2(s.prices.hours_per_month)} hours a month (set `sttbench.price.core-hour`, `sttbench.price.gib-hour`,
`sttbench.price.currency` and re-render with `sttbench report`).

| option | pods | CPUs per pod | memory per pod (GiB) | total CPUs | per hour | per month |
|---|---:|---:|---:|---:|---:|---:|
<#list s.costs as c>
| ${c.name} | ${c.pods} | ${cpus(c.cpus_per_pod)} | ${f2(c.memory_gib_per_pod)} | ${cpus(c.total_cpus)} | ${money(c.hourly_cost)} | ${money(c.monthly_cost)} |
</#list>
</#if>
<#if s.cost_per_thousand_audio_minutes??>

Transcribing 1000 minutes of audio on the recommended pod, busy ${pct(s.utilization_target)} of the time, costs about
**${money(s.cost_per_thousand_audio_minutes)} ${s.prices.currency}**.
</#if>

## Kubernetes

<#if s.replicas??>
- HPA: **${s.replicas.min} to ${s.replicas.max} replicas**, scaling at ${(s.thresholds.cpu_utilization * 100)?string("0")}% average CPU. ${s.replicas.derivation}.
</#if>
<#list k8s_files as f>
- [${f}](${f})
</#list>

<#include "_verified_sizing.md.ftl">
## Thresholds used

| threshold | value | meaning |
|---|---:|---|
| CPU utilization | ${pct(s.thresholds.cpu_utilization)} | above it pods count as saturated: scale out (also the HPA target) |
| efficiency | ${pct(s.thresholds.efficiency)} | at the next core count, from which scaling up pays |
| memory | ${pct(s.thresholds.memory)} | peak / limit from which memory must be raised |
| latency headroom | ${pct(s.thresholds.latency_headroom)} | share of the SLA a single request must leave for queueing |
| utilization target | ${pct(s.utilization_target)} | share of pod capacity sizing plans for |

<#list s.notes as note>
- Note: ${note}
</#list>

_Generated by sttbench from `results.json` at ${generated_at}._
