<#-- Sizing from measured capacity beside the queueing model, and the fleet that checked it (analysis.capacity, analysis.verify). -->
<#assign vf = (run.analysis.verify)!{}>
<#if measured_sizing??>
<#assign sz = measured_sizing><#assign szFrom = "service time from the latency measurements">
<#elseif vf.sizing??>
<#assign sz = vf.sizing><#assign szFrom = "service time from the lowest rate tried">
<#elseif (run.analysis.capacity.sizing)??>
<#assign sz = run.analysis.capacity.sizing><#assign szFrom = "service time from the lowest rate tried">
</#if>
<#if sz?? || vf.verdict??>
## Sizing from measured capacity<#if vf.verdict??>, verified</#if>

<#if sz??>
| | measured capacity | queueing model (Erlang C, ${szFrom}) |
|---|---:|---:|
| capacity per pod (req/s) | ${rate(sz.sustainable_rps_per_pod)} within the SLA | <#if sz.queueing_rps_per_pod??>${rate(sz.queueing_rps_per_pod)} at 100% busy<#else>-</#if> |
| pods for ${rate(sz.target_rps)} req/s | **${sz.pods}** (at ${pct(sz.utilization)} utilization) | <#if sz.queueing_pods??>${sz.queueing_pods}<#else>-</#if> |
| predicted p95 (ms) | <#if vf.predicted_p95_ms??>${ms(vf.predicted_p95_ms)} (capacity curve)<#else>-</#if> | <#if sz.queueing_p95_ms??>${ms(sz.queueing_p95_ms)}<#else>-</#if> |

Why they differ: ${sz.explanation}

</#if>
<#if vf.measured??>
| verified sizing | predicted | measured |
|---|---:|---:|
| replicas | ${vf.predicted_replicas} | ${vf.replicas}<#if vf.scaled_down> (scaled down)</#if> |
| rate (req/s) | ${rate(vf.target_rps)} | ${rate(vf.rate_rps)} offered, ${rate(vf.measured.throughput_rps)} completed |
| p95 (ms) | <#if vf.predicted_p95_ms??>${ms(vf.predicted_p95_ms)}<#else>-</#if> | ${ms(vf.measured.p95_ms)} |
| goodput (req/s within ${ms(vf.sla_p95_ms)} ms) | ${rate(vf.rate_rps)} | ${rate(vf.measured.goodput_rps)} |
| errors | at most ${pct(vf.max_error_rate)} | ${vf.measured.errors} (${pct(vf.measured.error_rate)}), ${vf.measured.dropped} dropped |

</#if>
<#if vf.scale_note??>
Scaled down: ${vf.scale_note}.

</#if>
<#if vf.verdict??>
**Verdict: ${vf.verified?then("pass", "fail")}** — ${vf.verdict}.

</#if>
</#if>
