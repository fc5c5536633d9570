<#include "_header.html.ftl">
<#include "_performance.ftl">
<@htmlHead title="Performance report: ${run.plan_name}"/>
<#macro panel a n chart missing>
<article class="panel ${panelClass(a)}">
<p class="q">${n} · ${a.question}</p>
<p class="verdict">${a.verdict}</p>
<#if a.detail?has_content><p class="detail">${a.detail}</p></#if>
<#if chart?has_content><figure>${chart.svg?no_esc}<figcaption>${chart.title}</figcaption></figure><#else><p class="missing">${missing}</p></#if>
<p class="next"><b>Next:</b> ${a.next}</p>
</article>
</#macro>
<header class="top">
<h1>Performance report: ${run.plan_name}</h1>
<p class="meta">Run <code>${run.run_id}</code> · ${run.executor} executor · ${run.cpu_model}, ${run.environment.host_cores} CPUs<#list run.models as m> · model ${m.name}<#if m.synthetic> (synthetic: timings real, transcripts not)</#if></#list></p>
</header>
<section class="answers" aria-label="The three answers">
<@panel a=answers.stable n=1 chart=charts.glance_load! missing="No load test in this run, so no latency under load to draw."/>
<@panel a=answers.cpus n=2 chart=charts.glance_cpu! missing="No CPU scaling in this run, so no speedup to draw."/>
<@panel a=answers.scale n=3 chart=charts.glance_scale! missing="No sizing in this run, so no pods or cost to draw."/>
</section>
<#if charts.glance_history??>
<section class="panel history" aria-label="History">
<div class="history-chart"><p class="q">History of this plan on this machine</p>
<figure>${charts.glance_history.svg?no_esc}<figcaption>${glanceTrend.measurement}: <#if glanceTrend.points?size == 1>the first run of this plan here; later runs draw a trend<#else>the last ${glanceTrend.points?size} runs</#if>.</figcaption></figure></div>
<div class="history-verdicts">
<p><b>Verdict of this run:</b> <#if regression.regressed><span class="tag bad">regression</span><#elseif regression.history_runs == 0><span class="tag none">no history yet</span><#else><span class="tag good">no regression</span></#if></p>
<#if regression.checks?has_content>
<table class="verdicts">
<tr><th>measurement</th><th>change</th><th>verdict</th></tr>
<#list regression.checks as c><tr><td>${c.suite}<#if c.audio??> ${c.audio}</#if><#if c.cpu_limit??>, ${cpus(c.cpu_limit)} CPU</#if>, ${c.threads} thr</td><td><#if c.delta_pct??>${c.delta_pct?string("+0.0;-0.0")}%<#else>-</#if></td><td>${c.verdict?lower_case?replace("_", " ")}</td></tr></#list>
</table>
<#elseif regression.note??>
<p>${regression.note}.</p>
</#if>
</div>
</section>
</#if>
<h2>Details</h2>
<@runHeaderHtml/>
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
<#assign lk = chartKey("cpu_latency", cpuModel)>
<#assign ek = chartKey("cpu_efficiency", cpuModel)>
<#if cpu.points??>
<table class="cpu">
<tr><th>CPUs</th><th>mean latency (ms)</th><th>speedup</th><th>efficiency</th></tr>
<#list cpu.points as p><tr><td>${cpus(p.cpus)}</td><td>${ms(p.latency_ms)}</td><td>${f2(p.speedup)}x</td><td>${pct(p.efficiency)}</td></tr></#list>
</table>
<p>Diminishing returns <#if cpu.diminishing_returns_cpus??>after ${cpus(cpu.diminishing_returns_cpus)} CPUs<#else>not reached in the measured range</#if><#if cpu.amdahl??>; serial fraction ${f3(cpu.amdahl.serial_fraction)}</#if><#if cpu.usl?? && cpu.usl.peak_cpus??>; USL peak near ${f2(cpu.usl.peak_cpus)} CPUs</#if>.
Rule: ${cpu.rule}.</p>
<div class="glance">
<#if charts[lk]??><figure>${charts[lk].svg?no_esc}</figure></#if>
<#if charts[ek]??><figure>${charts[ek].svg?no_esc}</figure></#if>
</div>
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
<div class="glance">
<#if charts.strategy_shapes??><figure>${charts.strategy_shapes.svg?no_esc}</figure></#if>
<#if charts.load_rps??><figure>${charts.load_rps.svg?no_esc}</figure></#if>
</div>
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
