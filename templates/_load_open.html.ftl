<#assign o = load.open>
<p>Requests sent to <code>${load.target!"the service"}</code> on a schedule (open model, ${o.arrival} arrivals, seed ${o.seed?c}): one stage per offered rate, each ${n2(o.stages[0].planned_duration_s)} s.
Latency counts from each request's <b>intended</b> send time, so a queue in front of the service shows; a request is good when ${o.good_rule}.</p>
<table class="load">
<tr><th>offered (req/s)</th><th>scheduled</th><th>sent</th><th>dropped</th><th>late</th><th>throughput (req/s)</th><th>goodput (req/s)</th><th>good share</th><th>p50 (ms)</th><th>p95</th><th>p99</th><th>service p95</th><th>errors</th></tr>
<#list o.stages as s>
<tr><td>${rate(s.rate)}<#if s.rate == open_load.judged_rate> (judged)</#if></td><td>${s.scheduled}</td><td>${s.sent}</td><td>${s.dropped}</td><td>${s.late}</td><td>${f2(s.throughput_rps)}</td><td>${f2(s.goodput_rps)}</td><td>${pct(s.good_share)}</td><td>${ms(s.latency.p50_ms)}</td><td>${ms(s.latency.p95_ms)}</td><td>${ms(s.latency.p99_ms)}</td><td>${ms(s.service_latency.p95_ms)}</td><td><#if s.errors_by_cause?? && s.errors_by_cause?has_content><#list s.errors_by_cause as cause, count>${cause}: ${count}<#sep>, </#sep></#list><#else>none</#if><#if s.ended_early??> (ended early: ${s.ended_early})</#if></td></tr>
</#list>
</table>
<ul>
<#if run.plan.sla?? && run.plan.sla.p95_latency_ms??>
<li><b>SLA p95 ${ms(run.plan.sla.p95_latency_ms)} ms</b> holds up to <#if open_load.highest_within_sla??>${rate(open_load.highest_within_sla)} req/s offered<#else>none of the offered rates</#if>.</li>
</#if>
<li><b>Judged at ${rate(open_load.judged_rate)} req/s</b> (${open_load.judged_because}): the SLA checks (in the performance report and slo-junit.xml) read that stage.</li>
<#if open_load.generator_limited?has_content>
<li><b>Generator limit</b> at <#list open_load.generator_limited as r>${rate(r)}<#sep>, </#sep></#list> req/s: over 20% of the arrivals were sent late, so those stages measure sttbench, not the service.</li>
</#if>
</ul>
<#if charts.load_percentiles??>
<figure>${charts.load_percentiles.svg?no_esc}</figure>
<figure>${charts.load_rps.svg?no_esc}</figure>
</#if>
<p>Below saturation, throughput follows the offered rate and p95 stays flat. Past it, requests queue and p95 climbs;
goodput falling below throughput is latency turning bad. A gap between p95 (from the intended send) and the service p95
(from the actual send) is time the request waited in sttbench. See <a href="capacity.html">the capacity search</a>
for the highest rate that holds the SLA.</p>
