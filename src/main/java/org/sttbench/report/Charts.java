package org.sttbench.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.IChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Builds the report charts with XChart and exports them as SVG. */
public final class Charts {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 400;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** How a series is drawn. */
    public enum Style {
        /** scattered points (independent measurements) */
        POINTS,
        /** points joined by a line (a measured sweep) */
        LINE,
        /** a dashed line without markers (a fitted model or an ideal) */
        CURVE
    }

    /**
     * @param x     x values
     * @param y     y values
     * @param style how it is drawn
     */
    public record Series(String name, double[] x, double[] y, Style style) {
        /** @param line joined by a line (a trend or a sweep) rather than scattered points */
        public Series(String name, double[] x, double[] y, boolean line) {
            this(name, x, y, line ? Style.LINE : Style.POINTS);
        }
    }

    public static Chart xy(String name, String title, String xLabel, String yLabel, List<Series> series) {
        return xy(name, title, xLabel, yLabel, series, Styler.LegendPosition.InsideNW);
    }

    /** @param legend where the legend goes: inside the corner the data leave free */
    public static Chart xy(String name, String title, String xLabel, String yLabel, List<Series> series,
                           Styler.LegendPosition legend) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(legend);
        chart.getStyler().setLegendVisible(series.size() > 1);
        for (Series s : series) {
            if (s.x().length == 0) {
                continue;
            }
            XYSeries added = chart.addSeries(s.name(), s.x(), s.y());
            switch (s.style()) {
                case POINTS -> {
                    added.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    added.setMarker(SeriesMarkers.CIRCLE);
                }
                case LINE -> {
                    added.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    added.setMarker(SeriesMarkers.CIRCLE);
                }
                case CURVE -> {
                    added.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    added.setMarker(SeriesMarkers.NONE);
                    added.setLineStyle(SeriesLines.DASH_DASH);
                }
            }
        }
        return new Chart(name, title, svg(chart));
    }

    public static Chart bars(String name, String title, String xLabel, String yLabel, List<String> categories,
                             List<Series> series) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(series.size() > 1);
        for (Series s : series) {
            List<Double> values = Arrays.stream(s.y()).boxed().toList();
            chart.addSeries(s.name(), categories, values);
        }
        return new Chart(name, title, svg(chart));
    }

    /** Counts of samples per bin, for a latency distribution. */
    public static Chart histogram(String name, String title, String xLabel, double[] samples, int maxBins) {
        if (samples.length == 0) {
            return bars(name, title, xLabel, "count", List.of("none"), List.of(new Series("count", new double[0], new double[] {0}, false)));
        }
        double min = Arrays.stream(samples).min().orElse(0);
        double max = Arrays.stream(samples).max().orElse(0);
        int bins = Math.max(1, Math.min(maxBins, (int) Math.ceil(Math.sqrt(samples.length))));
        double width = max > min ? (max - min) / bins : 1;
        double[] counts = new double[bins];
        for (double s : samples) {
            int bin = Math.min(bins - 1, (int) ((s - min) / width));
            counts[bin]++;
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            labels.add(String.format("%.0f", min + width * (i + 0.5)));
        }
        return bars(name, title, xLabel, "count", labels, List.of(new Series("count", new double[0], counts, false)));
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
    }

    private static String svg(IChart chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart: " + e.getMessage(), e);
        }
    }
}
