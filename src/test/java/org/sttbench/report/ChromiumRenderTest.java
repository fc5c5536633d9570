package org.sttbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sttbench.Json;
import org.sttbench.testing.Requirements;

/**
 * The HTML performance report opens in a real browser (headless chromium) at a desktop and a phone width
 * with its three answer panels at the top, each holding a drawn chart. The browser first reports where the
 * panels and their charts landed (a script writes their boxes into the DOM, read back with --dump-dom; that
 * mode lays out at least 500 px wide, so the script pins the page to the tested width),
 * then takes a screenshot at the same size; the chart areas of the PNG must be far from blank (pixel
 * variance, many distinct colours), not equal to a stored picture. The screenshots are kept under
 * target/screenshots/ for a look.
 */
class ChromiumRenderTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} px wide")
    @CsvSource({"1280, 1800", "390, 3600"})
    void answerPanelsAndTheirChartsAreDrawn(int width, int height) throws Exception {
        Path browser = Requirements.chromium();
        Path out = tmp.resolve("report");
        new Reports(Path.of("templates"), ReportOptions.defaults().withGeneratedAt(GoldenReportsTest.GENERATED_AT))
                .render(Fixtures.load("nightly-docker"), out);
        Path page = out.resolve("performance-report.html");

        // where did the panels land? a copy of the page measures itself and leaves the boxes in the DOM
        Path probe = out.resolve("probe.html");
        Files.writeString(probe, Files.readString(page).replace("</body>", """
                <script>
                document.documentElement.style.width = '%dpx';
                const boxes = [...document.querySelectorAll('.answers .panel, .history')].map(p => {
                  const r = p.getBoundingClientRect(); const f = p.querySelector('figure svg');
                  const c = f ? f.getBoundingClientRect() : null;
                  return {cls: p.className, x: r.x, y: r.y, w: r.width, h: r.height,
                          chart: c ? {x: c.x, y: c.y, w: c.width, h: c.height} : null};
                });
                document.body.setAttribute('data-boxes', JSON.stringify(boxes));
                </script>
                </body>""".formatted(width)));
        String dom = chromium(browser, width, height, "--dump-dom", probe);
        String attr = dom.replaceAll("(?s).*data-boxes=\"([^\"]*)\".*", "$1").replace("&quot;", "\"").replace("&amp;", "&");
        JsonNode boxes = Json.json().readTree(attr);
        assertThat(boxes).as("three answer panels and the history panel").hasSize(4);

        Path png = tmp.resolve("shot.png");
        chromium(browser, width, height, "--screenshot=" + png, page);
        assertThat(png).exists();
        Path kept = Path.of("target/screenshots/performance-report-" + width + ".png");
        Files.createDirectories(kept.getParent());
        Files.copy(png, kept, StandardCopyOption.REPLACE_EXISTING);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(width);

        List<String> panels = new ArrayList<>();
        for (JsonNode box : boxes) {
            panels.add(box.path("cls").asText());
            JsonNode chart = box.path("chart");
            assertThat(chart.isObject()).as("panel %s has a chart", box.path("cls").asText()).isTrue();
            assertThat(chart.path("w").asDouble()).as("chart width in %s", box.path("cls")).isGreaterThan(250);
            assertThat(chart.path("h").asDouble()).as("chart height").isGreaterThan(150);
            int x = (int) chart.path("x").asDouble();
            int y = (int) chart.path("y").asDouble();
            int w = (int) chart.path("w").asDouble();
            int h = (int) chart.path("h").asDouble();
            if (y + h > image.getHeight()) {
                continue; // below the fold of the screenshot: its presence and size were checked above
            }
            Pixels pixels = Pixels.of(image, x, y, w, h);
            assertThat(pixels.stdDev()).as("brightness spread in the chart of %s", box.path("cls")).isGreaterThan(20);
            assertThat(pixels.inkShare()).as("share of non-white pixels in the chart of %s", box.path("cls")).isGreaterThan(0.04);
            assertThat(pixels.colours()).as("distinct colours in the chart of %s", box.path("cls")).isGreaterThan(40);
        }
        assertThat(panels.subList(0, 3)).allSatisfy(c -> assertThat(c).startsWith("panel "));
        // at desktop width the three answers sit side by side, on a phone they stack
        double y0 = boxes.get(0).path("y").asDouble();
        if (width > 1000) {
            assertThat(boxes.get(1).path("y").asDouble()).isEqualTo(y0);
            assertThat(boxes.get(2).path("y").asDouble()).isEqualTo(y0);
            assertThat(y0 + boxes.get(0).path("h").asDouble()).as("the answers are above the fold").isLessThan(height);
        } else {
            assertThat(boxes.get(1).path("y").asDouble()).isGreaterThan(y0 + boxes.get(0).path("h").asDouble() - 1);
            assertThat(boxes.get(0).path("w").asDouble()).as("a panel fits the phone").isLessThanOrEqualTo(width);
        }
    }

    private String chromium(Path browser, int width, int height, String what, Path page) throws Exception {
        Path log = Files.createTempFile(tmp, "chromium", ".log");
        Path stdout = Files.createTempFile(tmp, "chromium", ".out");
        Process process = new ProcessBuilder(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + Files.createTempDirectory(tmp, "profile"),
                "--window-size=" + width + "," + height, what, page.toUri().toString())
                .redirectError(log.toFile()).redirectOutput(stdout.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(process.exitValue()).as("chromium exit; it said: " + Files.readString(log)).isZero();
        return Files.readString(stdout);
    }

    /** Brightness statistics of a rectangle of the screenshot. */
    record Pixels(double stdDev, double inkShare, int colours) {
        static Pixels of(BufferedImage image, int x, int y, int w, int h) {
            double sum = 0;
            double sumSq = 0;
            long ink = 0;
            long n = 0;
            Set<Integer> colours = new HashSet<>();
            for (int j = Math.max(0, y); j < Math.min(image.getHeight(), y + h); j++) {
                for (int i = Math.max(0, x); i < Math.min(image.getWidth(), x + w); i++) {
                    int rgb = image.getRGB(i, j) & 0xFFFFFF;
                    colours.add(rgb);
                    double lum = 0.299 * (rgb >> 16 & 0xFF) + 0.587 * (rgb >> 8 & 0xFF) + 0.114 * (rgb & 0xFF);
                    sum += lum;
                    sumSq += lum * lum;
                    if (lum < 235) {
                        ink++;
                    }
                    n++;
                }
            }
            double mean = n == 0 ? 0 : sum / n;
            return new Pixels(n == 0 ? 0 : Math.sqrt(Math.max(0, sumSq / n - mean * mean)), n == 0 ? 0 : (double) ink / n,
                    colours.size());
        }
    }
}
