package org.sttbench.report;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One report: its template base name ({@code templates/<name>.md.ftl} and {@code .html.ftl}), when a run
 * has the data for it, and the charts it shows.
 */
public record ReportKind(String name, String title, Predicate<ReportInput> appliesTo,
                         Function<ReportInput, List<Chart>> charts) {
}
