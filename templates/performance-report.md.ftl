<#include "_header.md.ftl">
<#include "_performance.ftl">
# Performance report: ${run.plan_name}

<#macro panelMd a n chart missing>
### ${n}. ${a.question} **${a.verdict}**

<#if a.detail?has_content>${a.detail}.

</#if>
<#if chart?has_content>
![${chart.alt}](${chart.file})

<#else>
_${missing}_

</#if>
**Next:** ${a.next}

</#macro>
## The three answers

<@panelMd a=answers.stable n=1 chart=charts.glance_load! missing="No load test in this run, so no latency under load to draw."/>
<@panelMd a=answers.cpus n=2 chart=charts.glance_cpu! missing="No CPU scaling in this run, so no speedup to draw."/>
<@panelMd a=answers.scale n=3 chart=charts.glance_scale! missing="No sizing in this run, so no pods or cost to draw."/>
<#if charts.glance_history??>
### History of this plan on this machine: <#if regression.regressed>**regression**<#elseif regression.history_runs == 0>no history yet<#else>no regression</#if>

![${charts.glance_history.alt}](${charts.glance_history.file})

${glanceTrend.measurement}, the last ${glanceTrend.points?size} run<#if glanceTrend.points?size != 1>s</#if>; the verdict of every measurement is in the stability section.

</#if>
## Details

<@runHeaderMd/>

## 1. Stability

<#if failedUnits?has_content>
Failed units:

| unit | suite | error |
|---|---|---|
<#list failedUnits as u>
| `${u.unit.unit_id}` | ${u.unit.suite} | ${u.error!"unknown error"} |
</#list>
<#else>
All units ran (${run.units?size}).
</#if>

<#if stability.tests??>
**Tests** (${stability.files} JUnit reports): ${stability.tests} tests, ${stability.passed} passed, ${stability.failed} failed,
${stability.errors} errors, ${stability.skipped} skipped, ${stability.flaky} flaky; pass rate <#if stability.pass_rate??>${pct(stability.pass_rate)}<#else>-</#if>, ${n2(stability.total_seconds)} s in total.

<#if stability.failures?has_content>
| failed test | type | message |
|---|---|---|
<#list stability.failures as f>
| `${f.test}` | ${f.type} | ${f.message} |
</#list>

</#if>
<#if stability.slow_tests?has_content>
Slow tests (over ${n2(stability.slow_threshold_seconds)} s): <#list stability.slow_tests as t>`${t.test}` ${n2(t.seconds)} s<#sep>, </#sep></#list>.

</#if>
<#if stability.flaky_tests?has_content>
Flaky (failed, then passed on a rerun): <#list stability.flaky_tests as t>`${t}`<#sep>, </#sep></#list>.

</#if>
<#else>
No JUnit results were attached to this run.

</#if>
<#if load.levels??>
**Under load:** <#list load.levels as l>${l.concurrency} concurrent: ${pct(l.success_rate)}<#sep>, </#sep></#list> success.

</#if>
<#if sla.checks?? && sla.checks?has_content>
| SLA check | threshold | measured (worst) | result |
|---|---:|---:|---|
<#list sla.checks as c>
| ${c.name} | ${f3(c.threshold)} | ${f3(c.measured)} | ${c.passed?then("pass", "**FAIL**")} |
</#list>

</#if>
<#if regression.checks??>
**Against the history** of this machine (${regression.machine}, ${regression.history_runs} earlier run<#if regression.history_runs != 1>s</#if>)<#if regression.note??>: ${regression.note}</#if>.

<#if regression.checks?has_content>
| model | suite | clip | CPUs | threads | mean (ms) | baseline (ms) | change | verdict |
|---|---|---|---:|---:|---:|---:|---:|---|
<#list regression.checks as c>
| ${c.model} | ${c.suite} | ${c.audio!"-"} | <#if c.cpu_limit??>${cpus(c.cpu_limit)}<#else>-</#if> | ${c.threads} | ${ms(c.current_mean_ms)} | <#if c.baseline_mean_ms??>${ms(c.baseline_mean_ms)}<#else>-</#if> | <#if c.delta_pct??>${c.delta_pct?string("+0.0;-0.0")}%<#else>-</#if> | <#if c.verdict == "REGRESSION">**REGRESSION**<#else>${c.verdict}</#if> |
</#list>

</#if>
</#if>
## 2. CPU characteristics

<#if cpu.points??>
| CPUs | mean latency (ms) | speedup | efficiency |
|---:|---:|---:|---:|
<#list cpu.points as p>
| ${cpus(p.cpus)} | ${ms(p.latency_ms)} | ${f2(p.speedup)}x | ${pct(p.efficiency)} |
</#list>

Diminishing returns <#if cpu.diminishing_returns_cpus??>after ${cpus(cpu.diminishing_returns_cpus)} CPUs<#else>not reached in the measured range</#if><#if cpu.amdahl??>; serial fraction ${f3(cpu.amdahl.serial_fraction)}</#if><#if cpu.usl?? && cpu.usl.peak_cpus??>; USL peak near ${f2(cpu.usl.peak_cpus)} CPUs</#if>.
Rule: ${cpu.rule}.

<#assign lk = chartKey("cpu_latency", cpuModel)>
<#assign ek = chartKey("cpu_efficiency", cpuModel)>
<#if charts[lk]??>
![${charts[lk].alt}](${charts[lk].file})

</#if>
<#if charts[ek]??>
![${charts[ek].alt}](${charts[ek].file})

</#if>
<#else>
No CPU scaling suite in this run.

</#if>
## 3. Audio

<#if audioMs?has_content>
<#assign rtfs = audioMs?map(m -> m.rtf)>
<#assign rss = audioMs?filter(m -> m.peak_rss_mb??)?map(m -> m.peak_rss_mb)>
RTF ${f3(rtfs?min)} – ${f3(rtfs?max)} over ${audioMs?size} file<#if audioMs?size != 1>s</#if><#if rss?has_content>; peak memory ${ms(rss?min)} – ${ms(rss?max)} MB</#if>.
<#else>
No audio suite in this run.
</#if>

## 4. Scaling strategy

<#if strategy??>
- **Pod:** ${cpus(strategy.pod.cpus)} CPUs (requests = limits), ${strategy.pod.threads} threads, ${strategy.pod.memory_mb?string("0")} MiB; ${ms(strategy.pod.service_ms)} ms per request, ${f2(strategy.pod.rps_per_pod)} RPS per pod.
<#if strategy.decision??>
- **Decision:** ${decisionText(strategy.decision.recommendation)} — ${strategy.decision.reasons?join("; ")}.
</#if>
<#if strategy.sizing??>
- **For ${n2(strategy.sizing.target_rps)} RPS:** ${strategy.sizing.pods} pods (${strategy.sizing.pods_by_throughput} for throughput, <#if strategy.sizing.pods_by_sla??>${strategy.sizing.pods_by_sla}<#else>none</#if> for the p95 SLA), ${pct(strategy.sizing.expected_utilization)} busy, predicted p95 ${ms(strategy.sizing.predicted_p95_ms)} ms.
</#if>
<#list strategy.traffic as t>
- ${t.level} (${n2(t.rps)} RPS): ${t.pods} × ${cpus(t.cpus_per_pod)} CPUs<#if t.monthly_cost??>, ${money(t.monthly_cost)} ${strategy.prices.currency} a month</#if>
</#list>
<#if charts.load_rps??>

![${charts.load_rps.title}](${charts.load_rps.file})
</#if>
<#else>
No single-request latency in this run, so no pod size or count.
</#if>

<#include "_verified_sizing.md.ftl">
## Reports

<#list reports?filter(r -> r.name != report.name) as r>
- [${r.title}](${r.name}.md)
</#list>
<#list k8s_files as f>
- [${f}](${f})
</#list>

_Generated by sttbench from `results.json` at ${generated_at}._
