package org.sttbench.exec.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.sttbench.BadInputException;
import org.sttbench.OneLine;
import ws.schild.jave.process.ffmpeg.DefaultFFMPEGLocator;

/**
 * What the worker needs from this machine to run in an empty image: a JRE cut down with jlink, the host
 * libraries it and the natives inside the application's jars link against (found with ldd), and jave's
 * ffmpeg. {@link WorkerImageBuilder} packs them.
 */
final class JreBundle {
    static final List<String> MODULES = List.of(
            "java.base", "java.compiler", "java.datatransfer", "java.desktop", "java.instrument", "java.logging",
            "java.management", "java.naming", "java.net.http", "java.prefs", "java.scripting", "java.security.jgss",
            "java.sql", "java.xml", "jdk.crypto.ec", "jdk.management", "jdk.naming.dns", "jdk.unsupported",
            "jdk.zipfs");
    /** JRE libraries for windows, fonts and images: never loaded by a headless worker, and they pull X11 in. */
    private static final Set<String> SKIPPED_JRE_LIBS = Set.of("libawt_xawt.so", "libsplashscreen.so", "libjawt.so",
            "libfontmanager.so", "libjavajpeg.so", "liblcms.so", "libmlib_image.so");

    private final AppFiles app;
    private final Consumer<String> progress;

    JreBundle(AppFiles app, Consumer<String> progress) {
        this.app = app;
        this.progress = progress;
    }

    /** The host libraries the linked JRE and the application's natives (extracted into {@code natives}) need. */
    Set<Path> hostLibraries(Path jre, Path natives) throws IOException {
        Set<Path> libraries = new TreeSet<>();
        libraries.addAll(sharedLibraryDependencies(jreLibraries(jre)));
        libraries.addAll(sharedLibraryDependencies(nativeLibrariesOnClasspath(natives)));
        return libraries;
    }

    /** jave's ffmpeg for this machine, as jave itself unpacks it; empty when jave is not on the classpath. */
    Optional<Path> bundledFfmpeg() {
        try {
            Path path = Path.of(new DefaultFFMPEGLocator().getExecutablePath());
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            progress.accept("no bundled ffmpeg: compressed audio will not decode in the container (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    static String dockerArchitecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }

    /** The wanted modules the running JDK has (jdk.crypto.ec is gone from newer JDKs). */
    List<String> modules() {
        Set<String> available = ModuleFinder.ofSystem().findAll().stream()
                .map(ModuleReference::descriptor).map(d -> d.name()).collect(Collectors.toSet());
        return MODULES.stream().filter(available::contains).toList();
    }

    /** Links the JRE into {@code output}. */
    void link(Path output) {
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new BadInputException(
                "jlink not found in " + System.getProperty("java.home") + "; run the image build with a JDK 17+, not a JRE"));
        StringWriter log = new StringWriter();
        PrintWriter writer = new PrintWriter(log);
        int code = jlink.run(writer, writer, "--add-modules", String.join(",", modules()), "--output", output.toString(),
                "--strip-debug", "--no-header-files", "--no-man-pages", "--compress=2");
        writer.flush();
        if (code != 0) {
            throw new BadInputException("jlink failed (" + code + "): " + OneLine.firstLine(log.toString(), "")
                    + "; does " + System.getProperty("java.home") + " have a jmods folder?");
        }
    }

    static List<Path> jreLibraries(Path jre) throws IOException {
        try (Stream<Path> files = Files.walk(jre.resolve("lib"))) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".so"))
                    .filter(p -> !SKIPPED_JRE_LIBS.contains(p.getFileName().toString()))
                    .toList();
        }
    }

    /**
     * Native libraries that jars unpack at run time (whisper.cpp, ggml, netty), for this machine's
     * architecture only, extracted so ldd can say what they link against.
     */
    List<Path> nativeLibrariesOnClasspath(Path into) throws IOException {
        List<String> archNames = switch (dockerArchitecture()) {
            case "amd64" -> List.of("amd64", "x86_64", "x86-64");
            case "arm64" -> List.of("arm64", "aarch64");
            default -> List.of(dockerArchitecture());
        };
        List<Path> extracted = new ArrayList<>();
        for (Path entry : app.classpath()) {
            if (!Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
                continue;
            }
            try (ZipFile zip = new ZipFile(entry.toFile())) {
                Enumeration<? extends ZipEntry> all = zip.entries();
                while (all.hasMoreElements()) {
                    ZipEntry e = all.nextElement();
                    String name = e.getName().toLowerCase(Locale.ROOT);
                    boolean linuxLibrary = name.matches(".*\\.so(\\.\\d+)*$") && !name.contains("mac") && !name.contains("win");
                    if (e.isDirectory() || !linuxLibrary || archNames.stream().noneMatch(name::contains)) {
                        continue;
                    }
                    Path target = into.resolve(extracted.size() + "-" + Path.of(e.getName()).getFileName());
                    Files.createDirectories(into);
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, target);
                    }
                    extracted.add(target);
                }
            }
        }
        return extracted;
    }

    /** Host libraries the given objects link against, as ldd resolves them here. */
    static Set<Path> sharedLibraryDependencies(List<Path> objects) throws IOException {
        Set<Path> found = new TreeSet<>();
        for (Path object : objects) {
            Process ldd;
            try {
                ldd = new ProcessBuilder("ldd", object.toString()).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new BadInputException("ldd not found: the image build needs it to find the libraries the JRE needs");
            }
            String out = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                ldd.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            found.addAll(parseLdd(out));
        }
        return found;
    }

    /** Absolute library paths in ldd output; unresolved ("not found") and virtual (vdso) ones are left out. */
    static List<Path> parseLdd(String output) {
        List<Path> paths = new ArrayList<>();
        for (String line : output.split("\\R")) {
            String text = line.strip();
            int arrow = text.indexOf("=>");
            String candidate = arrow >= 0 ? text.substring(arrow + 2).strip() : text;
            int paren = candidate.indexOf(" (");
            if (paren >= 0) {
                candidate = candidate.substring(0, paren);
            }
            if (candidate.startsWith("/") && !candidate.contains(" ")) {
                paths.add(Path.of(candidate));
            }
        }
        return paths;
    }
}
