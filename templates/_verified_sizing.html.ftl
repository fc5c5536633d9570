<#-- Sizing from measured capacity, checked on a fleet (analysis.capacity and analysis.verify). -->
<#if run.analysis.verify??>
<#assign vf = run.analysis.verify>
<h2>Sizing from measured capacity, verified</h2>
<#if vf.sizing??>
<#assign sz = vf.sizing>
<table class="verified-sizing">
<tr><th></th><th>measured capacity</th><th>queueing model (Erlang C)</th></tr>
<tr><td>capacity per pod (req/s)</td><td>${n2(sz.sustainable_rps_per_pod)} within the SLA</td><td><#if sz.queueing_rps_per_pod??>${n2(sz.queueing_rps_per_pod)} at 100% busy<#else>-</#if></td></tr>
<tr><td>pods for ${n2(sz.target_rps)} req/s</td><td><b>${sz.pods}</b> (at ${pct(sz.utilization)} utilization)</td><td><#if sz.queueing_pods??>${sz.queueing_pods}<#else>-</#if></td></tr>
<tr><td>predicted p95 (ms)</td><td><#if vf.predicted_p95_ms??>${ms(vf.predicted_p95_ms)}<#else>-</#if> (capacity curve)</td><td><#if sz.queueing_p95_ms??>${ms(sz.queueing_p95_ms)}<#else>-</#if></td></tr>
</table>
<p>Why they differ: ${sz.explanation}</p>
</#if>
<#if vf.measured??>
<table class="verified-sizing">
<tr><th>verified sizing</th><th>predicted</th><th>measured</th></tr>
<tr><td>replicas</td><td>${vf.predicted_replicas}</td><td>${vf.replicas}<#if vf.scaled_down> (scaled down)</#if></td></tr>
<tr><td>rate (req/s)</td><td>${n2(vf.target_rps)}</td><td>${n2(vf.rate_rps)} offered, ${n2(vf.measured.throughput_rps)} completed</td></tr>
<tr><td>p95 (ms)</td><td><#if vf.predicted_p95_ms??>${ms(vf.predicted_p95_ms)}<#else>-</#if></td><td>${ms(vf.measured.p95_ms)}</td></tr>
<tr><td>goodput (req/s within ${ms(vf.sla_p95_ms)} ms)</td><td>${n2(vf.rate_rps)}</td><td>${n2(vf.measured.goodput_rps)}</td></tr>
<tr><td>errors</td><td>at most ${pct(vf.max_error_rate)}</td><td>${vf.measured.errors} (${pct(vf.measured.error_rate)}), ${vf.measured.dropped} dropped</td></tr>
</table>
</#if>
<#if vf.scale_note??><p>Scaled down: ${vf.scale_note}.</p></#if>
<p><b>${vf.verified?then("Sizing verified", "Sizing not verified")}:</b> ${vf.verdict}.</p>
</#if>
