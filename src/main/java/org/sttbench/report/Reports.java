package org.sttbench.report;

import com.fasterxml.jackson.core.type.TypeReference;
import freemarker.cache.ConditionalTemplateConfigurationFactory;
import freemarker.cache.FileNameGlobMatcher;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateConfiguration;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sttbench.Json;
import org.sttbench.results.AtomicFiles;
import org.sttbench.results.RunResult;

/**
 * Renders every report a run's results allow, as Markdown (charts as SVG files beside it) and
 * self-contained HTML (charts inline). Templates see the results document with its JSON field names,
 * so what a report shows is exactly what {@code results.json} holds.
 */
public final class Reports {
    /** Kubernetes manifests rendered from templates/k8s/<name>.ftl into <run dir>/k8s/<name>. */
    /** The report a reader should open first: the three answers at a glance. */
    public static final String FIRST_REPORT = "performance-report.html";
    public static final List<String> K8S_FILES = List.of("deployment.yaml", "hpa.yaml", "prometheus-rules.yaml");

    private final Configuration freemarker;
    private final List<ReportKind> kinds;
    private final ReportOptions options;
    private final Path docsDir;

    public Reports(Path templatesDir) {
        this(templatesDir, ReportCatalog.all(), ReportOptions.fromSystem());
    }

    public Reports(Path templatesDir, ReportOptions options) {
        this(templatesDir, ReportCatalog.all(), options);
    }

    public Reports(Path templatesDir, List<ReportKind> kinds, ReportOptions options) {
        this.kinds = kinds;
        this.options = options;
        this.docsDir = templatesDir.toAbsolutePath().normalize().resolveSibling("docs");
        this.freemarker = new Configuration(Configuration.VERSION_2_3_34);
        try {
            freemarker.setDirectoryForTemplateLoading(templatesDir.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("templates folder missing: " + templatesDir, e);
        }
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setLocale(Locale.ROOT);
        freemarker.setNumberFormat("0.###");
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setFallbackOnNullLoopVariable(false);
        // HTML templates escape every value (file names, error messages); charts are inserted with ?no_esc
        TemplateConfiguration html = new TemplateConfiguration();
        html.setOutputFormat(HTMLOutputFormat.INSTANCE);
        freemarker.setTemplateConfigurations(
                new ConditionalTemplateConfigurationFactory(new FileNameGlobMatcher("*.html.ftl"), html));
    }

    public List<ReportKind> kinds() {
        return kinds;
    }

    public ReportOptions options() {
        return options;
    }

    /** The reports this run has the data for. */
    public List<ReportKind> applicable(ReportInput input) {
        return kinds.stream().filter(k -> k.appliesTo().test(input)).toList();
    }

    /**
     * Renders the reports that apply (Markdown and HTML of each) and, when the run supports a strategy, the
     * Kubernetes manifests under {@code k8s/}; returns the files written.
     */
    public List<Path> render(RunResult result, Path dir) throws IOException {
        ReportInput input = ReportInput.of(result, options);
        List<ReportKind> applicable = applicable(input);
        List<Path> written = new ArrayList<>();
        List<String> k8s = k8sFiles(input).stream().map(f -> "k8s/" + f).toList();
        for (ReportKind kind : applicable) {
            written.addAll(render(kind, input, applicable, k8s, dir));
        }
        written.addAll(renderK8s(input, dir));
        return written;
    }

    public List<Path> render(ReportKind kind, RunResult result, Path dir) throws IOException {
        ReportInput input = ReportInput.of(result, options);
        return render(kind, input, applicable(input), List.of(), dir);
    }

    private List<Path> render(ReportKind kind, ReportInput input, List<ReportKind> applicable, List<String> k8s,
                              Path dir) throws IOException {
        Files.createDirectories(dir.resolve("charts"));
        List<Chart> charts = kind.charts().apply(input);
        Map<String, Object> chartModel = new LinkedHashMap<>();
        for (Chart chart : charts) {
            AtomicFiles.writeString(dir.resolve(chart.file()), chart.document());
            chartModel.put(chart.name().replace('-', '_'), Map.of("title", chart.title(), "file", chart.file(),
                    "svg", chart.inline(), "alt", chart.alt()));
        }
        Map<String, Object> model = baseModel(input, dir);
        model.put("charts", chartModel);
        model.put("report", Map.of("name", kind.name(), "title", kind.title()));
        model.put("reports", applicable.stream().map(k -> Map.of("name", k.name(), "title", k.title())).toList());
        model.put("k8s_files", k8s);
        List<Path> files = new ArrayList<>();
        for (String format : List.of("md", "html")) {
            Path target = dir.resolve(kind.name() + "." + format);
            AtomicFiles.writeString(target, apply(kind.name() + "." + format + ".ftl", model));
            files.add(target);
        }
        return files;
    }

    /** deployment.yaml, hpa.yaml and prometheus-rules.yaml sized from the strategy; none without one. */
    public List<Path> renderK8s(ReportInput input, Path dir) throws IOException {
        if (input.strategy() == null) {
            return List.of();
        }
        Map<String, Object> model = baseModel(input, dir);
        model.put("k8s", K8sValues.of(input).asMap());
        Path k8sDir = dir.resolve("k8s");
        Files.createDirectories(k8sDir);
        List<Path> files = new ArrayList<>();
        for (String name : k8sFiles(input)) {
            Path target = k8sDir.resolve(name);
            AtomicFiles.writeString(target, apply("k8s/" + name + ".ftl", model));
            files.add(target);
        }
        return files;
    }

    /** The manifests a run supports: none without a strategy, no HPA without sizing (it needs replica bounds). */
    static List<String> k8sFiles(ReportInput input) {
        if (input.strategy() == null) {
            return List.of();
        }
        return K8S_FILES.stream().filter(f -> !f.equals("hpa.yaml") || input.strategy().replicas() != null).toList();
    }

    private Map<String, Object> baseModel(ReportInput input, Path dir) {
        Map<String, Object> model = new LinkedHashMap<>();
        // links from a report to the guides in docs/, relative so a copied outbox keeps working beside the install
        model.put("docs", dir.toAbsolutePath().normalize().relativize(docsDir).toString().replace('\\', '/'));
        model.put("run", Json.json().convertValue(input.run(), new TypeReference<Map<String, Object>>() { }));
        model.put("answers", Json.json().convertValue(Answers.of(input), new TypeReference<Map<String, Object>>() { }));
        if (input.strategy() != null) {
            model.put("strategy", Json.json().convertValue(input.strategy(), new TypeReference<Map<String, Object>>() { }));
        }
        StrategyAnalyzer.measuredSizing(input.data(), input.strategy(), options).ifPresent(m -> model.put(
                "measured_sizing", Json.json().convertValue(m, new TypeReference<Map<String, Object>>() { })));
        input.data().openLoad().ifPresent(load -> model.put("open_load", Json.json().convertValue(
                OpenLoadView.of(load, input.run().plan() == null ? null : input.run().plan().sla()),
                new TypeReference<Map<String, Object>>() { })));
        model.put("options", Json.json().convertValue(options, new TypeReference<Map<String, Object>>() { }));
        model.put("generated_at", (options.generatedAt() == null ? Instant.now() : options.generatedAt()).toString());
        return model;
    }

    String apply(String template, Map<String, Object> model) throws IOException {
        try {
            Template t = freemarker.getTemplate(template);
            StringWriter out = new StringWriter();
            t.process(model, out);
            return out.toString();
        } catch (TemplateException e) {
            throw new IOException("template " + template + " failed: " + e.getMessageWithoutStackTop(), e);
        }
    }
}
