<#-- Shared pieces of every report. Values come from results.json with its field names. -->
<#function ms v><#return (v!0)?string("0.0")></#function>
<#function f2 v><#return (v!0)?string("0.00")></#function>
<#function f3 v><#return (v!0)?string("0.000")></#function>
<#function pct v><#return ((v!0) * 100)?string("0.0") + "%"></#function>
<#function mb bytes><#return ((bytes!0) / 1048576)?string("0.0")></#function>

<#function n2 v><#return (v!0)?string("0.##")></#function>
<#function cpus v><#return (v!0)?string("0.##")></#function>
<#function money v><#return (v!0)?string("0.00")></#function>
<#function yesno b><#return b?then("yes", "no")></#function>
<#-- chart key of a per-model chart: prefix + model with every run of non-alphanumerics as "_" (ReportCatalog names them the same way) -->
<#function chartKey prefix model><#return prefix + "_" + model?lower_case?replace("[^a-z0-9]+", "_", "r")></#function>
<#-- the successful unit of a suite for a model at a CPU limit, or an empty hash -->
<#function unitAt suite model limit>
  <#list run.units as u>
    <#if u.status == "ok" && u.unit.suite == suite && u.unit.model.name == model && (u.unit.cpu_limit!-1) == limit>
      <#return u>
    </#if>
  </#list>
  <#return {}>
</#function>
<#function limitCheck unitId>
  <#list run.analysis.limit_checks![] as c><#if c.unit_id == unitId><#return c></#if></#list>
  <#return {}>
</#function>
<#function answerText a>
  <#switch a>
    <#case "MANY_CORES"><#return "many cores: more cores per pod pay off">
    <#case "FEW_STRONG_CORES"><#return "few strong cores: buy per-core speed, keep pods small and scale out">
    <#case "MODERATE"><#return "moderate: a few cores per pod, then scale out">
    <#default><#return "not enough data: measure at least two CPU counts">
  </#switch>
</#function>
<#function decisionText r>
  <#switch r>
    <#case "SCALE_UP"><#return "scale up: more CPU per pod">
    <#case "SCALE_OUT"><#return "scale out: more pods">
    <#case "BOTH"><#return "scale up and out: more CPU per pod and more pods">
    <#case "OPTIMIZE"><#return "optimize the single request first (smaller model, faster cores, thread count)">
    <#case "INVESTIGATE"><#return "investigate: the bottleneck is not CPU">
    <#case "RAISE_MEMORY"><#return "raise the memory limit">
    <#default><#return "no change needed">
  </#switch>
</#function>
<#function rate v><#return (v!0)?string("0.###")></#function>
