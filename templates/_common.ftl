<#-- Shared pieces of every report. Values come from results.json with its field names. -->
<#function ms v><#return (v!0)?string("0.0")></#function>
<#function f2 v><#return (v!0)?string("0.00")></#function>
<#function f3 v><#return (v!0)?string("0.000")></#function>
<#function pct v><#return ((v!0) * 100)?string("0.0") + "%"></#function>
<#function mb bytes><#return ((bytes!0) / 1048576)?string("0.0")></#function>

