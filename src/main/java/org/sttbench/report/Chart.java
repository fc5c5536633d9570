package org.sttbench.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rendered chart.
 *
 * @param name  file-safe name, e.g. "rtf-vs-duration"
 * @param title what it shows
 * @param svg   the chart as an SVG document, inlined in HTML and written beside Markdown
 * @param alt   what the chart shows in words (every measured point), for screen readers and Markdown alt text
 */
public record Chart(String name, String title, String svg, String alt) {

    public Chart(String name, String title, String svg) {
        this(name, title, svg, title);
    }

    public String file() {
        return "charts/" + name + ".svg";
    }

    /**
     * The SVG without its XML prolog, ready to be placed inside an HTML page: marked as an image with the
     * description as its accessible name and its title (a tooltip), and free to shrink with its container.
     */
    public String inline() {
        int start = svg.indexOf("<svg");
        if (start < 0) {
            return svg;
        }
        int end = svg.indexOf('>', start);
        String open = svg.substring(start, end);
        String rest = svg.substring(end + 1);
        String label = escape(alt);
        if (!open.contains("viewBox")) {
            String w = attribute(open, "width");
            String h = attribute(open, "height");
            if (w != null && h != null) {
                open += " viewBox=\"0 0 " + w.replaceAll("[^0-9.]", "") + " " + h.replaceAll("[^0-9.]", "") + "\"";
            }
        }
        return open + " role=\"img\" aria-label=\"" + label + "\"><title>" + label + "</title>" + rest;
    }

    /** The SVG file written beside Markdown, with the same title element for viewers that show it. */
    public String document() {
        int start = svg.indexOf("<svg");
        return start < 0 ? svg : svg.substring(0, start) + inline();
    }

    private static String attribute(String tag, String name) {
        Matcher m = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(tag);
        return m.find() ? m.group(1) : null;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
