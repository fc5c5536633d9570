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
import org.sttbench.results.RunResult;

/**
 * Renders every report a run's results allow, as Markdown (charts as SVG files beside it) and
 * self-contained HTML (charts inline). Templates see the results document with its JSON field names,
 * so what a report shows is exactly what {@code results.json} holds.
 */
public final class Reports {
    private final Configuration freemarker;
    private final List<ReportKind> kinds;

    public Reports(Path templatesDir) {
        this(templatesDir, ReportCatalog.all());
    }

    public Reports(Path templatesDir, List<ReportKind> kinds) {
        this.kinds = kinds;
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

    /** Renders the reports that apply and returns the files written (Markdown and HTML of each). */
    public List<Path> render(RunResult result, Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (ReportKind kind : kinds) {
            if (kind.appliesTo().test(result)) {
                written.addAll(render(kind, result, dir));
            }
        }
        return written;
    }

    public List<Path> render(ReportKind kind, RunResult result, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("charts"));
        List<Chart> charts = kind.charts().apply(result);
        Map<String, Object> chartModel = new LinkedHashMap<>();
        for (Chart chart : charts) {
            Files.writeString(dir.resolve(chart.file()), chart.svg());
            chartModel.put(chart.name().replace('-', '_'), Map.of("title", chart.title(), "file", chart.file(),
                    "svg", chart.inline()));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("run", Json.json().convertValue(result, new TypeReference<Map<String, Object>>() { }));
        model.put("charts", chartModel);
        model.put("report", Map.of("name", kind.name(), "title", kind.title()));
        model.put("generated_at", Instant.now().toString());
        List<Path> files = new ArrayList<>();
        for (String format : List.of("md", "html")) {
            Path target = dir.resolve(kind.name() + "." + format);
            Files.writeString(target, apply(kind.name() + "." + format + ".ftl", model));
            files.add(target);
        }
        return files;
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
