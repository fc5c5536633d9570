<#-- Sizing from measured capacity, checked on a fleet (analysis.capacity and analysis.verify). -->
<#if run.analysis.verify??>
<#assign vf = run.analysis.verify>
## Sizing from measured capacity, verified

<#if vf.sizing??>
<#assign sz = vf.sizing>
| | measured capacity | queueing model (Erlang C) |
|---|---:|---:|
| capacity per pod (req/s) | ${n2(sz.sustainable_rps_per_pod)} within the SLA | <#if sz.queueing_rps_per_pod??>${n2(sz.queueing_rps_per_pod)} at 100% busy<#else>-</#if> |
| pods for ${n2(sz.target_rps)} req/s | **${sz.pods}** (at ${pct(sz.utilization)} utilization) | <#if sz.queueing_pods??>${sz.queueing_pods}<#else>-</#if> |
| predicted p95 (ms) | <#if vf.predicted_p95_ms??>${ms(vf.predicted_p95_ms)}<#else>-</#if> (capacity curve) | <#if sz.queueing_p95_ms??>${ms(sz.queueing_p95_ms)}<#else>-</#if> |

Why they differ: ${sz.explanation}

</#if>
<#if vf.measured??>
| verified sizing | predicted | measured |
|---|---:|---:|
| replicas | ${vf.predicted_replicas} | ${vf.replicas}<#if vf.scaled_down> (scaled down)</#if> |
| rate (req/s) | ${n2(vf.target_rps)} | ${n2(vf.rate_rps)} offered, ${n2(vf.measured.throughput_rps)} completed |
| p95 (ms) | <#if vf.predicted_p95_ms??>${ms(vf.predicted_p95_ms)}<#else>-</#if> | ${ms(vf.measured.p95_ms)} |
| goodput (req/s within ${ms(vf.sla_p95_ms)} ms) | ${n2(vf.rate_rps)} | ${n2(vf.measured.goodput_rps)} |
| errors | at most ${pct(vf.max_error_rate)} | ${vf.measured.errors} (${pct(vf.measured.error_rate)}), ${vf.measured.dropped} dropped |

</#if>
<#if vf.scale_note??>
Scaled down: ${vf.scale_note}.

</#if>
**${vf.verified?then("Sizing verified", "Sizing not verified")}:** ${vf.verdict}.

</#if>
