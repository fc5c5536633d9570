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
<h2>Sizing from measured capacity<#if vf.verdict??>, verified</#if></h2>
<#if sz??>
<table class="verified-sizing">
<tr><th></th><th>measured capacity</th><th>queueing model (Erlang C, ${szFrom})</th></tr>
<tr><td>capacity per pod (req/s)</td><td>${rate(sz.sustainable_rps_per_pod)} within the SLA</td><td><#if sz.queueing_rps_per_pod??>${rate(sz.queueing_rps_per_pod)} at 100% busy<#else>-</#if></td></tr>
<tr><td>pods for ${rate(sz.target_rps)} req/s</td><td><b>${sz.pods}</b> (at ${pct(sz.utilization)} utilization)</td><td><#if sz.queueing_pods??>${sz.queueing_pods}<#else>-</#if></td></tr>
<tr><td>predicted p95 (ms)</td><td><#if vf.predicted_p95_ms??>${ms(vf.predicted_p95_ms)} (capacity curve)<#else>-</#if></td><td><#if sz.queueing_p95_ms??>${ms(sz.queueing_p95_ms)}<#else>-</#if></td></tr>
</table>
<p>Why they differ: ${sz.explanation}</p>
</#if>
<#if vf.measured??>
<table class="verified-sizing">
<tr><th>verified sizing</th><th>predicted</th><th>measured</th></tr>
<tr><td>replicas</td><td>${vf.predicted_replicas}</td><td>${vf.replicas}<#if vf.scaled_down> (scaled down)</#if></td></tr>
<tr><td>rate (req/s)</td><td>${rate(vf.target_rps)}</td><td>${rate(vf.rate_rps)} offered, ${rate(vf.measured.throughput_rps)} completed</td></tr>
<tr><td>p95 (ms)</td><td><#if vf.predicted_p95_ms??>${ms(vf.predicted_p95_ms)}<#else>-</#if></td><td>${ms(vf.measured.p95_ms)}</td></tr>
<tr><td>goodput (req/s within ${ms(vf.sla_p95_ms)} ms)</td><td>${rate(vf.rate_rps)}</td><td>${rate(vf.measured.goodput_rps)}</td></tr>
<tr><td>errors</td><td>at most ${pct(vf.max_error_rate)}</td><td>${vf.measured.errors} (${pct(vf.measured.error_rate)}), ${vf.measured.dropped} dropped</td></tr>
</table>
</#if>
<#if vf.scale_note??><p>Scaled down: ${vf.scale_note}.</p></#if>
<#if vf.verdict??><p><b>Verdict: ${vf.verified?then("pass", "fail")}</b> — ${vf.verdict}.</p></#if>
</#if>
