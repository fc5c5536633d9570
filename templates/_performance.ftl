<#-- Figures the performance report shows in both formats, computed once. -->
<#assign failedUnits = run.units?filter(u -> u.status != "ok")>
<#assign okUnits = run.units?filter(u -> u.status == "ok")>
<#assign load = run.analysis.load!{}>
<#assign stability = run.analysis.stability!{}>
<#assign regression = run.analysis.regression!{}>
<#assign sla = run.analysis.sla!{}>
<#-- the reasons the run is not stable, computed once in Java (report/Answers) for console and reports alike -->
<#assign issues = answers.issues>
<#assign stable = !issues?has_content>
<#assign cpuModel = (strategy??)?then(strategy.model, "")>
<#assign cpu = (cpuModel != "" && run.analysis.cpu_scaling[cpuModel]??)?then(run.analysis.cpu_scaling[cpuModel], {})>
<#assign audioMs = []>
<#list okUnits?filter(u -> u.unit.suite == "audio") as u><#assign audioMs = audioMs + u.measurements></#list>
<#assign glanceTrend = (regression.trend)!{}>
<#-- one answer panel: question, verdict, numbers, its chart (or how to get one), what to do next -->
<#function panelClass a><#return a.measured?then(a.good?then("good", "warn"), "none")></#function>
<#function linkTo name ext><#list reports as r><#if r.name == name><#return r.name + "." + ext></#if></#list><#return ""></#function>
