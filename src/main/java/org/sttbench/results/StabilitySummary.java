package org.sttbench.results;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.sttbench.BadInputException;
import org.sttbench.OneLine;
import org.sttbench.analysis.Checks;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Totals of JUnit XML reports (Maven Surefire {@code TEST-*.xml}, pytest {@code --junitxml}): every
 * {@code testcase} element counts once, whatever {@code testsuite}/{@code testsuites} nesting surrounds it.
 *
 * <p>A test case is SKIPPED with a {@code skipped} child, FAILED with {@code failure}, ERROR with {@code error},
 * otherwise PASSED. A passed case carrying {@code flakyFailure}/{@code flakyError} (Surefire's record of a
 * failed attempt before a passing rerun) is also counted as flaky. {@code rerunFailure}/{@code rerunError}
 * accompany a case that failed on every attempt; it stays FAILED/ERROR.
 *
 * <p>Pass rate = passed / (tests - skipped); null when nothing ran.
 *
 * <p>Parsing uses the JDK's DOM parser with DOCTYPE declarations refused and external entities, DTDs and
 * XInclude off, so a report cannot make the parser read files or the network (XXE).
 */
public final class StabilitySummary {
    public static final double DEFAULT_SLOW_SECONDS = 5.0;
    public static final String REPORT_GLOB = "TEST-*.xml";

    public enum Outcome { PASSED, FAILED, ERROR, SKIPPED }

    /**
     * @param type    FAILURE or ERROR
     * @param message first non-blank line of the message attribute, or of the element text
     */
    public record Failure(String test, String type, String message, String file) {
    }

    public record SlowTest(String test, double seconds) {
    }

    /**
     * @param tests    test cases found
     * @param passed   passed, including flaky ones
     * @param passRate passed / (tests - skipped); null when every test was skipped or there were none
     * @param slowTests tests slower than {@code slowThresholdSeconds}, slowest first
     * @param flakyTests tests that failed at least once and passed on a rerun
     */
    public record Summary(int files, int tests, int passed, int failed, int errors, int skipped, int flaky,
                          Double passRate, double totalSeconds, double slowThresholdSeconds, List<Failure> failures,
                          List<SlowTest> slowTests, List<String> flakyTests) {
    }

    private StabilitySummary() {
    }

    /**
     * Reads every {@code TEST-*.xml} directly inside {@code dir}, or the file itself when given a file.
     *
     * @throws BadInputException when the path does not exist, holds no report, or a report is not valid XML
     */
    public static Summary read(Path dirOrFile, double slowThresholdSeconds) {
        if (!Files.exists(dirOrFile)) {
            throw new BadInputException(dirOrFile + ": no such file or directory; point at the JUnit XML reports"
                    + " (for Maven: target/surefire-reports)");
        }
        if (!Files.isDirectory(dirOrFile)) {
            return read(List.of(dirOrFile), slowThresholdSeconds);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dirOrFile, REPORT_GLOB)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new BadInputException(dirOrFile + ": cannot list the directory (" + e.getMessage() + ")", e);
        }
        if (files.isEmpty()) {
            throw new BadInputException(dirOrFile + ": no " + REPORT_GLOB + " report in it; run the tests first");
        }
        files.sort(Comparator.naturalOrder());
        return read(files, slowThresholdSeconds);
    }

    /**
     * @throws IllegalArgumentException when the list is empty
     * @throws BadInputException        when a file cannot be read or is not valid XML
     */
    public static Summary read(List<Path> reports, double slowThresholdSeconds) {
        Checks.notEmpty(reports, "JUnit XML reports");
        Checks.nonNegative(slowThresholdSeconds, "slow threshold seconds");
        DocumentBuilder builder = safeBuilder();
        int tests = 0;
        int passed = 0;
        int failed = 0;
        int errors = 0;
        int skipped = 0;
        double total = 0;
        List<Failure> failures = new ArrayList<>();
        List<SlowTest> slow = new ArrayList<>();
        List<String> flaky = new ArrayList<>();
        for (Path file : reports) {
            Document doc = parse(builder, file);
            NodeList cases = doc.getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element tc = (Element) cases.item(i);
                String name = testName(tc);
                double seconds = seconds(tc.getAttribute("time"));
                tests++;
                total += seconds;
                if (seconds > slowThresholdSeconds) {
                    slow.add(new SlowTest(name, seconds));
                }
                Element failure = child(tc, "failure");
                Element error = child(tc, "error");
                if (child(tc, "skipped") != null) {
                    skipped++;
                } else if (failure != null) {
                    failed++;
                    failures.add(new Failure(name, "FAILURE", firstLine(failure), file.getFileName().toString()));
                } else if (error != null) {
                    errors++;
                    failures.add(new Failure(name, "ERROR", firstLine(error), file.getFileName().toString()));
                } else {
                    passed++;
                    if (child(tc, "flakyFailure") != null || child(tc, "flakyError") != null) {
                        flaky.add(name);
                    }
                }
            }
        }
        slow.sort(Comparator.comparingDouble(SlowTest::seconds).reversed().thenComparing(SlowTest::test));
        int ran = tests - skipped;
        return new Summary(reports.size(), tests, passed, failed, errors, skipped, flaky.size(),
                ran == 0 ? null : (double) passed / ran, total, slowThresholdSeconds, List.copyOf(failures),
                List.copyOf(slow), List.copyOf(flaky));
    }

    static DocumentBuilder safeBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser does not support the XXE-safe settings", e);
        }
    }

    private static Document parse(DocumentBuilder builder, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            // The default error handler prints to stderr before throwing; a null handler only throws.
            builder.setErrorHandler(null);
            Document doc = builder.parse(in, file.toUri().toString());
            String root = doc.getDocumentElement().getTagName();
            if (!root.equals("testsuite") && !root.equals("testsuites")) {
                throw new BadInputException(file + ": not a JUnit XML report (root element <" + root
                        + ">, expected <testsuite> or <testsuites>)");
            }
            return doc;
        } catch (SAXException e) {
            throw new BadInputException(file + ": malformed XML (" + OneLine.firstLine(e.getMessage(), "no detail")
                    + "); re-run the tests to regenerate the report", e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read it (" + OneLine.firstLine(e.getMessage(), "no detail") + ")", e);
        } finally {
            builder.reset();
        }
    }

    private static String testName(Element tc) {
        String cls = tc.getAttribute("classname");
        String name = tc.getAttribute("name");
        if (name.isEmpty()) {
            name = "(unnamed)";
        }
        return cls.isEmpty() ? name : cls + "." + name;
    }

    /** The time attribute in seconds; Surefire once wrote thousands separators ("1,234.5"); missing = 0. */
    private static double seconds(String time) {
        if (time == null || time.isBlank()) {
            return 0;
        }
        try {
            double v = Double.parseDouble(time.replace(",", "").trim());
            return Double.isFinite(v) && v > 0 ? v : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Element child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }

    private static String firstLine(Element e) {
        String line = firstNonBlankLine(e.getAttribute("message"));
        if (line == null) {
            line = firstNonBlankLine(e.getTextContent());
        }
        if (line == null) {
            line = e.getAttribute("type").isEmpty() ? "(no message)" : e.getAttribute("type");
        }
        return line;
    }

    private static String firstNonBlankLine(String text) {
        if (text == null) {
            return null;
        }
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return null;
    }
}
