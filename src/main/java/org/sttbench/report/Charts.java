package org.sttbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.IChart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Builds the report charts with XChart and exports them as SVG. Every chart reads in greyscale: series
 * differ by marker shape and dash pattern as well as by colour (a palette of clearly different
 * lightness), axis numbers keep their leading zero, an axis whose values span more than a decade and a
 * half turns logarithmic, and each chart carries a text description for screen readers.
 */
public final class Charts {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 400;
    /** The size of the charts in the three answer panels: drawn near the size they are shown at. */
    public static final int PANEL_WIDTH = 430;
    public static final int PANEL_HEIGHT = 310;
    /** max / min of an axis beyond which it is drawn logarithmic. */
    static final double LOG_SPAN = 30;

    /** Dark blue, orange, green, purple, sky blue, dark grey: lightness steps that stay apart in greyscale. */
    private static final Color[] PALETTE = {new Color(0x1f4e9c), new Color(0xe69f00), new Color(0x138a5e),
            new Color(0x7b3294), new Color(0x56b4e9), new Color(0x444444)};
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN};
    private static final BasicStroke[] DASHES = {
            new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 4f}, 0f),
            new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {1.5f, 4f}, 0f),
            new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {10f, 3f, 2f, 3f}, 0f)};
    private static final Color REFERENCE = new Color(0x888888);
    private static final Color LIMIT = new Color(0xb2182b);

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
        /** a dashed line without markers (a fitted model) */
        CURVE,
        /** a thin grey dashed line (an ideal to compare with) */
        REFERENCE,
        /** a dark red dashed line (a limit not to cross: an SLA) */
        LIMIT
    }

    /**
     * @param x     x values
     * @param y     y values
     * @param style how it is drawn
     * @param right plotted against the right-hand axis
     */
    public record Series(String name, double[] x, double[] y, Style style, boolean right) {
        public Series(String name, double[] x, double[] y, Style style) {
            this(name, x, y, style, false);
        }

        /** @param line joined by a line (a trend or a sweep) rather than scattered points */
        public Series(String name, double[] x, double[] y, boolean line) {
            this(name, x, y, line ? Style.LINE : Style.POINTS, false);
        }

        public Series onRight() {
            return new Series(name, x, y, style, true);
        }

        boolean measured() {
            return style == Style.POINTS || style == Style.LINE;
        }
    }

    /**
     * Everything one XY chart needs.
     *
     * @param yPattern  number pattern of the left axis ("0.##", "0%"...); null picks one from the values
     * @param y2Label   title of the right-hand axis; null when no series uses it
     * @param y2Pattern number pattern of the right axis
     * @param compact   drawn at panel size with a smaller legend, no title inside the chart
     */
    /** A text placed at a data point (chart coordinates of the left axis), e.g. the pods behind a cost. */
    public record Label(String text, double x, double y) {
    }

    /**
     * Everything one XY chart needs.
     *
     * @param yPattern  number pattern of the left axis ("0.##", "#,##0"...); null picks one from the values
     * @param y2Label   title of the right-hand axis; null when no series uses it
     * @param y2Pattern number pattern of the right axis
     * @param compact   drawn at panel size with the legend below, no title inside the chart
     * @param labels    texts written just above data points
     */
    public record Plot(String name, String title, String xLabel, String yLabel, List<Series> series,
                       Styler.LegendPosition legend, String yPattern, String y2Label, String y2Pattern, boolean compact,
                       List<Label> labels) {
        public Plot(String name, String title, String xLabel, String yLabel, List<Series> series) {
            this(name, title, xLabel, yLabel, series, Styler.LegendPosition.InsideNW, null, null, null, false, List.of());
        }

        public Plot legend(Styler.LegendPosition where) {
            return new Plot(name, title, xLabel, yLabel, series, where, yPattern, y2Label, y2Pattern, compact, labels);
        }

        public Plot yPattern(String pattern) {
            return new Plot(name, title, xLabel, yLabel, series, legend, pattern, y2Label, y2Pattern, compact, labels);
        }

        public Plot rightAxis(String label, String pattern) {
            return new Plot(name, title, xLabel, yLabel, series, legend, yPattern, label, pattern, compact, labels);
        }

        public Plot panelSized() {
            return new Plot(name, title, xLabel, yLabel, series, legend, yPattern, y2Label, y2Pattern, true, labels);
        }

        public Plot labelled(List<Label> texts) {
            return new Plot(name, title, xLabel, yLabel, series, legend, yPattern, y2Label, y2Pattern, compact, texts);
        }
    }

    public static Chart xy(String name, String title, String xLabel, String yLabel, List<Series> series) {
        return xy(new Plot(name, title, xLabel, yLabel, series));
    }

    /** @param legend where the legend goes: inside the corner the data leave free */
    public static Chart xy(String name, String title, String xLabel, String yLabel, List<Series> series,
                           Styler.LegendPosition legend) {
        return xy(new Plot(name, title, xLabel, yLabel, series).legend(legend));
    }

    public static Chart xy(Plot p) {
        try {
            return xy(p, true);
        } catch (IllegalArgumentException e) {
            // XChart refuses a log axis for some data (a value at zero it did not expect): draw it linear
            return xy(p, false);
        }
    }

    private static Chart xy(Plot p, boolean logAllowed) {
        List<Series> drawn = p.series().stream().filter(s -> s.x().length > 0).toList();
        XYChart chart = new XYChartBuilder().width(p.compact() ? PANEL_WIDTH : WIDTH).height(p.compact() ? PANEL_HEIGHT : HEIGHT)
                .title(p.compact() ? "" : p.title()).xAxisTitle(p.xLabel()).yAxisTitle(p.yLabel()).build();
        AxesChartStyler styler = chart.getStyler();
        style(styler, p.compact());
        styler.setLegendPosition(p.compact() ? Styler.LegendPosition.OutsideS : p.legend());
        if (p.compact()) {
            // below the plot in one row: a small chart has no free corner to put it in
            styler.setLegendLayout(Styler.LegendLayout.Horizontal);
            styler.setLegendBorderColor(Color.WHITE);
            styler.setLegendPadding(6);
            styler.setLegendSeriesLineLength(16);
            styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        }
        styler.setLegendVisible(drawn.size() > 1);
        double[] xs = all(drawn, false, null);
        double[] left = all(drawn, true, false);
        double[] right = all(drawn, true, true);
        styler.setXAxisLogarithmic(logAllowed && spansDecades(xs));
        // XChart makes every y axis logarithmic at once, so a chart with a right-hand axis stays linear
        styler.setYAxisLogarithmic(logAllowed && right.length == 0 && spansDecades(left));
        styler.setXAxisDecimalPattern(pattern(xs));
        double[] measuredXs = drawn.stream().filter(Series::measured).flatMapToDouble(s -> Arrays.stream(s.x())).toArray();
        if (measuredXs.length > 0 && Arrays.stream(measuredXs).allMatch(v -> v == Math.rint(v)) && !styler.isXAxisLogarithmic()) {
            // counts (CPUs, requests in flight, runs): label whole numbers only, never "1.5 CPUs"
            chart.setCustomXAxisTickLabelsFormatter(v -> v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : "");
        }
        styler.setYAxisDecimalPattern(p.yPattern() != null ? p.yPattern() : pattern(left));
        if (!styler.isYAxisLogarithmic() && min(left) >= 0) {
            styler.setYAxisMin(0.0); // a latency or a count starts at zero: the eye reads ratios off the bars
        }
        if (right.length > 0) {
            styler.setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
            chart.setYAxisGroupTitle(1, p.y2Label() == null ? "" : p.y2Label());
            styler.putYAxisGroupDecimalPatternMap(1, p.y2Pattern() != null ? p.y2Pattern() : pattern(right));
            if (min(right) >= 0) {
                styler.setYAxisMin(1, 0.0);
            }
        }
        int measured = 0;
        int curves = 0;
        for (Series s : drawn) {
            XYSeries added = chart.addSeries(s.name(), s.x(), s.y());
            if (s.right()) {
                added.setYAxisGroup(1);
            }
            switch (s.style()) {
                case POINTS, LINE -> {
                    added.setXYSeriesRenderStyle(s.style() == Style.POINTS ? XYSeries.XYSeriesRenderStyle.Scatter
                            : XYSeries.XYSeriesRenderStyle.Line);
                    Color c = PALETTE[measured % PALETTE.length];
                    added.setMarker(MARKERS[measured % MARKERS.length]);
                    added.setMarkerColor(c);
                    added.setLineColor(c);
                    added.setLineStyle(new BasicStroke(2.5f));
                    measured++;
                }
                case CURVE -> {
                    added.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    added.setMarker(SeriesMarkers.NONE);
                    // fits take the colours after the measured series', so a fit never looks like a measurement
                    added.setLineColor(PALETTE[(measured + curves) % PALETTE.length]);
                    added.setLineStyle(DASHES[curves % DASHES.length]);
                    curves++;
                }
                case REFERENCE, LIMIT -> {
                    added.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    added.setMarker(SeriesMarkers.NONE);
                    added.setLineColor(s.style() == Style.LIMIT ? LIMIT : REFERENCE);
                    added.setLineStyle(new BasicStroke(s.style() == Style.LIMIT ? 2f : 1.5f, BasicStroke.CAP_BUTT,
                            BasicStroke.JOIN_ROUND, 10f, new float[] {s.style() == Style.LIMIT ? 9f : 4f, 4f}, 0f));
                }
            }
        }
        double lift = (max(left) - Math.min(0, min(left))) * 0.08;
        if (!p.labels().isEmpty() && xs.length > 1) {
            // room on the right for the label of the last point, which is centred on it
            styler.setXAxisMax(max(xs) + (max(xs) - min(xs)) * 0.12);
        }
        for (Label label : p.labels()) {
            chart.addAnnotation(new AnnotationText(label.text(), label.x(), label.y() + lift, false));
        }
        return new Chart(p.name(), p.title(), svg(chart), describe(p, drawn));
    }

    public static Chart bars(String name, String title, String xLabel, String yLabel, List<String> categories,
                             List<Series> series) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(chart.getStyler(), false);
        chart.getStyler().setLegendVisible(series.size() > 1);
        double[] values = series.stream().flatMapToDouble(s -> Arrays.stream(s.y())).toArray();
        chart.getStyler().setYAxisDecimalPattern(pattern(values));
        StringBuilder alt = new StringBuilder(title).append(". ").append(yLabel).append(" by ").append(xLabel).append(':');
        int i = 0;
        for (Series s : series) {
            List<Double> ys = Arrays.stream(s.y()).boxed().toList();
            chart.addSeries(s.name(), categories, ys).setFillColor(PALETTE[i++ % PALETTE.length]);
            alt.append(' ').append(s.name()).append(' ');
            for (int k = 0; k < categories.size() && k < ys.size(); k++) {
                alt.append(k == 0 ? "" : ", ").append(categories.get(k)).append(" = ").append(num(ys.get(k)));
            }
            alt.append(';');
        }
        return new Chart(name, title, svg(chart), alt.toString());
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
            labels.add(String.format(Locale.ROOT, "%.0f", min + width * (i + 0.5)));
        }
        return bars(name, title, xLabel, "count", labels, List.of(new Series("count", new double[0], counts, false)));
    }

    private static void style(Styler styler, boolean compact) {
        int base = compact ? 15 : 12;
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setChartFontColor(new Color(0x222222));
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setLegendBorderColor(new Color(0xdddddd));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, base - 1));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, base + 2));
        styler.setChartTitleBoxVisible(false);
        styler.setChartPadding(compact ? 6 : 12);
        styler.setSeriesColors(PALETTE);
        styler.setSeriesMarkers(MARKERS);
        if (styler instanceof AxesChartStyler axes) {
            axes.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, base));
            axes.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, base - 1));
            axes.setAxisTickLabelsColor(new Color(0x333333));
            axes.setPlotGridLinesColor(new Color(0xe6e6e6));
            axes.setMarkerSize(compact ? 9 : 8);
            axes.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, base - 2));
            axes.setAnnotationTextFontColor(new Color(0x333333));
        }
    }

    /** A text description of the chart: what is plotted against what, and every measured point. */
    static String describe(Plot p, List<Series> series) {
        StringBuilder alt = new StringBuilder(p.title()).append(". ").append(p.yLabel());
        if (p.y2Label() != null) {
            alt.append(" and ").append(p.y2Label());
        }
        alt.append(" against ").append(p.xLabel()).append('.');
        for (Series s : series) {
            alt.append(' ').append(s.name());
            if (s.measured()) {
                alt.append(s.name().contains("measured") ? ":" : " (measured):");
                for (int i = 0; i < s.x().length; i++) {
                    alt.append(i == 0 ? " " : ", ").append(num(s.x()[i])).append(" -> ").append(num(s.y()[i]));
                }
            } else {
                alt.append(s.style() == Style.CURVE ? " (fitted curve)" : s.style() == Style.LIMIT ? " (limit at "
                        + num(s.y()[0]) + ")" : " (reference)");
            }
            alt.append('.');
        }
        if (!p.labels().isEmpty()) {
            alt.append(" Labels:");
            for (Label l : p.labels()) {
                alt.append(' ').append(num(l.x())).append(" -> ").append(l.text()).append(';');
            }
        }
        return alt.toString();
    }

    static String num(double v) {
        if (v != 0 && Math.abs(v) < 1) {
            return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.2f", v).replaceAll("\\.?0+$", "");
    }

    /** Decimals enough for the values' range, always with the leading zero ("0.5", never ".5"). */
    static String pattern(double[] values) {
        if (values.length == 0) {
            return "0.##";
        }
        double span = max(values) - Math.min(0, min(values));
        return span >= 20 ? "#,##0" : span >= 2 ? "0.#" : "0.0#";
    }

    static boolean spansDecades(double[] values) {
        return values.length > 1 && min(values) > 0 && max(values) / min(values) >= LOG_SPAN;
    }

    private static double[] all(List<Series> series, boolean y, Boolean right) {
        return series.stream().filter(s -> right == null || s.right() == right)
                .flatMapToDouble(s -> Arrays.stream(y ? s.y() : s.x())).filter(Double::isFinite).toArray();
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
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
