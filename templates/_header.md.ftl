<#include "_common.ftl">
<#macro runHeaderMd>
- **Run:** `${run.run_id}` (plan `${run.plan_name}`), ${run.timestamp} to ${run.finished_at}
- **Executor:** ${run.executor}
<#if run.analysis?? && run.analysis.service??><#assign svc = run.analysis.service>
- **Service under test:** ${svc.name}<#if svc.started_as??> (${svc.started_as})</#if>, api ${svc.api} at `${svc.path}`, ready when ${svc.ready_when}; threads via ${svc.threads_setting}<#if svc.args?has_content>; args `${svc.args?join(" ")}`</#if>
- **Decode settings:** <#if svc.decode?has_content><#list svc.decode as k, v>${k} = ${v?string}<#sep>, </#list><#else>not stated in the plan (service.decode)</#if>
</#if>
- **Machine:** ${run.architecture}, ${run.cpu_model}, ${run.environment.host_cores} logical CPUs<#if run.environment.container != "none">, in ${run.environment.container}</#if>
<#list run.models as m>
- **Model:** ${m.name} (${mb(m.size_bytes)} MB, sha256 `${m.sha256?substring(0, 12)}`)<#if m.synthetic> — **synthetic**</#if>
</#list>
<#if run.synthetic>

> **Note:** ${run.notice}. Latency, RTF and memory reflect the real model shape; the transcripts and WER do not.
</#if>
<#list run.units as u><#if u.environment?? && u.environment.container == "none" && u.environment.cpu_limit_source == "host"><#assign unconstrained = true></#if></#list>
<#if unconstrained??>

> **Warning:** some units ran outside a container with no CPU limit: their figures depend on whatever else ran on the machine.
</#if>
<#list run.notes as note>
- Note: ${note}
</#list>
<#list run.units?filter(u -> u.status != "ok") as u>
- **Failed unit** `${u.unit.unit_id}`: ${u.error!"unknown error"}
</#list>
</#macro>

