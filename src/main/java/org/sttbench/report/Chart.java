package org.sttbench.report;

/**
 * A rendered chart.
 *
 * @param name  file-safe name, e.g. "rtf-vs-duration"
 * @param title what it shows
 * @param svg   the chart as an SVG document, inlined in HTML and written beside Markdown
 */
public record Chart(String name, String title, String svg) {

    public String file() {
        return "charts/" + name + ".svg";
    }

    /** The SVG without its XML prolog, ready to be placed inside an HTML page. */
    public String inline() {
        int start = svg.indexOf("<svg");
        return start < 0 ? svg : svg.substring(start);
    }
}
