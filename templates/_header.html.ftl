<#include "_common.ftl">
<#macro runHeaderHtml>
<ul>
  <li><b>Run:</b> <code>${run.run_id}</code> (plan <code>${run.plan_name}</code>), ${run.timestamp} to ${run.finished_at}</li>
  <li><b>Executor:</b> ${run.executor}</li>
<#if run.analysis?? && run.analysis.service??><#assign svc = run.analysis.service>
  <li><b>Service under test:</b> ${svc.name}<#if svc.started_as??> (${svc.started_as})</#if>, api ${svc.api} at <code>${svc.path}</code>, ready when ${svc.ready_when}; threads via ${svc.threads_setting}<#if svc.args?has_content>; args <code>${svc.args?join(" ")}</code></#if></li>
  <li><b>Decode settings:</b> <#if svc.decode?has_content><#list svc.decode as k, v>${k} = ${v?string}<#sep>, </#list><#else>not stated in the plan (service.decode)</#if></li>
</#if>
  <li><b>Machine:</b> ${run.architecture}, ${run.cpu_model}, ${run.environment.host_cores} logical CPUs<#if run.environment.container != "none">, in ${run.environment.container}</#if></li>
<#list run.models as m>
  <li><b>Model:</b> ${m.name} (${mb(m.size_bytes)} MB, sha256 <code>${m.sha256?substring(0, 12)}</code>)<#if m.synthetic> — <b>synthetic</b></#if></li>
</#list>
<#list run.notes as note>
  <li>Note: ${note}</li>
</#list>
</ul>
<#if run.synthetic>
<p class="notice"><b>Note:</b> ${run.notice}. Latency, RTF and memory reflect the real model shape; the transcripts and WER do not.</p>
</#if>
<#list run.units as u><#if u.environment?? && u.environment.container == "none" && u.environment.cpu_limit_source == "host"><#assign unconstrainedHtml = true></#if></#list>
<#if unconstrainedHtml??>
<p class="warning"><b>Warning:</b> some units ran outside a container with no CPU limit: their figures depend on whatever else ran on the machine.</p>
</#if>
<#list run.units?filter(u -> u.status != "ok") as u>
<p class="error"><b>Failed unit</b> <code>${u.unit.unit_id}</code>: ${u.error!"unknown error"}</p>
</#list>
</#macro>

<#macro htmlHead title>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 74rem; margin: 1.5rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }
  h1 { font-size: 1.6rem; margin: 0 0 .2rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
  table { border-collapse: collapse; margin: 1rem 0; }
  th, td { border: 1px solid #ccc; padding: .3rem .6rem; text-align: right; }
  th { background: #f3f3f3; } td:first-child, th:first-child { text-align: left; }
  .notice { background: #fff7d6; padding: .5rem 1rem; border-left: 4px solid #e0b000; }
  .warning { background: #ffe9d6; padding: .5rem 1rem; border-left: 4px solid #e07000; }
  .error { background: #fde2e2; padding: .5rem 1rem; border-left: 4px solid #c00; }
  figure { margin: 1rem 0; } figure svg { display: block; width: 100%; max-width: 100%; height: auto; }
  figcaption { font-size: .85rem; color: #555; margin-top: .2rem; }
  .glance { display: flex; gap: 1rem; flex-wrap: wrap; } .glance figure { flex: 1 1 20rem; margin: 0; }
  .summary th, .summary td, .failed-units td, .test-failures td, .pod td, .sizing td, .thresholds td, .threads td:last-child,
  .load td:last-child { text-align: left; }
  .answer { font-size: 1.1rem; } td.ok { background: #e6f4e6; } td.bad { background: #fdecec; }
  code { background: #f3f3f3; padding: 0 .2rem; overflow-wrap: anywhere; }
  .meta { color: #555; margin: 0 0 1rem; font-size: .95rem; }
  .answers { display: grid; grid-template-columns: repeat(auto-fit, minmax(19rem, 1fr)); gap: 1rem; margin: 1rem 0; }
  .panel { border: 1px solid #d5d5d5; border-top: 6px solid #999; border-radius: 6px; padding: .8rem 1rem; background: #fff;
    display: flex; flex-direction: column; }
  .panel.good { border-top-color: #1a7f4b; } .panel.warn { border-top-color: #c0392b; } .panel.none { border-top-style: dashed; }
  .panel .q { margin: 0; font-size: .9rem; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; color: #555; }
  .panel .verdict { margin: .2rem 0; font-size: 1.45rem; font-weight: 700; }
  .panel.good .verdict { color: #14623a; } .panel.warn .verdict { color: #a02a1e; }
  .panel .detail { margin: 0 0 .4rem; font-size: .95rem; }
  .panel figure { margin: .4rem 0; } .panel .missing { color: #666; font-style: italic; padding: 2rem 0; }
  .panel .next { margin: auto 0 0; padding-top: .5rem; border-top: 1px solid #eee; font-size: .95rem; }
  .history { display: grid; grid-template-columns: repeat(auto-fit, minmax(19rem, 1fr)); gap: 1rem; border-top-color: #1f4e9c; }
  .history table { margin: .4rem 0; font-size: .9rem; } .history-chart figure { max-width: 28rem; }
  .tag { padding: .05rem .45rem; border-radius: 3px; font-weight: 600; } .tag.good { background: #e3f2e9; color: #14623a; }
  .tag.bad { background: #fbe3e0; color: #a02a1e; } .tag.none { background: #eee; color: #444; }
  @media (max-width: 40rem) { body { margin: .8rem auto; } h1 { font-size: 1.3rem; } table { display: block; overflow-x: auto; } }
</style>
</head>
<body>
</#macro>
