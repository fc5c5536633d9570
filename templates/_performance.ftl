<#-- Figures the performance report shows in both formats, computed once. -->
<#assign failedUnits = run.units?filter(u -> u.status != "ok")>
<#assign okUnits = run.units?filter(u -> u.status == "ok")>
<#assign load = run.analysis.load!{}>
<#assign stability = run.analysis.stability!{}>
<#assign regression = run.analysis.regression!{}>
<#assign sla = run.analysis.sla!{}>
<#assign issues = []>
<#if !run.units?has_content><#assign issues = issues + ["no unit ran"]></#if>
<#if failedUnits?has_content><#assign issues = issues + [failedUnits?size + " of " + run.units?size + " units failed"]></#if>
<#if load.levels??>
  <#assign overloaded = load.levels?filter(l -> l.success_rate lt 0.95)>
  <#if overloaded?has_content><#assign issues = issues + ["success rate below 95% from concurrency " + overloaded?first.concurrency + " (" + pct(overloaded?first.success_rate) + ")"]></#if>
</#if>
<#if stability.tests??>
  <#if (stability.failed + stability.errors) gt 0><#assign issues = issues + [(stability.failed + stability.errors) + " of " + stability.tests + " tests failed"]></#if>
  <#if stability.flaky gt 0><#assign issues = issues + [stability.flaky + " flaky test" + (stability.flaky == 1)?then("", "s")]></#if>
</#if>
<#if regression.regressed!false><#assign issues = issues + ["latency regressed against the history"]></#if>
<#if sla.checks?? && !(sla.passed!true)><#assign issues = issues + ["an SLA check failed"]></#if>
<#assign stable = !issues?has_content>
<#assign cpuModel = (strategy??)?then(strategy.model, "")>
<#assign cpu = (cpuModel != "" && run.analysis.cpu_scaling[cpuModel]??)?then(run.analysis.cpu_scaling[cpuModel], {})>
<#assign audioMs = []>
<#list okUnits?filter(u -> u.unit.suite == "audio") as u><#assign audioMs = audioMs + u.measurements></#list>
<#function linkTo name ext><#list reports as r><#if r.name == name><#return r.name + "." + ext></#if></#list><#return ""></#function>
