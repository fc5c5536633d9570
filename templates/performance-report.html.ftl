<#include "_header.html.ftl">
<#include "_performance.ftl">
<@htmlHead title="Performance report: ${run.plan_name}"/>
<h1>Performance report: ${run.plan_name}</h1>
<@runHeaderHtml/>
<h2>Summary</h2>
<table class="summary">
<tr><th>question</th><th>answer</th></tr>
<tr><td>Is it stable?</td><td class="${stable?then('ok', 'bad')}"><#if stable><b>yes</b>: every unit ran<#if stability.tests??>, ${stability.passed} of ${stability.tests} tests passed</#if><#if load.levels??>, the load test kept ≥ 95% success</#if><#else><b>no</b>: ${issues?join("; ")}</#if></td></tr>
<tr><td>Which CPUs does it want?</td><td><#if cpu.answer??><b>${answerText(cpu.answer)}</b>: ${cpus(cpu.recommended_cpus_per_pod)} CPUs per pod (${cpu.classification}, efficiency ${pct(cpu.points?last.efficiency)} at ${cpus(cpu.points?last.cpus)} CPUs)<#else>not measured: add a <code>cpu_scaling</code> suite to the plan</#if></td></tr>
<tr><td>How to scale it?</td><td><#if strategy?? && strategy.decision??><b>${decisionText(strategy.decision.recommendation)}</b><#if strategy.sizing??>: ${strategy.sizing.pods} pods × ${cpus(strategy.pod.cpus)} CPUs for ${n2(strategy.sizing.target_rps)} RPS (predicted p95 ${ms(strategy.sizing.predicted_p95_ms)} ms<#if !strategy.sizing.sla_met>, over the SLA of ${ms(strategy.sizing.sla_p95_ms)} ms</#if>)</#if><#if strategy.replicas??>, HPA ${strategy.replicas.min}–${strategy.replicas.max} replicas</#if><#elseif strategy??>pods of ${cpus(strategy.pod.cpus)} CPUs serve ${f2(strategy.pod.rps_per_pod)} RPS each; add an <code>sla</code> to the plan for a decision<#else>not measured: add a <code>latency</code> or <code>cpu_scaling</code> suite to the plan</#if></td></tr>
</table>
<#assign lk = chartKey("cpu_latency", cpuModel)>
<#assign ek = chartKey("cpu_efficiency", cpuModel)>
<#if charts[lk]?? || charts.strategy_shapes?? || charts.rtf_vs_duration??>
<div class="glance">
<#if charts[lk]??><figure>${charts[lk].svg?no_esc}</figure></#if>
<#if charts.strategy_shapes??><figure>${charts.strategy_shapes.svg?no_esc}</figure><#elseif charts.rtf_vs_duration??><figure>${charts.rtf_vs_duration.svg?no_esc}</figure></#if>
</div>
</#if>
<h2>1. Stability</h2>
<#if failedUnits?has_content>
<table class="failed-units">
<tr><th>failed unit</th><th>suite</th><th>error</th></tr>
<#list failedUnits as u><tr><td><code>${u.unit.unit_id}</code></td><td>${u.unit.suite}</td><td>${u.error!"unknown error"}</td></tr></#list>
</table>
<#else>
<p>All units ran (${run.units?size}).</p>
</#if>
<#if stability.tests??>
<p><b>Tests</b> (${stability.files} JUnit reports): ${stability.tests} tests, ${stability.passed} passed, ${stability.failed} failed,
${stability.errors} errors, ${stability.skipped} skipped, ${stability.flaky} flaky; pass rate <#if stability.pass_rate??>${pct(stability.pass_rate)}<#else>-</#if>, ${n2(stability.total_seconds)} s in total.</p>
<#if stability.failures?has_content>
<table class="test-failures">
<tr><th>failed test</th><th>type</th><th>message</th></tr>
<#list stability.failures as f><tr><td><code>${f.test}</code></td><td>${f.type}</td><td>${f.message}</td></tr></#list>
</table>
</#if>
<#if stability.slow_tests?has_content>
<p>Slow tests (over ${n2(stability.slow_threshold_seconds)} s): <#list stability.slow_tests as t><code>${t.test}</code> ${n2(t.seconds)} s<#sep>, </#sep></#list>.</p>
</#if>
<#if stability.flaky_tests?has_content>
<p>Flaky (failed, then passed on a rerun): <#list stability.flaky_tests as t><code>${t}</code><#sep>, </#sep></#list>.</p>
</#if>
<#else>
<p>No JUnit results were attached to this run.</p>
</#if>
<#if load.levels??>
<p><b>Under load:</b> <#list load.levels as l>${l.concurrency} concurrent: ${pct(l.success_rate)}<#sep>, </#sep></#list> success.</p>
</#if>
<#if sla.checks?? && sla.checks?has_content>
<table class="sla">
<tr><th>SLA check</th><th>threshold</th><th>measured (worst)</th><th>result</th></tr>
<#list sla.checks as c><tr><td>${c.name}</td><td>${f3(c.threshold)}</td><td>${f3(c.measured)}</td><td>${c.passed?then("pass", "FAIL")}</td></tr></#list>
</table>
</#if>
<#if regression.checks??>
<p><b>Against the history</b> of this machine (${regression.machine}, ${regression.history_runs} earlier run<#if regression.history_runs != 1>s</#if>)<#if regression.note??>: ${regression.note}</#if>.</p>
<#if regression.checks?has_content>
<table class="regression">
<tr><th>model</th><th>suite</th><th>clip</th><th>CPUs</th><th>threads</th><th>mean (ms)</th><th>baseline (ms)</th><th>change</th><th>verdict</th></tr>
<#list regression.checks as c>
<tr><td>${c.model}</td><td>${c.suite}</td><td>${c.audio!"-"}</td><td><#if c.cpu_limit??>${cpus(c.cpu_limit)}<#else>-</#if></td><td>${c.threads}</td><td>${ms(c.current_mean_ms)}</td><td><#if c.baseline_mean_ms??>${ms(c.baseline_mean_ms)}<#else>-</#if></td><td><#if c.delta_pct??>${c.delta_pct?string("+0.0;-0.0")}%<#else>-</#if></td><td><#if c.verdict == "REGRESSION"><b>REGRESSION</b><#else>${c.verdict}</#if></td></tr>
</#list>
</table>
</#if>
</#if>
<h2>2. CPU characteristics</h2>
<#if cpu.points??>
<table class="cpu">
<tr><th>CPUs</th><th>mean latency (ms)</th><th>speedup</th><th>efficiency</th></tr>
<#list cpu.points as p><tr><td>${cpus(p.cpus)}</td><td>${ms(p.latency_ms)}</td><td>${f2(p.speedup)}x</td><td>${pct(p.efficiency)}</td></tr></#list>
</table>
<p>Diminishing returns <#if cpu.diminishing_returns_cpus??>after ${cpus(cpu.diminishing_returns_cpus)} CPUs<#else>not reached in the measured range</#if><#if cpu.amdahl??>; serial fraction ${f3(cpu.amdahl.serial_fraction)}</#if><#if cpu.usl?? && cpu.usl.peak_cpus??>; USL peak near ${f2(cpu.usl.peak_cpus)} CPUs</#if>.
Rule: ${cpu.rule}.</p>
<#if charts[ek]??><figure>${charts[ek].svg?no_esc}</figure></#if>
<#else>
<p>No CPU scaling suite in this run.</p>
</#if>
<h2>3. Audio</h2>
<#if audioMs?has_content>
<#assign rtfs = audioMs?map(m -> m.rtf)>
<#assign rss = audioMs?filter(m -> m.peak_rss_mb??)?map(m -> m.peak_rss_mb)>
<p>RTF ${f3(rtfs?min)} – ${f3(rtfs?max)} over ${audioMs?size} file<#if audioMs?size != 1>s</#if><#if rss?has_content>; peak memory ${ms(rss?min)} – ${ms(rss?max)} MB</#if>.</p>
<#else>
<p>No audio suite in this run.</p>
</#if>
<h2>4. Scaling strategy</h2>
<#if strategy??>
<ul>
<li><b>Pod:</b> ${cpus(strategy.pod.cpus)} CPUs (requests = limits), ${strategy.pod.threads} threads, ${strategy.pod.memory_mb?string("0")} MiB; ${ms(strategy.pod.service_ms)} ms per request, ${f2(strategy.pod.rps_per_pod)} RPS per pod.</li>
<#if strategy.decision??><li><b>Decision:</b> ${decisionText(strategy.decision.recommendation)} — ${strategy.decision.reasons?join("; ")}.</li></#if>
<#if strategy.sizing??><li><b>For ${n2(strategy.sizing.target_rps)} RPS:</b> ${strategy.sizing.pods} pods (${strategy.sizing.pods_by_throughput} for throughput, <#if strategy.sizing.pods_by_sla??>${strategy.sizing.pods_by_sla}<#else>none</#if> for the p95 SLA), ${pct(strategy.sizing.expected_utilization)} busy, predicted p95 ${ms(strategy.sizing.predicted_p95_ms)} ms.</li></#if>
<#list strategy.traffic as t><li>${t.level} (${n2(t.rps)} RPS): ${t.pods} × ${cpus(t.cpus_per_pod)} CPUs<#if t.monthly_cost??>, ${money(t.monthly_cost)} ${strategy.prices.currency} a month</#if></li></#list>
</ul>
<#if charts.load_percentiles??><figure>${charts.load_percentiles.svg?no_esc}</figure></#if>
<#if charts.load_rps??><figure>${charts.load_rps.svg?no_esc}</figure></#if>
<#else>
<p>No single-request latency in this run, so no pod size or count.</p>
</#if>
<#include "_verified_sizing.html.ftl">
<h2>Reports</h2>
<ul>
<#list reports?filter(r -> r.name != report.name) as r><li><a href="${r.name}.html">${r.title}</a></li></#list>
<#list k8s_files as f><li><a href="${f}">${f}</a></li></#list>
</ul>
<p><small>Generated by sttbench from results.json at ${generated_at}.</small></p>
</body>
</html>
