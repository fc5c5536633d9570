<#include "_header.html.ftl">
<#assign s = strategy>
<#assign pod = s.pod>
<@htmlHead title="Scaling strategy: ${run.plan_name}"/>
<h1>Scaling strategy: ${run.plan_name}</h1>
<@runHeaderHtml/>
<p>How to run <code>${s.model}</code> from these measurements: the pod shape, scale up (more CPU per pod) or scale out
(more pods), how many pods the service level needs, and what it costs. The reasoning behind every rule is in
<a href="${docs}/scaling-strategy.md">the scaling strategy guide</a>.</p>
<h2>Recommendation</h2>
<#if s.decision??>
<p class="answer"><b>${decisionText(s.decision.recommendation)}</b><#if s.decision.smaller_pods> — with smaller pods</#if><#if s.decision.raise_memory && s.decision.recommendation != "RAISE_MEMORY"> — and raise the memory limit</#if>.</p>
<ul><#list s.decision.reasons as reason><li>${reason}</li></#list></ul>
<#else>
<p>No decision: the plan sets no <code>sla.p95_latency_ms</code>.</p>
</#if>
<#assign meeting = s.shapes?filter(x -> x.sla_met!false)>
<#if meeting?has_content>
<#assign fastest = meeting?sort_by("p95_ms")?first>
<#assign cheapest = meeting?sort_by("monthly_cost")?first>
<#assign chosen = meeting?filter(x -> x.recommended)>
<p>Ways to serve ${n2(s.sizing.target_rps)} RPS within the SLA, from the measured shapes:</p>
<ul>
<li><b>fastest single request (scale up):</b> ${fastest.pods} pods × ${cpus(fastest.cpus)} CPUs, p95 ${ms(fastest.p95_ms)} ms per request, ${money(fastest.monthly_cost)} ${s.prices.currency} a month</li>
<#if chosen?has_content><li><b>recommended pod:</b> ${chosen?first.pods} pods × ${cpus(chosen?first.cpus)} CPUs, p95 ${ms(chosen?first.p95_ms)} ms per request, ${money(chosen?first.monthly_cost)} ${s.prices.currency} a month</li></#if>
<li><b>cheapest (scale out):</b> ${cheapest.pods} pods × ${cpus(cheapest.cpus)} CPUs, p95 ${ms(cheapest.p95_ms)} ms per request, ${money(cheapest.monthly_cost)} ${s.prices.currency} a month</li>
</ul>
</#if>
<h2>The pod</h2>
<table class="pod">
<tr><th>setting</th><th>value</th><th>how it was derived</th></tr>
<tr><td>CPU request = limit</td><td>${cpus(pod.cpus)}</td><td>${pod.cpus_source}</td></tr>
<tr><td>whisper.cpp threads</td><td>${pod.threads}</td><td>${pod.threads_source}</td></tr>
<tr><td>memory request = limit</td><td>${pod.memory_mb?string("0")} MiB</td><td>${pod.memory_source}</td></tr>
<tr><td>service time (mean)</td><td>${ms(pod.service_ms)} ms</td><td>${pod.service_source}</td></tr>
<tr><td>service time (p95)</td><td>${ms(pod.service_p95_ms)} ms</td><td>same measurement</td></tr>
<tr><td>real-time factor</td><td>${f3(pod.rtf)}</td><td>same measurement</td></tr>
<tr><td>capacity</td><td>${f2(pod.rps_per_pod)} RPS</td><td>1000 / mean service time, one request at a time</td></tr>
</table>
<#if s.shapes?has_content>
<h2>Scale up or scale out</h2>
<table class="shapes">
<tr><th>CPUs per pod</th><th>mean latency (ms)</th><th>p95 (ms)</th><th>efficiency</th><th>memory (MiB)</th><th>pods</th><th>total CPUs</th><th>predicted p95 (ms)</th><th>SLA met</th><th>monthly cost (${s.prices.currency})</th></tr>
<#list s.shapes as x>
<tr><td>${cpus(x.cpus)}<#if x.recommended> (recommended)</#if></td><td>${ms(x.latency_ms)}</td><td>${ms(x.p95_ms)}</td><td><#if x.efficiency??>${pct(x.efficiency)}<#else>-</#if></td><td>${x.memory_mb?string("0")}</td><td><#if x.pods??>${x.pods}<#else>-</#if></td><td><#if x.total_cpus??>${cpus(x.total_cpus)}<#else>-</#if></td><td><#if x.predicted_p95_ms??>${ms(x.predicted_p95_ms)}<#else>-</#if></td><td><#if x.sla_met??>${yesno(x.sla_met)}<#else>-</#if></td><td><#if x.monthly_cost??>${money(x.monthly_cost)}<#else>-</#if></td></tr>
</#list>
</table>
<#if charts.strategy_shapes??><figure>${charts.strategy_shapes.svg?no_esc}</figure></#if>
</#if>
<#if s.sizing??>
<#assign z = s.sizing>
<h2>Sizing for ${n2(z.target_rps)} RPS at p95 ≤ ${ms(z.sla_p95_ms)} ms</h2>
<table class="sizing">
<tr><th>figure</th><th>value</th><th>formula</th></tr>
<tr><td>capacity per pod</td><td>${f2(z.rps_per_pod)} RPS</td><td>slots × 1000 / service ms</td></tr>
<tr><td>offered load</td><td>${f2(z.offered_load)} Erlangs</td><td>target RPS × service s</td></tr>
<tr><td>pods for throughput</td><td>${z.pods_by_throughput}</td><td>ceil(${n2(z.target_rps)} / (${f2(z.rps_per_pod)} × ${n2(s.utilization_target)}))</td></tr>
<tr><td>pods for the SLA</td><td><#if z.pods_by_sla??>${z.pods_by_sla}<#else>cannot be met</#if></td><td>fewest pods whose predicted p95 ≤ SLA (Erlang C)</td></tr>
<tr><td><b>pods</b></td><td><b>${z.pods}</b></td><td>the larger of the two</td></tr>
<tr><td>total CPUs / memory</td><td>${cpus(z.total_cpus)} CPUs / ${z.total_memory_mb?string("0")} MiB</td><td>pods × pod</td></tr>
<tr><td>expected utilization</td><td>${pct(z.expected_utilization)}</td><td>offered load / pods</td></tr>
<tr><td>probability of waiting</td><td>${pct(z.probability_of_waiting)}</td><td>Erlang C</td></tr>
<tr><td>predicted p95</td><td>${ms(z.predicted_p95_ms)} ms (<#if z.sla_met>meets<#else><b>misses</b></#if> the SLA)</td><td>${z.method}</td></tr>
</table>
<#list z.notes as note><p>Note: ${note}</p></#list>
</#if>
<#if s.traffic?has_content>
<h2>By traffic level</h2>
<table class="traffic">
<tr><th>level</th><th>RPS</th><th>requests / day</th><th>pods</th><th>CPUs per pod</th><th>total CPUs</th><th>predicted p95 (ms)</th><th>utilization</th><th>SLA met</th><th>monthly cost (${s.prices.currency})</th></tr>
<#list s.traffic as t>
<tr><td>${t.level}</td><td>${n2(t.rps)}</td><td>${(t.rps * 86400)?string("0")}</td><td>${t.pods}</td><td>${cpus(t.cpus_per_pod)}</td><td>${cpus(t.total_cpus)}</td><td>${ms(t.predicted_p95_ms)}</td><td>${pct(t.expected_utilization)}</td><td>${yesno(t.sla_met)}</td><td><#if t.monthly_cost??>${money(t.monthly_cost)}<#else>-</#if></td></tr>
</#list>
</table>
</#if>
<#if s.costs?has_content>
<h2>Cost</h2>
<p>Prices: ${s.prices.per_core_hour} ${s.prices.currency} per core-hour, ${s.prices.per_gib_hour} ${s.prices.currency} per GiB-hour,
${n2(s.prices.hours_per_month)} hours a month (set <code>sttbench.price.core-hour</code>, <code>sttbench.price.gib-hour</code>, <code>sttbench.price.currency</code> and re-render).</p>
<table class="costs">
<tr><th>option</th><th>pods</th><th>CPUs per pod</th><th>memory per pod (GiB)</th><th>total CPUs</th><th>per hour</th><th>per month</th></tr>
<#list s.costs as c>
<tr><td>${c.name}</td><td>${c.pods}</td><td>${cpus(c.cpus_per_pod)}</td><td>${f2(c.memory_gib_per_pod)}</td><td>${cpus(c.total_cpus)}</td><td>${money(c.hourly_cost)}</td><td>${money(c.monthly_cost)}</td></tr>
</#list>
</table>
</#if>
<#if s.cost_per_thousand_audio_minutes??>
<p>Transcribing 1000 minutes of audio on the recommended pod, busy ${pct(s.utilization_target)} of the time, costs about <b>${money(s.cost_per_thousand_audio_minutes)} ${s.prices.currency}</b>.</p>
</#if>
<h2>Kubernetes</h2>
<ul>
<#if s.replicas??><li>HPA: <b>${s.replicas.min} to ${s.replicas.max} replicas</b>, scaling at ${(s.thresholds.cpu_utilization * 100)?string("0")}% average CPU. ${s.replicas.derivation}.</li></#if>
<#list k8s_files as f><li><a href="${f}">${f}</a></li></#list>
</ul>
<#include "_verified_sizing.html.ftl">
<h2>Thresholds used</h2>
<table class="thresholds">
<tr><th>threshold</th><th>value</th><th>meaning</th></tr>
<tr><td>CPU utilization</td><td>${pct(s.thresholds.cpu_utilization)}</td><td>above it pods count as saturated: scale out (also the HPA target)</td></tr>
<tr><td>efficiency</td><td>${pct(s.thresholds.efficiency)}</td><td>at the next core count, from which scaling up pays</td></tr>
<tr><td>memory</td><td>${pct(s.thresholds.memory)}</td><td>peak / limit from which memory must be raised</td></tr>
<tr><td>latency headroom</td><td>${pct(s.thresholds.latency_headroom)}</td><td>share of the SLA a single request must leave for queueing</td></tr>
<tr><td>utilization target</td><td>${pct(s.utilization_target)}</td><td>share of pod capacity sizing plans for</td></tr>
</table>
<#list s.notes as note><p>Note: ${note}</p></#list>
<p><small>Generated by sttbench from results.json at ${generated_at}.</small></p>
</body>
</html>
