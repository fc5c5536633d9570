package org.sttbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML performance report opens in a real browser with its charts drawn: Debian's chromium takes a
 * headless screenshot, and the PNG must be far from blank and hold the chart colours in chart-sized areas.
 * Skipped, with a message, where chromium is not installed (CI installs it). The screenshot is kept as
 * target/performance-report.png for a look.
 */
class ChromiumRenderTest {
    @TempDir
    Path tmp;

    static String chromium() {
        String configured = System.getenv("CHROMIUM");
        List<String> candidates = configured != null ? List.of(configured) : List.of("chromium", "chromium-browser", "google-chrome");
        for (String name : candidates) {
            if (name.contains("/") ? Files.isExecutable(Path.of(name)) : onPath(name)) {
                return name;
            }
        }
        return null;
    }

    private static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void performanceReportRendersWithVisibleCharts() throws Exception {
        String browser = chromium();
        Assumptions.assumeTrue(browser != null,
                "chromium is not installed (apt-get install -y chromium, or set CHROMIUM): the browser rendering check is skipped");
        Path out = tmp.resolve("report");
        new Reports(Path.of("templates"), ReportOptions.defaults().withGeneratedAt(GoldenReportsTest.GENERATED_AT))
                .render(Fixtures.load("nightly-docker"), out);
        Path png = tmp.resolve("shot.png");
        Process process = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + tmp.resolve("profile"), "--screenshot=" + png, "--window-size=1200,2000",
                out.resolve("performance-report.html").toUri().toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("chromium.log").toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(png).as("screenshot; chromium said: " + Files.readString(tmp.resolve("chromium.log"))).exists();
        Files.createDirectories(Path.of("target"));
        Files.copy(png, Path.of("target/performance-report.png"), StandardCopyOption.REPLACE_EXISTING);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        long nonWhite = 0;
        Set<Integer> colors = new HashSet<>();
        Region blue = new Region();
        Region yellow = new Region();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colors.add(rgb);
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                if (r < 245 || g < 245 || b < 245) {
                    nonWhite++;
                }
                if (b > 180 && r < 140 && g < 170 && b - r > 80) {
                    blue.add(x, y); // XChart's first series (measured latency, pods)
                }
                if (r > 220 && g > 150 && g < 215 && b < 120) {
                    yellow.add(x, y); // XChart's second series (ideal line, total CPUs)
                }
            }
        }
        double share = (double) nonWhite / ((long) image.getWidth() * image.getHeight());
        assertThat(share).as("share of non-white pixels").isGreaterThan(0.05);
        assertThat(colors.size()).as("distinct colours (text, tables, anti-aliased charts)").isGreaterThan(500);
        assertThat(blue.count).as("pixels in the first chart series colour").isGreaterThan(3000);
        assertThat(blue.width()).as("width of the area holding the blue series").isGreaterThan(300);
        assertThat(blue.height()).as("height of the area holding the blue series").isGreaterThan(100);
        assertThat(yellow.count).as("pixels in the second chart series colour").isGreaterThan(3000);
    }

    private static final class Region {
        long count;
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;

        void add(int x, int y) {
            count++;
            minX = Math.min(minX, x);
            minY = Math.min(minY, y);
            maxX = Math.max(maxX, x);
            maxY = Math.max(maxY, y);
        }

        int width() {
            return count == 0 ? 0 : maxX - minX;
        }

        int height() {
            return count == 0 ? 0 : maxY - minY;
        }
    }
}
